//! Runs every oracle case in `tests/fmt/cases.json` (recorded from Helm v4.2.3 by
//! `tools/oracle/fmt/gen.py`) through tug's `fmt` port.
//!
//! Each case is one `printf` (→ [`sprintf`]), `print` (→ [`sprint`]), `println`
//! (→ [`sprintln`]) or plain action `{{ x }}` (→ [`format_value`]) with typed operands;
//! `json` cases are `toJson` of a float64 (→ [`format_float_json`]);
//! `float32` cases are Chart.yaml `appVersion` floats, which Helm formats with
//! `FormatFloat(x, 'g', -1, 32)` (→ [`format_float32`]).

use std::collections::BTreeMap;

use serde_json::Value as Json;
use tug_value::fmt::{format_float_json, format_float32, format_value, sprint, sprintf, sprintln};
use tug_value::{ElemType, List, Map, Str, Value};

/// Builds the Go value a typed operand such as `{"int64": 5}` stands for.
fn to_value(arg: &Json) -> Value {
    let obj = arg.as_object().expect("typed operand");
    let (kind, v) = obj.iter().next().expect("one key");
    match kind.as_str() {
        "int" => Value::Int(v.as_i64().expect("int")),
        "int64" => Value::Int64(v.as_i64().expect("int64")),
        "float64" => Value::Float(match v {
            Json::String(s) => match s.as_str() {
                "NaN" => f64::NAN,
                "+Inf" => f64::INFINITY,
                "-Inf" => f64::NEG_INFINITY,
                other => other.parse().expect("float"),
            },
            n => n.as_f64().expect("float"),
        }),
        "string" => Value::from(v.as_str().expect("string")),
        "bool" => Value::Bool(v.as_bool().expect("bool")),
        "nil" => Value::Nil,
        "bytes" => {
            let bytes: Vec<u8> = v
                .as_array()
                .expect("bytes")
                .iter()
                .map(|b| u8::try_from(b.as_u64().expect("byte")).expect("byte"))
                .collect();
            Value::Bytes(bytes.into())
        }
        "list" => Value::list(v.as_array().expect("list").iter().map(to_value).collect()),
        "strings" => {
            let items = v.as_array().expect("strings");
            let items = items
                .iter()
                .map(|s| Value::from(s.as_str().expect("str")))
                .collect();
            Value::List(List::typed(ElemType::String, items))
        }
        "until" => {
            let items = (0..v.as_i64().expect("n")).map(Value::Int).collect();
            Value::List(List::typed(ElemType::Int, items))
        }
        "map" => {
            let entries: BTreeMap<Str, Value> = v
                .as_object()
                .expect("map")
                .iter()
                .map(|(k, v)| (Str::from(k.as_str()), to_value(v)))
                .collect();
            Value::Map(Map::from_entries(entries))
        }
        other => panic!("unknown operand kind {other}"),
    }
}

fn run(case: &Json) -> String {
    let args: Vec<Value> = case["args"]
        .as_array()
        .expect("args")
        .iter()
        .map(to_value)
        .collect();
    match case["kind"].as_str().expect("kind") {
        "sprintf" => sprintf(case["format"].as_str().expect("format"), &args),
        "sprint" => sprint(&args),
        "sprintln" => sprintln(&args),
        "value" => format_value(&args[0]),
        "json" => match &args[0] {
            Value::Float(x) => format_float_json(*x).expect("finite"),
            other => panic!("json case needs a float64 operand, got {other:?}"),
        },
        "float32" => match &args[0] {
            Value::Float(x) => format_float32(*x as f32),
            other => panic!("float32 case needs a float64 operand, got {other:?}"),
        },
        other => panic!("unknown case kind {other}"),
    }
}

#[test]
fn every_oracle_case_matches_helm() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fmt/cases.json"))
            .expect("cases.json");
    let cases: Vec<Json> = serde_json::from_str(&text).expect("valid JSON");
    assert!(cases.len() >= 300, "expected at least 300 cases");
    let mut failures = Vec::new();
    for case in &cases {
        let got = run(case);
        let want = case["output"].as_str().expect("output");
        if got != want {
            failures.push(format!(
                "{}: {}\n   want {want:?}\n    got {got:?}",
                case["name"].as_str().unwrap_or("?"),
                case["template"].as_str().unwrap_or("?"),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
