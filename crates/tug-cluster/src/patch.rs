//! Patches: JSON patch (RFC 6902), JSON merge patch (RFC 7396) and strategic merge patch with
//! schema-driven merge keys and the directives `$patch`, `$retainKeys`, `$setElementOrder/…`
//! and `$deleteFromPrimitiveList/…`.

use crate::error::ApiError;
use crate::schema::{Schema, Ty};
use serde_json::{Map, Value};

/// Applies an RFC 6902 JSON patch.
pub fn json_patch(target: &Value, patch: &Value) -> Result<Value, ApiError> {
    let p: json_patch::Patch = serde_json::from_value(patch.clone()).map_err(|e| {
        ApiError::bad_request(format!(
            "the server rejected our request due to an error in our request: {e}"
        ))
    })?;
    let mut out = target.clone();
    json_patch::patch(&mut out, &p).map_err(|e| {
        ApiError::new(
            422,
            "Invalid",
            format!("the server rejected our request due to an error in our request: {e}"),
        )
    })?;
    Ok(out)
}

/// Applies an RFC 7396 merge patch.
pub fn merge_patch(target: &Value, patch: &Value) -> Value {
    let mut out = target.clone();
    json_patch::merge(&mut out, patch);
    out
}

/// Applies a strategic merge patch to `target` of type `ty`.
pub fn strategic(
    schema: &Schema,
    ty: Ty<'_>,
    target: &Value,
    patch: &Value,
) -> Result<Value, ApiError> {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            Ok(merge_map(schema, ty, t, p)?.unwrap_or(Value::Null))
        }
        (_, Value::Object(p)) => Ok(merge_map(schema, ty, &Map::new(), p)?.unwrap_or(Value::Null)),
        _ => Err(ApiError::bad_request(
            "strategic merge patch must be a JSON object",
        )),
    }
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError::bad_request(msg)
}

/// Merges one map; `None` means the map is deleted (`$patch: delete`).
fn merge_map(
    schema: &Schema,
    ty: Ty<'_>,
    t: &Map<String, Value>,
    p: &Map<String, Value>,
) -> Result<Option<Value>, ApiError> {
    match p.get("$patch").and_then(Value::as_str) {
        Some("delete") => return Ok(None),
        Some("replace") => {
            let mut m = p.clone();
            m.remove("$patch");
            return Ok(Some(Value::Object(strip_directives(m))));
        }
        Some("merge") | None => {}
        Some(other) => return Err(bad(format!("Unknown patch type: {other}"))),
    }
    let mut out = t.clone();
    if let Some(keep) = p.get("$retainKeys") {
        let keep: Vec<&str> = keep
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        out.retain(|k, _| keep.contains(&k.as_str()));
    }
    for (k, v) in p {
        if k == "$patch" || k == "$retainKeys" || k.starts_with("$setElementOrder/") {
            continue;
        }
        if let Some(field) = k.strip_prefix("$deleteFromPrimitiveList/") {
            let del = v.as_array().cloned().unwrap_or_default();
            if let Some(Value::Array(a)) = out.get_mut(field) {
                a.retain(|x| !del.contains(x));
            }
            continue;
        }
        let child_ty = schema.child(ty, k);
        match v {
            Value::Null => {
                out.remove(k);
            }
            Value::Object(pm) => {
                let base = match t.get(k) {
                    Some(Value::Object(tm)) if !matches!(child_ty, Ty::Def(d) if d.atomic) => {
                        tm.clone()
                    }
                    _ => Map::new(),
                };
                match merge_map(schema, child_ty, &base, pm)? {
                    Some(m) => out.insert(k.clone(), m),
                    None => out.remove(k),
                };
            }
            Value::Array(pa) => {
                let merged = merge_list(schema, child_ty, t.get(k), pa)?;
                out.insert(k.clone(), merged);
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    for (k, order) in p {
        if let Some(field) = k.strip_prefix("$setElementOrder/")
            && let (Some(Value::Array(a)), Some(order)) = (out.get_mut(field), order.as_array())
        {
            let mk = match schema.child(ty, field) {
                Ty::List(l) => l.merge_key.clone(),
                _ => String::new(),
            };
            reorder(a, order, &mk);
        }
    }
    Ok(Some(Value::Object(out)))
}

fn strip_directives(mut m: Map<String, Value>) -> Map<String, Value> {
    m.retain(|k, _| !k.starts_with('$'));
    m
}

fn reorder(a: &mut [Value], order: &[Value], mk: &str) {
    let id = |v: &Value| {
        if mk.is_empty() {
            v.clone()
        } else {
            v.get(mk).cloned().unwrap_or(Value::Null)
        }
    };
    let pos = |v: &Value| {
        order
            .iter()
            .position(|o| id(o) == id(v))
            .unwrap_or(usize::MAX)
    };
    a.sort_by_key(|v| pos(v));
}

fn merge_list(
    schema: &Schema,
    ty: Ty<'_>,
    target: Option<&Value>,
    pa: &[Value],
) -> Result<Value, ApiError> {
    let info = match ty {
        Ty::List(l) if l.strategy.split(',').any(|s| s == "merge") => l,
        _ => {
            return Ok(Value::Array(
                pa.iter().filter(|x| !is_directive(x)).cloned().collect(),
            ));
        }
    };
    let empty = Vec::new();
    let t = target.and_then(Value::as_array).unwrap_or(&empty);
    if pa
        .iter()
        .any(|x| x.get("$patch").and_then(Value::as_str) == Some("replace"))
    {
        return Ok(Value::Array(
            pa.iter().filter(|x| !is_directive(x)).cloned().collect(),
        ));
    }
    if info.merge_key.is_empty() {
        let mut out = t.clone();
        out.extend(pa.iter().filter(|x| !t.contains(x)).cloned());
        return Ok(Value::Array(out));
    }
    let mk = info.merge_key.as_str();
    let item_ty = schema.item(ty);
    let mut out = t.clone();
    for item in pa {
        let key = item.get(mk).cloned();
        let pos = out
            .iter()
            .position(|o| key.is_some() && o.get(mk) == key.as_ref());
        let del = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match (pos, item) {
            (Some(i), _) if del => {
                out.remove(i);
            }
            (None, _) if del => {}
            (Some(i), Value::Object(pm)) => {
                let base = out[i].as_object().cloned().unwrap_or_default();
                match merge_map(schema, item_ty, &base, pm)? {
                    Some(v) => out[i] = v,
                    None => {
                        out.remove(i);
                    }
                }
            }
            (None, Value::Object(pm)) => out.push(Value::Object(strip_directives(pm.clone()))),
            (_, other) => out.push(other.clone()),
        }
    }
    Ok(Value::Array(out))
}

fn is_directive(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.keys().any(|k| k.starts_with('$')) && m.len() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_and_json_patches() {
        let t = json!({"a": 1, "b": {"c": 2}});
        assert_eq!(
            merge_patch(&t, &json!({"b": {"c": null, "d": 3}})),
            json!({"a": 1, "b": {"d": 3}})
        );
        let p = json!([{"op": "replace", "path": "/a", "value": 5}]);
        assert_eq!(json_patch(&t, &p).expect("patch")["a"], 5);
        assert_eq!(
            json_patch(&t, &json!([{"op": "remove", "path": "/zz"}]))
                .err()
                .map(|e| e.code),
            Some(422)
        );
    }
}
