//! The `k8s\0` envelope: magic bytes, then `runtime.Unknown{typeMeta{apiVersion, kind}, raw,
//! contentEncoding, contentType}`; and the apiVersion/kind -> protobuf message mapping.

use serde_json::Value;

use crate::decode;
use crate::encode as enc;
use crate::error::Error;
use crate::table::{Table, table};
use crate::wire::{Raw, Reader, Writer};

/// The four magic bytes in front of every Kubernetes protobuf body.
pub const MAGIC: &[u8; 4] = b"k8s\0";

/// Largest body accepted (the API server itself caps requests at 3 MiB).
pub const MAX_BODY: usize = 64 << 20;

const META_PKG: &str = "io.k8s.apimachinery.pkg.apis.meta";
const WATCH_EVENT: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";

/// True when `body` starts with the `k8s\0` magic.
pub fn is_protobuf(body: &[u8]) -> bool {
    body.starts_with(MAGIC)
}

/// The protobuf package holding the types of an API group.
fn package(group: &str) -> String {
    match group {
        "" => "io.k8s.api.core".into(),
        "meta.k8s.io" => META_PKG.into(),
        "apiextensions.k8s.io" => "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions".into(),
        "apiregistration.k8s.io" => "io.k8s.kube-aggregator.pkg.apis.apiregistration".into(),
        "metrics.k8s.io" => "io.k8s.metrics.pkg.apis.metrics".into(),
        "rbac.authorization.k8s.io" => "io.k8s.api.rbac".into(),
        "internal.apiserver.k8s.io" => "io.k8s.api.apiserverinternal".into(),
        "flowcontrol.apiserver.k8s.io" => "io.k8s.api.flowcontrol".into(),
        g => format!("io.k8s.api.{}", g.split('.').next().unwrap_or(g)),
    }
}

/// The protobuf message for an apiVersion/kind; the `meta/v1` types (options, `Status`,
/// `WatchEvent`) are accepted under every group version, as the API server registers them.
pub fn message_for(t: &Table, api_version: &str, kind: &str) -> Option<String> {
    let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
    let valid = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid(version) || !valid(kind) {
        return None;
    }
    let own = format!("{}.{version}.{kind}", package(group));
    if t.get(&own).is_some() {
        return Some(own);
    }
    let meta = format!("{META_PKG}.v1.{kind}");
    t.get(&meta).is_some().then_some(meta)
}

/// Decodes an envelope nested `depth` messages deep.
pub fn decode_at(body: &[u8], depth: usize) -> Result<Value, Error> {
    if body.len() > MAX_BODY {
        return Err(Error::TooLarge(body.len()));
    }
    let inner = body
        .strip_prefix(MAGIC.as_slice())
        .ok_or(Error::NotProtobuf)?;
    let t = table()?;
    let u = unknown(inner)?;
    if !u.content_encoding.is_empty() {
        return Err(Error::ContentEncoding(u.content_encoding));
    }
    if u.api_version.is_empty() && u.kind.is_empty() {
        // watch frames carry a bare `WatchEvent` with an empty typeMeta
        return decode::message(t, WATCH_EVENT, u.raw, depth + 1);
    }
    let name = message_for(t, &u.api_version, &u.kind).ok_or_else(|| Error::UnknownKind {
        api_version: u.api_version.clone(),
        kind: u.kind.clone(),
    })?;
    let mut v = decode::message(t, &name, u.raw, depth + 1)?;
    if let Value::Object(obj) = &mut v {
        obj.insert("apiVersion".into(), Value::String(u.api_version));
        obj.insert("kind".into(), Value::String(u.kind));
    }
    Ok(v)
}

struct Unknown<'a> {
    api_version: String,
    kind: String,
    raw: &'a [u8],
    content_encoding: String,
}

