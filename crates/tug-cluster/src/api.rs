//! The Kubernetes REST surface: routing of `/api` and `/apis` paths to discovery, CRUD,
//! patches, server-side apply, subresources (`status`, `scale`) and review kinds.

use crate::error::ApiError;
use crate::registry::{Registry, ResourceInfo};
use crate::schema::{Schema, Ty};
use crate::ssa::{self, Writer};
use crate::store::{self, Mutation, State, Store};
use crate::{discovery, objects, patch};
use bytes::Bytes;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Largest accepted request body (the API server's limit).
pub const MAX_BODY: usize = 3 * 1024 * 1024;

/// Shared state of a running cluster.
pub struct Cluster {
    pub store: Arc<Store>,
    pub registry: Registry,
    pub schema: &'static Schema,
    pub addr: String,
}

/// An authenticated request, decoded from HTTP.
#[derive(Debug, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: HashMap<String, String>,
    pub content_type: String,
    pub accept: String,
    pub user_agent: String,
    pub body: Bytes,
}

/// What to send back.
pub enum Reply {
    Json(u16, Value, &'static str),
    /// Already-serialized JSON (large lists).
    Raw(u16, Bytes, &'static str),
    Text(u16, String),
    Stream(mpsc::Receiver<Bytes>),
}

pub(crate) type R = Result<Reply, ApiError>;

fn ok(code: u16, v: Value) -> R {
    Ok(Reply::Json(code, v, "application/json"))
}

/// Percent-decodes a query component (`+` is a space).
pub fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
                {
                    Ok(x) => {
                        out.push(x);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses a query string.
pub fn parse_query(q: &str) -> HashMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (url_decode(k), url_decode(v))
        })
        .collect()
}

impl Cluster {
    /// Opens the store in `dir` and serves its CRDs.
    pub fn open(dir: &std::path::Path, addr: String) -> Result<Arc<Cluster>, crate::ClusterError> {
        let store = Store::open(dir)?;
        let registry = Registry::builtin();
        {
            let st = store.read();
            for crd in st.list(&store::prefix(
                "apiextensions.k8s.io",
                "customresourcedefinitions",
                None,
            )) {
                if let Some(n) = crd.pointer("/metadata/name").and_then(Value::as_str) {
                    registry.set_custom(n, objects::crd_resources(&crd));
                }
            }
        }
        let c = Arc::new(Cluster {
            store,
            registry,
            schema: crate::schema::builtin(),
            addr,
        });
        c.bootstrap()?;
        Ok(c)
    }

    /// Creates the system namespaces on first start.
    fn bootstrap(&self) -> Result<(), crate::ClusterError> {
        let Some(ri) = self.registry.lookup("", "v1", "namespaces") else {
            return Ok(());
        };
        let missing: Vec<&str> = {
            let st = self.store.read();
            ["default", "kube-system", "kube-public", "kube-node-lease"]
                .into_iter()
                .filter(|n| st.get(&store::key("", "namespaces", "", n)).is_none())
                .collect()
        };
        if missing.is_empty() {
            return Ok(());
        }
        let muts = missing
            .iter()
            .map(|n| {
                let mut o =
                    json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n}});
                objects::prepare_create(&ri, &mut o);
                Mutation::Put(store::key("", "namespaces", "", n), o)
            })
            .collect();
        let (_, _, ack) = self
            .store
            .write(|_| Ok((muts, ())))
            .map_err(|e| crate::ClusterError::Other(e.message))?;
        drop(ack);
        Ok(())
    }

    fn ty(&self, ri: &ResourceInfo) -> Ty<'static> {
        match &ri.definition {
            Some(d) => self.schema.ty(d),
            None => Ty::Untyped,
        }
    }
}

/// Handles one request.
pub async fn handle(c: &Arc<Cluster>, req: Request) -> Reply {
    match route(c, &req).await {
        Ok(r) => r,
        Err(e) => Reply::Json(e.code, e.status(), "application/json"),
    }
}

fn not_found_path() -> ApiError {
    ApiError::new(
        404,
        "NotFound",
        "the server could not find the requested resource",
    )
}

