//! Shared helpers of the tug-chart integration tests: golden loading, the typed value
//! dump used by the oracle fixtures (`%T(%v)` of every leaf), value flags.

#![allow(dead_code, unused_imports)]

use std::path::PathBuf;

use tug_value::{Map, Value};
use tug_values::options::ValueOptions;

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn golden(name: &str) -> Map {
    let text =
        std::fs::read_to_string(crate_dir().join("tests/golden").join(name)).expect("golden file");
    tug_values::json::decode(&text)
        .ok()
        .and_then(|v| v.as_map().cloned())
        .expect("golden JSON object")
}

pub fn s(v: &Option<Value>) -> String {
    v.as_ref()
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

pub fn strings(v: &Option<Value>) -> Vec<String> {
    v.as_ref()
        .and_then(|v| v.as_list().cloned())
        .map(|l| {
            l.items()
                .iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The generator's `t` template.
pub fn dump(v: &Value) -> String {
    match v {
        Value::Map(m) => {
            let inner: String = m
                .entries()
                .iter()
                .map(|(k, v)| format!("{k}:{} ", dump(v)))
                .collect();
            format!("{{{inner}}}")
        }
        Value::List(l) => {
            let inner: String = l.items().iter().map(|v| format!("{} ", dump(v))).collect();
            format!("[{inner}]")
        }
        Value::Nil => "<nil>(<nil>)".into(),
        Value::Float(f) => format!("float64({})", tug_value::fmt::format_float(*f, 'g', -1, 64)),
        Value::Int64(i) => format!("int64({i})"),
        Value::Bool(b) => format!("bool({b})"),
        Value::String(s) => format!("string({s})"),
        other => format!("{}(?)", other.type_name()),
    }
}

/// Reads `-f` / `--set-file` files from disk like the CLI does.
pub use tug_chart::loader::FileValueSource as Disk;

/// Maps the absolute test values directory back to the goldens' `VALUES/`.
pub fn unvalues(msg: String) -> String {
    msg.replace(
        &format!("{}/", crate_dir().join("tests/values").display()),
        "VALUES/",
    )
}

pub fn options(args: &[String]) -> ValueOptions {
    let mut o = ValueOptions::default();
    let values_dir = crate_dir().join("tests/values");
    for pair in args.chunks(2) {
        let val = pair[1].replace("VALUES/", &format!("{}/", values_dir.display()));
        match pair[0].as_str() {
            "--set" => o.values.push(val),
            "--set-string" => o.string_values.push(val),
            "--set-json" => o.json_values.push(val),
            "-f" => o.value_files.push(val),
            "--set-file" => o.file_values.push(val),
            other => panic!("unknown flag {other}"),
        }
    }
    o
}
