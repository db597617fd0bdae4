//! Deletion: finalizers and `deletionTimestamp`, owner-reference cascade (Background and
//! Foreground; Orphan keeps dependents), namespace contents, CRD instances, preconditions,
//! `deletecollection`.

use crate::api::{Cluster, R, Reply, Request, decode_body, dry_run, key};
use crate::error::ApiError;
use crate::registry::ResourceInfo;
use crate::store::{self, Mutation, State};
use serde_json::{Value, json};
use std::sync::Arc;

fn ok(code: u16, v: Value) -> R {
    Ok(Reply::Json(code, v, "application/json"))
}

fn delete_options(req: &Request) -> Result<Value, ApiError> {
    let mut opts = if req.body.is_empty() {
        json!({})
    } else {
        decode_body(req)?
    };
    for k in ["propagationPolicy", "gracePeriodSeconds"] {
        if let Some(v) = req.query.get(k) {
            opts[k] = json!(v);
        }
    }
    Ok(opts)
}

/// The objects (keys) that `uid` owns, transitively, in the current state.
fn dependents(st: &State, uid: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut queue = vec![uid.to_string()];
    while let Some(u) = queue.pop() {
        for (k, o) in &st.objects {
            let owned = o
                .pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|refs| {
                    refs.iter()
                        .any(|r| r.get("uid").and_then(Value::as_str) == Some(u.as_str()))
                });
            if owned && !out.contains(k) {
                out.push(k.clone());
                if let Some(du) = o.pointer("/metadata/uid").and_then(Value::as_str) {
                    queue.push(du.to_string());
                }
            }
        }
    }
    out
}

/// Orphan propagation: the direct dependents lose their owner reference to `uid`.
fn orphan_dependents(st: &State, uid: &str) -> Vec<Mutation> {
    let mut out = Vec::new();
    for (k, o) in &st.objects {
        let Some(refs) = o
            .pointer("/metadata/ownerReferences")
            .and_then(Value::as_array)
        else {
            continue;
        };
        if !refs
            .iter()
            .any(|r| r.get("uid").and_then(Value::as_str) == Some(uid))
        {
            continue;
        }
        let kept: Vec<Value> = refs
            .iter()
            .filter(|r| r.get("uid").and_then(Value::as_str) != Some(uid))
            .cloned()
            .collect();
        let mut obj = (**o).clone();
        let meta = crate::util::ensure_obj(&mut obj, &["metadata"]);
        if kept.is_empty() {
            meta.remove("ownerReferences");
        } else {
            meta.insert("ownerReferences".into(), Value::Array(kept));
        }
        out.push(Mutation::Put(k.clone(), obj));
    }
    out
}

/// The mutations deleting `old` now or marking it for deletion (finalizers).
fn delete_mutations(
    st: &State,
    ri: &ResourceInfo,
    k: &str,
    old: &Value,
    opts: &Value,
) -> (Vec<Mutation>, Value, bool) {
    let finalizers = old
        .pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|f| !f.is_empty());
    if finalizers {
        let mut o = old.clone();
        let meta = crate::util::ensure_obj(&mut o, &["metadata"]);
        if !meta.contains_key("deletionTimestamp") {
            meta.insert(
                "deletionTimestamp".into(),
                json!(crate::util::now_rfc3339()),
            );
            meta.insert("deletionGracePeriodSeconds".into(), json!(0));
            return (vec![Mutation::Put(k.to_string(), o.clone())], o, false);
        }
        return (vec![], o, false);
    }
    let mut muts = vec![Mutation::Delete(k.to_string())];
    if ri.plural == "namespaces" && ri.group.is_empty() {
        let ns = old
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        for (ok_, o) in &st.objects {
            if o.pointer("/metadata/namespace").and_then(Value::as_str) == Some(ns) {
                muts.push(Mutation::Delete(ok_.clone()));
            }
        }
    }
    let orphan = opts.get("propagationPolicy").and_then(Value::as_str) == Some("Orphan");
    if let Some(uid) = old.pointer("/metadata/uid").and_then(Value::as_str) {
        if orphan {
            muts.extend(orphan_dependents(st, uid));
        } else {
            muts.extend(dependents(st, uid).into_iter().map(Mutation::Delete));
        }
    }
    if ri.plural == "customresourcedefinitions" && ri.group == "apiextensions.k8s.io" {
        let g = old
            .pointer("/spec/group")
            .and_then(Value::as_str)
            .unwrap_or("");
        let p = old
            .pointer("/spec/names/plural")
            .and_then(Value::as_str)
            .unwrap_or("");
        for o in st
            .objects
            .keys()
            .filter(|x| x.starts_with(&store::prefix(g, p, None)))
        {
            muts.push(Mutation::Delete(o.clone()));
        }
    }
    (muts, old.clone(), true)
}

