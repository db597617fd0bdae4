//! Field sets as server-side apply tracks them: sets of member paths made of path elements
//! `f:<field>`, `k:<list-map keys JSON>`, `v:<set value JSON>`, and their `FieldsV1` JSON form.

use crate::schema::{Schema, Ty};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// A path of elements; a member path names a field the set owns.
pub type Path = Vec<String>;
/// A set of member paths.
pub type Set = BTreeSet<Path>;

/// Parses `FieldsV1` JSON into member paths.
pub fn from_fields_v1(v: &Value) -> Set {
    let mut out = Set::new();
    walk_v1(v, &mut Vec::new(), &mut out);
    out
}

fn walk_v1(v: &Value, path: &mut Path, out: &mut Set) {
    let Value::Object(m) = v else { return };
    for (k, child) in m {
        if k == "." {
            out.insert(path.clone());
            continue;
        }
        path.push(k.clone());
        match child {
            Value::Object(c) if !c.is_empty() => walk_v1(child, path, out),
            _ => {
                out.insert(path.clone());
            }
        }
        path.pop();
    }
}

/// Renders member paths as `FieldsV1` JSON (`"."` marks a member that also has children).
pub fn to_fields_v1(set: &Set) -> Value {
    let mut root = Map::new();
    for p in set {
        let mut cur = &mut root;
        for pe in p {
            let next = cur
                .entry(pe.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(m) = next else { break };
            cur = m;
        }
    }
    for p in set {
        if let Some(Value::Object(m)) = node_mut(&mut root, p)
            && !m.is_empty()
            && !m.contains_key(".")
        {
            m.insert(".".into(), Value::Object(Map::new()));
        }
    }
    Value::Object(root)
}

fn node_mut<'a>(root: &'a mut Map<String, Value>, p: &[String]) -> Option<&'a mut Value> {
    let (first, rest) = p.split_first()?;
    let mut cur = root.get_mut(first)?;
    for pe in rest {
        cur = cur.as_object_mut()?.get_mut(pe)?;
    }
    Some(cur)
}

/// The `k:` element naming a list-map item.
pub fn key_element(item: &Value, keys: &[String]) -> Option<String> {
    let mut m = Map::new();
    for k in keys {
        m.insert(k.clone(), item.get(k)?.clone());
    }
    Some(format!("k:{}", Value::Object(m)))
}

/// The member paths of `obj` of type `ty`.
pub fn of_value(schema: &Schema, ty: Ty<'_>, obj: &Value) -> Set {
    let mut out = Set::new();
    collect(schema, ty, obj, &mut Vec::new(), &mut out);
    out
}

