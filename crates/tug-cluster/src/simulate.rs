//! Collapsed controllers and kubelet: workloads get their ReplicaSets and Pods and are
//! reported ready at once, so waits (`kubectl wait`, `rollout status`, Helm `--wait` and hook
//! Jobs) complete. Status and children are written by the API server with the object.

use crate::registry::{Registry, ResourceInfo};
use crate::store::{Mutation, State};
use crate::util::now_rfc3339;
use serde_json::{Map, Value, json};
use std::sync::Arc;

fn cond(t: &str, reason: &str, msg: &str) -> Value {
    let now = now_rfc3339();
    json!({"type": t, "status": "True", "lastTransitionTime": now, "lastUpdateTime": now, "reason": reason, "message": msg})
}

/// Sets conditions unless the same types and statuses are already there (keeps timestamps).
fn set_conditions(status: &mut Map<String, Value>, new: Value) {
    let key = |v: &Value| -> Vec<(Value, Value)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|c| (c["type"].clone(), c["status"].clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    if status.get("conditions").map(key) != Some(key(&new)) {
        status.insert("conditions".into(), new);
    }
}

fn counts(status: &mut Map<String, Value>, keys: &[&str], n: i64) {
    for k in keys {
        if n > 0 {
            status.insert((*k).into(), json!(n));
        } else {
            status.remove(*k);
        }
    }
}

/// Sets the status a settled cluster would report for `obj`.
pub fn settle(ri: &ResourceInfo, obj: &mut Value) {
    let generation = obj
        .pointer("/metadata/generation")
        .cloned()
        .unwrap_or(json!(1));
    let replicas = obj
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut st = match obj.get("status") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    match (ri.group.as_str(), ri.plural.as_str()) {
        ("apps", "deployments") => {
            st.insert("observedGeneration".into(), generation);
            counts(
                &mut st,
                &[
                    "replicas",
                    "updatedReplicas",
                    "readyReplicas",
                    "availableReplicas",
                ],
                replicas,
            );
            set_conditions(
                &mut st,
                json!([
                    cond(
                        "Available",
                        "MinimumReplicasAvailable",
                        "Deployment has minimum availability."
                    ),
                    cond(
                        "Progressing",
                        "NewReplicaSetAvailable",
                        &format!("ReplicaSet \"{name}\" has successfully progressed.")
                    ),
                ]),
            );
        }
        ("apps", "statefulsets") => {
            st.insert("observedGeneration".into(), generation);
            st.insert("replicas".into(), json!(replicas));
            counts(
                &mut st,
                &[
                    "readyReplicas",
                    "currentReplicas",
                    "updatedReplicas",
                    "availableReplicas",
                ],
                replicas,
            );
            st.insert("currentRevision".into(), json!(format!("{name}-0")));
            st.insert("updateRevision".into(), json!(format!("{name}-0")));
            st.insert("collisionCount".into(), json!(0));
        }
        ("apps", "replicasets") => {
            st.insert("observedGeneration".into(), generation);
            st.insert("replicas".into(), json!(replicas));
            counts(
                &mut st,
                &["fullyLabeledReplicas", "readyReplicas", "availableReplicas"],
                replicas,
            );
        }
        ("apps", "daemonsets") => {
            st.insert("observedGeneration".into(), generation);
            for k in [
                "currentNumberScheduled",
                "desiredNumberScheduled",
                "numberAvailable",
                "numberReady",
                "updatedNumberScheduled",
            ] {
                st.insert(k.into(), json!(1));
            }
            st.insert("numberMisscheduled".into(), json!(0));
        }
        ("batch", "jobs") => {
            if obj.pointer("/spec/suspend") == Some(&Value::Bool(true)) {
                return;
            }
            let n = obj
                .pointer("/spec/completions")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let now = now_rfc3339();
            st.entry("startTime").or_insert(json!(now));
            st.entry("completionTime").or_insert(json!(now));
            st.insert("succeeded".into(), json!(n));
            st.insert("ready".into(), json!(0));
            st.insert("terminating".into(), json!(0));
            set_conditions(
                &mut st,
                json!([
                    cond(
                        "SuccessCriteriaMet",
                        "CompletionsReached",
                        "Reached expected number of succeeded pods"
                    ),
                    cond(
                        "Complete",
                        "CompletionsReached",
                        "Reached expected number of succeeded pods"
                    ),
                ]),
            );
        }
        ("", "pods") => {
            let once = matches!(
                obj.pointer("/spec/restartPolicy").and_then(Value::as_str),
                Some("Never") | Some("OnFailure")
            );
            let containers: Vec<Value> = obj
                .pointer("/spec/containers")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let statuses: Vec<Value> = containers.iter().map(|c| {
                let state = if once {
                    json!({"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": now_rfc3339(), "finishedAt": now_rfc3339()}})
                } else {
                    json!({"running": {"startedAt": now_rfc3339()}})
                };
                json!({"name": c.get("name"), "image": c.get("image"), "imageID": "", "ready": !once, "started": !once,
                    "restartCount": 0, "state": state})
            }).collect();
            st.insert(
                "phase".into(),
                json!(if once { "Succeeded" } else { "Running" }),
            );
            st.insert("podIP".into(), json!("10.244.0.10"));
            st.insert("hostIP".into(), json!("127.0.0.1"));
            st.entry("startTime").or_insert(json!(now_rfc3339()));
            let same = st
                .get("containerStatuses")
                .and_then(Value::as_array)
                .map(Vec::len)
                == Some(statuses.len());
            if !same {
                st.insert("containerStatuses".into(), Value::Array(statuses));
            }
            let ready = if once { "False" } else { "True" };
            set_conditions(
                &mut st,
                json!([
                    {"type": "PodScheduled", "status": "True", "lastTransitionTime": now_rfc3339()},
                    {"type": "Initialized", "status": "True", "lastTransitionTime": now_rfc3339()},
                    {"type": "ContainersReady", "status": ready, "lastTransitionTime": now_rfc3339()},
                    {"type": "Ready", "status": ready, "lastTransitionTime": now_rfc3339()},
                ]),
            );
            if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                spec.entry("nodeName").or_insert(json!("tug-node"));
            }
        }
        ("", "persistentvolumeclaims") => {
            st.insert("phase".into(), json!("Bound"));
        }
        ("", "services")
            if obj.pointer("/spec/type").and_then(Value::as_str) == Some("LoadBalancer") =>
        {
            st.insert(
                "loadBalancer".into(),
                json!({"ingress": [{"ip": "127.0.0.1", "ipMode": "VIP"}]}),
            );
        }
        _ => return,
    }
    if let Value::Object(m) = obj {
        m.insert("status".into(), Value::Object(st));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    #[test]
    fn deployments_and_jobs_settle() {
        let r = Registry::builtin();
        let d = r.lookup("apps", "v1", "deployments").expect("deploy");
        let mut o = json!({"metadata": {"name": "w", "generation": 2}, "spec": {"replicas": 3}});
        settle(&d, &mut o);
        assert_eq!(o["status"]["availableReplicas"], 3);
        assert_eq!(o["status"]["observedGeneration"], 2);
        assert_eq!(o["status"]["conditions"][0]["type"], "Available");
        let j = r.lookup("batch", "v1", "jobs").expect("jobs");
        let mut job = json!({"metadata": {"name": "j"}, "spec": {}});
        settle(&j, &mut job);
        assert_eq!(job["status"]["conditions"][1]["type"], "Complete");
        let cm = r.lookup("", "v1", "configmaps").expect("cm");
        let mut c = json!({"data": {}});
        settle(&cm, &mut c);
        assert!(c.get("status").is_none());
    }
}

