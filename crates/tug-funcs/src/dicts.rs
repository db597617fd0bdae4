//! Sprig's dictionary functions (`dict`, `get`, `set`, `merge`, `dig`, …).
//!
//! Maps are shared and mutable like Go maps: `set`, `unset`, `merge` and
//! `mergeOverwrite` modify the first argument in place, visible to every holder (so
//! `merge .Values.x …` changes `.Values.x` for the rest of the render). Merging follows
//! dario.cat/mergo v1.0.1 as Sprig calls it.
//!
//! Go iterates maps in random order; `keys` and `values` here use key order, one of the
//! orders Go may produce.

use tug_template::func::{FuncError, Function, Param};
use tug_value::{ElemType, Map, Value};

use crate::cast::{empty, func, str_arg, strval};
use crate::strings::strings_value;

const A: Param = Param::Any;
const M: Param = Param::Map;
const S: Param = Param::String;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    register_access(out);
    register_merge(out);
}

fn register_access(out: &mut Vec<Function>) {
    out.push(func("dict", &[], Some(A), |a| {
        let map = Map::new();
        for pair in a.chunks(2) {
            let value = pair.get(1).cloned().unwrap_or_else(|| Value::from(""));
            map.insert(strval(&pair[0]), value);
        }
        Ok(Value::Map(map))
    }));
    out.push(func("get", &[M, S], None, |a| {
        Ok(map_of(&a[0])
            .and_then(|m| m.get(str_arg(a, 1)))
            .unwrap_or_else(|| Value::from("")))
    }));
    out.push(func("set", &[M, S, A], None, |a| {
        let m = map_of(&a[0]).ok_or_else(|| FuncError::msg("assignment to entry in nil map"))?;
        m.insert(str_arg(a, 1), a[2].clone());
        Ok(a[0].clone())
    }));
    out.push(func("unset", &[M, S], None, |a| {
        if let Some(m) = map_of(&a[0]) {
            m.remove(str_arg(a, 1));
        }
        Ok(a[0].clone())
    }));
    out.push(func("hasKey", &[M, S], None, |a| {
        Ok(Value::Bool(
            map_of(&a[0]).is_some_and(|m| m.contains_key(str_arg(a, 1))),
        ))
    }));
    out.push(func("pluck", &[S], Some(M), |a| {
        let key = str_arg(a, 0);
        Ok(Value::list(
            a[1..].iter().filter_map(|d| map_of(d)?.get(key)).collect(),
        ))
    }));
    out.push(func("keys", &[], Some(M), |a| {
        let keys = a
            .iter()
            .filter_map(map_of)
            .flat_map(|m| m.keys())
            .map(|k| k.to_string())
            .collect();
        Ok(strings_value(keys))
    }));
    out.push(func("values", &[M], None, |a| {
        let values = map_of(&a[0]).map(|m| m.entries()).unwrap_or_default();
        Ok(Value::list(values.into_iter().map(|(_, v)| v).collect()))
    }));
    out.push(func("pick", &[M], Some(S), |a| {
        let res = Map::new();
        if let Some(m) = map_of(&a[0]) {
            for k in a[1..].iter().filter_map(Value::as_str) {
                if let Some(v) = m.get(k) {
                    res.insert(k, v);
                }
            }
        }
        Ok(Value::Map(res))
    }));
    out.push(func("omit", &[M], Some(S), |a| {
        let omit: Vec<&str> = a[1..].iter().filter_map(Value::as_str).collect();
        let res = Map::new();
        for (k, v) in map_of(&a[0]).map(|m| m.entries()).unwrap_or_default() {
            if !omit.contains(&&*k) {
                res.insert(k, v);
            }
        }
        Ok(Value::Map(res))
    }));
    out.push(func("dig", &[], Some(A), dig));
}

fn register_merge(out: &mut Vec<Function>) {
    for (name, overwrite) in [
        ("merge", false),
        ("mustMerge", false),
        ("mergeOverwrite", true),
        ("mustMergeOverwrite", true),
    ] {
        out.push(func(name, &[M], Some(M), move |a| {
            let dst = match map_of(&a[0]) {
                Some(_) => a[0].clone(),
                None => Value::empty_map(),
            };
            if let Some(d) = map_of(&dst) {
                for src in a[1..].iter().filter_map(map_of) {
                    merge_into(d, src, overwrite);
                }
            }
            Ok(dst)
        }));
    }
}

