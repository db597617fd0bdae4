//! `meta.k8s.io/v1 Table` answers for `kubectl get`: columns for the common kinds, CRD
//! `additionalPrinterColumns`, NAME and AGE otherwise.

use crate::registry::ResourceInfo;
use serde_json::{Value, json};

/// Whether an Accept header asks for a Table.
pub fn wants_table(accept: &str) -> bool {
    accept.split(',').any(|a| a.contains("as=Table"))
}

fn col(name: &str, ty: &str, format: &str) -> Value {
    json!({"name": name, "type": ty, "format": format, "description": "", "priority": 0})
}

/// kubectl's human durations: `45s`, `5m10s`, `3h`, `2d5h`, `40d`.
pub fn human_age(secs: i64) -> String {
    let s = secs.max(0);
    let (m, h, d) = (s / 60, s / 3600, s / 86_400);
    if s < 120 {
        format!("{s}s")
    } else if m < 10 {
        if s % 60 == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{}s", s % 60)
        }
    } else if h < 3 {
        format!("{m}m")
    } else if h < 8 {
        if m % 60 == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{}m", m % 60)
        }
    } else if h < 48 {
        format!("{h}h")
    } else if h < 24 * 8 {
        if h % 24 == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{}h", h % 24)
        }
    } else if d < 365 * 2 {
        format!("{d}d")
    } else {
        format!("{}y", d / 365)
    }
}

fn age(obj: &Value, now: i64) -> Value {
    let t = obj
        .pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
        .and_then(crate::util::parse_rfc3339);
    Value::String(
        t.map(|t| human_age(now - t))
            .unwrap_or_else(|| "<unknown>".into()),
    )
}

fn s(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(x)) => x.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn count(v: Option<&Value>) -> i64 {
    v.and_then(Value::as_object)
        .map(|m| m.len() as i64)
        .unwrap_or(0)
}

/// Evaluates a simple JSONPath such as `.spec.replicas` or `.status.conditions[0].type`.
fn jsonpath<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = obj;
    for part in path.trim_start_matches('.').split('.') {
        let (name, idx) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !name.is_empty() {
            cur = cur.get(name)?;
        }
        if let Some(i) = idx {
            cur = cur.get(i)?;
        }
    }
    Some(cur)
}

type Cols = (Vec<Value>, fn(&Value, i64) -> Vec<Value>);

