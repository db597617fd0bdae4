//! Chart archives against the real Helm (`tools/oracle/chart/gen.py archives`): hostile
//! archives (absolute paths, `..`, drive letters, oversized files, truncated gzip, not
//! gzip …) are built here at run time from the entry lists stored in the golden, loaded
//! with [`tug_chart::load`], and the outcome compared with Helm's message or the set of
//! rendered templates. The detailed reasons behind Helm's terse
//! `unable to load chart archive` are checked too.

mod common;

use std::io::Write;

use common::*;
use tug_value::Value;

const CHART_YAML: &[u8] = b"apiVersion: v2\nname: arc\nversion: 0.1.0\n";
const TPL: &[u8] = b"kind: ConfigMap\n";

fn entry_bytes(spec: &str) -> Vec<u8> {
    match spec.split_once(':') {
        Some(("z", n)) => vec![0; n.parse().unwrap_or(0)],
        Some(("t", "chart")) => CHART_YAML.to_vec(),
        Some(("t", "tpl")) => TPL.to_vec(),
        Some(("t", "bomchart")) => [b"\xEF\xBB\xBF".as_slice(), CHART_YAML].concat(),
        _ => panic!("bad spec {spec}"),
    }
}

/// A gzipped GNU tar with raw (unsanitised) entry names.
fn tgz(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, data) in entries {
        let mut h = tar::Header::new_gnu();
        if let Some(gnu) = h.as_gnu_mut() {
            gnu.name[..name.len()].copy_from_slice(name.as_bytes());
        }
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_cksum();
        tar.append(&h, data.as_slice()).expect("append");
    }
    let raw = tar.into_inner().expect("tar");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&raw).expect("gzip");
    gz.finish().expect("gzip")
}

fn entries_of(v: &Option<Value>) -> Vec<(String, Vec<u8>)> {
    v.as_ref()
        .and_then(|v| v.as_list().cloned())
        .map(|l| {
            l.items()
                .iter()
                .map(|e| {
                    let pair = strings(&Some(e.clone()));
                    (pair[0].clone(), entry_bytes(&pair[1]))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn raw_bytes(spec: &str, cases: &tug_value::Map) -> Vec<u8> {
    let (kind, arg) = spec.split_once(':').unwrap_or((spec, ""));
    match kind {
        "text" => arg.as_bytes().to_vec(),
        "bin" => (0..arg.len() / 2)
            .map(|i| u8::from_str_radix(&arg[2 * i..2 * i + 2], 16).unwrap_or(0))
            .collect(),
        "truncate" => {
            let (name, n) = arg.split_once(':').unwrap_or(("", "0"));
            let entries = cases
                .get(name)
                .and_then(|c| c.as_map().and_then(|m| m.get("entries")));
            let mut b = tgz(&entries_of(&entries));
            b.truncate(n.parse().unwrap_or(0));
            b
        }
        "empty" => tgz(&[]),
        _ => panic!("bad raw spec {spec}"),
    }
}

#[test]
fn archive_cases_match_helm() {
    let cases = golden("archives.json");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for (name, case) in cases.entries() {
        let case = case.as_map().cloned().unwrap_or_default();
        let bytes = match case.get("raw") {
            Some(r) => raw_bytes(r.as_str().unwrap_or(""), &cases),
            None => tgz(&entries_of(&case.get("entries"))),
        };
        let path = dir.path().join(format!("{name}.tgz"));
        std::fs::write(&path, bytes).expect("write");
        let got = tug_chart::load(&path)
            .map(|c| {
                let mut t: Vec<String> = c
                    .templates
                    .iter()
                    .map(|t| format!("{}/{}", c.name(), t.name))
                    .collect();
                t.sort();
                t
            })
            .map_err(|e| {
                e.to_string()
                    .replace(&format!("{}/", dir.path().display()), "DIR/")
            });
        let want = match case.get("error") {
            Some(e) => Err(s(&Some(e))),
            None => Ok(strings(&case.get("files"))),
        };
        if got != want {
            failures.push(format!("{name}:\n   got: {got:?}\n  want: {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 14);
}

/// The reasons Helm hides behind `unable to load chart archive` (its archive package's
/// messages, which subchart archives still show).
#[test]
fn archive_error_details() {
    let detail = |entries: &[(&str, Vec<u8>)]| {
        let e: Vec<(String, Vec<u8>)> = entries
            .iter()
            .map(|(n, d)| (n.to_string(), d.clone()))
            .collect();
        tug_chart::archive::load_archive_files(tgz(&e).as_slice())
            .err()
            .map(|e| e.detail())
    };
    let chart = CHART_YAML.to_vec();
    assert_eq!(
        detail(&[("a//etc/passwd", chart.clone())]).as_deref(),
        Some("chart illegally contains absolute paths")
    );
    assert_eq!(
        detail(&[("a/../../x", chart.clone())]).as_deref(),
        Some("chart illegally references parent directory")
    );
    assert_eq!(
        detail(&[("a/big", vec![0; 5 * 1024 * 1024 + 1])]).as_deref(),
        Some("decompressed chart file \"a/big\" is larger than the maximum file size 5242880")
    );
    assert_eq!(detail(&[]).as_deref(), Some("no files in chart archive"));
    let mut truncated = tgz(&[("a/Chart.yaml".into(), chart)]);
    truncated.truncate(40);
    assert!(tug_chart::archive::load_archive_files(truncated.as_slice()).is_err());
}

/// A 100 MiB total cap holds even when every file is under the per-file limit.
#[test]
fn total_size_is_capped() {
    let files: Vec<(String, Vec<u8>)> = (0..21)
        .map(|i| (format!("a/f{i}"), vec![b'x'; 5 * 1024 * 1024]))
        .collect();
    let e = tug_chart::archive::load_archive_files(tgz(&files).as_slice())
        .err()
        .map(|e| e.detail());
    assert_eq!(
        e.as_deref(),
        Some("decompressed chart is larger than the maximum size 104857600")
    );
}