async fn route(c: &Arc<Cluster>, req: &Request) -> R {
    let segs: Vec<&str> = req
        .path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let get = req.method == "GET";
    match segs.as_slice() {
        ["version"] if get => ok(200, discovery::version()),
        ["healthz"] | ["readyz"] | ["livez"] => Ok(Reply::Text(200, "ok".into())),
        ["api"] if get => discovery_reply(c, req, true),
        ["apis"] if get => discovery_reply(c, req, false),
        ["api", "v1"] if get => discovery::resource_list(&c.registry, "", "v1")
            .map_or(Err(not_found_path()), |v| ok(200, v)),
        ["apis", g] if get => {
            discovery::api_group(&c.registry, g).map_or(Err(not_found_path()), |v| ok(200, v))
        }
        ["apis", g, v] if get => discovery::resource_list(&c.registry, g, v)
            .map_or(Err(not_found_path()), |d| ok(200, d)),
        ["openapi", "v3"] if get => ok(200, discovery::openapi_root(&c.registry)),
        ["openapi", "v3", "api", v] if get => {
            discovery::openapi_gv(&c.registry, "", v).map_or(Err(not_found_path()), |d| ok(200, d))
        }
        ["openapi", "v3", "apis", g, v] if get => {
            discovery::openapi_gv(&c.registry, g, v).map_or(Err(not_found_path()), |d| ok(200, d))
        }
        ["api", "v1", rest @ ..] => resource(c, req, "", "v1", rest).await,
        ["apis", g, v, rest @ ..] => resource(c, req, g, v, rest).await,
        _ => Err(not_found_path()),
    }
}

fn discovery_reply(c: &Cluster, req: &Request, core: bool) -> R {
    if let Some(v) = discovery::aggregated_version(&req.accept) {
        let ct = if v == "v2" {
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
        } else {
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
        };
        return Ok(Reply::Json(
            200,
            discovery::aggregated(&c.registry, core, v),
            ct,
        ));
    }
    if core {
        ok(200, discovery::api_versions(&c.addr))
    } else {
        ok(200, discovery::api_groups(&c.registry))
    }
}

/// A parsed resource path.
struct Target<'a> {
    ns: Option<&'a str>,
    name: Option<&'a str>,
    sub: &'a str,
}

async fn resource(c: &Arc<Cluster>, req: &Request, group: &str, version: &str, rest: &[&str]) -> R {
    let (ns, rest) = match rest {
        ["namespaces", ns, tail @ ..]
            if !(tail.is_empty()
                || tail.len() == 1 && ["status", "finalize"].contains(&tail[0])) =>
        {
            (Some(*ns), tail)
        }
        _ => (None, rest),
    };
    let (plural, name, sub) = match rest {
        [p] => (*p, None, ""),
        [p, n] => (*p, Some(*n), ""),
        [p, n, s] => (*p, Some(*n), *s),
        _ => return Err(not_found_path()),
    };
    let ri = c
        .registry
        .lookup(group, version, plural)
        .ok_or_else(not_found_path)?;
    if ri.namespaced != ns.is_some()
        && !(ri.namespaced && name.is_none() && ["GET"].contains(&req.method.as_str()))
    {
        return Err(not_found_path());
    }
    if ri.plural == "pods"
        && ri.group.is_empty()
        && ["exec", "attach", "portforward"].contains(&sub)
    {
        return Err(ApiError::bad_request(format!(
            "{sub} is not supported by the tug local cluster: its pods are simulated and run no processes"
        )));
    }
    if ri.plural == "pods" && ri.group.is_empty() && sub == "log" && req.method == "GET" {
        return pod_log(c, ns, name.unwrap_or(""), req);
    }
    if !(sub.is_empty()
        || ri.subresources.iter().any(|s| s == sub)
        || ri.plural == "namespaces" && sub == "finalize")
    {
        return Err(not_found_path());
    }
    let t = Target { ns, name, sub };
    match (req.method.as_str(), t.name) {
        ("GET", None) if is_true(req.query.get("watch")) => crate::watch::watch(c, &ri, t.ns, req),
        ("GET", None) => crate::watch::list(c, &ri, t.ns, req),
        ("GET", Some(n)) => get(c, &ri, &t, n),
        ("POST", None) => create(c, &ri, t.ns, req).await,
        ("PUT", Some(n)) => update(c, &ri, &t, n, req).await,
        ("PATCH", Some(n)) => patch_obj(c, &ri, &t, n, req).await,
        ("DELETE", Some(n)) => crate::delete::delete(c, &ri, t.ns, n, req).await,
        ("DELETE", None) => crate::delete::delete_collection(c, &ri, t.ns, req).await,
        _ => Err(ApiError::method_not_allowed()),
    }
}

