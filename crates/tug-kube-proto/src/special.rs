//! apimachinery types whose JSON form is not their protobuf field layout: `Time`,
//! `MicroTime`, `Duration`, `Quantity`, `IntOrString`, `RawExtension`, `FieldsV1`, the
//! apiextensions `JSON` and `JSONSchemaPropsOr{Bool,Array,StringArray}` unions.

use serde_json::Value;

use crate::decode as dec;
use crate::encode as enc;
use crate::envelope;
use crate::error::Error;
use crate::table::Table;
use crate::timefmt;
use crate::wire::{Raw, Reader, Writer};

const META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.";
const APIEXT: &str = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.";

/// Which special type a message name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Time,
    MicroTime,
    Duration,
    Quantity,
    IntOrString,
    Raw,
    OrBool,
    OrArray,
    OrStringArray,
}

fn classify(name: &str) -> Option<Special> {
    if let Some(short) = name.strip_prefix(META) {
        return match short {
            "Time" => Some(Special::Time),
            "MicroTime" => Some(Special::MicroTime),
            "Duration" => Some(Special::Duration),
            "FieldsV1" => Some(Special::Raw),
            _ => None,
        };
    }
    if let Some(rest) = name.strip_prefix(APIEXT) {
        return match rest.split_once('.').map(|(_, s)| s) {
            Some("JSON") => Some(Special::Raw),
            Some("JSONSchemaPropsOrBool") => Some(Special::OrBool),
            Some("JSONSchemaPropsOrArray") => Some(Special::OrArray),
            Some("JSONSchemaPropsOrStringArray") => Some(Special::OrStringArray),
            _ => None,
        };
    }
    match name {
        "io.k8s.apimachinery.pkg.api.resource.Quantity" => Some(Special::Quantity),
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => Some(Special::IntOrString),
        "io.k8s.apimachinery.pkg.runtime.RawExtension" => Some(Special::Raw),
        _ => None,
    }
}

/// True when `name` is written as an empty message for a JSON `null` (its zero value).
pub fn null_is_empty_message(name: &str) -> bool {
    matches!(
        classify(name),
        Some(Special::Time | Special::MicroTime | Special::Raw)
    )
}

/// Every field of a small message, by tag (later occurrences win, repeated ones append).
fn fields<'a>(name: &'a str, bytes: &'a [u8]) -> Result<Vec<(u64, Raw<'a>)>, Error> {
    let mut r = Reader::new(bytes, name);
    let mut out = Vec::new();
    while !r.done() {
        out.push(r.field()?);
    }
    Ok(out)
}

fn varint(fs: &[(u64, Raw<'_>)], tag: u64) -> u64 {
    fs.iter()
        .rev()
        .find_map(|(t, r)| match r {
            Raw::Varint(v) if *t == tag => Some(*v),
            _ => None,
        })
        .unwrap_or(0)
}

fn bytes<'a>(fs: &[(u64, Raw<'a>)], tag: u64) -> Option<&'a [u8]> {
    fs.iter().rev().find_map(|(t, r)| match r {
        Raw::Bytes(b) if *t == tag => Some(*b),
        _ => None,
    })
}

