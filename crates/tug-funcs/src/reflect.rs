//! Sprig's reflection functions: `typeOf` (`%T`), `typeIs`, `typeIsLike`, `kindOf`
//! (Go's `reflect.Kind` names), `kindIs`, `deepEqual` (`reflect.DeepEqual`: types must
//! match exactly, so `1` and `1.0` differ) and `deepCopy`/`mustDeepCopy`
//! (mitchellh/copystructure: maps and slices copied recursively).

use std::sync::Arc;

use tug_template::func::{FuncError, Function, Param};
use tug_value::{List, Map, Value};

use crate::cast::{func, kind_name, str_arg, string};

const A: Param = Param::Any;
const S: Param = Param::String;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    out.push(func("typeOf", &[A], None, |a| {
        Ok(string(a[0].type_name().into_owned()))
    }));
    out.push(func("typeIs", &[S, A], None, |a| {
        Ok(Value::Bool(str_arg(a, 0) == a[1].type_name()))
    }));
    out.push(func("typeIsLike", &[S, A], None, |a| {
        let t = a[1].type_name();
        let target = str_arg(a, 0);
        Ok(Value::Bool(target == t || format!("*{target}") == t))
    }));
    out.push(func("kindOf", &[A], None, |a| Ok(string(kind_name(&a[0])))));
    out.push(func("kindIs", &[S, A], None, |a| {
        Ok(Value::Bool(str_arg(a, 0) == kind_name(&a[1])))
    }));
    out.push(func("deepEqual", &[A, A], None, |a| {
        Ok(Value::Bool(deep_equal(&a[0], &a[1])))
    }));
    for name in ["deepCopy", "mustDeepCopy"] {
        out.push(func(name, &[A], None, |a| {
            if a[0].is_nil() {
                return Err(FuncError::msg(
                    "reflect: call of reflect.Value.Type on zero Value",
                ));
            }
            Ok(deep_copy(&a[0]))
        }));
    }
}

/// Go's `reflect.DeepEqual` on two values seen through `interface {}`.
pub(crate) fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) | (Value::Int64(x), Value::Int64(y)) => x == y,
        (Value::Uint(x), Value::Uint(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.elem() == y.elem()
                && x.len() == y.len()
                && x.items()
                    .iter()
                    .zip(y.items())
                    .all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.ptr_eq(y) {
                return true;
            }
            let (ex, ey) = (x.entries(), y.entries());
            x.elem() == y.elem()
                && ex.len() == ey.len()
                && ex
                    .iter()
                    .zip(&ey)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && deep_equal(v1, v2))
        }
        (Value::Object(x), Value::Object(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// copystructure's `Copy`: fresh maps and slices all the way down. Host objects that
/// are not maps or slices (`.Capabilities`, `.Files`) are read-only and stay shared.
pub(crate) fn deep_copy(v: &Value) -> Value {
    match v {
        Value::List(l) => Value::List(List::typed(
            l.elem(),
            l.items().iter().map(deep_copy).collect(),
        )),
        Value::Map(m) => {
            let copy = Map::typed(m.elem());
            for (k, val) in m.entries() {
                copy.insert(k, deep_copy(&val));
            }
            Value::Map(copy)
        }
        // Named map and slice types (`common.Values`, the render's top-level data):
        // copied into plain maps and slices, so that writes to the copy stay there.
        Value::Object(o) => match (o.as_map(), o.as_list()) {
            (Some(m), _) => deep_copy(&Value::Map(m.clone())),
            (_, Some(l)) => deep_copy(&Value::List(l.clone())),
            _ => v.clone(),
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_equal_requires_identical_types() {
        assert!(deep_equal(&Value::Int(1), &Value::Int(1)));
        assert!(!deep_equal(&Value::Int(1), &Value::Int64(1)));
        assert!(!deep_equal(&Value::Int(1), &Value::Float(1.0)));
        assert!(deep_equal(
            &Value::list(vec![Value::Int(1)]),
            &Value::list(vec![Value::Int(1)])
        ));
    }

    #[test]
    fn deep_copy_detaches_maps() {
        let inner = Map::new();
        inner.insert("y", Value::Int(1));
        let outer = Map::new();
        outer.insert("x", Value::Map(inner.clone()));
        let copy = deep_copy(&Value::Map(outer));
        inner.insert("y", Value::Int(2));
        let Some(Value::Map(copied)) = copy.as_map().and_then(|m| m.get("x")) else {
            panic!("copy lost its inner map");
        };
        assert!(matches!(copied.get("y"), Some(Value::Int(1))));
    }
}
