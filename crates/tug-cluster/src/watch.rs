//! Reads of collections: LIST with label and field selectors and `limit`/`continue`, Table
//! answers, WATCH with resume, WatchList (`sendInitialEvents` and the initial-events-end
//! bookmark), `410 Expired`; and the create-only review kinds (`auth can-i`, `whoami`).

use crate::api::{Cluster, Reply, Request, is_true};
use crate::error::ApiError;
use crate::registry::ResourceInfo;
use crate::selector::{FieldSelector, LabelSelector};
use crate::store::{self, Event, EventType};
use base64::Engine;
use bytes::Bytes;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

type R = Result<Reply, ApiError>;

struct Filter {
    prefix: String,
    labels: LabelSelector,
    fields: FieldSelector,
}

impl Filter {
    fn new(ri: &ResourceInfo, ns: Option<&str>, req: &Request) -> Result<Filter, ApiError> {
        let q = |k: &str| req.query.get(k).map(String::as_str).unwrap_or("");
        Ok(Filter {
            prefix: store::prefix(&ri.group, &ri.plural, ns),
            labels: LabelSelector::parse(q("labelSelector"))?,
            fields: FieldSelector::parse(q("fieldSelector"), &ri.plural)?,
        })
    }
    fn matches(&self, key: &str, obj: &Value) -> bool {
        key.starts_with(&self.prefix) && self.labels.matches(obj) && self.fields.matches(obj)
    }
}

fn versioned(ri: &ResourceInfo, obj: &Value) -> Value {
    let mut o = obj.clone();
    if let Value::Object(m) = &mut o {
        m.insert("apiVersion".into(), json!(ri.api_version()));
        m.insert("kind".into(), json!(ri.kind));
    }
    o
}

/// LIST.
pub fn list(c: &Arc<Cluster>, ri: &Arc<ResourceInfo>, ns: Option<&str>, req: &Request) -> R {
    if !ri.listable {
        return Err(ApiError::method_not_allowed());
    }
    let f = Filter::new(ri, ns, req)?;
    let limit: usize = req
        .query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .filter(|l| *l > 0)
        .unwrap_or(usize::MAX);
    let start = match req.query.get("continue").filter(|s| !s.is_empty()) {
        Some(tok) => {
            let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(tok)
                .map_err(|_| {
                    ApiError::bad_request("continue key is not valid: illegal base64 data")
                })?;
            String::from_utf8_lossy(&raw).into_owned()
        }
        None => String::new(),
    };
    let st = c.store.read();
    let rv = st.rv;
    let mut items: Vec<(String, Arc<Value>)> = Vec::new();
    let mut more = 0usize;
    let from = if start.is_empty() {
        f.prefix.clone()
    } else {
        start.clone()
    };
    for (k, o) in st
        .objects
        .range(from..)
        .take_while(|(k, _)| k.starts_with(&f.prefix))
    {
        if (!start.is_empty() && *k == start) || !f.matches(k, o) {
            continue;
        }
        if items.len() >= limit {
            more += 1;
            continue;
        }
        items.push((k.clone(), o.clone()));
    }
    drop(st);
    let mut meta = json!({"resourceVersion": rv.to_string()});
    if more > 0
        && let Some((k, _)) = items.last()
    {
        meta["continue"] = json!(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(k));
        meta["remainingItemCount"] = json!(more);
    }
    if crate::table::wants_table(&req.accept) {
        let objs: Vec<&Value> = items.iter().map(|(_, o)| o.as_ref()).collect();
        let include = req
            .query
            .get("includeObject")
            .map(String::as_str)
            .unwrap_or("Metadata");
        return Ok(Reply::Json(
            200,
            crate::table::table(ri, &objs, meta, include),
            "application/json;as=Table;v=v1;g=meta.k8s.io",
        ));
    }
    Ok(Reply::Raw(
        200,
        list_json(ri, &meta, &items),
        "application/json",
    ))
}

/// Serializes a list without copying its items.
fn list_json(ri: &ResourceInfo, meta: &Value, items: &[(String, Arc<Value>)]) -> Bytes {
    let av = ri.api_version();
    let mut out = Vec::with_capacity(items.len() * 512 + 128);
    let head =
        json!({"kind": format!("{}List", ri.kind), "apiVersion": av, "metadata": meta}).to_string();
    out.extend_from_slice(&head.as_bytes()[..head.len() - 1]);
    out.extend_from_slice(b",\"items\":[");
    for (i, (_, o)) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let same = o.get("apiVersion").and_then(Value::as_str) == Some(av.as_str())
            && o.get("kind").and_then(Value::as_str) == Some(ri.kind.as_str());
        let res = if same {
            serde_json::to_writer(&mut out, o.as_ref())
        } else {
            serde_json::to_writer(&mut out, &versioned(ri, o))
        };
        if res.is_err() {
            out.extend_from_slice(b"null");
        }
    }
    out.extend_from_slice(b"]}");
    Bytes::from(out)
}

struct Sink {
    tx: mpsc::Sender<Bytes>,
    ri: Arc<ResourceInfo>,
    table: bool,
    include: String,
}