/// The stand-in for the workload controllers: the ReplicaSet of a Deployment's current
/// template and the Pods of ReplicaSets, StatefulSets and Jobs, created, scaled and removed
/// in the same write as their owner (deletion cascades through ownerReferences).
pub fn children(reg: &Registry, st: &State, key: &str, obj: &Value) -> Vec<Mutation> {
    let mut parts = key.splitn(4, '/');
    let (group, plural, ns) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    if obj.pointer("/metadata/deletionTimestamp").is_some() {
        return Vec::new();
    }
    match (group, plural) {
        ("apps", "deployments") => deployment(reg, st, ns, obj),
        ("apps", "replicasets") => pods(reg, st, ns, obj, "ReplicaSet", PodNames::Random),
        ("apps", "statefulsets") => pods(reg, st, ns, obj, "StatefulSet", PodNames::Ordinal),
        ("batch", "jobs") => pods(reg, st, ns, obj, "Job", PodNames::Random),
        _ => Vec::new(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum PodNames {
    Random,
    Ordinal,
}

fn owner_ref(obj: &Value, kind: &str, api_version: &str) -> Value {
    json!({"apiVersion": api_version, "kind": kind, "name": obj.pointer("/metadata/name"),
        "uid": obj.pointer("/metadata/uid"), "controller": true, "blockOwnerDeletion": true})
}

fn owned_by<'a>(st: &'a State, prefix: &str, uid: &str) -> Vec<(&'a String, &'a Arc<Value>)> {
    st.objects
        .range(prefix.to_string()..)
        .take_while(|(k, _)| k.starts_with(prefix))
        .filter(|(_, o)| {
            o.pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|refs| {
                    refs.iter()
                        .any(|r| r.get("uid").and_then(Value::as_str) == Some(uid))
                })
        })
        .collect()
}

fn template_hash(template: &Value) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in template.to_string().bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    const ALPHA: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    (0..10)
        .map(|i| ALPHA[((h >> (i * 3)) as usize + i) % ALPHA.len()] as char)
        .collect()
}