/// `pods/<name>/log`: the simulated kubelet runs no processes, so the log says so.
fn pod_log(c: &Cluster, ns: Option<&str>, name: &str, req: &Request) -> R {
    let st = c.store.read();
    let pod = st
        .get(&store::key("", "pods", ns.unwrap_or(""), name))
        .ok_or_else(|| ApiError::not_found("", "pods", name))?;
    let containers: Vec<&str> = pod
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("name").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    let container = match req.query.get("container") {
        Some(c) if containers.contains(&c.as_str()) => c.clone(),
        Some(c) => {
            return Err(ApiError::bad_request(format!(
                "container {c} is not valid for pod {name}"
            )));
        }
        None if containers.len() == 1 => containers[0].to_string(),
        None => {
            return Err(ApiError::bad_request(format!(
                "a container name must be specified for pod {name}, choose one of: [{}]",
                containers.join(" ")
            )));
        }
    };
    Ok(Reply::Text(
        200,
        format!(
            "tug local cluster: container {container} of pod {name} is simulated; it runs no process and writes no log\n"
        ),
    ))
}

/// Whether a query flag is set.
pub fn is_true(v: Option<&String>) -> bool {
    matches!(v.map(String::as_str), Some("true") | Some("1"))
}

pub(crate) fn key(ri: &ResourceInfo, ns: Option<&str>, name: &str) -> String {
    store::key(&ri.group, &ri.plural, ns.unwrap_or(""), name)
}

fn with_version(ri: &ResourceInfo, obj: &Value) -> Value {
    let mut o = obj.clone();
    if let Value::Object(m) = &mut o {
        m.insert("apiVersion".into(), json!(ri.api_version()));
        m.insert("kind".into(), json!(ri.kind));
    }
    o
}

fn get(c: &Cluster, ri: &ResourceInfo, t: &Target<'_>, name: &str) -> R {
    let st = c.store.read();
    let obj = st
        .get(&key(ri, t.ns, name))
        .ok_or_else(|| ApiError::not_found(&ri.group, &ri.plural, name))?;
    if t.sub == "scale" {
        return ok(200, objects::scale_of(ri, obj));
    }
    ok(200, with_version(ri, obj))
}

/// Decodes a request body by content type.
pub fn decode_body(req: &Request) -> Result<Value, ApiError> {
    if req.body.len() > MAX_BODY {
        return Err(ApiError::new(
            413,
            "RequestEntityTooLarge",
            format!("Request entity too large: limit is {MAX_BODY}"),
        ));
    }
    let ct = req
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let v = match ct.as_str() {
        ""
        | "application/json"
        | "*/*"
        | "application/json-patch+json"
        | "application/merge-patch+json"
        | "application/strategic-merge-patch+json" => {
            serde_json::from_slice(&req.body).map_err(|e| {
                ApiError::bad_request(format!("couldn't get version/kind; json parse error: {e}"))
            })?
        }
        "application/yaml" | "application/apply-patch+yaml" => {
            match serde_json::from_slice(&req.body) {
                Ok(v) => v,
                Err(_) => {
                    let text = std::str::from_utf8(&req.body)
                        .map_err(|_| ApiError::bad_request("body is not valid UTF-8"))?;
                    serde_saphyr::from_str::<Value>(text).map_err(|e| {
                        ApiError::bad_request(format!("error converting YAML to JSON: {e}"))
                    })?
                }
            }
        }
        "application/vnd.kubernetes.protobuf" => tug_kube_proto::decode(&req.body)
            .map_err(|e| ApiError::bad_request(format!("failed to decode protobuf body: {e}")))?,
        other => return Err(ApiError::unsupported_media(other)),
    };
    Ok(v)
}

fn check_kind(ri: &ResourceInfo, obj: &mut Value) -> Result<(), ApiError> {
    let Value::Object(m) = obj else {
        return Err(ApiError::bad_request(format!(
            "the body of the request is not a {} object",
            ri.kind
        )));
    };
    if let Some(k) = m.get("kind").and_then(Value::as_str)
        && !k.is_empty()
        && k != ri.kind
    {
        return Err(ApiError::bad_request(format!(
            "the API version in the data ({}) does not match the expected API version ({})",
            m.get("apiVersion").and_then(Value::as_str).unwrap_or(""),
            ri.api_version()
        ))
        .retitle(format!(
            "{} in version \"{}\" cannot be handled as a {}: kind {k} does not match",
            ri.kind, ri.version, ri.kind
        )));
    }
    m.insert("apiVersion".into(), json!(ri.api_version()));
    m.insert("kind".into(), json!(ri.kind));
    Ok(())
}

