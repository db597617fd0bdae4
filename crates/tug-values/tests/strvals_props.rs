//! Property tests for the `--set` parser: it never panics on arbitrary input, and simple
//! escaped `key=value` pairs round-trip as strings under `--set-string`.

use proptest::prelude::*;
use tug_value::Map;
use tug_values::strvals;

fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if matches!(c, ',' | '=' | '.' | '[' | ']' | '{' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics(s in r"[a-z0-9=,.\[\]{}\\ -]{0,40}") {
        for f in [strvals::parse_into, strvals::parse_into_string, strvals::parse_json_into, strvals::parse_literal_into] {
            let _ = f(&s, &Map::new());
        }
    }

    #[test]
    fn escaped_pairs_round_trip(key in "[a-zA-Z0-9.,=_]{1,12}", value in "[ -~]{0,20}") {
        let m = Map::new();
        let expr = format!("{}={}", escape(&key), escape(&value));
        strvals::parse_into_string(&expr, &m).unwrap();
        let v = m.get(&key);
        prop_assert_eq!(v.as_ref().and_then(|v| v.as_str()), Some(value.as_str()));
    }

    #[test]
    fn integers_become_int64(n in any::<i64>()) {
        let m = strvals::parse(&format!("n={n}")).unwrap();
        let starts_zero = n.to_string().starts_with('0') && n != 0;
        prop_assert!(starts_zero || matches!(m.get("n"), Some(tug_value::Value::Int64(x)) if x == n));
    }
}