impl Sink {
    async fn send(&self, etype: &str, obj: &Value) -> bool {
        let obj = if self.table && etype != "BOOKMARK" && etype != "ERROR" {
            crate::table::table(
                &self.ri,
                &[obj],
                json!({"resourceVersion": obj.pointer("/metadata/resourceVersion")}),
                &self.include,
            )
        } else if etype == "ERROR" {
            obj.clone()
        } else {
            versioned(&self.ri, obj)
        };
        let mut line = json!({"type": etype, "object": obj}).to_string();
        line.push('\n');
        self.tx.send(Bytes::from(line)).await.is_ok()
    }
    async fn bookmark(&self, rv: u64, initial_end: bool) -> bool {
        let mut meta = json!({"resourceVersion": rv.to_string()});
        if initial_end {
            meta["annotations"] = json!({"k8s.io/initial-events-end": "true"});
        }
        let obj =
            json!({"kind": self.ri.kind, "apiVersion": self.ri.api_version(), "metadata": meta});
        let mut line = json!({"type": "BOOKMARK", "object": obj}).to_string();
        line.push('\n');
        self.tx.send(Bytes::from(line)).await.is_ok()
    }
}

/// Where a watch starts: revision, initial objects, replayed events, live feed.
type Start = (u64, Vec<Arc<Value>>, Vec<Arc<Event>>, store::Subscription);