fn deployment(reg: &Registry, st: &State, ns: &str, d: &Value) -> Vec<Mutation> {
    let (Some(uid), Some(name)) = (
        d.pointer("/metadata/uid").and_then(Value::as_str),
        d.pointer("/metadata/name").and_then(Value::as_str),
    ) else {
        return Vec::new();
    };
    let Some(ri) = reg.lookup("apps", "v1", "replicasets") else {
        return Vec::new();
    };
    let template = d.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let hash = template_hash(&template);
    let rs_name = format!("{name}-{hash}");
    let replicas = d
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let mut out = Vec::new();
    let prefix = format!("apps/replicasets/{ns}/");
    for (k, rs) in owned_by(st, &prefix, uid) {
        if rs.pointer("/metadata/name").and_then(Value::as_str) != Some(rs_name.as_str())
            && rs.pointer("/spec/replicas").and_then(Value::as_i64) != Some(0)
        {
            let mut old = (**rs).clone();
            old["spec"]["replicas"] = json!(0);
            settle(&ri, &mut old);
            out.extend(pods(reg, st, ns, &old, "ReplicaSet", PodNames::Random));
            out.push(Mutation::Put(k.clone(), old));
        }
    }
    let key = crate::store::key("apps", "replicasets", ns, &rs_name);
    let mut rs = match st.get(&key) {
        Some(existing) => (**existing).clone(),
        None => {
            let mut labels = template
                .pointer("/metadata/labels")
                .cloned()
                .unwrap_or(json!({}));
            labels["pod-template-hash"] = json!(hash);
            let mut tpl = template.clone();
            tpl["metadata"]["labels"] = labels.clone();
            let mut selector = d.pointer("/spec/selector").cloned().unwrap_or(json!({}));
            selector["matchLabels"]["pod-template-hash"] = json!(hash);
            let mut rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": {"name": rs_name, "namespace": ns, "labels": labels,
                    "annotations": {"deployment.kubernetes.io/revision": "1"},
                    "ownerReferences": [owner_ref(d, "Deployment", "apps/v1")]},
                "spec": {"replicas": replicas, "selector": selector, "template": tpl}});
            crate::objects::prepare_create(&ri, &mut rs);
            rs
        }
    };
    if st.get(&key).is_some()
        && rs.pointer("/spec/replicas").and_then(Value::as_i64) == Some(replicas)
    {
        return out;
    }
    rs["spec"]["replicas"] = json!(replicas);
    settle(&ri, &mut rs);
    out.extend(pods(reg, st, ns, &rs, "ReplicaSet", PodNames::Random));
    out.push(Mutation::Put(key, rs));
    out
}

fn pods(
    reg: &Registry,
    st: &State,
    ns: &str,
    owner: &Value,
    kind: &str,
    naming: PodNames,
) -> Vec<Mutation> {
    let (Some(uid), Some(name)) = (
        owner.pointer("/metadata/uid").and_then(Value::as_str),
        owner.pointer("/metadata/name").and_then(Value::as_str),
    ) else {
        return Vec::new();
    };
    let Some(ri) = reg.lookup("", "v1", "pods") else {
        return Vec::new();
    };
    let want = if kind == "Job" {
        owner
            .pointer("/spec/completions")
            .and_then(Value::as_i64)
            .unwrap_or(1)
    } else {
        owner
            .pointer("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(1)
    }
    .max(0) as usize;
    let prefix = format!("core/pods/{ns}/");
    let existing = owned_by(st, &prefix, uid);
    let mut out = Vec::new();
    for (k, _) in existing.iter().skip(want) {
        out.push(Mutation::Delete((*k).clone()));
    }
    let api_version = owner
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("v1");
    for i in existing.len()..want {
        let pod_name = match naming {
            PodNames::Ordinal => format!("{name}-{i}"),
            PodNames::Random => format!("{name}-{}", crate::util::random_suffix()),
        };
        let tpl = owner
            .pointer("/spec/template")
            .cloned()
            .unwrap_or(json!({}));
        let mut meta = tpl.get("metadata").cloned().unwrap_or(json!({}));
        meta["name"] = json!(pod_name);
        meta["namespace"] = json!(ns);
        meta["ownerReferences"] = json!([owner_ref(owner, kind, api_version)]);
        let mut spec = tpl.get("spec").cloned().unwrap_or(json!({}));
        if kind == "Job" && spec.get("restartPolicy").is_none() {
            spec["restartPolicy"] = json!("Never");
        }
        let mut pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec});
        crate::objects::prepare_create(&ri, &mut pod);
        out.push(Mutation::Put(
            crate::store::key("", "pods", ns, &pod_name),
            pod,
        ));
    }
    out
}
