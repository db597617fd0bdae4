//! Dependency processing and coalescing against the real Helm
//! (`tools/oracle/chart/gen.py deps`): the fixture `deps-umbrella` (conditions, tags,
//! aliases of one chart, both `import-values` forms, a nested subchart, an archived
//! subchart, globals, multi-document values) under several value sets. For every chart
//! Helm renders, the golden holds a typed dump of its `.Values`; we reproduce the set of
//! charts and each scope's values, plus Helm's warnings.

mod common;

use std::collections::BTreeMap;

use common::*;
use tug_chart::Chart;
use tug_chart::prepare::{PrepareOptions, prepare};
use tug_value::{Map, Value};

/// Path → dump for the chart and its subcharts, scoped like Helm's engine; charts with
/// a `templates/chart.yaml` also show their `.Chart` map as `toJson` prints it.
fn scopes(c: &Chart, path: &str, vals: &Map, out: &mut BTreeMap<String, String>) {
    for t in &c.templates {
        let key = format!("{path}/{}", t.name);
        match t.name.as_str() {
            "templates/values.yaml" => {
                out.insert(key, dump(&Value::Map(vals.clone())));
            }
            "templates/chart.yaml" => {
                let json = tug_yaml::json::to_string(&c.chart_map(!path.contains('/')), true)
                    .unwrap_or_default();
                out.insert(key, json);
            }
            _ => {}
        }
    }
    for d in &c.dependencies {
        let sub = match vals.get(d.name()) {
            Some(Value::Map(m)) => m,
            _ => Map::new(),
        };
        scopes(d, &format!("{path}/charts/{}", d.name()), &sub, out);
    }
}

fn run(args: &[String]) -> Result<(BTreeMap<String, String>, Vec<String>), String> {
    let mut chart = tug_chart::load(&crate_dir().join("tests/fixtures/deps-umbrella"))
        .map_err(|e| e.to_string())?;
    let user = options(args)
        .merge_values(&Disk)
        .map_err(|e| unvalues(e.to_string()))?;
    let mut warnings = Vec::new();
    let opts = PrepareOptions::default();
    let vals =
        prepare(&mut chart, &user, &opts, &mut |w| warnings.push(w)).map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    scopes(&chart, chart.name(), &vals, &mut out);
    warnings.sort();
    warnings.dedup();
    Ok((out, warnings))
}

#[test]
fn dependency_cases_match_helm() {
    let cases = golden("deps.json");
    let mut failures = Vec::new();
    for (name, case) in cases.entries() {
        let case = case.as_map().cloned().unwrap_or_default();
        let args = strings(&case.get("args"));
        let got = run(&args);
        match (got, case.get("error")) {
            (Err(e), Some(want)) if e == s(&Some(want.clone())) => {}
            (Ok((files, warnings)), None) => {
                let want: BTreeMap<String, String> = case
                    .get("files")
                    .and_then(|f| f.as_map().cloned())
                    .unwrap_or_default()
                    .entries()
                    .into_iter()
                    // tug keeps an empty typed map for absent annotations (see chart_map).
                    .map(|(k, v)| {
                        let v = v
                            .as_str()
                            .unwrap_or("")
                            .replace("\"Annotations\":null", "\"Annotations\":{}");
                        (k.to_string(), v)
                    })
                    .collect();
                let mut want_warnings = strings(&case.get("warnings"));
                want_warnings.sort();
                want_warnings.dedup();
                if files != want {
                    failures.push(format!(
                        "{name}: values differ\n got: {files:#?}\nwant: {want:#?}"
                    ));
                } else if warnings != want_warnings {
                    failures.push(format!(
                        "{name}: warnings {warnings:?} != {want_warnings:?}"
                    ));
                }
            }
            (got, want) => {
                failures.push(format!("{name}: got {:?}, want error {want:?}", got.err()))
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 8);
}
