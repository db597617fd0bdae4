//! go-yaml v2's decoder into `interface{}` (`decode.go`): scalars resolved, merge keys
//! applied in document order, aliases expanded with the "excessive aliasing" guard, and
//! `map[interface{}]interface{}` semantics for keys.

use std::collections::HashMap;

use base64::Engine as _;

use super::compose::{Doc, MAX_DEPTH, Node};
use super::resolve::{self, BINARY_TAG, MERGE_TAG, NULL_TAG, Scalar};

/// A Go value as go-yaml v2 produces it for an `interface{}` target.
#[derive(Debug, Clone)]
pub(crate) enum GoVal {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// Bytes, because `!!binary` may decode to invalid UTF-8.
    Str(Vec<u8>),
    Seq(Vec<GoVal>),
    Map(GoMap),
}

/// `map[interface{}]interface{}`: insertion-ordered, last write wins.
#[derive(Debug, Clone, Default)]
pub(crate) struct GoMap {
    pub entries: Vec<(GoVal, GoVal)>,
    index: HashMap<KeyId, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum KeyId {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(u64),
    Str(Vec<u8>),
}

impl GoMap {
    fn insert(&mut self, k: GoVal, v: GoVal) {
        let id = match &k {
            GoVal::Nil => KeyId::Nil,
            GoVal::Bool(b) => KeyId::Bool(*b),
            GoVal::Int(i) => KeyId::Int(*i),
            GoVal::Uint(u) => KeyId::Uint(*u),
            GoVal::Float(f) if f.is_nan() => {
                // NaN never equals itself: every NaN key is a new entry.
                self.entries.push((k, v));
                return;
            }
            GoVal::Float(f) => KeyId::Float((*f + 0.0).to_bits()),
            GoVal::Str(s) => KeyId::Str(s.clone()),
            GoVal::Seq(_) | GoVal::Map(_) => return,
        };
        match self.index.get(&id) {
            Some(&i) => self.entries[i].1 = v,
            None => {
                self.index.insert(id, self.entries.len());
                self.entries.push((k, v));
            }
        }
    }
}

const RATIO_LOW: usize = 400_000;
const RATIO_HIGH: usize = 4_000_000;

fn allowed_alias_ratio(count: usize) -> f64 {
    if count <= RATIO_LOW {
        0.99
    } else if count >= RATIO_HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((count - RATIO_LOW) as f64 / (RATIO_HIGH - RATIO_LOW) as f64)
    }
}

struct Decoder<'a> {
    doc: &'a Doc,
    decode_count: usize,
    alias_count: usize,
    alias_depth: usize,
    active: Vec<usize>,
    /// Current nesting of the value being built (aliases can stack document depths).
    depth: usize,
}

/// Decodes the document root (`Nil` for an empty stream).
pub(crate) fn decode(doc: &Doc) -> Result<GoVal, String> {
    let Some(root) = doc.root else {
        return Ok(GoVal::Nil);
    };
    let mut d = Decoder {
        doc,
        decode_count: 1,
        alias_count: 0,
        alias_depth: 0,
        active: Vec::new(),
        depth: 0,
    };
    d.unmarshal(root)
}

