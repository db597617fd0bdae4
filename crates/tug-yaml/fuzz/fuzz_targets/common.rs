//! Shared helpers of the fuzz targets: Go-level value equality.

use tug_value::Value;

/// Equality of loaded values (floats by value, maps by sorted entries).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.items().iter().zip(y.items()).all(|(p, q)| same(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            let (ex, ey) = (x.entries(), y.entries());
            ex.len() == ey.len()
                && ex
                    .iter()
                    .zip(&ey)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && same(v1, v2))
        }
        _ => false,
    }
}

/// Reload failures Helm shares or that tug accepts by design: a `<<` key reads back
/// as a merge key; the guard against libyaml-safer's flow-tag panic refuses `{!x,`.
pub fn accepted_reload_failure(text: &str, err: &tug_yaml::Error) -> bool {
    let msg = err.to_string();
    text.contains("<<")
        || (text.contains('!') && msg.ends_with("did not find expected whitespace or line break"))
}
