//! `Chart.yaml` decoding, typing and validation against the real Helm
//! (`tools/oracle/chart/gen.py chartyaml`): each case is a `Chart.yaml` text and either
//! Helm's error or the `.Chart` map as `toJson` prints it.

mod common;

use common::*;
use tug_chart::deps::{check_dependencies, check_installable};
use tug_chart::prepare::check_kube_version;

fn run(chart_yaml: &str) -> Result<String, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let c = dir.path().join("c");
    std::fs::create_dir_all(c.join("templates")).map_err(|e| e.to_string())?;
    std::fs::write(c.join("Chart.yaml"), chart_yaml).map_err(|e| e.to_string())?;
    std::fs::write(c.join("templates/c.yaml"), "{{ toJson .Chart }}\n")
        .map_err(|e| e.to_string())?;
    let chart = tug_chart::load(&c)
        .map_err(|e| e.to_string().replace(&c.display().to_string(), "CHART"))?;
    check_installable(&chart).map_err(|e| e.to_string())?;
    check_dependencies(&chart).map_err(|e| e.to_string())?;
    check_kube_version(&chart, "v1.36.0").map_err(|e| e.to_string())?;
    tug_yaml::json::to_string(&chart.chart_map(true), true).map_err(|e| e.to_string())
}

#[test]
fn chart_yaml_cases_match_helm() {
    let cases = golden("chartyaml.json");
    let mut failures = Vec::new();
    for (name, case) in cases.entries() {
        let case = case.as_map().cloned().unwrap_or_default();
        let got = run(&s(&case.get("chart_yaml")));
        let want = match case.get("error") {
            // `helm template` appends this hint to pre-render errors; it is the CLI's.
            Some(e) => {
                Err(s(&Some(e)).replace("\n\nUse --debug flag to render out invalid YAML", ""))
            }
            // tug keeps an empty typed map where Helm has a nil map[string]string for
            // absent annotations (so that `index`/`range` behave); toJson differs.
            None => Ok(s(&case.get("chart")).replace("\"Annotations\":null", "\"Annotations\":{}")),
        };
        if got != want {
            failures.push(format!("{name}:\n   got: {got:?}\n  want: {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 20);
}
