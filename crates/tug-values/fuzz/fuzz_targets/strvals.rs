//! Fuzzes every `--set` flavour: no input may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tug_value::Map;
use tug_values::strvals;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let dest = Map::new();
    let _ = strvals::parse_into(s, &dest);
    let _ = strvals::parse_into_string(s, &dest);
    let _ = strvals::parse_json_into(s, &Map::new());
    let _ = strvals::parse_literal_into(s, &Map::new());
    let _ = tug_values::json::decode(s);
});
