//! Directory loading against the real Helm (`tools/oracle/chart/gen.py ignore`): the
//! fixture `ignore-chart` is an apiVersion v1 chart with `requirements.yaml`, a
//! `.helmignore` (comments, globs, rooted and directory rules), a hidden template, a
//! UTF-8 BOM and a symlink. The golden records `.Files` names, the BOM-stripped length,
//! the symlink's content and the rendered templates.

mod common;

use std::collections::BTreeSet;

use common::*;
use tug_chart::deps::process_dependencies;
use tug_value::Map;

#[test]
fn ignore_rules_bom_symlink_and_v1_requirements_match_helm() {
    let golden = golden("ignore.json");
    let files = golden
        .get("files")
        .and_then(|f| f.as_map().cloned())
        .unwrap_or_default();
    let mut chart =
        tug_chart::load(&crate_dir().join("tests/fixtures/ignore-chart")).expect("load");
    process_dependencies(&mut chart, &Map::new(), &mut |_| {}).expect("deps");

    let mut names: Vec<&str> = chart.files.iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    let get = |n: &str| {
        chart
            .files
            .iter()
            .find(|f| f.name == n)
            .map(|f| f.text())
            .unwrap_or_default()
    };
    let bom_len = chart
        .files
        .iter()
        .find(|f| f.name == "bom.txt")
        .map_or(0, |f| f.data.len());
    let ours = format!(
        "# files: {} \n# bom: {bom_len}\n# link: {}",
        names.join(" "),
        get("link.txt").trim()
    );
    assert_eq!(ours, s(&files.get("ignore-chart/templates/files.yaml")));

    let mut rendered = BTreeSet::new();
    for t in &chart.templates {
        rendered.insert(format!("ignore-chart/{}", t.name));
    }
    for d in &chart.dependencies {
        for t in &d.templates {
            rendered.insert(format!("ignore-chart/charts/{}/{}", d.name(), t.name));
        }
    }
    rendered.retain(|p| !p.rsplit('/').next().unwrap_or("").starts_with('_'));
    let want: BTreeSet<String> = files.keys().iter().map(|k| k.to_string()).collect();
    assert_eq!(rendered, want);
}
