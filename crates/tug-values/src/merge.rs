//! Map helpers with Go semantics: Helm's `MergeMaps` (used between `-f` files and for
//! `--set-json` objects) and a deep copy (`copystructure.Copy`).

use tug_value::{List, Map, Value};

/// Helm's `loader.MergeMaps(a, b)`: a new map holding `a`'s entries overlaid with `b`'s;
/// where both sides hold maps the maps are merged recursively (into new maps), any other
/// value from `b` replaces. Neither input is modified.
pub fn merge_maps(a: &Map, b: &Map) -> Map {
    let out = Map::from_entries(a.read().clone());
    for (k, v) in b.entries() {
        if let Value::Map(vm) = &v
            && let Some(Value::Map(existing)) = out.get(&k)
        {
            out.insert(k, Value::Map(merge_maps(&existing, vm)));
            continue;
        }
        out.insert(k, v);
    }
    out
}

/// A deep copy: maps and lists are duplicated recursively so that mutating the copy never
/// shows through the original (Go's `copystructure.Copy`).
pub fn deep_copy(v: &Value) -> Value {
    match v {
        Value::Map(m) => Value::Map(deep_copy_map(m)),
        Value::List(l) => Value::List(List::typed(
            l.elem(),
            l.items().iter().map(deep_copy).collect(),
        )),
        other => other.clone(),
    }
}

/// [`deep_copy`] of a map.
pub fn deep_copy_map(m: &Map) -> Map {
    let out = Map::typed(m.elem());
    {
        let mut w = out.write();
        for (k, v) in m.read().iter() {
            w.insert(k.clone(), deep_copy(v));
        }
    }
    out
}

/// Whether a value is a table (`map[string]interface{}`) in Helm's sense.
pub fn is_table(v: &Value) -> bool {
    matches!(v, Value::Map(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, Value)]) -> Map {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), v.clone()))
            .collect()
    }

    #[test]
    fn merge_maps_recurses_and_replaces() {
        let a = map(&[
            (
                "x",
                Value::Map(map(&[("p", Value::Int64(1)), ("q", Value::Int64(2))])),
            ),
            ("l", Value::list(vec![Value::Int64(1)])),
        ]);
        let b = map(&[
            ("x", Value::Map(map(&[("q", Value::Int64(3))]))),
            ("l", Value::list(vec![])),
        ]);
        let out = merge_maps(&a, &b);
        let x = out.get("x").unwrap();
        let x = x.as_map().unwrap();
        assert!(matches!(x.get("p"), Some(Value::Int64(1))));
        assert!(matches!(x.get("q"), Some(Value::Int64(3))));
        assert_eq!(out.get("l").unwrap().as_list().unwrap().len(), 0);
        // inputs untouched
        let ax = a.get("x").unwrap();
        assert!(matches!(
            ax.as_map().unwrap().get("q"),
            Some(Value::Int64(2))
        ));
    }

    #[test]
    fn deep_copy_detaches_maps() {
        let inner = map(&[("k", Value::Int64(1))]);
        let outer = Value::Map(map(&[("in", Value::Map(inner.clone()))]));
        let copy = deep_copy(&outer);
        let cin = copy.as_map().unwrap().get("in").unwrap();
        cin.as_map().unwrap().insert("k", Value::Int64(2));
        assert!(matches!(inner.get("k"), Some(Value::Int64(1))));
    }
}