fn collect(schema: &Schema, ty: Ty<'_>, v: &Value, path: &mut Path, out: &mut Set) {
    match v {
        Value::Object(m) => {
            let atomic =
                matches!(ty, Ty::Def(d) if d.atomic) || matches!(ty, Ty::Map { atomic: true, .. });
            if atomic || m.is_empty() || matches!(ty, Ty::Scalar) {
                out.insert(path.clone());
                return;
            }
            for (k, child) in m {
                path.push(format!("f:{k}"));
                collect(schema, schema.child(ty, k), child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            let Ty::List(l) = ty else {
                out.insert(path.clone());
                return;
            };
            match l.list_type.as_str() {
                "map" if !l.keys.is_empty() => {
                    let item_ty = schema.item(ty);
                    for item in items {
                        let Some(k) = key_element(item, &l.keys) else {
                            continue;
                        };
                        path.push(k);
                        out.insert(path.clone());
                        if let Value::Object(fields) = item {
                            for (f, fv) in fields {
                                path.push(format!("f:{f}"));
                                collect(schema, schema.child(item_ty, f), fv, path, out);
                                path.pop();
                            }
                        }
                        path.pop();
                    }
                }
                "set" => {
                    for item in items {
                        path.push(format!("v:{item}"));
                        out.insert(path.clone());
                        path.pop();
                    }
                }
                _ => {
                    out.insert(path.clone());
                }
            }
        }
        _ => {
            out.insert(path.clone());
        }
    }
}

fn parse_elem(pe: &str) -> Option<(char, Value)> {
    let (kind, rest) = pe.split_once(':')?;
    match kind {
        "f" => Some(('f', Value::String(rest.to_string()))),
        "k" | "v" => Some((kind.chars().next()?, serde_json::from_str(rest).ok()?)),
        _ => None,
    }
}

fn matches(item: &Value, kind: char, key: &Value) -> bool {
    match (kind, key) {
        ('k', Value::Object(keys)) => keys.iter().all(|(k, v)| item.get(k) == Some(v)),
        ('v', v) => item == v,
        _ => false,
    }
}

/// The value at `path` inside `obj`.
pub fn get<'a>(obj: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = obj;
    for pe in path {
        let (kind, key) = parse_elem(pe)?;
        cur = match (kind, cur) {
            ('f', Value::Object(m)) => m.get(key.as_str()?)?,
            (_, Value::Array(a)) => a.iter().find(|i| matches(i, kind, &key))?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Removes the value at `path` from `obj` (no-op when absent).
pub fn remove(obj: &mut Value, path: &[String]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    let mut cur = obj;
    for pe in parent {
        let Some((kind, key)) = parse_elem(pe) else {
            return;
        };
        let next = match (kind, cur) {
            ('f', Value::Object(m)) => key.as_str().and_then(|k| m.get_mut(k)),
            (_, Value::Array(a)) => a.iter_mut().find(|i| matches(i, kind, &key)),
            _ => None,
        };
        let Some(n) = next else { return };
        cur = n;
    }
    let Some((kind, key)) = parse_elem(last) else {
        return;
    };
    match (kind, cur) {
        ('f', Value::Object(m)) => {
            if let Some(k) = key.as_str() {
                m.remove(k);
            }
        }
        (_, Value::Array(a)) => a.retain(|i| !matches(i, kind, &key)),
        _ => {}
    }
}

/// A path as Kubernetes prints it in conflicts: `.spec.containers[name="app"].image`.
pub fn render(path: &[String]) -> String {
    let mut s = String::new();
    for pe in path {
        match parse_elem(pe) {
            Some(('f', Value::String(f))) => {
                s.push('.');
                s.push_str(&f);
            }
            Some(('k', Value::Object(m))) => {
                let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k}={v}")).collect();
                s.push_str(&format!("[{}]", parts.join(",")));
            }
            Some((_, v)) => s.push_str(&format!("[={v}]")),
            None => s.push_str(pe),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::builtin;
    use serde_json::json;

    #[test]
    fn deployment_fields_round_trip_through_fields_v1() {
        let s = builtin();
        let ty = s.ty("io.k8s.api.apps.v1.Deployment");
        let obj = json!({"spec": {"replicas": 2, "template": {"spec": {"containers": [
            {"name": "app", "image": "nginx", "env": [{"name": "A", "value": "1"}]}]}}}});
        let set = of_value(s, ty, &obj);
        let v1 = to_fields_v1(&set);
        assert_eq!(v1["f:spec"]["f:replicas"], json!({}));
        let c = &v1["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"app\"}"];
        assert_eq!(c["."], json!({}));
        assert_eq!(c["f:env"]["k:{\"name\":\"A\"}"]["f:value"], json!({}));
        assert_eq!(from_fields_v1(&v1), set);
        let p: Path = vec![
            "f:spec".into(),
            "f:template".into(),
            "f:spec".into(),
            "f:containers".into(),
            "k:{\"name\":\"app\"}".into(),
            "f:image".into(),
        ];
        assert_eq!(get(&obj, &p), Some(&json!("nginx")));
        assert_eq!(
            render(&p),
            ".spec.template.spec.containers[name=\"app\"].image"
        );
        let mut o = obj.clone();
        remove(&mut o, &p[..5]);
        assert_eq!(o["spec"]["template"]["spec"]["containers"], json!([]));
    }
}
