//! Every protobuf fixture of kubernetes/api `testdata/HEAD` (in `shared/k8s-testdata`)
//! decodes to exactly its JSON twin.

use std::path::PathBuf;

fn fixtures_dir() -> Option<PathBuf> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var("TUG_K8S_TESTDATA").ok().map(PathBuf::from),
        Some(here.join("../../../shared/k8s-testdata/fixtures")),
        Some(here.join("../../shared/k8s-testdata/fixtures")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

#[test]
fn every_fixture_decodes_to_its_json() {
    let Some(dir) = fixtures_dir() else {
        panic!("k8s-testdata fixtures not found (set TUG_K8S_TESTDATA)");
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pb"))
        .collect();
    names.sort();
    assert!(names.len() >= 190, "expected the 193 fixtures, found {}", names.len());
    let mut failures = Vec::new();
    for pb in &names {
        let data = std::fs::read(pb).expect("read pb");
        let want: serde_json::Value =
            serde_json::from_slice(&std::fs::read(pb.with_extension("json")).expect("read json")).expect("json");
        match tug_cluster::proto::decode_envelope(&data) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!("{}: {}", pb.display(), first_diff(&want, &got, ""))),
            Err(e) => failures.push(format!("{}: {e}", pb.display())),
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), names.len(), failures.join("\n"));
}

fn first_diff(want: &serde_json::Value, got: &serde_json::Value, path: &str) -> String {
    use serde_json::Value;
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    None => return format!("{path}.{k} missing"),
                    Some(g) if g != v => return first_diff(v, g, &format!("{path}.{k}")),
                    _ => {}
                }
            }
            for k in b.keys() {
                if !a.contains_key(k) {
                    return format!("{path}.{k} unexpected ({})", b[k]);
                }
            }
            format!("{path}: ?")
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x != y {
                    return first_diff(x, y, &format!("{path}[{i}]"));
                }
            }
            format!("{path}: ?")
        }
        _ => format!("{path}: want {want}, got {got}"),
    }
}