/// The map inside a map-typed argument (a map, a named map type, or nil → `None`).
fn map_of(v: &Value) -> Option<&Map> {
    v.as_map()
}

/// mergo's `deepMerge` for `map[string]interface {}`: src keys are copied into dst
/// when dst lacks them or holds an empty value (always with `overwrite`); maps on both
/// sides merge recursively; nil src values only count with `overwrite`.
pub(crate) fn merge_into(dst: &Map, src: &Map, overwrite: bool) {
    if dst.ptr_eq(src) {
        return;
    }
    for (key, sv) in src.entries() {
        let dv = dst.get(&key);
        if sv.is_nil() {
            if overwrite {
                dst.insert(key, Value::Nil);
            }
            continue;
        }
        let dst_map = dv.as_ref().and_then(|d| d.as_map().cloned());
        if let (Some(sm), Some(dm)) = (sv.as_map(), &dst_map) {
            merge_into(dm, sm, overwrite);
        }
        let dst_empty = dv.as_ref().is_none_or(empty);
        if !dst_empty && (sv.as_list().is_some() || (sv.as_map().is_some() && dst_map.is_some())) {
            if overwrite && sv.as_list().is_some() {
                dst.insert(key, sv);
            }
            continue;
        }
        if overwrite || dst_empty {
            dst.insert(key, sv);
        }
    }
}

/// `interface conversion` panic text for a failed `v.(map[string]interface {})`.
fn conversion_error(v: &Value, want: &str) -> FuncError {
    let have = if v.is_nil() {
        "nil".into()
    } else {
        v.type_name()
    };
    FuncError::msg(format!(
        "interface conversion: interface {{}} is {have}, not {want}"
    ))
}

/// `v.(map[string]interface {})`: only a plain `map[string]interface {}` passes.
fn assert_map(v: &Value) -> Result<&Map, FuncError> {
    match v {
        Value::Map(m) if m.elem() == ElemType::Any => Ok(m),
        _ => Err(conversion_error(v, "map[string]interface {}")),
    }
}

/// Sprig's `dig key… default dict`.
fn dig(a: &[Value]) -> Result<Value, FuncError> {
    if a.len() < 3 {
        return Err(FuncError::msg("dig needs at least three arguments"));
    }
    let mut dict = assert_map(&a[a.len() - 1])?.clone();
    let default = &a[a.len() - 2];
    let mut keys = Vec::with_capacity(a.len() - 2);
    for k in &a[..a.len() - 2] {
        keys.push(k.as_str().ok_or_else(|| conversion_error(k, "string"))?);
    }
    for (i, key) in keys.iter().enumerate() {
        let Some(step) = dict.get(key) else {
            return Ok(default.clone());
        };
        if i == keys.len() - 1 {
            return Ok(step);
        }
        dict = assert_map(&step)?.clone();
    }
    Ok(default.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, Value)]) -> Map {
        pairs
            .iter()
            .map(|(k, v)| (tug_value::Str::from(*k), v.clone()))
            .collect()
    }

    #[test]
    fn merge_keeps_non_empty_destination_values() {
        let dst = map(&[("a", Value::Int(1)), ("b", Value::from(""))]);
        let src = map(&[("a", Value::Int(2)), ("b", Value::from("B"))]);
        merge_into(&dst, &src, false);
        assert!(matches!(dst.get("a"), Some(Value::Int(1))));
        assert_eq!(
            dst.get("b").and_then(|v| v.as_str().map(String::from)),
            Some("B".into())
        );
    }

    #[test]
    fn merge_overwrite_writes_nil_and_zero() {
        let dst = map(&[("a", Value::Int(1)), ("b", Value::Int(2))]);
        let src = map(&[("a", Value::Int(0)), ("b", Value::Nil)]);
        merge_into(&dst, &src, true);
        assert!(matches!(dst.get("a"), Some(Value::Int(0))));
        assert!(matches!(dst.get("b"), Some(Value::Nil)));
    }

    #[test]
    fn nested_maps_merge_in_place() {
        let inner = map(&[("x", Value::Int(1))]);
        let dst = map(&[("c", Value::Map(inner.clone()))]);
        let src = map(&[("c", Value::Map(map(&[("y", Value::Int(3))])))]);
        merge_into(&dst, &src, false);
        assert!(inner.contains_key("y"));
    }
}
