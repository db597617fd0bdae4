//! Discovery documents: `/version`, legacy `/api` and `/apis` lists, per-group-version
//! resource lists, aggregated discovery (`apidiscovery.k8s.io` v2 and v2beta1) and the
//! OpenAPI v3 documents kubectl and Helm need before writing.

use crate::registry::{Registry, ResourceInfo};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The Kubernetes version the cluster reports.
pub const GIT_VERSION: &str = "v1.37.1";

/// `/version`.
pub fn version() -> Value {
    json!({"major": "1", "minor": "37", "emulationMajor": "1", "emulationMinor": "37",
        "minCompatibilityMajor": "1", "minCompatibilityMinor": "36", "gitVersion": GIT_VERSION,
        "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
        "buildDate": "2026-11-01T00:00:00Z", "goVersion": "go1.26.5", "compiler": "gc", "platform": "linux/amd64"})
}

/// The aggregated-discovery version asked for by an Accept header, if any.
pub fn aggregated_version(accept: &str) -> Option<&'static str> {
    for a in accept.split(',') {
        if a.contains("as=APIGroupDiscoveryList") && a.contains("g=apidiscovery.k8s.io") {
            if a.contains("v=v2beta1") {
                return Some("v2beta1");
            }
            if a.contains("v=v2") {
                return Some("v2");
            }
        }
    }
    None
}

fn scope(r: &ResourceInfo) -> &'static str {
    if r.namespaced {
        "Namespaced"
    } else {
        "Cluster"
    }
}

fn sub_kind(r: &ResourceInfo, sub: &str) -> Value {
    if sub == "scale" {
        json!({"group": "autoscaling", "version": "v1", "kind": "Scale"})
    } else {
        json!({"group": r.group, "version": r.version, "kind": r.kind})
    }
}

fn aggregated_resource(r: &ResourceInfo) -> Value {
    let mut m = json!({"resource": r.plural, "responseKind": {"group": r.group, "version": r.version, "kind": r.kind},
        "scope": scope(r), "singularResource": r.singular, "verbs": r.verbs()});
    if !r.short_names.is_empty() {
        m["shortNames"] = json!(r.short_names);
    }
    if !r.categories.is_empty() {
        m["categories"] = json!(r.categories);
    }
    if !r.subresources.is_empty() {
        let subs: Vec<Value> = r.subresources.iter()
            .map(|s| json!({"subresource": s, "responseKind": sub_kind(r, s), "verbs": ["get", "patch", "update"]}))
            .collect();
        m["subresources"] = Value::Array(subs);
    }
    m
}

/// Aggregated discovery for the core group (`core = true`) or the named groups.
pub fn aggregated(reg: &Registry, core: bool, version: &str) -> Value {
    let all = reg.all();
    let mut items = Vec::new();
    for (group, versions) in reg.groups() {
        if group.is_empty() != core {
            continue;
        }
        let vs: Vec<Value> = versions
            .iter()
            .map(|v| {
                let res: Vec<Value> = all
                    .iter()
                    .filter(|r| r.group == group && &r.version == v)
                    .map(|r| aggregated_resource(r))
                    .collect();
                json!({"version": v, "resources": res, "freshness": "Current"})
            })
            .collect();
        let mut meta = Map::new();
        if !group.is_empty() {
            meta.insert("name".into(), json!(group));
        }
        meta.insert("creationTimestamp".into(), Value::Null);
        items.push(json!({"metadata": meta, "versions": vs}));
    }
    json!({"kind": "APIGroupDiscoveryList", "apiVersion": format!("apidiscovery.k8s.io/{version}"), "metadata": {}, "items": items})
}

/// Legacy `/api`.
pub fn api_versions(addr: &str) -> Value {
    json!({"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": addr}]})
}

fn group_doc(group: &str, versions: &[String]) -> Value {
    let vs: Vec<Value> = versions
        .iter()
        .map(|v| json!({"groupVersion": format!("{group}/{v}"), "version": v}))
        .collect();
    json!({"name": group, "versions": vs, "preferredVersion": vs.first().cloned().unwrap_or(Value::Null)})
}

