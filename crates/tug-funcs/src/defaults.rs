//! Sprig's defaults and flow functions: `default`, `empty`, `coalesce`, `all`, `any`,
//! `compact`/`mustCompact` and `ternary`, all built on Sprig's notion of emptiness
//! ([`crate::cast::empty`]). Helm's `fail` override lives in the Helm group.

use tug_template::func::{FuncError, Function, Param};
use tug_value::Value;

use crate::cast::{empty, func};
use crate::lists::not_a_list;

const A: Param = Param::Any;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    out.push(func("default", &[A], Some(A), |a| {
        Ok(match a.get(1) {
            Some(given) if !empty(given) => given.clone(),
            _ => a[0].clone(),
        })
    }));
    out.push(func("empty", &[A], None, |a| Ok(Value::Bool(empty(&a[0])))));
    out.push(func("coalesce", &[], Some(A), |a| {
        Ok(a.iter().find(|v| !empty(v)).cloned().unwrap_or(Value::Nil))
    }));
    out.push(func("all", &[], Some(A), |a| {
        Ok(Value::Bool(a.iter().all(|v| !empty(v))))
    }));
    out.push(func("any", &[], Some(A), |a| {
        Ok(Value::Bool(a.iter().any(|v| !empty(v))))
    }));
    for name in ["compact", "mustCompact"] {
        out.push(func(name, &[A], None, |a| compact(&a[0])));
    }
    out.push(func("ternary", &[A, A, Param::Bool], None, |a| {
        Ok(if a[2].is_true() {
            a[0].clone()
        } else {
            a[1].clone()
        })
    }));
}

/// Sprig's `compact`: the non-empty elements of a slice.
fn compact(list: &Value) -> Result<Value, FuncError> {
    let Some(items) = crate::cast::slice_items(list) else {
        return Err(not_a_list(list, |k| format!("Cannot compact on type {k}")));
    };
    Ok(Value::list(
        items.into_iter().filter(|v| !empty(v)).collect(),
    ))
}
