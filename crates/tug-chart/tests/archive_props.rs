//! Property tests for the archive loader: archives with arbitrary entry names (absolute,
//! `..`, backslashes, drive letters, empty segments) and contents never make it panic,
//! and every accepted file name is a clean relative path inside the chart.

use std::io::Write;

use proptest::prelude::*;

fn tgz(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut h = tar::Header::new_gnu();
        if let Some(gnu) = h.as_gnu_mut() {
            let n = name.len().min(99);
            gnu.name[..n].copy_from_slice(&name.as_bytes()[..n]);
        }
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        if tar.append(&h, data.as_slice()).is_err() {
            return Vec::new();
        }
    }
    let raw = tar.into_inner().unwrap_or_default();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = gz.write_all(&raw);
    gz.finish().unwrap_or_default()
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("..".to_string()),
        Just(".".to_string()),
        Just(String::new()),
        Just("C:".to_string()),
        Just("Chart.yaml".to_string()),
        "[a-z]{1,6}",
        "[a-z]{1,3}\\\\[a-z]{1,3}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(segment(), 1..5).prop_map(|s| s.join("/"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn hostile_archives_never_escape(entries in prop::collection::vec((name(), prop::collection::vec(any::<u8>(), 0..64)), 0..6)) {
        let bytes = tgz(&entries);
        if let Ok(files) = tug_chart::archive::load_archive_files(bytes.as_slice()) {
            for f in files {
                prop_assert!(!f.name.starts_with('/'), "absolute: {}", f.name);
                prop_assert!(!f.name.split('/').any(|s| s == ".."), "parent: {}", f.name);
                prop_assert!(!f.name.contains('\\'), "backslash: {}", f.name);
                prop_assert_eq!(tug_chart::archive::clean(&f.name), f.name.clone());
            }
        }
        let _ = tug_chart::load_archive(bytes.as_slice());
    }

    #[test]
    fn garbage_is_rejected_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(tug_chart::load_archive(bytes.as_slice()).is_err());
    }
}