impl ApiError {
    fn retitle(mut self, msg: String) -> ApiError {
        self.message = msg;
        self
    }
}

/// `fieldValidation=Strict` (or apply, which is always strict) rejects undeclared fields.
fn strict_check(
    c: &Cluster,
    ri: &ResourceInfo,
    obj: &Value,
    req: &Request,
    apply: bool,
) -> Result<(), ApiError> {
    let mode = req
        .query
        .get("fieldValidation")
        .map(String::as_str)
        .unwrap_or("Warn");
    if mode != "Strict" && !apply {
        return Ok(());
    }
    let unknown = match &ri.crd_schema {
        Some(s) => objects::validate_cr(s, &mut obj.clone(), true).1,
        None => objects::unknown_fields(c.schema, c.ty(ri), obj),
    };
    let unknown: Vec<String> = unknown
        .into_iter()
        .filter(|u| u != "status" || !ri.has_status())
        .collect();
    if unknown.is_empty() || (apply && mode != "Strict") {
        return Ok(());
    }
    let list: Vec<String> = unknown
        .iter()
        .map(|u| format!("unknown field \"{u}\""))
        .collect();
    Err(ApiError::bad_request(format!(
        "{} in version \"{}\" cannot be handled as a {}: strict decoding error: {}",
        ri.kind,
        ri.version,
        ri.kind,
        list.join(", ")
    )))
}

fn manager(req: &Request) -> String {
    match req.query.get("fieldManager") {
        Some(m) if !m.is_empty() => m.clone(),
        _ => req
            .user_agent
            .split('/')
            .next()
            .unwrap_or("unknown")
            .to_string(),
    }
}

pub(crate) fn dry_run(req: &Request) -> bool {
    req.query.get("dryRun").is_some_and(|d| d == "All")
}

fn namespace_exists(st: &State, ns: &str) -> Result<(), ApiError> {
    match st.get(&store::key("", "namespaces", "", ns)) {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("", "namespaces", ns)),
    }
}

/// Validates a whole object about to be stored (names, CRDs, custom resources).
fn validate(c: &Cluster, ri: &ResourceInfo, obj: &mut Value, strict: bool) -> Result<(), ApiError> {
    let name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut causes = Vec::new();
    if let Some(cause) = objects::validate_name(ri, &name) {
        causes.push(cause);
    }
    if ri.plural == "customresourcedefinitions" && ri.group == "apiextensions.k8s.io" {
        causes.extend(objects::validate_crd(obj));
        if causes.is_empty() {
            objects::crd_status(obj);
        }
    }
    if let Some(schema) = &ri.crd_schema {
        causes.extend(objects::validate_cr(schema, obj, strict).0);
    }
    let _ = c;
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(&ri.group, &ri.kind, &name, causes))
    }
}

fn status_separate(ri: &ResourceInfo) -> bool {
    ri.has_status()
}

