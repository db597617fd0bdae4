//! Every chart of the shared corpus must load; with each case's values, dependency
//! processing must keep exactly the charts whose templates Helm rendered (the keys of
//! the golden render map `golden/<chart>/<case>.json`).
//!
//! The corpus directory comes from `TUG_CORPUS` (default `../../../shared/corpus`
//! relative to this crate); the test prints a notice and passes when it is absent.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::Disk;
use tug_chart::Chart;
use tug_chart::deps::{check_dependencies, process_dependencies};
use tug_values::ValueOptions;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("TUG_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    dir.join("charts").is_dir().then_some(dir)
}

fn sorted_dirs(p: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(p)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Template paths Helm renders for a processed chart tree (partials excluded, library
/// charts contribute none).
fn rendered_paths(c: &Chart, prefix: &str, out: &mut BTreeSet<String>) {
    if !c.is_library() {
        for t in &c.templates {
            let base = t.name.rsplit('/').next().unwrap_or("");
            if !base.starts_with('_') {
                out.insert(format!("{prefix}/{}", t.name));
            }
        }
    }
    for d in &c.dependencies {
        rendered_paths(d, &format!("{prefix}/charts/{}", d.name()), out);
    }
}

fn golden_paths(path: &Path) -> Option<BTreeSet<String>> {
    let v = tug_values::json::decode(&std::fs::read_to_string(path).ok()?).ok()?;
    let m = v.as_map()?;
    if m.contains_key("__error__") {
        return None;
    }
    Some(m.keys().iter().map(|k| k.to_string()).collect())
}

/// Outcome of one case.
enum Case {
    Same,
    /// Helm failed this case (nothing to compare).
    HelmError,
    /// This copy of the corpus lacks vendored dependencies that the golden rendered
    /// (Helm refuses such a copy with the same message).
    Incomplete(String),
}

fn check_case(chart_dir: &Path, values: &Path, golden: &Path) -> Result<Case, String> {
    let Some(want) = golden_paths(golden) else {
        return Ok(Case::HelmError);
    };
    let mut chart = tug_chart::load(chart_dir).map_err(|e| e.to_string())?;
    if let Err(e) = check_dependencies(&chart) {
        return Ok(Case::Incomplete(e.to_string()));
    }
    let opts = ValueOptions {
        value_files: vec![values.display().to_string()],
        ..Default::default()
    };
    let user = opts.merge_values(&Disk).map_err(|e| e.to_string())?;
    process_dependencies(&mut chart, &user, &mut |_| {}).map_err(|e| e.to_string())?;
    let mut got = BTreeSet::new();
    let root = chart.name().to_string();
    rendered_paths(&chart, &root, &mut got);
    if got != want {
        let extra: Vec<_> = got.difference(&want).take(3).collect();
        let missing: Vec<_> = want.difference(&got).take(3).collect();
        return Err(format!(
            "template set differs: extra {extra:?}, missing {missing:?}"
        ));
    }
    Ok(Case::Same)
}

#[test]
fn corpus_charts_load_and_process_like_helm() {
    let Some(dir) = corpus() else {
        eprintln!("corpus not found (set TUG_CORPUS); skipping");
        return;
    };
    let index = std::fs::read_to_string(dir.join("golden/index.json")).unwrap_or_default();
    let index = tug_values::json::decode(&index)
        .ok()
        .and_then(|v| v.as_map().cloned())
        .unwrap_or_default();
    let helm_load_error = |key: &str| -> Option<String> {
        let e = index
            .get(&format!("{key}/default"))?
            .as_map()?
            .get("error")?;
        let e = e.as_map()?;
        (e.get("type")?.as_str()? == "HelmChartLoadError")
            .then(|| e.get("message")?.as_str().map(String::from))?
    };
    let (mut loaded, mut cases, mut failures, mut notices) = (0, 0, Vec::new(), Vec::new());
    for chart_dir in sorted_dirs(&dir.join("charts")) {
        let key = chart_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match tug_chart::load(&chart_dir) {
            Ok(_) => loaded += 1,
            Err(e) if Some(e.to_string()) == helm_load_error(&key) => {
                notices.push(format!("{key}: refused like Helm: {e}"));
                continue;
            }
            Err(e) => {
                failures.push(format!("{key}: load failed: {e}"));
                continue;
            }
        }
        for values in sorted_dirs(&dir.join("cases").join(&key)) {
            let fname = values
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(case) = fname.strip_suffix(".values.yaml") else {
                continue;
            };
            let golden = dir.join("golden").join(&key).join(format!("{case}.json"));
            match check_case(&chart_dir, &values, &golden) {
                Ok(Case::Same) => cases += 1,
                Ok(Case::HelmError) => {}
                Ok(Case::Incomplete(e)) => {
                    notices.push(format!("{key}/{case}: corpus copy incomplete: {e}"))
                }
                Err(e) => failures.push(format!("{key}/{case}: {e}")),
            }
        }
    }
    eprintln!("corpus: {loaded} charts loaded, {cases} cases with Helm's template set");
    for n in &notices {
        eprintln!("  notice: {n}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(loaded > 0);
}
