//! Kubernetes protobuf decoding into JSON values, driven by the generated message table
//! `data/proto.tsv` (tags from k8s-pb, JSON names from the 1.37 definitions). Handles the
//! `k8s\0` envelope, inline embedded structs and the special apimachinery types.

use base64::Engine;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A protobuf decoding failure.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProtoError {
    #[error("protobuf envelope is missing the k8s magic prefix")]
    NoMagic,
    #[error("truncated protobuf message")]
    Truncated,
    #[error("invalid protobuf wire type {0}")]
    WireType(u8),
    #[error("no protobuf message known for {0}")]
    UnknownKind(String),
    #[error("protobuf nesting too deep")]
    TooDeep,
}

#[derive(Debug, Clone)]
struct Field {
    json: String,
    wire: String,
    card: u8,
    target: String,
    required: bool,
}

type Table = HashMap<String, HashMap<u32, Field>>;

static TABLE: OnceLock<Table> = OnceLock::new();

fn table() -> &'static Table {
    TABLE.get_or_init(|| {
        let mut t: Table = HashMap::new();
        let mut cur: Option<String> = None;
        for line in include_str!("../data/proto.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["M", name] => {
                    cur = Some(name.to_string());
                    t.entry(name.to_string()).or_default();
                }
                [tag, json, wire, card, target, flag] => {
                    let (Some(m), Ok(tag)) = (cur.as_ref(), tag.parse::<u32>()) else {
                        continue;
                    };
                    let field = Field {
                        json: json.to_string(),
                        wire: wire.to_string(),
                        card: card.bytes().next().unwrap_or(b'o'),
                        target: target.to_string(),
                        required: *flag == "R",
                    };
                    t.entry(m.clone()).or_default().insert(tag, field);
                }
                _ => {}
            }
        }
        t
    })
}