async fn create(c: &Arc<Cluster>, ri: &Arc<ResourceInfo>, ns: Option<&str>, req: &Request) -> R {
    let mut obj = decode_body(req)?;
    check_kind(ri, &mut obj)?;
    if !ri.listable {
        return crate::watch::review(ri, obj);
    }
    strict_check(c, ri, &obj, req, false)?;
    if ri.namespaced {
        let body_ns = obj
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !body_ns.is_empty() && Some(body_ns) != ns {
            return Err(ApiError::bad_request(
                "the namespace of the provided object does not match the namespace sent on the request",
            ));
        }
        crate::util::ensure_obj(&mut obj, &["metadata"])
            .insert("namespace".into(), json!(ns.unwrap_or("default")));
    }
    let generate = obj
        .pointer("/metadata/generateName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if name.is_empty() {
        if generate.is_empty() {
            let cause = crate::error::Cause {
                reason: "FieldValueRequired".into(),
                field: "metadata.name".into(),
                message: "Required value: name or generateName is required".into(),
            };
            return Err(ApiError::invalid(&ri.group, &ri.kind, "", vec![cause]));
        }
        name = format!("{generate}{}", crate::util::random_suffix());
        crate::util::ensure_obj(&mut obj, &["metadata"]).insert("name".into(), json!(name));
    }
    objects::prepare_create(ri, &mut obj);
    validate(
        c,
        ri,
        &mut obj,
        req.query
            .get("fieldValidation")
            .is_some_and(|v| v == "Strict"),
    )?;
    let now = crate::util::now_rfc3339();
    let mgr = manager(req);
    let av = ri.api_version();
    let w = Writer {
        manager: &mgr,
        api_version: &av,
        subresource: "",
        time: &now,
    };
    ssa::update(c.schema, c.ty(ri), None, &mut obj, &w, status_separate(ri));
    let dry = dry_run(req);
    let (_, stored, ack) = c.store.write(|st| {
        if let Some(ns) = ns.filter(|_| ri.namespaced) {
            namespace_exists(st, ns)?;
        }
        let mut name = name.clone();
        for _ in 0..8 {
            if st.get(&key(ri, ns, &name)).is_none() {
                break;
            }
            if generate.is_empty() {
                return Err(ApiError::already_exists(&ri.group, &ri.plural, &name));
            }
            name = format!("{generate}{}", crate::util::random_suffix());
        }
        if st.get(&key(ri, ns, &name)).is_some() {
            return Err(ApiError::already_exists(&ri.group, &ri.plural, &name));
        }
        crate::util::ensure_obj(&mut obj, &["metadata"]).insert("name".into(), json!(name));
        if dry {
            return Ok((vec![], obj.clone()));
        }
        Ok((
            with_children(
                c,
                st,
                (vec![Mutation::Put(key(ri, ns, &name), obj.clone())], ()),
            )
            .0,
            obj.clone(),
        ))
    })?;
    ack.wait().await?;
    let out = stored.first().map(|o| (**o).clone()).unwrap_or(obj);
    after_write(c, ri, &out);
    ok(201, out)
}

/// Side effects of a stored write (CRDs start or stop serving their kinds).
fn after_write(c: &Cluster, ri: &ResourceInfo, obj: &Value) {
    if ri.plural == "customresourcedefinitions"
        && ri.group == "apiextensions.k8s.io"
        && let Some(n) = obj.pointer("/metadata/name").and_then(Value::as_str)
    {
        c.registry.set_custom(n, objects::crd_resources(obj));
    }
}

fn strip_volatile(v: &Value) -> Value {
    let mut o = v.clone();
    if let Some(Value::Object(m)) = o.get_mut("metadata") {
        m.remove("managedFields");
        m.remove("resourceVersion");
    }
    o
}

fn check_precondition(
    ri: &ResourceInfo,
    old: &Value,
    new: &Value,
    name: &str,
) -> Result<(), ApiError> {
    let want = new
        .pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    let have = old
        .pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !want.is_empty() && want != have {
        return Err(ApiError::conflict(&ri.group, &ri.plural, name));
    }
    Ok(())
}

/// Adds the simulated controllers' writes for the workloads being stored.
fn with_children<T>(
    c: &Cluster,
    st: &State,
    (mut muts, out): (Vec<Mutation>, T),
) -> (Vec<Mutation>, T) {
    let mut extra = Vec::new();
    for m in &muts {
        if let Mutation::Put(k, o) = m {
            extra.extend(crate::simulate::children(&c.registry, st, k, o));
        }
    }
    muts.extend(extra);
    (muts, out)
}

/// Finishes an update inside the store lock: no-op detection and finalizer completion.
fn finish_update(
    ri: &ResourceInfo,
    ns: Option<&str>,
    name: &str,
    old: &Value,
    new: Value,
    dry: bool,
) -> (Vec<Mutation>, Value) {
    if strip_volatile(old) == strip_volatile(&new) || dry {
        let out = if dry { new } else { old.clone() };
        return (vec![], out);
    }
    let deleting = new.pointer("/metadata/deletionTimestamp").is_some();
    let no_finalizers = new
        .pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty);
    if deleting && no_finalizers {
        return (vec![Mutation::Delete(key(ri, ns, name))], new);
    }
    (vec![Mutation::Put(key(ri, ns, name), new.clone())], new)
}

