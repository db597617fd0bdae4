//! Fuzz the lexer and parser: any input must parse or fail with an error, never
//! panic or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tug_template::Templates;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = Templates::new();
    let _ = set.parse("fuzz.yaml", text);
});
