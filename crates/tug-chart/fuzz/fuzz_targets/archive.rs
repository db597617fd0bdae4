//! Fuzzes the chart archive loader with hostile input: raw bytes (mostly rejected by
//! gzip) and the same bytes gzipped, so that the tar reader, path rules, size limits
//! and Chart.yaml handling see arbitrary tar streams. Nothing may panic.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tug_chart::load_archive(data);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    if gz.write_all(data).is_ok()
        && let Ok(bytes) = gz.finish()
    {
        let _ = tug_chart::load_archive(bytes.as_slice());
    }
});
