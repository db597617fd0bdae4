//! Loading YAML the way Helm does: go-yaml v2 decodes into `interface{}`, then
//! sigs.k8s.io/yaml converts keys to strings and round-trips through `encoding/json`
//! (so every number becomes `float64`, and NaN/±Inf fail).

pub(crate) mod compose;
pub(crate) mod decode;
pub(crate) mod resolve;
mod split;

use std::collections::BTreeMap;

use tug_value::{List, Map, Str, Value};

use crate::Error;
use decode::GoVal;

pub use split::split_documents;

const YAML_PREFIX: &str = "error converting YAML to JSON: ";

fn yaml_err(msg: &str) -> Error {
    Error::Yaml(format!("{YAML_PREFIX}yaml: {msg}"))
}

/// Parses and decodes the first document of `src` with go-yaml v2.
pub(crate) fn decode_first(src: &str) -> Result<GoVal, Error> {
    let doc = compose::compose(src).map_err(|m| yaml_err(&m))?;
    decode::decode(&doc).map_err(|m| yaml_err(&m))
}

/// How numbers come out of the conversion.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbers {
    /// The JSON round trip: every number is `float64`, NaN/±Inf are errors.
    Json,
    /// go-yaml's own types: ints as `Int64`, big ones `Uint`.
    Keep,
}

/// sigs.k8s.io/yaml's `convertToJSONableObject` followed by the JSON round trip.
pub(crate) fn to_value(v: GoVal, numbers: Numbers) -> Result<Value, Error> {
    Ok(match v {
        GoVal::Nil => Value::Nil,
        GoVal::Bool(b) => Value::Bool(b),
        GoVal::Int(i) => match numbers {
            Numbers::Json => Value::Float(i as f64),
            Numbers::Keep => Value::Int64(i),
        },
        GoVal::Uint(u) => match numbers {
            Numbers::Json => Value::Float(u as f64),
            Numbers::Keep => Value::Uint(u),
        },
        GoVal::Float(f) => {
            if numbers == Numbers::Json && !f.is_finite() {
                let text = crate::gofloat::format_g(f, 64);
                return Err(Error::Yaml(format!(
                    "{YAML_PREFIX}json: unsupported value: {text}"
                )));
            }
            Value::Float(f)
        }
        GoVal::Str(bytes) => Value::String(Str::from(go_lossy(&bytes))),
        GoVal::Seq(items) => {
            let out: Result<Vec<Value>, Error> =
                items.into_iter().map(|x| to_value(x, numbers)).collect();
            Value::List(List::new(out?))
        }
        GoVal::Map(m) => {
            let mut out: BTreeMap<Str, Value> = BTreeMap::new();
            for (k, x) in m.entries {
                let key = key_string(&k, &x)?;
                out.insert(Str::from(key), to_value(x, numbers)?);
            }
            Value::Map(Map::from_entries(out))
        }
    })
}

/// Go's `encoding/json` view of bytes: each byte of an invalid sequence becomes U+FFFD.
pub(crate) fn go_lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let n = e.error_len().unwrap_or(bad.len());
                for _ in 0..n {
                    out.push('\u{fffd}');
                }
                rest = &bad[n..];
            }
        }
    }
}

fn key_string(k: &GoVal, v: &GoVal) -> Result<String, Error> {
    Ok(match k {
        GoVal::Str(s) => go_lossy(s),
        GoVal::Int(i) => i.to_string(),
        GoVal::Bool(b) => b.to_string(),
        GoVal::Float(f) => match crate::gofloat::format_g(*f, 32).as_str() {
            "+Inf" => ".inf".into(),
            "-Inf" => "-.inf".into(),
            "NaN" => ".nan".into(),
            s => s.into(),
        },
        GoVal::Nil | GoVal::Uint(_) | GoVal::Seq(_) | GoVal::Map(_) => {
            let ty = match k {
                GoVal::Nil => "%!s(<nil>)",
                GoVal::Uint(_) => "uint64",
                GoVal::Seq(_) => "[]interface {}",
                _ => "map[interface {}]interface {}",
            };
            return Err(Error::Yaml(format!(
                "{YAML_PREFIX}unsupported map key of type: {ty}, key: {}, value: {}",
                decode::sharp_v(k, false),
                decode::sharp_v(v, false)
            )));
        }
    })
}

/// `sigs.k8s.io/yaml.Unmarshal` into `interface{}`.
pub(crate) fn from_str(src: &str) -> Result<Value, Error> {
    to_value(decode_first(src)?, Numbers::Json)
}

/// go-yaml v2 typing without the JSON step.
pub(crate) fn from_str_keep_ints(src: &str) -> Result<Value, Error> {
    to_value(decode_first(src)?, Numbers::Keep)
}

/// Go's name for the JSON kind of a value in `json: cannot unmarshal <kind> …`.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Map(_) | Value::Object(_) => "object",
        Value::List(_) => "array",
        Value::Bool(_) => "bool",
        Value::String(_) | Value::Bytes(_) => "string",
        _ => "number",
    }
}

/// What `json.Unmarshal` into `map[string]interface{}` makes of a decoded value:
/// `None` (with Go's message) for anything but a map or null.
pub(crate) fn as_map_target(v: Value) -> Result<Map, String> {
    match v {
        Value::Map(m) => Ok(m),
        Value::Nil => Ok(Map::new()),
        other => Err(format!(
            "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            json_kind(&other)
        )),
    }
}

/// The same for a `[]interface{}` target.
pub(crate) fn as_list_target(v: Value) -> Result<List, String> {
    match v {
        Value::List(l) => Ok(l),
        Value::Nil => Ok(List::new(Vec::new())),
        other => Err(format!(
            "json: cannot unmarshal {} into Go value of type []interface {{}}",
            json_kind(&other)
        )),
    }
}

const JSON_PREFIX: &str = "error unmarshaling JSON: while decoding JSON: ";

/// `sigs.k8s.io/yaml.Unmarshal` into `map[string]interface{}`.
pub(crate) fn require_map(v: Value) -> Result<Map, Error> {
    as_map_target(v).map_err(|m| Error::Yaml(format!("{JSON_PREFIX}{m}")))
}

/// `sigs.k8s.io/yaml.Unmarshal` into `[]interface{}`.
pub(crate) fn require_list(v: Value) -> Result<List, Error> {
    as_list_target(v).map_err(|m| Error::Yaml(format!("{JSON_PREFIX}{m}")))
}
