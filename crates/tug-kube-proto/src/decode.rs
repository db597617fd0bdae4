//! Protobuf bytes -> JSON, driven by the descriptor table: field names, inlined embedded
//! structs, list wrappers, maps, and apimachinery's special types (see `special`).

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::special;
use crate::table::{Card, Field, Kind, Message, Table};
use crate::wire::{Raw, Reader};

/// Deepest message nesting accepted.
pub const MAX_DEPTH: usize = 100;

/// Decodes `bytes` as message `name` into its JSON form.
pub fn message(t: &Table, name: &str, bytes: &[u8], depth: usize) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::TooDeep(MAX_DEPTH));
    }
    if let Some(v) = special::decode(t, name, bytes, depth)? {
        return Ok(v);
    }
    let msg = t.need(name)?;
    if msg.list_wrapper {
        return list_wrapper(t, msg, bytes, depth);
    }
    let mut out = Map::new();
    object(t, msg, bytes, depth, &mut out)?;
    Ok(Value::Object(out))
}

/// `type X []T` masked as `{repeated T items = 1}`: JSON is the bare array.
fn list_wrapper(t: &Table, msg: &Message, bytes: &[u8], depth: usize) -> Result<Value, Error> {
    let mut out = Map::new();
    object(t, msg, bytes, depth, &mut out)?;
    Ok(out
        .into_iter()
        .next()
        .map_or(Value::Array(Vec::new()), |(_, v)| v))
}

