//! Round-trip properties: whatever `to_string` emits, `from_str` reads back as the same
//! value (Helm's typing: every number a float64), and the JSON encoder/decoder agree.

use proptest::prelude::*;
use tug_value::{List, Map, Value};

/// Go-level equality of loaded values (floats by value, maps by sorted entries).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.items().iter().zip(y.items()).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            let (ex, ey) = (x.entries(), y.entries());
            ex.len() == ey.len()
                && ex
                    .iter()
                    .zip(&ey)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && same(v1, v2))
        }
        _ => false,
    }
}

/// Text without the characters the JSON step refuses or folds (covered by goldens).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,12}",
        "[a-z0-9 :#'\"\\-\\n\\t]{0,40}",
        "\\PC{0,20}",
        Just("yes".to_string()),
        Just("0755".to_string()),
        Just("1e3".to_string()),
        Just("2006-01-02".to_string()),
        Just(" lead\n\ntrail \n".to_string()),
        Just("😀 x".to_string()),
        "(word ){10,30}",
    ]
    .prop_filter("reader-refused characters", |s| {
        !s.chars().any(|c| {
            let v = c as u32;
            (0x7F..=0x9F).contains(&v) || v == 0xFFFE || v == 0xFFFF
        })
    })
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Nil),
        any::<bool>().prop_map(Value::Bool),
        (-1e6f64..1e6).prop_map(Value::Float),
        any::<i32>().prop_map(|i| Value::Float(f64::from(i))),
        prop::num::f64::NORMAL.prop_map(Value::Float),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| Value::List(List::new(v))),
            // A `<<` key is emitted plain and reads back as a merge key, in Helm too.
            prop::collection::btree_map(
                text().prop_filter("merge key", |k| k != "<<"),
                inner,
                0..6
            )
            .prop_map(|m| {
                Value::Map(m.into_iter().map(|(k, v)| (k.into(), v)).collect::<Map>())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn yaml_emit_then_load_is_identity(v in value()) {
        let doc = Value::Map([("v".into(), v.clone())].into_iter().collect::<Map>());
        let text = tug_yaml::to_string(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = tug_yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(same(&doc, &back), "emitted:\n{}\nloaded: {:?}", text, back);
        let again = tug_yaml::to_string(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(text, again);
    }

    #[test]
    fn json_emit_then_load_is_identity(v in value(), html in any::<bool>(), pretty in any::<bool>()) {
        let text = if pretty {
            tug_yaml::json::to_string_pretty(&v, html)
        } else {
            tug_yaml::json::to_string(&v, html)
        };
        let text = text.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = tug_yaml::json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(same(&v, &back), "json: {}", text);
    }

    #[test]
    fn loader_never_panics(src in "[ -~\\n\\t]{0,80}") {
        let _ = tug_yaml::from_str(&src);
        let _ = tug_yaml::from_str_documents(&src);
    }
}

/// YAML-shaped token soup: reaches scanner corners random text rarely does.
fn soup() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        ": ",
        " ",
        "  ",
        "\n",
        "- ",
        "? ",
        "!",
        "!t",
        "!!str",
        "!<x>",
        "&a",
        "*a",
        "'",
        "\"",
        "\\",
        "#",
        "|",
        ">",
        "|-",
        ">+2",
        "-",
        "x",
        "1",
        "---",
        "...",
        "%YAML 1.1\n",
        "%TAG ! x\n",
        "\t",
        "\r",
        "yes",
        "<<",
        "\u{85}",
        "é",
        "😀",
        "%",
        "\\x",
        "\\u12",
        "@",
    ]);
    prop::collection::vec(tokens, 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn loader_survives_token_soup(src in soup()) {
        if let Ok(v) = tug_yaml::from_str(&src)
            && let Ok(text) = tug_yaml::to_string(&v)
        {
            let back = match tug_yaml::from_str(&text) {
                Ok(back) => back,
                // The conservative guard against libyaml-safer's flow-tag panic also
                // refuses quoted text such as "{!x,"; accepted, documented limitation.
                Err(e) if e.to_string().ends_with("did not find expected whitespace or line break")
                    && text.contains('!') => return Ok(()),
                Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
            };
            prop_assert!(same(&v, &back), "emitted:\n{}", text);
            let _ = tug_yaml::to_string_pretty(&v);
            let _ = tug_yaml::toml::to_string(&v);
        }
        let _ = tug_yaml::from_str_documents(&src);
    }
}