async fn update(
    c: &Arc<Cluster>,
    ri: &Arc<ResourceInfo>,
    t: &Target<'_>,
    name: &str,
    req: &Request,
) -> R {
    let mut body = decode_body(req)?;
    if t.sub == "scale" {
        let replicas = body.pointer("/spec/replicas").cloned().unwrap_or(json!(0));
        return scale_write(c, ri, t, name, req, move |_| Ok(replicas)).await;
    }
    check_kind(ri, &mut body)?;
    strict_check(c, ri, &body, req, false)?;
    let body_name = body
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    if body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    if let Some(ns) = t.ns {
        crate::util::ensure_obj(&mut body, &["metadata"]).insert("namespace".into(), json!(ns));
    }
    let strict = req
        .query
        .get("fieldValidation")
        .is_some_and(|v| v == "Strict");
    let now = crate::util::now_rfc3339();
    let mgr = manager(req);
    let av = ri.api_version();
    let dry = dry_run(req);
    let (out, stored, ack) = c.store.write(|st| {
        let old = st
            .get(&key(ri, t.ns, name))
            .ok_or_else(|| ApiError::not_found(&ri.group, &ri.plural, name))?;
        check_precondition(ri, old, &body, name)?;
        let mut new = body.clone();
        if new.pointer("/metadata/managedFields").is_none()
            && let Some(mf) = old.pointer("/metadata/managedFields")
        {
            crate::util::ensure_obj(&mut new, &["metadata"])
                .insert("managedFields".into(), mf.clone());
        }
        objects::prepare_update(ri, old, &mut new, t.sub);
        validate(c, ri, &mut new, strict)?;
        let w = Writer {
            manager: &mgr,
            api_version: &av,
            subresource: t.sub,
            time: &now,
        };
        ssa::update(
            c.schema,
            c.ty(ri),
            Some(old),
            &mut new,
            &w,
            status_separate(ri),
        );
        Ok(with_children(
            c,
            st,
            finish_update(ri, t.ns, name, old, new, dry),
        ))
    })?;
    ack.wait().await?;
    let out = stored.first().map(|o| (**o).clone()).unwrap_or(out);
    after_write(c, ri, &out);
    ok(200, out)
}

async fn scale_write(
    c: &Arc<Cluster>,
    ri: &Arc<ResourceInfo>,
    t: &Target<'_>,
    name: &str,
    req: &Request,
    replicas: impl FnOnce(&Value) -> Result<Value, ApiError>,
) -> R {
    let now = crate::util::now_rfc3339();
    let mgr = manager(req);
    let av = ri.api_version();
    let dry = dry_run(req);
    let (out, _, ack) = c.store.write(|st| {
        let old = st
            .get(&key(ri, t.ns, name))
            .ok_or_else(|| ApiError::not_found(&ri.group, &ri.plural, name))?;
        let scale = objects::scale_of(ri, old);
        let r = replicas(&scale)?;
        if !r.is_i64() {
            return Err(ApiError::bad_request("spec.replicas must be an integer"));
        }
        let mut new = (**old).clone();
        crate::util::ensure_obj(&mut new, &["spec"]).insert("replicas".into(), r);
        objects::prepare_update(ri, old, &mut new, "");
        let w = Writer {
            manager: &mgr,
            api_version: &av,
            subresource: "scale",
            time: &now,
        };
        ssa::update(
            c.schema,
            c.ty(ri),
            Some(old),
            &mut new,
            &w,
            status_separate(ri),
        );
        Ok(with_children(
            c,
            st,
            finish_update(ri, t.ns, name, old, new, dry),
        ))
    })?;
    ack.wait().await?;
    let st = c.store.read();
    let cur = st
        .get(&key(ri, t.ns, name))
        .map(|o| (**o).clone())
        .unwrap_or(out);
    ok(200, objects::scale_of(ri, &cur))
}

