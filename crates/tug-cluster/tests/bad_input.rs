//! Bad requests get the Status a real API server gives (code and reason), never a crash.

use bytes::Bytes;
use serde_json::{Value, json};
use std::sync::Arc;
use tug_cluster::api::{Cluster, Reply, Request, handle, parse_query};

fn cluster() -> (tempfile::TempDir, Arc<Cluster>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = Cluster::open(dir.path(), "127.0.0.1:0".into()).expect("open");
    (dir, c)
}

fn req(method: &str, path: &str, ct: &str, body: impl Into<Bytes>) -> Request {
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

async fn call(c: &Arc<Cluster>, r: Request) -> (u16, Value) {
    match handle(c, r).await {
        Reply::Json(code, v, _) => (code, v),
        Reply::Raw(code, b, _) => (code, serde_json::from_slice(&b).expect("json")),
        Reply::Text(code, t) => (code, Value::String(t)),
        Reply::Stream(_) => (200, Value::Null),
    }
}

async fn expect(c: &Arc<Cluster>, r: Request, code: u16, reason: &str) -> Value {
    let (got, v) = call(c, r).await;
    assert_eq!(got, code, "{v}");
    assert_eq!(v["reason"], reason, "{v}");
    assert_eq!(v["kind"], "Status");
    v
}

const CM: &str = "/api/v1/namespaces/default/configmaps";

#[tokio::test]
async fn malformed_bodies_are_bad_requests() {
    let (_d, c) = cluster();
    expect(
        &c,
        req("POST", CM, "application/json", "{not json"),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req("POST", CM, "application/yaml", "a: [unclosed"),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req(
            "POST",
            CM,
            "application/vnd.kubernetes.protobuf",
            &b"k8s\0\x0a\xff"[..],
        ),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req("POST", CM, "application/vnd.kubernetes.protobuf", "garbage"),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req("POST", CM, "application/json", "[1,2]"),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req("POST", CM, "text/plain", "{}"),
        415,
        "UnsupportedMediaType",
    )
    .await;
}

#[tokio::test]
async fn unknown_kinds_fields_and_invalid_names() {
    let (_d, c) = cluster();
    expect(
        &c,
        req("GET", "/apis/nope.io/v1/widgets", "", ""),
        404,
        "NotFound",
    )
    .await;
    expect(
        &c,
        req(
            "GET",
            "/api/v1/namespaces/default/configmaps/missing",
            "",
            "",
        ),
        404,
        "NotFound",
    )
    .await;
    let body =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "bogus": 1})
            .to_string();
    let v = expect(
        &c,
        req(
            "POST",
            &format!("{CM}?fieldValidation=Strict"),
            "application/json",
            body.clone(),
        ),
        400,
        "BadRequest",
    )
    .await;
    assert!(
        v["message"]
            .as_str()
            .is_some_and(|m| m.contains("unknown field \"bogus\"")),
        "{v}"
    );
    let (code, _) = call(&c, req("POST", CM, "application/json", body)).await;
    assert_eq!(code, 201, "Warn mode accepts unknown fields");
    let bad = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name"}})
        .to_string();
    let v = expect(&c, req("POST", CM, "application/json", bad), 422, "Invalid").await;
    assert_eq!(v["details"]["causes"][0]["field"], "metadata.name");
    let noname = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}).to_string();
    expect(
        &c,
        req("POST", CM, "application/json", noname),
        422,
        "Invalid",
    )
    .await;
    let wrong_kind =
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"}}).to_string();
    expect(
        &c,
        req("POST", CM, "application/json", wrong_kind),
        400,
        "BadRequest",
    )
    .await;
    let other_ns =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}).to_string();
    expect(
        &c,
        req(
            "POST",
            "/api/v1/namespaces/nope/configmaps",
            "application/json",
            other_ns,
        ),
        404,
        "NotFound",
    )
    .await;
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let (_d, c) = cluster();
    let big = vec![b' '; tug_cluster::api::MAX_BODY + 1];
    expect(
        &c,
        req("POST", CM, "application/json", big),
        413,
        "RequestEntityTooLarge",
    )
    .await;
}

