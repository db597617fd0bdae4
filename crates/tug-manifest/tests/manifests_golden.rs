//! `helm template` output shaping against the real Helm
//! (`tools/oracle/chart/gen.py manifests`). The fixture chart's templates are static
//! text, so its render map is the files themselves; sorting, hooks (kinds, weights,
//! unknown events, tests), NOTES removal, `--show-only`, `--skip-tests`, `--no-hooks`,
//! `--include-crds` and `--output-dir` (with and without `--release-name`) are compared
//! with Helm's stdout and written files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tug_manifest::output::{
    CrdFile, ManifestOptions, OutputDirOptions, TemplateOptions, extract_notes, release_manifest,
    template_stdout, write_output_dir,
};
use tug_manifest::{INSTALL_ORDER, sort_manifests};
use tug_value::Value;

const CHART: &str = "manifest-chart";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/manifest-chart")
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.flatten().collect())
        .unwrap_or_default();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if e.path().is_dir() {
            walk(&e.path(), &rel, out);
        } else {
            out.push((rel, std::fs::read_to_string(e.path()).unwrap_or_default()));
        }
    }
}

/// The render map: every template file (static text) under its full path.
fn render_map() -> BTreeMap<String, String> {
    let mut files = Vec::new();
    walk(&fixture(), "", &mut files);
    files
        .into_iter()
        .filter(|(p, _)| p.starts_with("templates/") || p.starts_with("charts/sub/templates/"))
        .filter(|(p, _)| !p.rsplit('/').next().unwrap_or("").starts_with('_'))
        .map(|(p, c)| (format!("{CHART}/{p}"), c))
        .collect()
}

fn crds() -> Vec<CrdFile> {
    let mut files = Vec::new();
    walk(&fixture(), "", &mut files);
    let is_crd = |p: &str, prefix: &str| {
        p.strip_prefix(prefix).is_some_and(|r| !r.contains('/'))
            && [".yaml", ".yml", ".json"].iter().any(|e| p.ends_with(e))
    };
    let mut out: Vec<CrdFile> = files
        .iter()
        .filter(|(p, _)| is_crd(p, "crds/"))
        .map(|(p, c)| CrdFile {
            filename: format!("{CHART}/{p}"),
            content: c.clone(),
        })
        .collect();
    out.extend(
        files
            .iter()
            .filter(|(p, _)| is_crd(p, "charts/sub/crds/"))
            .map(|(p, c)| CrdFile {
                filename: format!("{CHART}/{p}"),
                content: c.clone(),
            }),
    );
    out
}

struct Outcome {
    stdout: String,
    error: Option<String>,
    tree: BTreeMap<String, String>,
}

fn run(args: &[String]) -> Outcome {
    let mut topts = TemplateOptions::default();
    let mut mopts = ManifestOptions::default();
    let mut out_dir = false;
    let mut release_name = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--show-only" => topts.show_only.push(it.next().cloned().unwrap_or_default()),
            "--skip-tests" => topts.skip_tests = true,
            "--no-hooks" => topts.no_hooks = true,
            "--include-crds" => mopts.include_crds = true,
            "--output-dir" => {
                out_dir = true;
                it.next();
            }
            "--release-name" => release_name = true,
            other => panic!("unknown flag {other}"),
        }
    }
    let mut files = render_map();
    extract_notes(&mut files, CHART, false);
    let sorted = sort_manifests(&files, INSTALL_ORDER).expect("sort");
    let crds = crds();
    if out_dir {
        let tmp = std::env::temp_dir().join(format!(
            "tug-manifest-out-{}-{release_name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&tmp);
        let opts = OutputDirOptions {
            include_crds: mopts.include_crds,
            no_hooks: topts.no_hooks,
            skip_tests: topts.skip_tests,
            release_name: release_name.then(|| "x".to_string()),
        };
        let log =
            write_output_dir(&tmp, &crds, &sorted.manifests, &sorted.hooks, &opts).expect("write");
        let mut tree = Vec::new();
        walk(&tmp, "", &mut tree);
        let _ = std::fs::remove_dir_all(&tmp);
        let root = tmp.display().to_string();
        let stdout: String = log
            .iter()
            .map(|l| format!("{}\n", l.replace(&root, "OUT")))
            .collect::<String>()
            + "\n";
        return Outcome {
            stdout,
            error: None,
            tree: tree.into_iter().collect(),
        };
    }
    let manifest = release_manifest(&sorted.manifests, &crds, &mopts);
    match template_stdout(&manifest, &sorted.hooks, &topts) {
        Ok(stdout) => Outcome {
            stdout,
            error: None,
            tree: BTreeMap::new(),
        },
        Err(e) => Outcome {
            stdout: String::new(),
            error: Some(e.to_string()),
            tree: BTreeMap::new(),
        },
    }
}

fn text(v: Option<Value>) -> String {
    v.and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[test]
fn template_output_matches_helm() {
    let golden = tug_values::json::decode(include_str!("golden/manifests.json")).expect("golden");
    let golden = golden.as_map().expect("object");
    let mut failures = Vec::new();
    for (name, case) in golden.entries() {
        let case = case.as_map().cloned().unwrap_or_default();
        let args: Vec<String> = case
            .get("args")
            .and_then(|a| a.as_list().cloned())
            .map(|l| {
                l.items()
                    .iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let got = run(&args);
        let want_tree: BTreeMap<String, String> = case
            .get("tree")
            .and_then(|t| t.as_map().cloned())
            .map(|m| {
                m.entries()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), text(Some(v))))
                    .collect()
            })
            .unwrap_or_default();
        let want_error = case.get("error").map(|e| text(Some(e)));
        if got.error != want_error {
            failures.push(format!("{name}: error {:?} != {want_error:?}", got.error));
        } else if want_error.is_none() && got.stdout != text(case.get("stdout")) {
            failures.push(format!(
                "{name}: stdout differs:\n{}\n--- want ---\n{}",
                got.stdout,
                text(case.get("stdout"))
            ));
        } else if got.tree != want_tree {
            failures.push(format!(
                "{name}: output tree differs: {:#?}\nwant {want_tree:#?}",
                got.tree
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(golden.len() >= 9);
}