/// Legacy `/apis`.
pub fn api_groups(reg: &Registry) -> Value {
    let groups: Vec<Value> = reg
        .groups()
        .into_iter()
        .filter(|(g, _)| !g.is_empty())
        .map(|(g, vs)| group_doc(&g, &vs))
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/<group>`.
pub fn api_group(reg: &Registry, group: &str) -> Option<Value> {
    let (g, vs) = reg.groups().into_iter().find(|(g, _)| g == group)?;
    let mut d = group_doc(&g, &vs);
    d["kind"] = json!("APIGroup");
    d["apiVersion"] = json!("v1");
    Some(d)
}

/// `/api/v1` or `/apis/<group>/<version>`.
pub fn resource_list(reg: &Registry, group: &str, version: &str) -> Option<Value> {
    let rs: Vec<Arc<ResourceInfo>> = reg
        .all()
        .into_iter()
        .filter(|r| r.group == group && r.version == version)
        .collect();
    if rs.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for r in &rs {
        let mut m = json!({"name": r.plural, "singularName": r.singular, "namespaced": r.namespaced, "kind": r.kind, "verbs": r.verbs()});
        if !r.short_names.is_empty() {
            m["shortNames"] = json!(r.short_names);
        }
        if !r.categories.is_empty() {
            m["categories"] = json!(r.categories);
        }
        out.push(m);
        for s in &r.subresources {
            let k = sub_kind(r, s);
            let mut sm = json!({"name": format!("{}/{s}", r.plural), "singularName": "", "namespaced": r.namespaced,
                "kind": k["kind"], "verbs": ["get", "patch", "update"]});
            if s == "scale" {
                sm["group"] = json!("autoscaling");
                sm["version"] = json!("v1");
            }
            out.push(sm);
        }
    }
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    Some(
        json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": out}),
    )
}

fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

fn fnv(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016X}")
}

/// The OpenAPI v3 document of one group-version: a PATCH operation per kind carrying its
/// GVK and the `fieldValidation` parameter (what clients check before writing).
pub fn openapi_gv(reg: &Registry, group: &str, version: &str) -> Option<Value> {
    let rs: Vec<Arc<ResourceInfo>> = reg
        .all()
        .into_iter()
        .filter(|r| r.group == group && r.version == version)
        .collect();
    if rs.is_empty() {
        return None;
    }
    let base = format!("/{}", gv_path(group, version));
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let params = json!([
        {"name": "dryRun", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
        {"name": "fieldManager", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
        {"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
        {"name": "force", "in": "query", "schema": {"type": "boolean", "uniqueItems": true}}
    ]);
    for r in &rs {
        let gvk = json!({"group": r.group, "version": r.version, "kind": r.kind});
        let path = if r.namespaced {
            format!("{base}/namespaces/{{namespace}}/{}/{{name}}", r.plural)
        } else {
            format!("{base}/{}/{{name}}", r.plural)
        };
        let op = json!({"operationId": format!("patch{}", r.kind), "x-kubernetes-action": "patch",
            "x-kubernetes-group-version-kind": gvk, "parameters": params,
            "responses": {"200": {"description": "OK"}}});
        paths.insert(path, json!({"patch": op}));
        let name = r
            .definition
            .clone()
            .unwrap_or_else(|| format!("{}.{}.{}", r.group, r.version, r.kind));
        let mut schema = r
            .crd_schema
            .clone()
            .unwrap_or_else(|| json!({"type": "object"}));
        schema["x-kubernetes-group-version-kind"] = json!([gvk]);
        schemas.insert(name, schema);
    }
    Some(
        json!({"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": GIT_VERSION},
        "paths": paths, "components": {"schemas": schemas}}),
    )
}

/// `/openapi/v3`: one entry per group-version with a content hash.
pub fn openapi_root(reg: &Registry) -> Value {
    let mut paths = Map::new();
    for (g, vs) in reg.groups() {
        for v in vs {
            let doc = openapi_gv(reg, &g, &v)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let p = gv_path(&g, &v);
            paths.insert(
                p.clone(),
                json!({"serverRelativeURL": format!("/openapi/v3/{p}?hash={}", fnv(&doc))}),
            );
        }
    }
    json!({"paths": paths})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_documents() {
        let r = Registry::builtin();
        let agg = aggregated(&r, false, "v2");
        let apps = agg["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["metadata"]["name"] == "apps")
            .expect("apps");
        assert_eq!(apps["versions"][0]["version"], "v1");
        let core = aggregated(&r, true, "v2");
        assert_eq!(core["items"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            aggregated_version(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
            ),
            Some("v2")
        );
        let doc = openapi_gv(&r, "apps", "v1").expect("doc");
        let p = &doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
        assert_eq!(p["x-kubernetes-group-version-kind"]["kind"], "Deployment");
        assert!(
            openapi_root(&r)["paths"]["api/v1"]["serverRelativeURL"]
                .as_str()
                .is_some_and(|u| u.contains("hash="))
        );
    }
}
