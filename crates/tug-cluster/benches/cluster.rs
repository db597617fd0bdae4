//! Cluster benchmarks (in-process through the API layer, durable storage on disk):
//! durable creates and updates per second, list latency at 10 000 objects, watch fan-out
//! to 100 watchers, resident memory at 10 000 ConfigMaps. Prints a Markdown table.
//!   cargo bench -p tug-cluster --bench cluster

use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tug_cluster::api::{Cluster, Reply, Request, handle, parse_query};

const N: usize = 10_000;
/// Concurrent clients (override with TUG_BENCH_CONCURRENCY).
fn concurrency() -> usize {
    std::env::var("TUG_BENCH_CONCURRENCY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn req(method: &str, path: &str, ct: &str, accept: &str, body: String) -> Request {
    let (path, q) = path.split_once('?').unwrap_or((path, ""));
    Request {
        method: method.into(),
        path: path.into(),
        query: parse_query(q),
        content_type: ct.into(),
        accept: accept.into(),
        user_agent: "bench/1".into(),
        body: body.into(),
    }
}

fn rss_mib() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

async fn ok(c: &Arc<Cluster>, r: Request) {
    match handle(c, r).await {
        Reply::Json(code, v, _) if code >= 300 => panic!("request failed: {v}"),
        _ => {}
    }
}

async fn parallel(
    c: &Arc<Cluster>,
    n: usize,
    make: impl Fn(usize) -> Request + Send + Sync + 'static,
) -> f64 {
    let make = Arc::new(make);
    let start = Instant::now();
    let conc = concurrency();
    let tasks: Vec<_> = (0..conc)
        .map(|t| {
            let (c, make) = (c.clone(), make.clone());
            tokio::spawn(async move {
                let mut i = t;
                while i < n {
                    ok(&c, make(i)).await;
                    i += conc;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn cm(i: usize) -> String {
    json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("cm-{i}"), "labels": {"app": "bench", "shard": (i % 10).to_string()}},
        "data": {"key": format!("value-{i}"), "config.yaml": "a: 1\nb: two\nc: [1, 2, 3]\n"}}).to_string()
}

async fn time_list(c: &Arc<Cluster>, path: &str, accept: &str) -> Duration {
    let runs = 10;
    let start = Instant::now();
    for _ in 0..runs {
        ok(c, req("GET", path, "", accept, String::new())).await;
    }
    start.elapsed() / runs
}

async fn fanout(c: &Arc<Cluster>, watchers: usize, writes: usize) -> (f64, Duration) {
    let mut streams = Vec::new();
    for _ in 0..watchers {
        match handle(
            c,
            req(
                "GET",
                "/api/v1/namespaces/fan/configmaps?watch=true&resourceVersion=0",
                "",
                "application/json",
                String::new(),
            ),
        )
        .await
        {
            Reply::Stream(rx) => streams.push(rx),
            _ => panic!("no watch stream"),
        }
    }
    let start = Instant::now();
    let readers: Vec<_> = streams
        .into_iter()
        .map(|mut rx| {
            tokio::spawn(async move {
                let mut seen = 0;
                while seen < writes {
                    match rx.recv().await {
                        Some(b) => seen += b.iter().filter(|x| **x == b'\n').count(),
                        None => break,
                    }
                }
                seen
            })
        })
        .collect();
    let c2 = c.clone();
    parallel(&c2, writes, |i| {
        let body = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("f-{i}")}}).to_string();
        req("POST", "/api/v1/namespaces/fan/configmaps", "application/json", "", body)
    })
    .await;
    let mut delivered = 0;
    for r in readers {
        delivered += r.await.expect("reader");
    }
    let el = start.elapsed();
    (delivered as f64 / el.as_secs_f64(), el)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    rt.block_on(async {
        let base = rss_mib();
        let c = Cluster::open(dir.path(), "127.0.0.1:0".into()).expect("open");
        let creates = parallel(&c, N, |i| req("POST", "/api/v1/namespaces/default/configmaps", "application/json", "", cm(i))).await;
        let rss = rss_mib();
        let updates = parallel(&c, N / 2, |i| {
            let body = json!({"data": {"key": format!("updated-{i}")}}).to_string();
            req("PATCH", &format!("/api/v1/namespaces/default/configmaps/cm-{i}"), "application/merge-patch+json", "", body)
        })
        .await;
        let applies = parallel(&c, N / 2, |i| {
            let body = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("cm-{i}")}, "data": {"applied": "yes"}}).to_string();
            req("PATCH", &format!("/api/v1/namespaces/default/configmaps/cm-{i}?fieldManager=bench"), "application/apply-patch+yaml", "", body)
        })
        .await;
        let list_all = time_list(&c, "/api/v1/namespaces/default/configmaps", "application/json").await;
        let list_sel = time_list(&c, "/api/v1/namespaces/default/configmaps?labelSelector=shard%3D3", "application/json").await;
        let list_page = time_list(&c, "/api/v1/namespaces/default/configmaps?limit=500", "application/json").await;
        let list_table = time_list(&c, "/api/v1/namespaces/default/configmaps", "application/json;as=Table;v=v1;g=meta.k8s.io").await;
        let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "fan"}}).to_string();
        ok(&c, req("POST", "/api/v1/namespaces", "application/json", "", ns)).await;
        let (events, fan_time) = fanout(&c, 100, 1_000).await;
        println!("| metric | result |");
        println!("|---|---|");
        println!("| durable creates/s ({N} ConfigMaps, {} concurrent clients) | {creates:.0} |", concurrency());
        println!("| durable merge-patch updates/s ({}) | {updates:.0} |", N / 2);
        println!("| durable server-side applies/s ({}) | {applies:.0} |", N / 2);
        println!("| LIST all {N} ConfigMaps (JSON) | {:.1} ms |", list_all.as_secs_f64() * 1e3);
        println!("| LIST with labelSelector (1 000 of {N}) | {:.1} ms |", list_sel.as_secs_f64() * 1e3);
        println!("| LIST limit=500 (first page) | {:.1} ms |", list_page.as_secs_f64() * 1e3);
        println!("| LIST as Table ({N} rows) | {:.1} ms |", list_table.as_secs_f64() * 1e3);
        println!("| watch fan-out: 100 watchers x 1 000 creates | {events:.0} events/s delivered, all in {:.2} s |", fan_time.as_secs_f64());
        println!("| resident memory with {N} ConfigMaps | {rss:.1} MiB (process start {base:.1} MiB) |");
        c.store.close();
    });
}