fn unknown(b: &[u8]) -> Result<Unknown<'_>, Error> {
    let ctx = "io.k8s.apimachinery.pkg.runtime.Unknown";
    let mut u = Unknown {
        api_version: String::new(),
        kind: String::new(),
        raw: &[],
        content_encoding: String::new(),
    };
    let mut r = Reader::new(b, ctx);
    while !r.done() {
        match r.field()? {
            (1, Raw::Bytes(tm)) => {
                let mut r = Reader::new(tm, ctx);
                while !r.done() {
                    match r.field()? {
                        (1, Raw::Bytes(s)) => {
                            u.api_version = String::from_utf8_lossy(s).into_owned()
                        }
                        (2, Raw::Bytes(s)) => u.kind = String::from_utf8_lossy(s).into_owned(),
                        _ => {}
                    }
                }
            }
            (2, Raw::Bytes(raw)) => u.raw = raw,
            (3, Raw::Bytes(s)) => u.content_encoding = String::from_utf8_lossy(s).into_owned(),
            _ => {}
        }
    }
    Ok(u)
}

/// Encodes a JSON object carrying `apiVersion` and `kind` into an envelope.
pub fn encode(obj: &Value) -> Result<Vec<u8>, Error> {
    let t = table()?;
    let field = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (api_version, kind) = (field("apiVersion"), field("kind"));
    let watch = api_version.is_empty()
        && kind.is_empty()
        && obj.get("type").is_some()
        && obj.get("object").is_some();
    let name = if watch {
        WATCH_EVENT.to_string()
    } else {
        message_for(t, &api_version, &kind).ok_or_else(|| Error::UnknownKind {
            api_version: api_version.clone(),
            kind: kind.clone(),
        })?
    };
    let raw = enc::message(t, &name, obj, 0, &kind)?;
    let mut tm = Writer::default();
    tm.bytes_field(1, api_version.as_bytes());
    tm.bytes_field(2, kind.as_bytes());
    let mut u = Writer {
        buf: MAGIC.to_vec(),
    };
    u.bytes_field(1, &tm.buf);
    u.bytes_field(2, &raw);
    u.bytes_field(3, b"");
    u.bytes_field(4, b"");
    Ok(u.buf)
}

/// An envelope with an empty typeMeta around `WatchEvent{type, object{raw}}`.
pub fn encode_watch_event(event_type: &str, raw_object: &[u8]) -> Result<Vec<u8>, Error> {
    let mut ext = Writer::default();
    ext.bytes_field(1, raw_object);
    let mut ev = Writer::default();
    ev.bytes_field(1, event_type.as_bytes());
    ev.bytes_field(2, &ext.buf);
    let mut tm = Writer::default();
    tm.bytes_field(1, b"");
    tm.bytes_field(2, b"");
    let mut u = Writer {
        buf: MAGIC.to_vec(),
    };
    u.bytes_field(1, &tm.buf);
    u.bytes_field(2, &ev.buf);
    u.bytes_field(3, b"");
    u.bytes_field(4, b"");
    Ok(u.buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_messages() {
        let t = table().unwrap();
        let m = |a, k| message_for(t, a, k);
        assert_eq!(m("v1", "Pod").as_deref(), Some("io.k8s.api.core.v1.Pod"));
        assert_eq!(
            m("apps/v1", "Deployment").as_deref(),
            Some("io.k8s.api.apps.v1.Deployment")
        );
        assert_eq!(
            m("rbac.authorization.k8s.io/v1", "Role").as_deref(),
            Some("io.k8s.api.rbac.v1.Role")
        );
        assert_eq!(
            m("v1", "DeleteOptions").as_deref(),
            Some("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions")
        );
        assert_eq!(
            m("apiextensions.k8s.io/v1", "CustomResourceDefinition").as_deref(),
            Some(
                "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"
            )
        );
        assert_eq!(m("v1", "Nope"), None);
        assert_eq!(m("v1", "../Pod"), None);
        assert_eq!(m("", ""), None);
    }

    #[test]
    fn envelope_errors() {
        assert_eq!(decode_at(b"{}", 0), Err(Error::NotProtobuf));
        let body = encode(&serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap"})).unwrap();
        assert!(is_protobuf(&body));
        let unknown = [MAGIC.as_slice(), &[0x0a, 6, 0x0a, 1, b'x', 0x12, 1, b'Y']].concat();
        assert!(matches!(
            decode_at(&unknown, 0),
            Err(Error::UnknownKind { .. })
        ));
        assert!(matches!(
            encode(&serde_json::json!({"kind": "Pod"})),
            Err(Error::UnknownKind { .. })
        ));
    }
}
