//! `--set` family parsing and typing against goldens recorded from the real Helm
//! (`tools/oracle/chart/gen.py strvals`): each case holds the flags and either Helm's
//! error message or a typed dump of `.Values` (`%T(%v)` of every leaf).

use tug_value::{Map, Value};
use tug_values::options::{ValueOptions, ValueSource};
use tug_values::{ChartNode, coalesce_values};

struct NoFiles;

impl ValueSource for NoFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        Err(format!("open {path}: no such file or directory"))
    }
    fn load_values(&self, _: &[u8]) -> Result<Map, String> {
        Err("no values files in this test".into())
    }
}

struct EmptyChart(Map);

impl ChartNode for EmptyChart {
    fn name(&self) -> &str {
        "sv"
    }
    fn values(&self) -> &Map {
        &self.0
    }
    fn dependencies(&self) -> Vec<&dyn ChartNode> {
        Vec::new()
    }
}

/// The generator's `t` template: `{k:dump }`, `[dump ]`, `%T(%v)`.
fn dump(v: &Value) -> String {
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

fn options(args: &[Value]) -> ValueOptions {
    let mut o = ValueOptions::default();
    for pair in args.chunks(2) {
        let (flag, val) = (
            pair[0].as_str().unwrap_or(""),
            pair[1].as_str().unwrap_or("").to_string(),
        );
        match flag {
            "--set" => o.values.push(val),
            "--set-string" => o.string_values.push(val),
            "--set-json" => o.json_values.push(val),
            "--set-literal" => o.literal_values.push(val),
            "--set-file" => o.file_values.push(val),
            other => panic!("unknown flag {other}"),
        }
    }
    o
}

#[test]
fn strvals_match_helm() {
    let text = include_str!("golden/strvals.json");
    let cases = tug_values::json::decode(text).expect("golden JSON");
    let cases = cases.as_list().expect("a list of cases");
    let mut failures = Vec::new();
    for case in cases.items() {
        let case = case.as_map().expect("case map");
        let args = case
            .get("args")
            .and_then(|a| a.as_list().cloned())
            .expect("args");
        let opts = options(args.items());
        let got = opts
            .merge_values(&NoFiles)
            .and_then(|user| coalesce_values(&EmptyChart(Map::new()), &user, &mut |_| {}))
            .map(|m| dump(&Value::Map(m)));
        let want = match (case.get("values"), case.get("error")) {
            (Some(v), _) => Ok(v.as_str().unwrap_or("").to_string()),
            (_, Some(e)) => Err(e.as_str().unwrap_or("").to_string()),
            _ => panic!("case without outcome"),
        };
        let got = got.map_err(|e| e.to_string());
        if got != want {
            failures.push(format!("{:?}\n   got: {got:?}\n  want: {want:?}", opts));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(cases.len() >= 40);
}