#[tokio::test]
async fn patches_need_a_patch_content_type_and_valid_operations() {
    let (_d, c) = cluster();
    let body = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "p"}, "data": {"a": "1"}}).to_string();
    assert_eq!(
        call(&c, req("POST", CM, "application/json", body)).await.0,
        201
    );
    let p = format!("{CM}/p");
    expect(
        &c,
        req("PATCH", &p, "application/json", "{}"),
        415,
        "UnsupportedMediaType",
    )
    .await;
    expect(
        &c,
        req("PATCH", &p, "application/json-patch+json", "{\"op\":1}"),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req(
            "PATCH",
            &p,
            "application/json-patch+json",
            r#"[{"op":"remove","path":"/nope"}]"#,
        ),
        422,
        "Invalid",
    )
    .await;
    expect(
        &c,
        req("PATCH", &p, "application/merge-patch+json", "{broken"),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req(
            "PATCH",
            &p,
            "application/apply-patch+yaml",
            r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p"}}"#,
        ),
        400,
        "BadRequest",
    )
    .await;
    let stale = r#"{"metadata":{"resourceVersion":"1"},"data":{"a":"2"}}"#;
    expect(
        &c,
        req("PATCH", &p, "application/merge-patch+json", stale),
        409,
        "Conflict",
    )
    .await;
    expect(
        &c,
        req(
            "PATCH",
            &format!("{CM}/missing"),
            "application/merge-patch+json",
            "{}",
        ),
        404,
        "NotFound",
    )
    .await;
}

#[tokio::test]
async fn apply_creates_then_conflicts_like_kubernetes() {
    let (_d, c) = cluster();
    let p = format!("{CM}/ssa?fieldManager=a");
    let body =
        r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa"},"data":{"k":"1"}}"#;
    assert_eq!(
        call(&c, req("PATCH", &p, "application/apply-patch+yaml", body))
            .await
            .0,
        201
    );
    assert_eq!(
        call(&c, req("PATCH", &p, "application/apply-patch+yaml", body))
            .await
            .0,
        200
    );
    let other =
        r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa"},"data":{"k":"2"}}"#;
    let v = expect(
        &c,
        req(
            "PATCH",
            &format!("{CM}/ssa?fieldManager=b"),
            "application/apply-patch+yaml",
            other,
        ),
        409,
        "Conflict",
    )
    .await;
    assert_eq!(v["details"]["causes"][0]["reason"], "FieldManagerConflict");
    assert_eq!(
        call(
            &c,
            req(
                "PATCH",
                &format!("{CM}/ssa?fieldManager=b&force=true"),
                "application/apply-patch+yaml",
                other
            )
        )
        .await
        .0,
        200
    );
    let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: \"3\"\n";
    assert_eq!(
        call(
            &c,
            req(
                "PATCH",
                &format!("{CM}/ssa?fieldManager=b"),
                "application/apply-patch+yaml",
                yaml
            )
        )
        .await
        .0,
        200
    );
}

#[tokio::test]
async fn updates_check_resource_versions_and_names() {
    let (_d, c) = cluster();
    let body =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "u"}}).to_string();
    let (_, created) = call(&c, req("POST", CM, "application/json", body)).await;
    let mut stale = created.clone();
    stale["metadata"]["resourceVersion"] = json!("1");
    expect(
        &c,
        req(
            "PUT",
            &format!("{CM}/u"),
            "application/json",
            stale.to_string(),
        ),
        409,
        "Conflict",
    )
    .await;
    expect(
        &c,
        req(
            "PUT",
            &format!("{CM}/other"),
            "application/json",
            created.to_string(),
        ),
        400,
        "BadRequest",
    )
    .await;
    expect(
        &c,
        req("DELETE", &format!("{CM}/nope"), "", ""),
        404,
        "NotFound",
    )
    .await;
    expect(
        &c,
        req(
            "POST",
            "/api/v1/namespaces/default/configmaps/u",
            "application/json",
            "{}",
        ),
        405,
        "MethodNotAllowed",
    )
    .await;
}

#[tokio::test]
async fn watch_needs_not_older_than_for_initial_events() {
    let (_d, c) = cluster();
    expect(
        &c,
        req(
            "GET",
            &format!("{CM}?watch=true&sendInitialEvents=true"),
            "",
            "",
        ),
        422,
        "Invalid",
    )
    .await;
    expect(
        &c,
        req("GET", &format!("{CM}?labelSelector=a%20in%20(b"), "", ""),
        400,
        "BadRequest",
    )
    .await;
}