fn success_status(ri: &ResourceInfo, obj: &Value) -> Value {
    let mut d = json!({"name": obj.pointer("/metadata/name"), "kind": ri.plural,
        "uid": obj.pointer("/metadata/uid")});
    if !ri.group.is_empty() {
        d["group"] = json!(ri.group);
    }
    json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": d})
}

/// DELETE of one object.
pub(crate) async fn delete(
    c: &Arc<Cluster>,
    ri: &Arc<ResourceInfo>,
    ns: Option<&str>,
    name: &str,
    req: &Request,
) -> R {
    let opts = delete_options(req)?;
    let dry = dry_run(req)
        || opts
            .get("dryRun")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|x| x == "All"));
    let ((out, gone), _, ack) = c.store.write(|st| {
        let k = key(ri, ns, name);
        let old = st.get(&k).ok_or_else(|| ApiError::not_found(&ri.group, &ri.plural, name))?;
        if let Some(uid) = opts.pointer("/preconditions/uid").and_then(Value::as_str)
            && old.pointer("/metadata/uid").and_then(Value::as_str) != Some(uid) {
                return Err(ApiError::new(409, "Conflict", format!(
                    "Operation cannot be fulfilled on {} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                    ri.plural, old.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or(""))));
            }
        if let Some(rv) = opts.pointer("/preconditions/resourceVersion").and_then(Value::as_str)
            && old.pointer("/metadata/resourceVersion").and_then(Value::as_str) != Some(rv) {
                return Err(ApiError::conflict(&ri.group, &ri.plural, name));
            }
        let (muts, out, gone) = delete_mutations(st, ri, &k, old, &opts);
        Ok((if dry { vec![] } else { muts }, (out, gone)))
    })?;
    ack.wait().await?;
    if gone
        && !dry
        && ri.plural == "customresourcedefinitions"
        && ri.group == "apiextensions.k8s.io"
    {
        c.registry.remove_custom(name);
    }
    if gone {
        ok(200, success_status(ri, &out))
    } else {
        ok(200, out)
    }
}

/// DELETE of a collection (selectors apply).
pub(crate) async fn delete_collection(
    c: &Arc<Cluster>,
    ri: &Arc<ResourceInfo>,
    ns: Option<&str>,
    req: &Request,
) -> R {
    let opts = delete_options(req)?;
    let labels = crate::selector::LabelSelector::parse(
        req.query
            .get("labelSelector")
            .map(String::as_str)
            .unwrap_or(""),
    )?;
    let fields = crate::selector::FieldSelector::parse(
        req.query
            .get("fieldSelector")
            .map(String::as_str)
            .unwrap_or(""),
        &ri.plural,
    )?;
    let dry = dry_run(req);
    let (items, _, ack) = c.store.write(|st| {
        let mut muts = Vec::new();
        let mut items = Vec::new();
        let prefix = store::prefix(&ri.group, &ri.plural, ns);
        for (k, o) in st
            .objects
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
        {
            if labels.matches(o) && fields.matches(o) {
                let (m, out, _) = delete_mutations(st, ri, k, o, &opts);
                muts.extend(m);
                items.push(out);
            }
        }
        Ok((if dry { vec![] } else { muts }, items))
    })?;
    ack.wait().await?;
    ok(
        200,
        json!({"kind": format!("{}List", ri.kind), "apiVersion": ri.api_version(), "metadata": {}, "items": items}),
    )
}
