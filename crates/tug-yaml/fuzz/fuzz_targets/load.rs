//! Loader fuzzing: no input may panic; whatever loads must emit, and the emitted text
//! must load back to the same value (the round-trip property).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = tug_yaml::from_str_keep_ints(src);
    let _ = tug_yaml::from_str_documents(src);
    let _ = tug_yaml::json::from_str(src);
    let _ = tug_yaml::toml::from_str(src);
    let Ok(v) = tug_yaml::from_str(src) else {
        return;
    };
    // Text the JSON step refuses (e.g. "\x7f" from an escape) is a legitimate error.
    let Ok(text) = tug_yaml::to_string(&v) else {
        return;
    };
    let back = match tug_yaml::from_str(&text) {
        Ok(back) => back,
        Err(e) if common::accepted_reload_failure(&text, &e) => return,
        Err(e) => panic!("{e}\n{text}"),
    };
    // NEL folds to a space in the JSON step and a `<<` key reads back as a merge key
    // (both as in Helm); otherwise values survive.
    if !format!("{v:?}").contains("\\u{85}") && !text.contains("<<") {
        assert!(
            common::same(&v, &back),
            "emitted:\n{text}\nfrom {v:?}\nloaded {back:?}"
        );
    }
    if !text.contains("<<") {
        let again = tug_yaml::to_string(&back).expect("re-emit");
        assert_eq!(text, again, "emitting is not idempotent");
    }
    let json = tug_yaml::json::to_string(&v, true).expect("json of loaded value");
    let jback = tug_yaml::json::from_str(&json).expect("json reload");
    assert!(common::same(&v, &jback), "{json}");
    let _ = tug_yaml::toml::to_string(&v);
    let _ = tug_yaml::to_string_pretty(&v);
});