impl Decoder<'_> {
    fn count(&mut self) -> Result<(), String> {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
        }
        if self.alias_count > 100
            && self.decode_count > 1000
            && self.alias_count as f64 / self.decode_count as f64
                > allowed_alias_ratio(self.decode_count)
        {
            return Err("document contains excessive aliasing".into());
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("exceeded max depth of {MAX_DEPTH}"));
        }
        Ok(())
    }

    fn unmarshal(&mut self, id: usize) -> Result<GoVal, String> {
        self.count()?;
        match &self.doc.nodes[id] {
            Node::Alias { name, target } => {
                let target = *target;
                if self.active.contains(&id) {
                    return Err(format!("anchor '{name}' value contains itself"));
                }
                self.active.push(id);
                self.alias_depth += 1;
                let out = self.unmarshal(target);
                self.alias_depth -= 1;
                self.active.pop();
                out
            }
            Node::Scalar {
                value,
                tag,
                implicit,
            } => scalar(value, tag, *implicit),
            Node::Seq(children) => {
                self.enter()?;
                let mut out = Vec::with_capacity(children.len());
                for &c in children {
                    out.push(self.unmarshal(c)?);
                }
                self.depth -= 1;
                Ok(GoVal::Seq(out))
            }
            Node::Map(_) => {
                self.enter()?;
                let mut m = GoMap::default();
                self.mapping(id, &mut m)?;
                self.depth -= 1;
                Ok(GoVal::Map(m))
            }
        }
    }

    /// Decodes mapping node `id` into `out` (also used for merged maps).
    fn mapping(&mut self, id: usize, out: &mut GoMap) -> Result<(), String> {
        let Node::Map(children) = &self.doc.nodes[id] else {
            return Ok(());
        };
        for pair in children.chunks(2) {
            let [k, v] = *pair else { continue };
            if self.is_merge(k) {
                self.merge(v, out)?;
                continue;
            }
            let key = self.unmarshal(k)?;
            if matches!(key, GoVal::Seq(_) | GoVal::Map(_)) {
                return Err(format!("invalid map key: {}", sharp_v(&key, false)));
            }
            let val = self.unmarshal(v)?;
            out.insert(key, val);
        }
        Ok(())
    }

    fn is_merge(&self, id: usize) -> bool {
        matches!(&self.doc.nodes[id], Node::Scalar { value, tag, implicit }
            if value == "<<" && (*implicit || tag == MERGE_TAG))
    }

    fn kind_is_map(&self, id: usize) -> bool {
        match &self.doc.nodes[id] {
            Node::Map(_) => true,
            Node::Alias { target, .. } => matches!(self.doc.nodes[*target], Node::Map(_)),
            _ => false,
        }
    }

    /// Unmarshals a mapping (or alias to one) into `out`, counting as go-yaml does.
    fn merge_one(&mut self, id: usize, out: &mut GoMap) -> Result<(), String> {
        self.count()?;
        match &self.doc.nodes[id] {
            Node::Alias { name, target } => {
                let target = *target;
                if self.active.contains(&id) {
                    return Err(format!("anchor '{name}' value contains itself"));
                }
                self.active.push(id);
                self.alias_depth += 1;
                self.count()?;
                let r = self.mapping(target, out);
                self.alias_depth -= 1;
                self.active.pop();
                r
            }
            _ => self.mapping(id, out),
        }
    }

    fn merge(&mut self, id: usize, out: &mut GoMap) -> Result<(), String> {
        let want_map = || "map merge requires map or sequence of maps as the value".to_string();
        match &self.doc.nodes[id] {
            Node::Map(_) => self.merge_one(id, out),
            Node::Alias { .. } if self.kind_is_map(id) => self.merge_one(id, out),
            Node::Seq(children) => {
                for &c in children.iter().rev() {
                    if !self.kind_is_map(c) {
                        return Err(want_map());
                    }
                    self.merge_one(c, out)?;
                }
                Ok(())
            }
            _ => Err(want_map()),
        }
    }
}

/// go-yaml's `decoder.scalar` for an `interface{}` target.
fn scalar(value: &str, tag: &str, implicit: bool) -> Result<GoVal, String> {
    if tag.is_empty() && !implicit {
        return Ok(GoVal::Str(value.as_bytes().to_vec()));
    }
    if tag == NULL_TAG {
        return Ok(GoVal::Nil);
    }
    let (rtag, resolved) = resolve::resolve(tag, value)?;
    if rtag == BINARY_TAG || (rtag.is_empty() && tag == BINARY_TAG) {
        return binary(value);
    }
    Ok(match resolved {
        Scalar::Null => GoVal::Nil,
        Scalar::Bool(b) => GoVal::Bool(b),
        Scalar::Int(i) => GoVal::Int(i),
        Scalar::Uint(u) => GoVal::Uint(u),
        Scalar::Float(f) => GoVal::Float(f),
        // Timestamps stay text for an `interface{}` target.
        Scalar::Str => GoVal::Str(value.as_bytes().to_vec()),
    })
}

fn binary(value: &str) -> Result<GoVal, String> {
    let clean: String = value
        .chars()
        .filter(|c| !matches!(c, '\r' | '\n'))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean)
        .map(GoVal::Str)
        .map_err(|_| "!!binary value contains invalid base64 data".to_string())
}

/// Go's `%#v` of a decoded value, as go-yaml's "invalid map key" message prints it.
pub(crate) fn sharp_v(v: &GoVal, in_iface: bool) -> String {
    match v {
        GoVal::Nil if in_iface => "interface {}(nil)".into(),
        GoVal::Nil => "<nil>".into(),
        GoVal::Bool(b) => b.to_string(),
        GoVal::Int(i) => i.to_string(),
        GoVal::Uint(u) => format!("0x{u:x}"),
        GoVal::Float(f) => crate::gofloat::format_g(*f, 64),
        GoVal::Str(s) => crate::gofloat::go_quote(&String::from_utf8_lossy(s)),
        GoVal::Seq(items) => {
            let parts: Vec<String> = items.iter().map(|x| sharp_v(x, true)).collect();
            format!("[]interface {{}}{{{}}}", parts.join(", "))
        }
        GoVal::Map(m) => {
            let parts: Vec<String> = m
                .entries
                .iter()
                .map(|(k, x)| format!("{}:{}", sharp_v(k, true), sharp_v(x, true)))
                .collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", parts.join(", "))
        }
    }
}