/// WATCH (and WatchList).
pub fn watch(c: &Arc<Cluster>, ri: &Arc<ResourceInfo>, ns: Option<&str>, req: &Request) -> R {
    if !ri.listable {
        return Err(ApiError::method_not_allowed());
    }
    let f = Filter::new(ri, ns, req)?;
    let rv_param = req
        .query
        .get("resourceVersion")
        .cloned()
        .unwrap_or_default();
    let initial = is_true(req.query.get("sendInitialEvents"));
    if initial && req.query.get("resourceVersionMatch").map(String::as_str) != Some("NotOlderThan")
    {
        return Err(ApiError::new(
            422,
            "Invalid",
            "resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
        ));
    }
    let bookmarks = is_true(req.query.get("allowWatchBookmarks"));
    let timeout = req
        .query
        .get("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .unwrap_or(1800);
    let (tx, rx) = mpsc::channel(256);
    let sink = Sink {
        tx,
        ri: ri.clone(),
        table: crate::table::wants_table(&req.accept),
        include: req
            .query
            .get("includeObject")
            .cloned()
            .unwrap_or_else(|| "Metadata".into()),
    };
    let start: Result<Start, ApiError> = if initial || rv_param.is_empty() || rv_param == "0" {
        let (rv, objs, rx) = c.store.snapshot(&f.prefix);
        Ok((rv, objs, Vec::new(), rx))
    } else {
        let rv: u64 = rv_param
            .parse()
            .map_err(|_| ApiError::bad_request(format!("invalid resource version: {rv_param}")))?;
        c.store
            .watch_from(rv)
            .map(|(replay, rx)| (rv, Vec::new(), replay, rx))
    };
    tokio::spawn(async move {
        let (mut last, objs, replay, mut live) = match start {
            Ok(s) => s,
            Err(e) => {
                sink.send("ERROR", &e.status()).await;
                return;
            }
        };
        for o in objs
            .iter()
            .filter(|o| f.fields.matches(o) && f.labels.matches(o))
        {
            if !sink.send("ADDED", o).await {
                return;
            }
        }
        if initial && !sink.bookmark(last, true).await {
            return;
        }
        for ev in replay {
            if !forward(&sink, &f, &ev).await {
                return;
            }
            last = last.max(ev.rv);
        }
        let deadline = tokio::time::sleep(Duration::from_secs(timeout));
        tokio::pin!(deadline);
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.tick().await;
        loop {
            tokio::select! {
                _ = &mut deadline => return,
                _ = tick.tick(), if bookmarks => {
                    if !sink.bookmark(last, false).await { return; }
                }
                ev = live.recv() => match ev {
                    Ok(ev) if ev.rv <= last => {}
                    Ok(ev) => {
                        last = ev.rv;
                        if !forward(&sink, &f, &ev).await { return; }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        sink.send("ERROR", &ApiError::gone("too old resource version: the watcher fell behind").status()).await;
                        return;
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
            }
        }
    });
    Ok(Reply::Stream(rx))
}

async fn forward(sink: &Sink, f: &Filter, ev: &Event) -> bool {
    if !ev.key.starts_with(&f.prefix) {
        return true;
    }
    let now = f.matches(&ev.key, &ev.object);
    let before = ev.prev.as_ref().is_some_and(|p| f.matches(&ev.key, p));
    let t = match (ev.etype, before, now) {
        (EventType::Added, _, true) => "ADDED",
        (EventType::Deleted, _, true) => "DELETED",
        (EventType::Modified, true, true) => "MODIFIED",
        (EventType::Modified, false, true) => "ADDED",
        (EventType::Modified, true, false) => "DELETED",
        _ => return true,
    };
    let same =
        ev.object.get("apiVersion").and_then(Value::as_str) == Some(sink.ri.api_version().as_str());
    if sink.table || !same {
        return sink.send(t, &ev.object).await;
    }
    let obj = ev.object_json();
    let mut line = Vec::with_capacity(obj.len() + 32);
    line.extend_from_slice(format!("{{\"type\":\"{t}\",\"object\":").as_bytes());
    line.extend_from_slice(obj);
    line.extend_from_slice(b"}\n");
    sink.tx.send(Bytes::from(line)).await.is_ok()
}

/// Answers the create-only kinds: access reviews allow everything, `whoami` is the admin.
pub fn review(ri: &ResourceInfo, mut obj: Value) -> R {
    let user = json!({"username": "admin", "groups": ["system:masters", "system:authenticated"]});
    let status = match ri.plural.as_str() {
        "selfsubjectaccessreviews" | "subjectaccessreviews" | "localsubjectaccessreviews" => {
            json!({"allowed": true, "reason": "the tug local cluster allows every request"})
        }
        "selfsubjectrulesreviews" => json!({
            "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}],
            "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}],
            "incomplete": false}),
        "selfsubjectreviews" => json!({"userInfo": user}),
        "tokenreviews" => json!({"authenticated": true, "user": user}),
        _ => obj.get("status").cloned().unwrap_or(json!({})),
    };
    if let Value::Object(m) = &mut obj {
        m.insert("status".into(), status);
        let meta = m.entry("metadata").or_insert(json!({}));
        meta["creationTimestamp"] = Value::Null;
    }
    Ok(Reply::Json(201, obj, "application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_query;

    #[tokio::test]
    async fn watch_with_a_label_selector_sees_objects_enter_and_leave() {
        let dir = tempfile::tempdir().expect("tempdir");
        let c = Cluster::open(dir.path(), "x".into()).expect("open");
        let ri = c.registry.lookup("", "v1", "configmaps").expect("cm");
        let mut r = Request {
            query: parse_query("watch=true&labelSelector=a%3D1&resourceVersion=0"),
            ..Request::default()
        };
        r.method = "GET".into();
        let Ok(Reply::Stream(mut rx)) = watch(&c, &ri, Some("default"), &r) else {
            panic!("no stream")
        };
        let k = store::key("", "configmaps", "default", "x");
        let put = |labels: Value| {
            let obj = json!({"metadata": {"name": "x", "namespace": "default", "labels": labels}});
            c.store
                .write(|_| Ok((vec![store::Mutation::Put(k.clone(), obj)], ())))
                .map(|_| ())
        };
        put(json!({"a": "2"})).expect("w1");
        put(json!({"a": "1"})).expect("w2");
        put(json!({"a": "1", "b": "x"})).expect("w3");
        put(json!({})).expect("w4");
        let mut types = Vec::new();
        while types.len() < 3 {
            let b = tokio::time::timeout(Duration::from_secs(5), rx.recv())
                .await
                .expect("event")
                .expect("open");
            for line in String::from_utf8_lossy(&b).lines() {
                let v: Value = serde_json::from_str(line).expect("json");
                types.push(v["type"].as_str().unwrap_or("").to_string());
            }
        }
        assert_eq!(types, vec!["ADDED", "MODIFIED", "DELETED"]);
    }

    #[tokio::test]
    async fn lists_paginate_and_filter() {
        let dir = tempfile::tempdir().expect("tempdir");
        let c = Cluster::open(dir.path(), "x".into()).expect("open");
        let ri = c.registry.lookup("", "v1", "configmaps").expect("cm");
        for i in 0..5 {
            let k = store::key("", "configmaps", "default", &format!("c{i}"));
            let obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": format!("c{i}"), "namespace": "default", "labels": {"odd": (i % 2).to_string()}}});
            c.store
                .write(|_| Ok((vec![store::Mutation::Put(k, obj)], ())))
                .expect("put");
        }
        let get = |q: &str| {
            let r = Request {
                method: "GET".into(),
                query: parse_query(q),
                ..Request::default()
            };
            match list(&c, &ri, Some("default"), &r) {
                Ok(Reply::Raw(200, b, _)) => serde_json::from_slice::<Value>(&b).expect("json"),
                _ => panic!("list failed"),
            }
        };
        let page = get("limit=2");
        assert_eq!(page["kind"], "ConfigMapList");
        assert_eq!(page["items"].as_array().map(Vec::len), Some(2));
        assert_eq!(page["metadata"]["remainingItemCount"], 3);
        let token = page["metadata"]["continue"]
            .as_str()
            .expect("continue")
            .to_string();
        let next = get(&format!("limit=10&continue={token}"));
        assert_eq!(next["items"][0]["metadata"]["name"], "c2");
        assert_eq!(next["items"].as_array().map(Vec::len), Some(3));
        assert_eq!(
            get("labelSelector=odd%3D1")["items"]
                .as_array()
                .map(Vec::len),
            Some(2)
        );
    }
}
