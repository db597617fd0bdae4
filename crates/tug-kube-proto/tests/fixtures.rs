//! Golden test: every kubernetes/api `testdata/HEAD` fixture (shared/k8s-testdata) decodes
//! from `.pb` to exactly its `.json` twin, and the JSON survives encode -> decode unchanged.

use std::path::PathBuf;

use serde_json::Value;

fn fixtures_dir() -> Option<PathBuf> {
    let base = std::env::var("TUG_K8S_TESTDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/k8s-testdata")
        });
    let dir = base.join("fixtures");
    dir.is_dir().then_some(dir)
}

/// Paths where `a` and `b` differ (at most a few).
fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    if out.len() > 6 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (va, vb) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                if x.contains_key(k) != y.contains_key(k) {
                    out.push(format!(
                        "{path}.{k}: {} vs {}",
                        short(x.get(k)),
                        short(y.get(k))
                    ));
                } else {
                    diff(&format!("{path}.{k}"), va, vb, out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), va, vb, out);
            }
        }
        _ if a != b => out.push(format!("{path}: {} vs {}", short(Some(a)), short(Some(b)))),
        _ => {}
    }
}

fn short(v: Option<&Value>) -> String {
    let s = v.map_or("<absent>".to_string(), Value::to_string);
    s.chars().take(80).collect()
}

fn check(stem: &std::path::Path) -> Result<(), String> {
    let with = |ext: &str| PathBuf::from(format!("{}.{ext}", stem.display()));
    let pb = std::fs::read(with("pb")).map_err(|e| e.to_string())?;
    let json = std::fs::read(with("json")).map_err(|e| e.to_string())?;
    let want: Value = serde_json::from_slice(&json).map_err(|e| e.to_string())?;
    if !tug_kube_proto::is_protobuf(&pb) {
        return Err("not detected as protobuf".into());
    }
    let got = tug_kube_proto::decode(&pb).map_err(|e| format!("decode: {e}"))?;
    let mut d = Vec::new();
    diff("", &got, &want, &mut d);
    if !d.is_empty() {
        return Err(format!(
            "decode differs (got vs want):\n    {}",
            d.join("\n    ")
        ));
    }
    let again = tug_kube_proto::encode(&want).map_err(|e| format!("encode: {e}"))?;
    let back = tug_kube_proto::decode(&again).map_err(|e| format!("re-decode: {e}"))?;
    diff("", &back, &want, &mut d);
    if !d.is_empty() {
        return Err(format!(
            "round trip differs (got vs want):\n    {}",
            d.join("\n    ")
        ));
    }
    Ok(())
}

#[test]
fn protobuf_fixtures_decode_to_their_json() {
    let Some(dir) = fixtures_dir() else {
        println!("notice: k8s testdata not found (set TUG_K8S_TESTDATA); fixture test skipped");
        return;
    };
    let mut stems: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture dir readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pb"))
        .map(|p| p.with_extension(""))
        .collect();
    stems.sort();
    let (mut passed, mut failed) = (0, 0);
    for stem in &stems {
        match check(stem) {
            Ok(()) => passed += 1,
            Err(e) => {
                failed += 1;
                println!(
                    "FAIL {}: {e}",
                    stem.file_name().unwrap_or_default().to_string_lossy()
                );
            }
        }
    }
    println!("fixtures: {passed} passed, {failed} failed");
    assert!(
        stems.len() >= 193,
        "expected the 193 fixtures, found {}",
        stems.len()
    );
    assert_eq!(failed, 0, "{failed} of {} fixtures failed", stems.len());
}
