//! Sprig's list functions (`list`, `append`, `first`, `uniq`, `slice`, `chunk`, …).
//!
//! Every function returns a new `[]interface {}` (or, for `slice`, a slice of the input's
//! type); inputs are never modified. Functions accept any slice-kinded value; other
//! kinds produce Sprig's `Cannot <op> on type <kind>` error (the `must*` twins return it,
//! the plain ones panic with it, which Helm reports the same way), and nil produces the
//! nil-pointer panic that `reflect.TypeOf(nil).Kind()` causes in Go.

use tug_template::func::{FuncError, Function, Param};
use tug_value::{List, Value};

use crate::cast::{func, int_arg, kind_name, slice_items, to_int};
use crate::reflect::deep_equal;

const A: Param = Param::Any;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    for name in ["list", "tuple"] {
        out.push(func(name, &[], Some(A), |a| Ok(Value::list(a.to_vec()))));
    }
    register_ends(out);
    register_reorder(out);
    register_search(out);
}

/// The error for a non-slice argument: `msg(kind)`, or Go's nil-pointer panic for nil.
pub(crate) fn not_a_list(v: &Value, msg: impl Fn(&str) -> String) -> FuncError {
    if v.is_nil() {
        FuncError::msg("runtime error: invalid memory address or nil pointer dereference")
    } else {
        FuncError::msg(msg(&kind_name(v)))
    }
}

/// The elements of `v`, or the `Cannot <op> on type <kind>` error.
fn items(v: &Value, op: &str) -> Result<Vec<Value>, FuncError> {
    slice_items(v).ok_or_else(|| not_a_list(v, |k| format!("Cannot {op} on type {k}")))
}

/// Registers `name` and `must<Name>` with the same implementation.
fn both(
    out: &mut Vec<Function>,
    names: [&'static str; 2],
    params: &'static [Param],
    variadic: Option<Param>,
    call: fn(&[Value]) -> Result<Value, FuncError>,
) {
    for name in names {
        out.push(func(name, params, variadic, call));
    }
}

fn register_ends(out: &mut Vec<Function>) {
    for name in ["append", "push", "mustAppend", "mustPush"] {
        out.push(func(name, &[A, A], None, |a| {
            let mut l = items(&a[0], "push")?;
            l.push(a[1].clone());
            Ok(Value::list(l))
        }));
    }
    both(out, ["prepend", "mustPrepend"], &[A, A], None, |a| {
        let mut l = items(&a[0], "prepend")?;
        l.insert(0, a[1].clone());
        Ok(Value::list(l))
    });
    both(out, ["first", "mustFirst"], &[A], None, |a| {
        Ok(items(&a[0], "find first")?
            .into_iter()
            .next()
            .unwrap_or_default())
    });
    both(out, ["last", "mustLast"], &[A], None, |a| {
        Ok(items(&a[0], "find last")?.pop().unwrap_or_default())
    });
    both(out, ["rest", "mustRest"], &[A], None, |a| {
        let l = items(&a[0], "find rest")?;
        Ok(Value::list(l.into_iter().skip(1).collect()))
    });
    both(out, ["initial", "mustInitial"], &[A], None, |a| {
        let mut l = items(&a[0], "find initial")?;
        l.pop();
        Ok(Value::list(l))
    });
}

fn register_reorder(out: &mut Vec<Function>) {
    both(out, ["reverse", "mustReverse"], &[A], None, |a| {
        let mut l = items(&a[0], "find reverse")?;
        l.reverse();
        Ok(Value::list(l))
    });
    both(out, ["uniq", "mustUniq"], &[A], None, |a| {
        let mut dest: Vec<Value> = Vec::new();
        for v in items(&a[0], "find uniq")? {
            if !dest.iter().any(|d| deep_equal(&v, d)) {
                dest.push(v);
            }
        }
        Ok(Value::list(dest))
    });
    both(out, ["without", "mustWithout"], &[A], Some(A), |a| {
        let omit = &a[1..];
        let kept = items(&a[0], "find without")?
            .into_iter()
            .filter(|v| !omit.iter().any(|o| deep_equal(o, v)))
            .collect();
        Ok(Value::list(kept))
    });
    both(out, ["slice", "mustSlice"], &[A], Some(A), slice);
    out.push(func("concat", &[], Some(A), |a| {
        let mut res = Vec::new();
        for l in a {
            match slice_items(l) {
                Some(items) => res.extend(items),
                None => {
                    return Err(not_a_list(l, |k| format!("Cannot concat type {k} as list")));
                }
            }
        }
        Ok(Value::list(res))
    }));
    both(out, ["chunk", "mustChunk"], &[Param::Int, A], None, chunk);
}

fn register_search(out: &mut Vec<Function>) {
    both(out, ["has", "mustHas"], &[A, A], None, |a| {
        if a[1].is_nil() {
            return Ok(Value::Bool(false));
        }
        let found = items(&a[1], "find has")?
            .iter()
            .any(|v| deep_equal(&a[0], v));
        Ok(Value::Bool(found))
    });
}

/// Sprig's `slice list [start [end]]`.
fn slice(a: &[Value]) -> Result<Value, FuncError> {
    let list = &a[0];
    let Some(l) = slice_items(list) else {
        return Err(not_a_list(list, |k| {
            format!("list should be type of slice or array but {k}")
        }));
    };
    if l.is_empty() {
        return Ok(Value::Nil);
    }
    let start = a.get(1).map_or(0, to_int);
    let end = a.get(2).map_or(l.len() as i64, to_int);
    if start < 0 || end < start || end > l.len() as i64 {
        return Err(FuncError::msg(
            "reflect.Value.Slice: slice index out of bounds",
        ));
    }
    let part = l[start as usize..end as usize].to_vec();
    let elem = list.as_list().map(List::elem).unwrap_or_default();
    Ok(Value::List(List::typed(elem, part)))
}

/// Sprig's `chunk size list`: consecutive sub-lists of `size` elements.
fn chunk(a: &[Value]) -> Result<Value, FuncError> {
    let size = int_arg(a, 0);
    let l = slice_items(&a[1])
        .ok_or_else(|| not_a_list(&a[1], |k| format!("Cannot chunk type {k}")))?;
    if size <= 0 {
        return Err(FuncError::msg("runtime error: makeslice: len out of range"));
    }
    let chunks = l
        .chunks(size as usize)
        .map(|c| Value::list(c.to_vec()))
        .collect();
    Ok(Value::list(chunks))
}
