//! Fuzzes the constraint and version parsers: no input may panic, parsed versions
//! round-trip through their canonical form, and checking a parsed constraint against
//! a spread of versions never panics.
//!
//! Run: `cd crates/tug-semver/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run constraints`
#![no_main]

use libfuzzer_sys::fuzz_target;
use tug_semver::{Constraints, Version};

const PROBES: &[&str] = &["0.0.0", "1.2.3", "1.2.3-alpha.1", "v2", "10.20.30+build", "0.0.1-0"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(v) = Version::parse(text) {
        let again = Version::parse(&v.to_string()).expect("canonical form parses");
        assert_eq!(again, v);
        assert_eq!(again.to_string(), v.to_string());
    }
    if let Ok(c) = Constraints::parse(text) {
        for p in PROBES {
            if let Ok(v) = Version::parse(p) {
                let _ = c.matches(&v);
            }
        }
        let _ = c.to_string();
    }
});