/// Raw wire values of one field occurrence.
enum Wire<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32,
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64, ProtoError> {
        let mut v: u64 = 0;
        for shift in (0..70).step_by(7) {
            let b = *self.buf.get(self.pos).ok_or(ProtoError::Truncated)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(ProtoError::Truncated)
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], ProtoError> {
        let end = self.pos.checked_add(n).ok_or(ProtoError::Truncated)?;
        let s = self.buf.get(self.pos..end).ok_or(ProtoError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn next(&mut self) -> Result<Option<(u32, Wire<'a>)>, ProtoError> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let tag = (key >> 3) as u32;
        let w = match (key & 7) as u8 {
            0 => Wire::Varint(self.varint()?),
            1 => Wire::Fixed64(u64::from_le_bytes(
                self.take(8)?
                    .try_into()
                    .map_err(|_| ProtoError::Truncated)?,
            )),
            2 => {
                let n = usize::try_from(self.varint()?).map_err(|_| ProtoError::Truncated)?;
                Wire::Bytes(self.take(n)?)
            }
            5 => {
                self.take(4)?;
                Wire::Fixed32
            }
            t => return Err(ProtoError::WireType(t)),
        };
        Ok(Some((tag, w)))
    }
}

fn fields(buf: &[u8]) -> Result<Vec<(u32, Wire<'_>)>, ProtoError> {
    let mut r = Reader { buf, pos: 0 };
    let mut out = Vec::new();
    while let Some(f) = r.next()? {
        out.push(f);
    }
    Ok(out)
}

/// Decodes a `k8s\0`-enveloped object to JSON (with `apiVersion` and `kind`).
pub fn decode_envelope(data: &[u8]) -> Result<Value, ProtoError> {
    let body = data.strip_prefix(b"k8s\0").ok_or(ProtoError::NoMagic)?;
    let (mut api_version, mut kind, mut raw) = (String::new(), String::new(), &[][..]);
    for (tag, w) in fields(body)? {
        match (tag, w) {
            (1, Wire::Bytes(tm)) => {
                for (t, w) in fields(tm)? {
                    if let Wire::Bytes(b) = w {
                        let s = String::from_utf8_lossy(b).into_owned();
                        if t == 1 {
                            api_version = s
                        } else if t == 2 {
                            kind = s
                        }
                    }
                }
            }
            (2, Wire::Bytes(b)) => raw = b,
            _ => {}
        }
    }
    let msg = message_for(&api_version, &kind)
        .ok_or_else(|| ProtoError::UnknownKind(format!("{api_version}, Kind={kind}")))?;
    let mut obj = Map::new();
    obj.insert("kind".into(), Value::String(kind));
    obj.insert("apiVersion".into(), Value::String(api_version));
    if let Value::Object(m) = decode_message(&msg, raw, 0)? {
        obj.extend(m);
    }
    Ok(Value::Object(obj))
}

/// The message (definition name) for an apiVersion and kind.
pub fn message_for(api_version: &str, kind: &str) -> Option<String> {
    let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
    let label = match group {
        "" => "core",
        "internal.apiserver.k8s.io" => "apiserverinternal",
        g => g.split('.').next().unwrap_or(g),
    };
    let want = format!(".{label}.{version}.{kind}");
    let t = table();
    let mut hits: Vec<&String> = t.keys().filter(|m| m.ends_with(&want)).collect();
    hits.sort();
    if let Some(h) = hits.first() {
        return Some((*h).clone());
    }
    let meta = format!("io.k8s.apimachinery.pkg.apis.meta.{version}.{kind}");
    let meta_v1 = format!("io.k8s.apimachinery.pkg.apis.meta.v1.{kind}");
    [meta, meta_v1].into_iter().find(|m| t.contains_key(m))
}

const META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.";
const EXT: &str = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.";

/// Decodes one message of type `msg`.
fn decode_message(msg: &str, buf: &[u8], depth: usize) -> Result<Value, ProtoError> {
    if depth > 64 {
        return Err(ProtoError::TooDeep);
    }
    if let Some(v) = special(msg, buf, depth)? {
        return Ok(v);
    }
    let mut out = Map::new();
    let Some(spec) = table().get(msg) else {
        return Ok(Value::Object(out));
    };
    for (tag, w) in fields(buf)? {
        let Some(f) = spec.get(&tag) else { continue };
        if f.json == "-" {
            if let Wire::Bytes(b) = &w
                && let Value::Object(inner) = decode_message(&f.target, b, depth + 1)?
            {
                out.extend(inner);
            }
            continue;
        }
        match f.card {
            b'r' => {
                let v = scalar_or_message(f, &w, depth)?;
                let entry = out
                    .entry(f.json.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let (Value::Array(a), Some(v)) = (entry, v) {
                    a.push(v);
                }
            }
            b'm' => {
                let Wire::Bytes(b) = w else { continue };
                let (k, v) = map_entry(f, b, depth)?;
                let entry = out
                    .entry(f.json.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(k, v);
                }
            }
            _ => {
                if let Some(v) = scalar_or_message(f, &w, depth)?
                    && (f.required || !is_zero(&v) || f.wire == "message")
                {
                    out.insert(f.json.clone(), v);
                }
            }
        }
    }
    Ok(Value::Object(out))
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        _ => false,
    }
}

fn map_entry(f: &Field, b: &[u8], depth: usize) -> Result<(String, Value), ProtoError> {
    let mut k = String::new();
    let mut v = match f.wire.as_str() {
        "message" => Value::Object(Map::new()),
        _ => Value::String(String::new()),
    };
    for (tag, w) in fields(b)? {
        match (tag, &w) {
            (1, Wire::Bytes(kb)) => k = String::from_utf8_lossy(kb).into_owned(),
            (2, Wire::Bytes(vb)) if f.wire == "message" => {
                v = decode_message(&f.target, vb, depth + 1)?
            }
            (2, _) => {
                if let Some(x) = scalar_or_message(f, &w, depth)? {
                    v = x;
                }
            }
            _ => {}
        }
    }
    Ok((k, v))
}

fn scalar_or_message(f: &Field, w: &Wire<'_>, depth: usize) -> Result<Option<Value>, ProtoError> {
    Ok(match (f.wire.as_str(), w) {
        ("string", Wire::Bytes(b)) => Some(Value::String(String::from_utf8_lossy(b).into_owned())),
        ("bytes", Wire::Bytes(b)) => Some(Value::String(
            base64::engine::general_purpose::STANDARD.encode(b),
        )),
        ("bool", Wire::Varint(v)) => Some(Value::Bool(*v != 0)),
        ("int32", Wire::Varint(v)) => Some(Value::Number(Number::from(*v as i64 as i32))),
        ("int64", Wire::Varint(v)) => Some(Value::Number(Number::from(*v as i64))),
        ("double", Wire::Fixed64(v)) => Number::from_f64(f64::from_bits(*v)).map(Value::Number),
        ("message", Wire::Bytes(b)) => {
            let v = decode_message(&f.target, b, depth + 1)?;
            if v.is_null() { None } else { Some(v) }
        }
        _ => None,
    })
}

fn sub(buf: &[u8]) -> Result<HashMap<u32, Vec<Wire<'_>>>, ProtoError> {
    let mut m: HashMap<u32, Vec<Wire<'_>>> = HashMap::new();
    for (t, w) in fields(buf)? {
        m.entry(t).or_default().push(w);
    }
    Ok(m)
}

fn first_int(m: &HashMap<u32, Vec<Wire<'_>>>, t: u32) -> i64 {
    match m.get(&t).and_then(|v| v.last()) {
        Some(Wire::Varint(v)) => *v as i64,
        _ => 0,
    }
}

fn first_bytes<'a>(m: &HashMap<u32, Vec<Wire<'a>>>, t: u32) -> Option<&'a [u8]> {
    match m.get(&t).and_then(|v| v.last()) {
        Some(Wire::Bytes(b)) => Some(b),
        _ => None,
    }
}