async fn patch_obj(
    c: &Arc<Cluster>,
    ri: &Arc<ResourceInfo>,
    t: &Target<'_>,
    name: &str,
    req: &Request,
) -> R {
    let ct = req
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let kind = match ct.as_str() {
        "application/apply-patch+yaml" => "apply",
        "application/json-patch+json" => "json",
        "application/merge-patch+json" => "merge",
        "application/strategic-merge-patch+json" if ri.crd.is_none() => "strategic",
        other => return Err(ApiError::unsupported_media(other)),
    };
    let p = decode_body(req)?;
    if t.sub == "scale" {
        return scale_write(c, ri, t, name, req, move |scale| {
            let patched = match kind {
                "json" => patch::json_patch(scale, &p)?,
                "merge" => patch::merge_patch(scale, &p),
                _ => patch::strategic(crate::schema::builtin(), Ty::Untyped, scale, &p)?,
            };
            Ok(patched
                .pointer("/spec/replicas")
                .cloned()
                .unwrap_or(json!(0)))
        })
        .await;
    }
    if kind == "apply" {
        return apply(c, ri, t, name, req, p).await;
    }
    let strict = req
        .query
        .get("fieldValidation")
        .is_some_and(|v| v == "Strict");
    let now = crate::util::now_rfc3339();
    let mgr = manager(req);
    let av = ri.api_version();
    let dry = dry_run(req);
    let ty = c.ty(ri);
    let (out, stored, ack) = c.store.write(|st| {
        let old = st
            .get(&key(ri, t.ns, name))
            .ok_or_else(|| ApiError::not_found(&ri.group, &ri.plural, name))?;
        let mut new = match kind {
            "json" => patch::json_patch(old, &p)?,
            "merge" => patch::merge_patch(old, &p),
            _ => patch::strategic(c.schema, ty, old, &p)?,
        };
        check_precondition(ri, old, &new, name)?;
        strict_check(c, ri, &new, req, false)?;
        objects::prepare_update(ri, old, &mut new, t.sub);
        validate(c, ri, &mut new, strict)?;
        let w = Writer {
            manager: &mgr,
            api_version: &av,
            subresource: t.sub,
            time: &now,
        };
        ssa::update(c.schema, ty, Some(old), &mut new, &w, status_separate(ri));
        Ok(with_children(
            c,
            st,
            finish_update(ri, t.ns, name, old, new, dry),
        ))
    })?;
    ack.wait().await?;
    let out = stored.first().map(|o| (**o).clone()).unwrap_or(out);
    after_write(c, ri, &out);
    ok(200, out)
}

async fn apply(
    c: &Arc<Cluster>,
    ri: &Arc<ResourceInfo>,
    t: &Target<'_>,
    name: &str,
    req: &Request,
    mut applied: Value,
) -> R {
    let mgr = match req.query.get("fieldManager") {
        Some(m) if !m.is_empty() => m.clone(),
        _ => {
            return Err(ApiError::bad_request(format!(
                "PATCH {}: fieldManager is required for apply requests",
                req.path
            )));
        }
    };
    if applied
        .get("kind")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(ApiError::bad_request("invalid object type: /, Kind="));
    }
    check_kind(ri, &mut applied)?;
    let body_name = applied
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    if body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    strict_check(c, ri, &applied, req, true)?;
    if let Some(ns) = t.ns {
        crate::util::ensure_obj(&mut applied, &["metadata"]).insert("namespace".into(), json!(ns));
    }
    let force = is_true(req.query.get("force"));
    let strict = req
        .query
        .get("fieldValidation")
        .is_some_and(|v| v == "Strict");
    let now = crate::util::now_rfc3339();
    let av = ri.api_version();
    let dry = dry_run(req);
    let ty = c.ty(ri);
    let w = Writer {
        manager: &mgr,
        api_version: &av,
        subresource: t.sub,
        time: &now,
    };
    let ((code, out), stored, ack) = c.store.write(|st| {
        let k = key(ri, t.ns, name);
        let Some(old) = st.get(&k) else {
            if let Some(ns) = t.ns {
                namespace_exists(st, ns)?;
            }
            let mut new = ssa::apply(c.schema, ty, None, &applied, &w, force, status_separate(ri))?;
            objects::prepare_create(ri, &mut new);
            validate(c, ri, &mut new, strict)?;
            let muts = if dry {
                vec![]
            } else {
                with_children(c, st, (vec![Mutation::Put(k, new.clone())], ())).0
            };
            return Ok((muts, (201, new)));
        };
        check_precondition(ri, old, &applied, name)?;
        let mut new = ssa::apply(
            c.schema,
            ty,
            Some(old),
            &applied,
            &w,
            force,
            status_separate(ri),
        )?;
        objects::prepare_update(ri, old, &mut new, t.sub);
        validate(c, ri, &mut new, strict)?;
        let (muts, out) = with_children(c, st, finish_update(ri, t.ns, name, old, new, dry));
        Ok((muts, (200, out)))
    })?;
    ack.wait().await?;
    let out = stored.first().map(|o| (**o).clone()).unwrap_or(out);
    after_write(c, ri, &out);
    ok(code, out)
}