fn text(fs: &[(u64, Raw<'_>)], tag: u64) -> String {
    bytes(fs, tag)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

/// Decodes `bytes` when `name` is a special type; `None` for ordinary messages.
pub fn decode(
    t: &Table,
    name: &str,
    bytes_in: &[u8],
    depth: usize,
) -> Result<Option<Value>, Error> {
    let Some(kind) = classify(name) else {
        return Ok(None);
    };
    let fs = fields(name, bytes_in)?;
    let v = match kind {
        Special::Time | Special::MicroTime => {
            let (secs, nanos) = (varint(&fs, 1) as i64, varint(&fs, 2) as i32);
            if secs == 0 && nanos == 0 {
                Value::Null
            } else {
                let s = timefmt::format_time(secs, nanos, kind == Special::MicroTime).ok_or_else(
                    || Error::Json {
                        path: name.to_string(),
                        reason: "year outside of range [0,9999]".into(),
                    },
                )?;
                Value::String(s)
            }
        }
        Special::Duration => Value::String(timefmt::format_duration(varint(&fs, 1) as i64)),
        Special::Quantity => {
            let s = text(&fs, 1);
            Value::String(if s.is_empty() { "0".into() } else { s })
        }
        Special::IntOrString => match varint(&fs, 1) {
            1 => Value::String(text(&fs, 3)),
            _ => Value::from(varint(&fs, 2) as i32),
        },
        Special::Raw => raw_json(name, bytes(&fs, 1).unwrap_or_default(), depth)?,
        Special::OrBool | Special::OrArray | Special::OrStringArray => {
            union_json(t, name, kind, &fs, depth)?
        }
    };
    Ok(Some(v))
}

/// Embedded raw bytes: JSON text, or a nested `k8s\0` protobuf envelope.
fn raw_json(name: &str, raw: &[u8], depth: usize) -> Result<Value, Error> {
    if raw.is_empty() {
        return Ok(Value::Null);
    }
    if envelope::is_protobuf(raw) {
        return envelope::decode_at(raw, depth + 1);
    }
    serde_json::from_slice(raw).map_err(|e| Error::EmbeddedJson {
        msg: name.to_string(),
        field: "raw".into(),
        reason: e.to_string(),
    })
}

/// The JSON of the apiextensions schema unions, as their `MarshalJSON` methods write it:
/// the schema when set (`OrBool`: else the bool), the list when non-empty (`OrArray`,
/// `OrStringArray`: else the schema, else null).
fn union_json(
    t: &Table,
    name: &str,
    kind: Special,
    fs: &[(u64, Raw<'_>)],
    depth: usize,
) -> Result<Value, Error> {
    let msg = t.need(name)?;
    let target = |tag: u32| {
        msg.fields
            .iter()
            .find(|f| f.tag == tag)
            .and_then(|f| f.target.clone())
    };
    let schema_tag = if kind == Special::OrBool { 2 } else { 1 };
    let schema = match (bytes(fs, u64::from(schema_tag)), target(schema_tag)) {
        (Some(b), Some(tn)) => Some(dec::message(t, &tn, b, depth + 1)?),
        _ => None,
    };
    if kind == Special::OrBool {
        return Ok(schema.unwrap_or(Value::Bool(varint(fs, 1) != 0)));
    }
    let mut list = Vec::new();
    for (tag, raw) in fs {
        if let (2, Raw::Bytes(b)) = (*tag, raw) {
            list.push(match (kind, target(2)) {
                (Special::OrArray, Some(tn)) => dec::message(t, &tn, b, depth + 1)?,
                _ => Value::String(String::from_utf8_lossy(b).into_owned()),
            });
        }
    }
    if !list.is_empty() {
        return Ok(Value::Array(list));
    }
    Ok(schema.unwrap_or(Value::Null))
}

/// Encodes `v` when `name` is a special type; `None` for ordinary messages.
pub fn encode(
    t: &Table,
    name: &str,
    v: &Value,
    depth: usize,
    path: &str,
) -> Result<Option<Vec<u8>>, Error> {
    let Some(kind) = classify(name) else {
        return Ok(None);
    };
    let bad = |reason: &str| Error::Json {
        path: path.to_string(),
        reason: reason.to_string(),
    };
    let mut w = Writer::default();
    match (kind, v) {
        (Special::Time | Special::MicroTime, Value::Null) => {}
        (Special::Time | Special::MicroTime, Value::String(s)) => {
            let (secs, nanos) =
                timefmt::parse_time(s).ok_or_else(|| bad("not an RFC 3339 time"))?;
            w.varint_field(1, secs as u64);
            w.varint_field(2, nanos as i64 as u64);
        }
        (Special::Duration, Value::String(s)) => {
            let d = timefmt::parse_duration(s).ok_or_else(|| bad("not a duration"))?;
            w.varint_field(1, d as u64);
        }
        (Special::Quantity, Value::String(s)) => w.bytes_field(1, s.as_bytes()),
        (Special::Quantity, Value::Number(n)) => w.bytes_field(1, n.to_string().as_bytes()),
        (Special::IntOrString, Value::Number(n)) => {
            let i = n
                .as_i64()
                .and_then(|i| i32::try_from(i).ok())
                .ok_or_else(|| bad("not an int32"))?;
            w.varint_field(1, 0);
            w.varint_field(2, i64::from(i) as u64);
            w.bytes_field(3, b"");
        }
        (Special::IntOrString, Value::String(s)) => {
            w.varint_field(1, 1);
            w.varint_field(2, 0);
            w.bytes_field(3, s.as_bytes());
        }
        (Special::Raw, Value::Null) => {}
        (Special::Raw, v) => {
            let raw = serde_json::to_vec(v).map_err(|e| bad(&e.to_string()))?;
            w.bytes_field(1, &raw);
        }
        (Special::OrBool, Value::Bool(b)) => w.varint_field(1, u64::from(*b)),
        (Special::OrBool, Value::Object(_)) => {
            w.varint_field(1, 1);
            schema(t, name, v, depth, path, 2, &mut w)?;
        }
        (Special::OrArray | Special::OrStringArray, Value::Array(_)) => {
            let msg = t.need(name)?;
            let key = msg
                .fields
                .iter()
                .find(|f| f.tag == 2)
                .and_then(|f| f.json.clone());
            let key = key.ok_or_else(|| Error::Table(name.to_string()))?;
            let wrapped = serde_json::json!({ key: v });
            w.buf = enc::object(t, msg, &wrapped, depth, path)?;
        }
        (Special::OrArray | Special::OrStringArray, Value::Object(_)) => {
            schema(t, name, v, depth, path, 1, &mut w)?;
        }
        (Special::OrArray | Special::OrStringArray, Value::Null) => {}
        _ => return Err(bad("value has the wrong JSON type")),
    }
    Ok(Some(w.buf))
}

/// Writes the `schema` member of a union message.
fn schema(
    t: &Table,
    name: &str,
    v: &Value,
    depth: usize,
    path: &str,
    tag: u32,
    w: &mut Writer,
) -> Result<(), Error> {
    let msg = t.need(name)?;
    let f = msg
        .fields
        .iter()
        .find(|f| u64::from(f.tag) == u64::from(tag));
    let target = f
        .and_then(|f| f.target.clone())
        .ok_or_else(|| Error::Table(name.to_string()))?;
    let b = enc::message(t, &target, v, depth + 1, path)?;
    w.bytes_field(tag, &b);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::table;

    fn round(name: &str, v: Value) {
        let t = table().unwrap();
        let b = encode(t, name, &v, 0, "x").unwrap().unwrap();
        assert_eq!(decode(t, name, &b, 0).unwrap().unwrap(), v, "{name}");
    }

    #[test]
    fn specials_round_trip() {
        round(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
            Value::from("2008-01-01T01:01:01Z"),
        );
        round("io.k8s.apimachinery.pkg.apis.meta.v1.Time", Value::Null);
        round(
            "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
            Value::from("2008-01-01T01:01:01.000123Z"),
        );
        round(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Duration",
            Value::from("1h2m3s"),
        );
        round(
            "io.k8s.apimachinery.pkg.api.resource.Quantity",
            Value::from("100m"),
        );
        round(
            "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            Value::from(8080),
        );
        round(
            "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            Value::from("http"),
        );
        round(
            "io.k8s.apimachinery.pkg.runtime.RawExtension",
            serde_json::json!({"a": [1, "b"]}),
        );
        round(
            "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
            serde_json::json!({"f:a": {}}),
        );
        let or_bool =
            "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool";
        round(or_bool, Value::Bool(true));
        round(or_bool, Value::Bool(false));
        round(or_bool, serde_json::json!({"type": "string"}));
        let or_arr =
            "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray";
        round(or_arr, serde_json::json!({"type": "string"}));
        round(
            or_arr,
            serde_json::json!([{"type": "string"}, {"type": "integer"}]),
        );
        let or_str =
            "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray";
        round(or_str, serde_json::json!(["a", "b"]));
    }

    #[test]
    fn bad_special_json_is_an_error() {
        let t = table().unwrap();
        let time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
        assert!(encode(t, time, &Value::from("yesterday"), 0, "x").is_err());
        assert!(encode(t, time, &Value::from(3), 0, "x").is_err());
        let raw = "io.k8s.apimachinery.pkg.runtime.RawExtension";
        assert!(matches!(
            decode(t, raw, &[0x0a, 1, b'{'], 0),
            Err(Error::EmbeddedJson { .. })
        ));
    }
}