/// Decodes the fields of `msg` into `out` (inlined embedded structs write into the same map).
pub fn object(
    t: &Table,
    msg: &Message,
    bytes: &[u8],
    depth: usize,
    out: &mut Map<String, Value>,
) -> Result<(), Error> {
    let mut r = Reader::new(bytes, &msg.name);
    while !r.done() {
        let (tag, raw) = r.field()?;
        let Some(f) = msg.by_tag(tag) else { continue };
        let Some(key) = &f.json else {
            let (Raw::Bytes(b), Some(target)) = (&raw, &f.target) else {
                return Err(mismatch(msg, f, &raw));
            };
            object(t, t.need(target)?, b, depth + 1, out)?;
            continue;
        };
        match f.card {
            Card::One => {
                let v = value(t, msg, f, raw, depth)?;
                if f.omit_zero && is_zero(&v) {
                    out.remove(key);
                } else {
                    out.insert(key.clone(), v);
                }
            }
            Card::Repeated => {
                let slot = out
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(items) = slot else { continue };
                repeated(t, msg, f, raw, depth, items)?;
            }
            Card::Map => {
                let slot = out
                    .entry(key.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                let (Value::Object(map), Raw::Bytes(b)) = (slot, &raw) else {
                    return Err(mismatch(msg, f, &raw));
                };
                let (k, v) = map_entry(t, msg, f, b, depth)?;
                map.insert(k, v);
            }
        }
    }
    Ok(())
}

fn repeated(
    t: &Table,
    msg: &Message,
    f: &Field,
    raw: Raw<'_>,
    depth: usize,
    items: &mut Vec<Value>,
) -> Result<(), Error> {
    let packable = matches!(
        f.kind,
        Kind::Bool | Kind::Int32 | Kind::Int64 | Kind::Double
    );
    if let (true, Raw::Bytes(b)) = (packable, &raw) {
        let mut r = Reader::new(b, &msg.name);
        while !r.done() {
            let raw = match f.kind {
                Kind::Double => r.fixed64().map(Raw::Fixed64)?,
                _ => r.varint().map(Raw::Varint)?,
            };
            items.push(value(t, msg, f, raw, depth)?);
        }
        return Ok(());
    }
    items.push(value(t, msg, f, raw, depth)?);
    Ok(())
}

fn map_entry(
    t: &Table,
    msg: &Message,
    f: &Field,
    b: &[u8],
    depth: usize,
) -> Result<(String, Value), Error> {
    let mut r = Reader::new(b, &msg.name);
    let mut key = String::new();
    let mut val = None;
    while !r.done() {
        match r.field()? {
            (1, Raw::Bytes(k)) => key = String::from_utf8_lossy(k).into_owned(),
            (2, raw) => val = Some(value(t, msg, f, raw, depth)?),
            (1, raw) => return Err(mismatch(msg, f, &raw)),
            _ => {}
        }
    }
    let val = match val {
        Some(v) => v,
        None => zero_value(t, f, depth)?,
    };
    Ok((key, val))
}

/// The JSON of a map value that was left out of its entry (the type's zero value).
fn zero_value(t: &Table, f: &Field, depth: usize) -> Result<Value, Error> {
    Ok(match f.kind {
        Kind::String | Kind::Bytes => Value::String(String::new()),
        Kind::Bool => Value::Bool(false),
        Kind::Int32 | Kind::Int64 => Value::from(0),
        Kind::Double => Value::from(0.0),
        Kind::Message => match &f.target {
            Some(target) => message(t, target, &[], depth + 1)?,
            None => Value::Null,
        },
    })
}

/// One scalar or message value of field `f`.
fn value(t: &Table, msg: &Message, f: &Field, raw: Raw<'_>, depth: usize) -> Result<Value, Error> {
    Ok(match (f.kind, &raw) {
        (Kind::String, Raw::Bytes(b)) => Value::String(String::from_utf8_lossy(b).into_owned()),
        (Kind::Bytes, Raw::Bytes(b)) => {
            Value::String(base64::engine::general_purpose::STANDARD.encode(b))
        }
        (Kind::Bool, Raw::Varint(v)) => Value::Bool(*v != 0),
        (Kind::Int32, Raw::Varint(v)) => Value::from(*v as i32),
        (Kind::Int64, Raw::Varint(v)) => Value::from(*v as i64),
        (Kind::Double, Raw::Fixed64(v)) => {
            let x = f64::from_bits(*v);
            serde_json::Number::from_f64(x)
                .map(Value::Number)
                .ok_or_else(|| Error::Json {
                    path: format!("{}.{}", msg.name, f.json.as_deref().unwrap_or("-")),
                    reason: format!("unsupported float value {x}"),
                })?
        }
        (Kind::Message, Raw::Bytes(b)) => {
            let target = f
                .target
                .as_deref()
                .ok_or_else(|| Error::Table(msg.name.clone()))?;
            message(t, target, b, depth + 1)?
        }
        _ => return Err(mismatch(msg, f, &raw)),
    })
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn mismatch(msg: &Message, f: &Field, raw: &Raw<'_>) -> Error {
    let wire = raw.wire();
    Error::WireMismatch {
        msg: msg.name.clone(),
        field: f.json.clone().unwrap_or_else(|| format!("#{}", f.tag)),
        wire,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::table;

    const CM: &str = "io.k8s.api.core.v1.ConfigMap";

    #[test]
    fn unknown_fields_are_skipped() {
        // field 99 (varint) then data{"k": "v"} (field 2, map entry)
        let bytes = [
            0x98, 0x06, 0x01, 0x12, 0x06, 0x0a, 0x01, b'k', 0x12, 0x01, b'v',
        ];
        let v = message(table().unwrap(), CM, &bytes, 0).unwrap();
        assert_eq!(v, serde_json::json!({"data": {"k": "v"}}));
    }

    #[test]
    fn wrong_wire_type_is_an_error() {
        // data (map, field 2) sent as a varint
        let err = message(table().unwrap(), CM, &[0x10, 0x01], 0).unwrap_err();
        assert!(matches!(err, Error::WireMismatch { .. }), "{err}");
    }

    #[test]
    fn omitempty_scalars_drop_zero_but_pointers_keep_it() {
        let t = table().unwrap();
        // ObjectMeta.generateName "" (omitempty string) and generation 0 (omitempty int64)
        let meta = message(
            t,
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            &[0x12, 0x00, 0x38, 0x00],
            0,
        );
        assert_eq!(meta.unwrap(), serde_json::json!({}));
        // DeploymentSpec.replicas is *int32: an explicit 0 stays
        let spec = message(t, "io.k8s.api.apps.v1.DeploymentSpec", &[0x08, 0x00], 0).unwrap();
        assert_eq!(spec, serde_json::json!({"replicas": 0}));
    }

    #[test]
    fn nesting_is_bounded() {
        // JSONSchemaProps.not (field 36... any self-nesting message) built 150 levels deep
        let t = table().unwrap();
        let name = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
        let tag = t
            .need(name)
            .unwrap()
            .fields
            .iter()
            .find(|f| f.json.as_deref() == Some("not"))
            .unwrap()
            .tag;
        let mut b: Vec<u8> = Vec::new();
        for _ in 0..150 {
            let mut w = crate::wire::Writer::default();
            w.bytes_field(tag, &b);
            b = w.buf;
        }
        assert_eq!(message(t, name, &b, 0), Err(Error::TooDeep(MAX_DEPTH)));
    }
}