fn embedded_json(b: Option<&[u8]>) -> Value {
    b.and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or(Value::Null)
}

/// The apimachinery types whose JSON form differs from their message.
fn special(msg: &str, buf: &[u8], depth: usize) -> Result<Option<Value>, ProtoError> {
    let Some(short) = msg
        .strip_prefix(META)
        .or_else(|| msg.ends_with(".ExtraValue").then_some("ExtraValue"))
        .or_else(|| msg.strip_prefix("io.k8s.apimachinery.pkg.util.intstr."))
        .or_else(|| msg.strip_prefix("io.k8s.apimachinery.pkg.api.resource."))
        .or_else(|| msg.strip_prefix("io.k8s.apimachinery.pkg.runtime."))
        .or_else(|| {
            msg.strip_prefix(EXT)
                .and_then(|r| r.split_once('.').map(|x| x.1))
        })
    else {
        return Ok(None);
    };
    let m = sub(buf)?;
    if msg.ends_with(".ExtraValue") {
        let items = m.get(&1).map(Vec::as_slice).unwrap_or(&[]);
        let strs = items.iter().filter_map(|w| match w {
            Wire::Bytes(b) => Some(Value::String(String::from_utf8_lossy(b).into_owned())),
            _ => None,
        });
        return Ok(Some(Value::Array(strs.collect())));
    }
    Ok(Some(match short {
        "Time" => {
            let s = first_int(&m, 1);
            if s == 0 && first_int(&m, 2) == 0 {
                Value::Null
            } else {
                Value::String(crate::util::rfc3339(s))
            }
        }
        "MicroTime" => {
            let (s, n) = (first_int(&m, 1), first_int(&m, 2));
            let base = crate::util::rfc3339(s);
            Value::String(format!("{}.{:06}Z", base.trim_end_matches('Z'), n / 1000))
        }
        "Duration" => Value::String(go_duration(first_int(&m, 1))),
        "IntOrString" => {
            if first_int(&m, 1) == 1 {
                Value::String(
                    first_bytes(&m, 3)
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                        .unwrap_or_default(),
                )
            } else {
                Value::Number(Number::from(first_int(&m, 2) as i32))
            }
        }
        "Quantity" => Value::String(
            first_bytes(&m, 1)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default(),
        ),
        "RawExtension" | "FieldsV1" | "JSON" => embedded_json(first_bytes(&m, 1)),
        "JSONSchemaPropsOrArray" | "JSONSchemaPropsOrStringArray" | "JSONSchemaPropsOrBool" => {
            let props = format!("{EXT}v1.JSONSchemaProps");
            if let Some(b) = first_bytes(
                &m,
                if short == "JSONSchemaPropsOrBool" {
                    2
                } else {
                    1
                },
            ) {
                decode_message(&props, b, depth + 1)?
            } else if short == "JSONSchemaPropsOrBool" {
                Value::Bool(first_int(&m, 1) != 0)
            } else {
                let items = m.get(&2).map(Vec::as_slice).unwrap_or(&[]);
                let mut out = Vec::new();
                for w in items {
                    if let Wire::Bytes(b) = w {
                        out.push(if short == "JSONSchemaPropsOrArray" {
                            decode_message(&props, b, depth + 1)?
                        } else {
                            Value::String(String::from_utf8_lossy(b).into_owned())
                        });
                    }
                }
                Value::Array(out)
            }
        }
        _ => return Ok(None),
    }))
}

/// Go's `time.Duration.String()` for nanoseconds.
pub fn go_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let neg = ns < 0;
    let u = ns.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    if u < 1_000_000_000 {
        let (unit, div) = if u < 1_000 {
            ("ns", 1)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{sign}{}{unit}", frac(u, div));
    }
    let secs = u / 1_000_000_000;
    let (h, m) = (secs / 3600, secs % 3600 / 60);
    let s = frac(u % 60_000_000_000, 1_000_000_000);
    match (h, m) {
        (0, 0) => format!("{sign}{s}s"),
        (0, m) => format!("{sign}{m}m{s}s"),
        (h, m) => format!("{sign}{h}h{m}m{s}s"),
    }
}

fn frac(v: u64, div: u64) -> String {
    let whole = v / div;
    let rem = v % div;
    if rem == 0 {
        return whole.to_string();
    }
    let width = div.to_string().len() - 1;
    let f = format!("{rem:0width$}");
    format!("{whole}.{}", f.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(2_000_000), "2ms");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert_eq!(decode_envelope(b"nope"), Err(ProtoError::NoMagic));
        assert!(decode_envelope(b"k8s\0\x0a\xff\xff\xff").is_err());
        assert!(decode_envelope(b"k8s\0\x0a\x04\x0a\x02v1").is_err());
    }
}
