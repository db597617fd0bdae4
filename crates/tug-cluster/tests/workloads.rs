//! The simulated controllers: a Deployment gets a ReplicaSet and running Pods, scaling
//! follows, a template change rolls to a new ReplicaSet, deletion cascades; Jobs complete.

use serde_json::{Value, json};
use std::sync::Arc;
use tug_cluster::api::{Cluster, Reply, Request, handle, parse_query};

fn req(method: &str, path: &str, ct: &str, body: String) -> Request {
    let (path, q) = path.split_once('?').unwrap_or((path, ""));
    Request {
        method: method.into(),
        path: path.into(),
        query: parse_query(q),
        content_type: ct.into(),
        accept: "application/json".into(),
        user_agent: "test/1".into(),
        body: body.into(),
    }
}

async fn call(c: &Arc<Cluster>, r: Request) -> Value {
    match handle(c, r).await {
        Reply::Json(code, v, _) => {
            assert!(code < 300, "{v}");
            v
        }
        Reply::Raw(_, b, _) => serde_json::from_slice(&b).expect("json"),
        _ => Value::Null,
    }
}

async fn names(c: &Arc<Cluster>, path: &str) -> Vec<String> {
    let v = call(c, req("GET", path, "", String::new())).await;
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["metadata"]["name"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn deployments_get_replicasets_and_pods() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Cluster::open(dir.path(), "x".into()).expect("open");
    let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
    call(
        &c,
        req(
            "POST",
            "/apis/apps/v1/namespaces/default/deployments",
            "application/json",
            d.to_string(),
        ),
    )
    .await;
    let rs = names(&c, "/apis/apps/v1/namespaces/default/replicasets").await;
    assert_eq!(rs.len(), 1);
    assert!(rs[0].starts_with("web-"));
    let pods = call(
        &c,
        req(
            "GET",
            "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb",
            "",
            String::new(),
        ),
    )
    .await;
    let items = pods["items"].as_array().expect("pods");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["status"]["phase"], "Running");
    assert!(items[0]["metadata"]["labels"]["pod-template-hash"].is_string());

    call(
        &c,
        req(
            "PATCH",
            "/apis/apps/v1/namespaces/default/deployments/web/scale",
            "application/merge-patch+json",
            r#"{"spec":{"replicas":4}}"#.into(),
        ),
    )
    .await;
    assert_eq!(names(&c, "/api/v1/namespaces/default/pods").await.len(), 4);

    let img = r#"{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}"#;
    call(
        &c,
        req(
            "PATCH",
            "/apis/apps/v1/namespaces/default/deployments/web",
            "application/strategic-merge-patch+json",
            img.into(),
        ),
    )
    .await;
    assert_eq!(
        names(&c, "/apis/apps/v1/namespaces/default/replicasets")
            .await
            .len(),
        2
    );
    assert_eq!(
        names(&c, "/api/v1/namespaces/default/pods").await.len(),
        4,
        "old ReplicaSet scaled to 0"
    );

    call(
        &c,
        req(
            "DELETE",
            "/apis/apps/v1/namespaces/default/deployments/web",
            "",
            String::new(),
        ),
    )
    .await;
    assert!(
        names(&c, "/apis/apps/v1/namespaces/default/replicasets")
            .await
            .is_empty()
    );
    assert!(
        names(&c, "/api/v1/namespaces/default/pods")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn jobs_complete_with_a_succeeded_pod() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Cluster::open(dir.path(), "x".into()).expect("open");
    let j = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "once"},
        "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}});
    let job = call(
        &c,
        req(
            "POST",
            "/apis/batch/v1/namespaces/default/jobs",
            "application/json",
            j.to_string(),
        ),
    )
    .await;
    assert_eq!(job["status"]["succeeded"], 1);
    let pods = call(
        &c,
        req("GET", "/api/v1/namespaces/default/pods", "", String::new()),
    )
    .await;
    assert_eq!(pods["items"][0]["status"]["phase"], "Succeeded");
}

#[tokio::test]
async fn orphan_deletion_keeps_the_replicaset_without_its_owner() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Cluster::open(dir.path(), "x".into()).expect("open");
    let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "o"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "o"}},
            "template": {"metadata": {"labels": {"app": "o"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}}}});
    call(
        &c,
        req(
            "POST",
            "/apis/apps/v1/namespaces/default/deployments",
            "application/json",
            d.to_string(),
        ),
    )
    .await;
    let opts = r#"{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Orphan"}"#;
    call(
        &c,
        req(
            "DELETE",
            "/apis/apps/v1/namespaces/default/deployments/o",
            "application/json",
            opts.into(),
        ),
    )
    .await;
    let rs = call(
        &c,
        req(
            "GET",
            "/apis/apps/v1/namespaces/default/replicasets",
            "",
            String::new(),
        ),
    )
    .await;
    assert_eq!(rs["items"].as_array().map(Vec::len), Some(1));
    assert!(rs["items"][0]["metadata"].get("ownerReferences").is_none());
    assert_eq!(names(&c, "/api/v1/namespaces/default/pods").await.len(), 1);
}
