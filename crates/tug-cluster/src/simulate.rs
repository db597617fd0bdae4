//! Collapsed controllers and kubelet: workloads are reported ready at once, so waits
//! (`kubectl wait`, `rollout status`, Helm `--wait=watcher` and hook Jobs) complete. The
//! status is written by the API server together with the object.

use crate::registry::ResourceInfo;
use crate::util::now_rfc3339;
use serde_json::{Map, Value, json};

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
