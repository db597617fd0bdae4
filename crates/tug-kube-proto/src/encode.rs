//! JSON -> protobuf bytes, the inverse of `decode`: fields in tag order, map entries in key
//! order, inlined embedded structs gathered back from the parent object.

use base64::Engine as _;
use serde_json::Value;

use crate::decode::MAX_DEPTH;
use crate::error::Error;
use crate::special;
use crate::table::{Card, Field, Kind, Table};
use crate::wire::Writer;

/// Encodes `v` as message `name`.
pub fn message(
    t: &Table,
    name: &str,
    v: &Value,
    depth: usize,
    path: &str,
) -> Result<Vec<u8>, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::TooDeep(MAX_DEPTH));
    }
    if let Some(b) = special::encode(t, name, v, depth, path)? {
        return Ok(b);
    }
    let msg = t.need(name)?;
    if msg.list_wrapper {
        let key = msg
            .fields
            .first()
            .and_then(|f| f.json.clone())
            .unwrap_or_default();
        return object(t, msg, &serde_json::json!({ key: v }), depth, path);
    }
    object(t, msg, v, depth, path)
}

/// Encodes the fields of `msg` found in the JSON object `v`.
pub fn object(
    t: &Table,
    msg: &crate::table::Message,
    v: &Value,
    depth: usize,
    path: &str,
) -> Result<Vec<u8>, Error> {
    let Value::Object(obj) = v else {
        return Err(Error::Json {
            path: path.to_string(),
            reason: "expected a JSON object".into(),
        });
    };
    let mut w = Writer::default();
    let mut fields: Vec<&Field> = msg.fields.iter().collect();
    fields.sort_by_key(|f| f.tag);
    for f in fields {
        let Some(key) = &f.json else {
            let target = f
                .target
                .as_deref()
                .ok_or_else(|| Error::Table(msg.name.clone()))?;
            let b = message(t, target, v, depth + 1, path)?;
            if !b.is_empty() {
                w.bytes_field(f.tag, &b);
            }
            continue;
        };
        let Some(val) = obj.get(key) else { continue };
        let fpath = format!("{path}.{key}");
        match (f.card, val) {
            (Card::One, Value::Null) => {
                if let Some(target) = f
                    .target
                    .as_deref()
                    .filter(|n| special::null_is_empty_message(n))
                {
                    w.bytes_field(f.tag, &message(t, target, val, depth + 1, &fpath)?);
                }
            }
            (Card::One, _) => one(t, f, val, depth, &fpath, &mut w)?,
            (Card::Repeated, Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    one(t, f, item, depth, &format!("{fpath}[{i}]"), &mut w)?;
                }
            }
            (Card::Map, Value::Object(m)) => {
                for (k, item) in m {
                    let mut e = Writer::default();
                    e.bytes_field(1, k.as_bytes());
                    one(t, f, item, depth, &format!("{fpath}[{k}]"), &mut e)?;
                    w.bytes_field(f.tag, &e.buf);
                }
            }
            (_, Value::Null) => {}
            (Card::Repeated, _) => return Err(json_err(&fpath, "expected an array")),
            (Card::Map, _) => return Err(json_err(&fpath, "expected an object")),
        }
    }
    Ok(w.buf)
}

fn json_err(path: &str, reason: &str) -> Error {
    Error::Json {
        path: path.to_string(),
        reason: reason.to_string(),
    }
}

/// Writes one value of field `f` (map values are written as field 2 of the entry).
fn one(
    t: &Table,
    f: &Field,
    v: &Value,
    depth: usize,
    path: &str,
    w: &mut Writer,
) -> Result<(), Error> {
    let tag = if f.card == Card::Map { 2 } else { f.tag };
    match (f.kind, v) {
        (Kind::String, Value::String(s)) => w.bytes_field(tag, s.as_bytes()),
        (Kind::Bytes, Value::String(s)) => {
            let b = base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_err(|e| json_err(path, &format!("invalid base64: {e}")))?;
            w.bytes_field(tag, &b);
        }
        (Kind::Bool, Value::Bool(b)) => w.varint_field(tag, u64::from(*b)),
        (Kind::Int32, Value::Number(n)) => {
            let i = integer(n)
                .and_then(|i| i32::try_from(i).ok())
                .ok_or_else(|| json_err(path, "not an int32"))?;
            w.varint_field(tag, i64::from(i) as u64);
        }
        (Kind::Int64, Value::Number(n)) => {
            let i = integer(n).ok_or_else(|| json_err(path, "not an int64"))?;
            w.varint_field(tag, i as u64);
        }
        (Kind::Double, Value::Number(n)) => {
            let x = n.as_f64().ok_or_else(|| json_err(path, "not a number"))?;
            w.fixed64_field(tag, x.to_bits());
        }
        (Kind::Message, _) => {
            let target = f
                .target
                .as_deref()
                .ok_or_else(|| Error::Table(path.to_string()))?;
            let b = message(t, target, v, depth + 1, path)?;
            w.bytes_field(tag, &b);
        }
        (_, Value::Null) if f.card != Card::One => {}
        _ => {
            return Err(json_err(
                path,
                &format!("wrong JSON type for a {:?} field", f.kind),
            ));
        }
    }
    Ok(())
}

/// An integral JSON number (`3` or `3.0`) as i64.
fn integer(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let x = n.as_f64()?;
    (x.fract() == 0.0 && x.abs() < 9.2e18).then_some(x as i64)
}
