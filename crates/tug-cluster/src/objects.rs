//! Per-kind strategies: metadata on create and update (uid, creationTimestamp, generation),
//! defaults (Namespace, Secret `stringData`, Service, Deployment), name and field validation,
//! and custom resource definitions (serving their kinds, validating their objects).

use crate::error::Cause;
use crate::registry::ResourceInfo;
use crate::schema::{Schema, Ty};
use crate::util::{ensure_obj, now_rfc3339, uuid};
use base64::Engine;
use serde_json::{Map, Value, json};

fn cause(reason: &str, field: &str, message: String) -> Cause {
    Cause {
        reason: reason.into(),
        field: field.into(),
        message,
    }
}

/// Checks a name for a resource (namespaces and services are DNS labels).
pub fn validate_name(ri: &ResourceInfo, name: &str) -> Option<Cause> {
    let label = matches!(ri.plural.as_str(), "namespaces" | "services");
    let ok = if label {
        crate::util::is_dns_label(name)
    } else {
        crate::util::is_dns_subdomain(name)
            || ri.plural == "customresourcedefinitions" && crate::util::is_dns_subdomain(name)
    };
    if ok {
        return None;
    }
    let msg = if label {
        format!(
            "Invalid value: {name:?}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        )
    } else {
        format!(
            "Invalid value: {name:?}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        )
    };
    Some(cause("FieldValueInvalid", "metadata.name", msg))
}

/// Dotted paths of fields the schema does not declare (for `fieldValidation=Strict`).
pub fn unknown_fields(schema: &Schema, ty: Ty<'_>, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk_unknown(schema, ty, v, "", &mut out);
    out
}

fn walk_unknown(schema: &Schema, ty: Ty<'_>, v: &Value, path: &str, out: &mut Vec<String>) {
    match (ty, v) {
        (Ty::Def(d), Value::Object(m)) => {
            for (k, child) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if !d.props.contains_key(k) {
                    out.push(p);
                    continue;
                }
                walk_unknown(schema, schema.child(ty, k), child, &p, out);
            }
        }
        (Ty::Map { .. }, Value::Object(m)) => {
            for (k, child) in m {
                walk_unknown(
                    schema,
                    schema.child(ty, k),
                    child,
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        (Ty::List(_), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                walk_unknown(schema, schema.item(ty), item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Whether a kind tracks `metadata.generation`.
fn has_generation(ri: &ResourceInfo, obj: &Value) -> bool {
    ri.crd.is_some() || (obj.get("spec").is_some() && ri.plural != "namespaces")
}

/// Metadata and defaults for a new object.
pub fn prepare_create(ri: &ResourceInfo, obj: &mut Value) {
    let gen_needed = has_generation(ri, obj);
    let meta = ensure_obj(obj, &["metadata"]);
    meta.insert("uid".into(), json!(uuid()));
    meta.insert("creationTimestamp".into(), json!(now_rfc3339()));
    for k in [
        "resourceVersion",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "selfLink",
    ] {
        meta.remove(k);
    }
    if gen_needed {
        meta.insert("generation".into(), json!(1));
    } else {
        meta.remove("generation");
    }
    if ri.has_status()
        && ri.plural != "namespaces"
        && ri.plural != "customresourcedefinitions"
        && let Value::Object(m) = obj
    {
        m.remove("status");
    }
    defaults(ri, obj, true);
    crate::simulate::settle(ri, obj);
}

/// Keeps what an update may not change, bumps generation on spec changes, applies defaults.
pub fn prepare_update(ri: &ResourceInfo, old: &Value, new: &mut Value, subresource: &str) {
    if subresource == "status" {
        let status = new.get("status").cloned();
        *new = old.clone();
        if let (Value::Object(m), Some(s)) = (&mut *new, status) {
            m.insert("status".into(), s);
        }
        return;
    }
    let keep = [
        "uid",
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "generation",
    ];
    let old_meta = old.get("metadata").cloned().unwrap_or(json!({}));
    let meta = ensure_obj(new, &["metadata"]);
    for k in keep {
        match old_meta.get(k) {
            Some(v) => meta.insert(k.into(), v.clone()),
            None => meta.remove(k),
        };
    }
    if ri.has_status()
        && ri.plural != "customresourcedefinitions"
        && let Value::Object(m) = new
    {
        match old.get("status") {
            Some(s) => m.insert("status".into(), s.clone()),
            None => m.remove("status"),
        };
    }
    if has_generation(ri, new) && old.get("spec") != new.get("spec") {
        let g = old_meta
            .get("generation")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            + 1;
        ensure_obj(new, &["metadata"]).insert("generation".into(), json!(g));
    }
    defaults(ri, new, false);
    crate::simulate::settle(ri, new);
}

fn defaults(ri: &ResourceInfo, obj: &mut Value, create: bool) {
    match (ri.group.as_str(), ri.plural.as_str()) {
        ("", "secrets") => {
            if let Some(Value::Object(sd)) =
                obj.as_object_mut().and_then(|m| m.remove("stringData"))
            {
                let data = ensure_obj(obj, &["data"]);
                for (k, v) in sd {
                    let s = v.as_str().unwrap_or_default().to_string();
                    data.insert(
                        k,
                        json!(base64::engine::general_purpose::STANDARD.encode(s)),
                    );
                }
            }
            if obj.get("type").is_none() {
                obj["type"] = json!("Opaque");
            }
        }
        ("", "namespaces") => {
            let name = obj
                .pointer("/metadata/name")
                .cloned()
                .unwrap_or(Value::Null);
            ensure_obj(obj, &["metadata", "labels"])
                .insert("kubernetes.io/metadata.name".into(), name);
            if create {
                ensure_obj(obj, &["spec"]).insert("finalizers".into(), json!(["kubernetes"]));
            }
            let st = ensure_obj(obj, &["status"]);
            if !st.contains_key("phase") {
                st.insert("phase".into(), json!("Active"));
            }
        }
        ("", "services") => {
            let spec = ensure_obj(obj, &["spec"]);
            spec.entry("type").or_insert(json!("ClusterIP"));
            spec.entry("sessionAffinity").or_insert(json!("None"));
            if create && !spec.contains_key("clusterIP") {
                let ip = format!(
                    "10.96.{}.{}",
                    rand::random::<u8>(),
                    rand::random::<u8>().max(1)
                );
                spec.insert("clusterIP".into(), json!(ip));
                spec.insert("clusterIPs".into(), json!([ip]));
            }
            if let Some(Value::Array(ports)) = spec.get_mut("ports") {
                for p in ports.iter_mut().filter_map(Value::as_object_mut) {
                    p.entry("protocol").or_insert(json!("TCP"));
                    if let Some(port) = p.get("port").cloned() {
                        p.entry("targetPort").or_insert(port);
                    }
                }
            }
        }
        ("apps", "deployments") | ("apps", "statefulsets") | ("apps", "replicasets") => {
            ensure_obj(obj, &["spec"])
                .entry("replicas")
                .or_insert(json!(1));
        }
        _ => {}
    }
}

/// Checks a CRD and returns the causes of invalidity.
pub fn validate_crd(crd: &Value) -> Vec<Cause> {
    let mut c = Vec::new();
    let s = |p: &str| {
        crd.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (group, plural, kind) = (
        s("/spec/group"),
        s("/spec/names/plural"),
        s("/spec/names/kind"),
    );
    if group.is_empty() {
        c.push(cause(
            "FieldValueRequired",
            "spec.group",
            "Required value".into(),
        ));
    }
    if plural.is_empty() {
        c.push(cause(
            "FieldValueRequired",
            "spec.names.plural",
            "Required value".into(),
        ));
    }
    if kind.is_empty() {
        c.push(cause(
            "FieldValueRequired",
            "spec.names.kind",
            "Required value".into(),
        ));
    }
    let name = s("/metadata/name");
    if !group.is_empty() && !plural.is_empty() && name != format!("{plural}.{group}") {
        c.push(cause(
            "FieldValueInvalid",
            "metadata.name",
            format!("Invalid value: {name:?}: must be spec.names.plural+\".\"+spec.group"),
        ));
    }
    let scope = s("/spec/scope");
    if scope != "Namespaced" && scope != "Cluster" {
        c.push(cause(
            "FieldValueNotSupported",
            "spec.scope",
            format!("Unsupported value: {scope:?}: supported values: \"Cluster\", \"Namespaced\""),
        ));
    }
    let versions = crd
        .pointer("/spec/versions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if versions.is_empty() {
        c.push(cause(
            "FieldValueRequired",
            "spec.versions",
            "Required value: must have exactly one version marked as storage version".into(),
        ));
    } else if versions
        .iter()
        .filter(|v| v.get("storage") == Some(&Value::Bool(true)))
        .count()
        != 1
    {
        c.push(cause(
            "FieldValueInvalid",
            "spec.versions",
            "Invalid value: must have exactly one version marked as storage version".into(),
        ));
    }
    c
}

/// The resources a CRD serves.
pub fn crd_resources(crd: &Value) -> Vec<ResourceInfo> {
    let s = |p: &str| {
        crd.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let strs = |p: &str| {
        crd.pointer(p)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let kind = s("/spec/names/kind");
    let singular = match s("/spec/names/singular") {
        x if x.is_empty() => kind.to_lowercase(),
        x => x,
    };
    let versions = crd
        .pointer("/spec/versions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    versions
        .iter()
        .filter(|v| v.get("served") != Some(&Value::Bool(false)))
        .map(|v| {
            let mut subs = Vec::new();
            if v.pointer("/subresources/status").is_some() {
                subs.push("status".to_string());
            }
            if v.pointer("/subresources/scale").is_some() {
                subs.push("scale".to_string());
            }
            ResourceInfo {
                group: s("/spec/group"),
                version: v
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                kind: kind.clone(),
                plural: s("/spec/names/plural"),
                singular: singular.clone(),
                namespaced: s("/spec/scope") == "Namespaced",
                listable: true,
                subresources: subs,
                short_names: strs("/spec/names/shortNames"),
                categories: strs("/spec/names/categories"),
                definition: None,
                crd_schema: v.pointer("/schema/openAPIV3Schema").cloned(),
                printer_columns: v
                    .get("additionalPrinterColumns")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
                crd: Some(s("/metadata/name")),
            }
        })
        .collect()
}

/// Marks a CRD established and its names accepted.
pub fn crd_status(crd: &mut Value) {
    let names = crd.pointer("/spec/names").cloned().unwrap_or(json!({}));
    let stored: Vec<Value> = crd
        .pointer("/spec/versions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|v| v.get("storage") == Some(&Value::Bool(true)))
                .filter_map(|v| v.get("name").cloned())
                .collect()
        })
        .unwrap_or_default();
    let now = now_rfc3339();
    let cond = |t: &str, reason: &str, msg: &str| json!({"type": t, "status": "True", "lastTransitionTime": now, "reason": reason, "message": msg});
    let mut accepted = names.clone();
    if accepted.get("singular").is_none()
        && let Some(k) = names.get("kind").and_then(Value::as_str)
    {
        accepted["singular"] = json!(k.to_lowercase());
    }
    crd["status"] = json!({
        "conditions": [cond("NamesAccepted", "NoConflicts", "no conflicts found"),
            cond("Established", "InitialNamesAccepted", "the initial names have been accepted")],
        "acceptedNames": accepted,
        "storedVersions": stored,
    });
}

/// Validates a custom resource against its `openAPIV3Schema` (types, required, enums);
/// with `strict`, undeclared fields are errors, otherwise they are pruned.
pub fn validate_cr(schema: &Value, obj: &mut Value, strict: bool) -> (Vec<Cause>, Vec<String>) {
    let mut causes = Vec::new();
    let mut unknown = Vec::new();
    if let Value::Object(m) = obj {
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let keys: Vec<String> = m.keys().cloned().collect();
        for k in keys {
            if matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                continue;
            }
            match props.get(&k) {
                Some(ps) => {
                    if let Some(v) = m.get_mut(&k) {
                        check(ps, v, &k, strict, &mut causes, &mut unknown);
                    }
                }
                None if schema.get("x-kubernetes-preserve-unknown-fields")
                    == Some(&Value::Bool(true)) => {}
                None => {
                    unknown.push(k.clone());
                    if !strict {
                        m.remove(&k);
                    }
                }
            }
        }
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !m.contains_key(r) {
                causes.push(cause("FieldValueRequired", r, "Required value".into()));
            }
        }
    }
    (causes, unknown)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn check(
    s: &Value,
    v: &mut Value,
    path: &str,
    strict: bool,
    causes: &mut Vec<Cause>,
    unknown: &mut Vec<String>,
) {
    if s.get("x-kubernetes-int-or-string") == Some(&Value::Bool(true)) {
        return;
    }
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let got = type_name(v);
        let ok = got == t
            || (t == "number" && got == "integer")
            || (got == "null" && s.get("nullable") == Some(&Value::Bool(true)));
        if !ok {
            let shown = match v {
                Value::String(x) => format!("{x:?}"),
                other => format!("{:?}", other.to_string()),
            };
            causes.push(cause(
                "FieldValueTypeInvalid",
                path,
                format!("Invalid value: {shown}: {path} in body must be of type {t}: {shown}"),
            ));
            return;
        }
    }
    if let Some(Value::Array(allowed)) = s.get("enum")
        && !allowed.contains(v)
    {
        let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
        causes.push(cause(
            "FieldValueNotSupported",
            path,
            format!(
                "Unsupported value: {v}: supported values: {}",
                list.join(", ")
            ),
        ));
    }
    match v {
        Value::Object(m) => {
            let preserve =
                s.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true));
            if let Some(Value::Object(props)) = s.get("properties") {
                let keys: Vec<String> = m.keys().cloned().collect();
                for k in keys {
                    let p = format!("{path}.{k}");
                    match props.get(&k) {
                        Some(ps) => {
                            if let Some(cv) = m.get_mut(&k) {
                                check(ps, cv, &p, strict, causes, unknown);
                            }
                        }
                        None if preserve => {}
                        None => {
                            unknown.push(p);
                            if !strict {
                                m.remove(&k);
                            }
                        }
                    }
                }
            } else if let Some(ap) = s.get("additionalProperties").filter(|a| a.is_object()) {
                for (k, cv) in m.iter_mut() {
                    check(ap, cv, &format!("{path}.{k}"), strict, causes, unknown);
                }
            }
            for r in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !m.contains_key(r) {
                    causes.push(cause(
                        "FieldValueRequired",
                        &format!("{path}.{r}"),
                        "Required value".into(),
                    ));
                }
            }
        }
        Value::Array(items) => {
            if let Some(is) = s.get("items") {
                for (i, it) in items.iter_mut().enumerate() {
                    check(is, it, &format!("{path}[{i}]"), strict, causes, unknown);
                }
            }
        }
        _ => {}
    }
}

/// A `Scale` view of a scalable object.
pub fn scale_of(ri: &ResourceInfo, obj: &Value) -> Value {
    let meta = obj.get("metadata").cloned().unwrap_or(json!({}));
    let mut m = Map::new();
    for k in [
        "name",
        "namespace",
        "uid",
        "resourceVersion",
        "creationTimestamp",
    ] {
        if let Some(v) = meta.get(k) {
            m.insert(k.into(), v.clone());
        }
    }
    let replicas = obj.pointer("/spec/replicas").cloned().unwrap_or(json!(1));
    let selector = obj
        .pointer("/spec/selector/matchLabels")
        .and_then(Value::as_object)
        .map(|l| {
            l.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(",")
        });
    let _ = ri;
    let mut status =
        json!({"replicas": obj.pointer("/status/replicas").cloned().unwrap_or(json!(0))});
    if let Some(sel) = selector {
        status["selector"] = json!(sel);
    }
    json!({"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": m, "spec": {"replicas": replicas}, "status": status})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    #[test]
    fn secrets_fold_string_data_and_namespaces_get_defaults() {
        let r = Registry::builtin();
        let sec = r.lookup("", "v1", "secrets").expect("secrets");
        let mut o = json!({"metadata": {"name": "s"}, "stringData": {"a": "hi"}});
        prepare_create(&sec, &mut o);
        assert_eq!(o["data"]["a"], "aGk=");
        assert_eq!(o["type"], "Opaque");
        assert!(o.get("stringData").is_none());
        let ns = r.lookup("", "v1", "namespaces").expect("ns");
        let mut n = json!({"metadata": {"name": "x"}});
        prepare_create(&ns, &mut n);
        assert_eq!(n["status"]["phase"], "Active");
        assert_eq!(n["metadata"]["labels"]["kubernetes.io/metadata.name"], "x");
        assert!(validate_name(&ns, "Bad_Name").is_some());
    }

    #[test]
    fn unknown_fields_are_found() {
        let s = crate::schema::builtin();
        let ty = s.ty("io.k8s.api.core.v1.ConfigMap");
        let o = json!({"metadata": {"name": "a", "bogus": 1}, "data": {"k": "v"}, "extra": true});
        assert_eq!(
            unknown_fields(s, ty, &o),
            vec!["extra".to_string(), "metadata.bogus".to_string()]
        );
    }

    #[test]
    fn custom_resources_are_validated() {
        let schema = json!({"type": "object", "properties": {"spec": {"type": "object", "required": ["size"],
            "properties": {"size": {"type": "integer"}, "color": {"type": "string", "enum": ["red", "blue"]}}}}});
        let mut ok = json!({"spec": {"size": 3, "color": "red"}});
        assert!(validate_cr(&schema, &mut ok, true).0.is_empty());
        let mut bad = json!({"spec": {"size": "x", "color": "green", "zzz": 1}});
        let (causes, unknown) = validate_cr(&schema, &mut bad, false);
        assert_eq!(causes.len(), 2);
        assert_eq!(unknown, vec!["spec.zzz".to_string()]);
        assert!(bad["spec"].get("zzz").is_none());
    }
}