fn builtin_columns(plural: &str) -> Option<Cols> {
    let name = |o: &Value| Value::String(s(o.pointer("/metadata/name")));
    let _ = name;
    Some(match plural {
        "pods" => (
            vec![
                col("Name", "string", "name"),
                col("Ready", "string", ""),
                col("Status", "string", ""),
                col("Restarts", "string", ""),
                col("Age", "string", ""),
            ],
            |o, now| {
                let total = o
                    .pointer("/spec/containers")
                    .and_then(Value::as_array)
                    .map(Vec::len)
                    .unwrap_or(0);
                let ready = o
                    .pointer("/status/containerStatuses")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter(|c| c.get("ready") == Some(&Value::Bool(true)))
                            .count()
                    })
                    .unwrap_or(0);
                let phase = s(o.pointer("/status/phase"));
                vec![
                    json!(s(o.pointer("/metadata/name"))),
                    json!(format!("{ready}/{total}")),
                    json!(if phase.is_empty() {
                        "Pending".to_string()
                    } else {
                        phase
                    }),
                    json!("0"),
                    age(o, now),
                ]
            },
        ),
        "deployments" => (
            vec![
                col("Name", "string", "name"),
                col("Ready", "string", ""),
                col("Up-to-date", "integer", ""),
                col("Available", "integer", ""),
                col("Age", "string", ""),
            ],
            |o, now| {
                let want = o
                    .pointer("/spec/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(1);
                let ready = o
                    .pointer("/status/readyReplicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                let upd = o
                    .pointer("/status/updatedReplicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                let avail = o
                    .pointer("/status/availableReplicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                vec![
                    json!(s(o.pointer("/metadata/name"))),
                    json!(format!("{ready}/{want}")),
                    json!(upd),
                    json!(avail),
                    age(o, now),
                ]
            },
        ),
        "services" => (
            vec![
                col("Name", "string", "name"),
                col("Type", "string", ""),
                col("Cluster-IP", "string", ""),
                col("External-IP", "string", ""),
                col("Port(s)", "string", ""),
                col("Age", "string", ""),
            ],
            |o, now| {
                let ports: Vec<String> = o
                    .pointer("/spec/ports")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|p| {
                                format!("{}/{}", s(p.get("port")), {
                                    let pr = s(p.get("protocol"));
                                    if pr.is_empty() { "TCP".into() } else { pr }
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let ty = s(o.pointer("/spec/type"));
                vec![
                    json!(s(o.pointer("/metadata/name"))),
                    json!(if ty.is_empty() {
                        "ClusterIP".into()
                    } else {
                        ty
                    }),
                    json!(s(o.pointer("/spec/clusterIP"))),
                    json!("<none>"),
                    json!(if ports.is_empty() {
                        "<none>".into()
                    } else {
                        ports.join(",")
                    }),
                    age(o, now),
                ]
            },
        ),
        "configmaps" => (
            vec![
                col("Name", "string", "name"),
                col("Data", "integer", ""),
                col("Age", "string", ""),
            ],
            |o, now| {
                let n = count(o.get("data")) + count(o.get("binaryData"));
                vec![json!(s(o.pointer("/metadata/name"))), json!(n), age(o, now)]
            },
        ),
        "secrets" => (
            vec![
                col("Name", "string", "name"),
                col("Type", "string", ""),
                col("Data", "integer", ""),
                col("Age", "string", ""),
            ],
            |o, now| {
                vec![
                    json!(s(o.pointer("/metadata/name"))),
                    json!(s(o.get("type"))),
                    json!(count(o.get("data"))),
                    age(o, now),
                ]
            },
        ),
        "namespaces" => (
            vec![
                col("Name", "string", "name"),
                col("Status", "string", ""),
                col("Age", "string", ""),
            ],
            |o, now| {
                vec![
                    json!(s(o.pointer("/metadata/name"))),
                    json!(s(o.pointer("/status/phase"))),
                    age(o, now),
                ]
            },
        ),
        "customresourcedefinitions" => (
            vec![col("Name", "string", "name"), col("Created At", "date", "")],
            |o, _| {
                vec![
                    json!(s(o.pointer("/metadata/name"))),
                    json!(s(o.pointer("/metadata/creationTimestamp"))),
                ]
            },
        ),
        _ => return None,
    })
}

/// The columns and row cells for one resource.
fn columns_and_cells(
    ri: &ResourceInfo,
    objs: &[&Value],
    now: i64,
) -> (Vec<Value>, Vec<Vec<Value>>) {
    if let Some((cols, f)) = builtin_columns(&ri.plural) {
        return (cols, objs.iter().map(|o| f(o, now)).collect());
    }
    let mut cols = vec![col("Name", "string", "name")];
    let extra: Vec<(String, String)> = ri
        .printer_columns
        .iter()
        .filter_map(|c| {
            Some((
                c.get("name")?.as_str()?.to_string(),
                c.get("jsonPath")?.as_str()?.to_string(),
            ))
        })
        .collect();
    for c in &ri.printer_columns {
        let ty = c.get("type").and_then(Value::as_str).unwrap_or("string");
        cols.push(col(
            c.get("name").and_then(Value::as_str).unwrap_or(""),
            ty,
            "",
        ));
    }
    if extra.is_empty() {
        cols.push(col("Age", "string", ""));
    }
    let rows = objs
        .iter()
        .map(|o| {
            let mut cells = vec![json!(s(o.pointer("/metadata/name")))];
            for (_, path) in &extra {
                cells.push(jsonpath(o, path).cloned().unwrap_or(Value::Null));
            }
            if extra.is_empty() {
                cells.push(age(o, now));
            }
            cells
        })
        .collect();
    (cols, rows)
}

fn partial(obj: &Value, include: &str) -> Value {
    match include {
        "None" => Value::Null,
        "Object" => obj.clone(),
        _ => {
            let mut meta = serde_json::Map::new();
            if let Some(Value::Object(m)) = obj.get("metadata") {
                for (k, v) in m.iter().filter(|(k, _)| k.as_str() != "managedFields") {
                    meta.insert(k.clone(), v.clone());
                }
            }
            json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": meta})
        }
    }
}

/// A Table of `objs`.
pub fn table(ri: &ResourceInfo, objs: &[&Value], list_meta: Value, include: &str) -> Value {
    let now = crate::util::parse_rfc3339(&crate::util::now_rfc3339()).unwrap_or(0);
    let (cols, cells) = columns_and_cells(ri, objs, now);
    let rows: Vec<Value> = cells
        .into_iter()
        .zip(objs)
        .map(|(c, o)| json!({"cells": c, "object": partial(o, include)}))
        .collect();
    json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": list_meta, "columnDefinitions": cols, "rows": rows})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_like_kubectl() {
        assert_eq!(human_age(45), "45s");
        assert_eq!(human_age(310), "5m10s");
        assert_eq!(human_age(3 * 3600), "3h");
        assert_eq!(human_age(50 * 3600), "2d2h");
    }

    #[test]
    fn configmap_table_counts_data() {
        let r = crate::registry::Registry::builtin();
        let ri = r.lookup("", "v1", "configmaps").expect("cm");
        let o = json!({"metadata": {"name": "a", "creationTimestamp": "2020-01-01T00:00:00Z"}, "data": {"x": "1", "y": "2"}});
        let t = table(&ri, &[&o], json!({}), "Metadata");
        assert_eq!(t["rows"][0]["cells"][0], "a");
        assert_eq!(t["rows"][0]["cells"][1], 2);
        assert_eq!(t["columnDefinitions"][1]["name"], "Data");
    }
}
