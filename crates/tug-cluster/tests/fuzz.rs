//! Seeded random fuzzing of protobuf request bodies (through the API) and of the patch
//! decoders: mutated fixtures and random JSON give errors or values, never a panic or a 5xx.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::HashMap;
use tug_cluster::api::{Cluster, Reply, Request, handle};
use tug_cluster::patch;
use tug_cluster::schema::builtin;

fn seeds() -> Vec<Vec<u8>> {
    let here = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = [
        here.join("../../../shared/k8s-testdata/fixtures"),
        here.join("../../shared/k8s-testdata/fixtures"),
    ]
    .into_iter()
    .find(|p| p.is_dir());
    let mut out: Vec<Vec<u8>> = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pb"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    out.push(b"k8s\0\x0a\x0c\x0a\x02v1\x12\x06Secret\x12\x04\x0a\x02\x0a\x00".to_vec());
    out
}

fn post(path: &str, body: Vec<u8>) -> Request {
    Request {
        method: "POST".into(),
        path: path.into(),
        query: HashMap::new(),
        content_type: "application/vnd.kubernetes.protobuf".into(),
        accept: "application/json".into(),
        user_agent: "fuzz/1".into(),
        body: body.into(),
    }
}

/// Mutated protobuf bodies through the whole API path: a Status or a created object, never
/// a panic or a server error.
#[tokio::test]
async fn protobuf_bodies_survive_mutations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Cluster::open(dir.path(), "x".into()).expect("open");
    let mut rng = StdRng::seed_from_u64(0x7u64);
    let seeds = seeds();
    let paths = [
        "/api/v1/namespaces/default/secrets",
        "/api/v1/namespaces/default/configmaps",
        "/api/v1/namespaces",
    ];
    for i in 0..3_000 {
        let mut d = seeds[i % seeds.len()].clone();
        for _ in 0..rng.random_range(1..6) {
            if d.len() <= 4 {
                break;
            }
            let at = rng.random_range(4..d.len());
            match rng.random_range(0..4) {
                0 => d[at] = rng.random(),
                1 => d.truncate(at),
                2 => d.insert(at, rng.random()),
                _ => {
                    d.remove(at);
                }
            }
        }
        let reply = handle(&c, post(paths[i % paths.len()], d)).await;
        if let Reply::Json(code, v, _) = reply {
            assert!(code < 500, "server error for a mutated body: {v}");
        }
    }
}

fn random_json(rng: &mut StdRng, depth: u32) -> Value {
    let keys = [
        "containers",
        "name",
        "image",
        "env",
        "$patch",
        "$retainKeys",
        "value",
        "spec",
        "finalizers",
        "$setElementOrder/containers",
        "$deleteFromPrimitiveList/finalizers",
        "metadata",
        "labels",
    ];
    match rng.random_range(0..if depth > 3 { 4 } else { 7 }) {
        0 => Value::Null,
        1 => json!(rng.random::<bool>()),
        2 => json!(rng.random_range(-3..3)),
        3 => json!(["delete", "replace", "merge", "a", "b"][rng.random_range(0..5)]),
        4 | 5 => {
            let mut m = serde_json::Map::new();
            for _ in 0..rng.random_range(0..4) {
                m.insert(
                    keys[rng.random_range(0..keys.len())].to_string(),
                    random_json(rng, depth + 1),
                );
            }
            Value::Object(m)
        }
        _ => Value::Array(
            (0..rng.random_range(0..4))
                .map(|_| random_json(rng, depth + 1))
                .collect(),
        ),
    }
}

#[test]
fn patch_decoders_survive_random_input() {
    let mut rng = StdRng::seed_from_u64(42);
    let pod = builtin().ty("io.k8s.api.core.v1.PodSpec");
    for _ in 0..5_000 {
        let target = random_json(&mut rng, 0);
        let p = random_json(&mut rng, 0);
        let _ = patch::strategic(builtin(), pod, &target, &p);
        let _ = patch::merge_patch(&target, &p);
        let _ = patch::json_patch(&target, &p);
        let op = ["add", "remove", "replace", "move", "copy", "test"][rng.random_range(0..6)];
        let path = ["/", "/a", "/containers/0", "/x/y", ""][rng.random_range(0..5)];
        let ops = json!([{"op": op, "path": path, "from": "/a", "value": p}]);
        let _ = patch::json_patch(&target, &ops);
    }
}
