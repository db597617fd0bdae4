//! `to_string` and `from_str` of a large real-world values tree (kube-prometheus-stack's
//! values.yaml from the shared corpus, read at bench time).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

fn corpus_values() -> Option<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/charts");
    let root = std::env::var_os("TUG_CORPUS_CHARTS").map_or(root, PathBuf::from);
    let dir = std::fs::read_dir(&root)
        .ok()?
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("kube-prometheus-stack")
        })?;
    let direct = dir.path().join("values.yaml");
    if let Ok(s) = std::fs::read_to_string(&direct) {
        return Some(s);
    }
    std::fs::read_dir(dir.path())
        .ok()?
        .filter_map(|e| e.ok())
        .find_map(|e| std::fs::read_to_string(e.path().join("values.yaml")).ok())
}

fn bench(c: &mut Criterion) {
    let Some(src) = corpus_values() else {
        eprintln!("kube-prometheus-stack values.yaml not found; skipping");
        return;
    };
    let value = tug_yaml::from_str(&src).expect("corpus values load");
    c.bench_function("from_str kube-prometheus-stack values.yaml", |b| {
        b.iter(|| tug_yaml::from_str(black_box(&src)))
    });
    c.bench_function("to_string kube-prometheus-stack values", |b| {
        b.iter(|| tug_yaml::to_string(black_box(&value)))
    });
    c.bench_function("json::to_string kube-prometheus-stack values", |b| {
        b.iter(|| tug_yaml::json::to_string(black_box(&value), true))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
