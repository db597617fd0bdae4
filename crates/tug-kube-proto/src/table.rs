//! The generated descriptor table (`data/messages.tsv`, produced by
//! `tools/kube-proto/gen_table.py` from the Go struct tags of the k8s.io/api 1.37 types in
//! kubectl 1.37, plus k8s-pb's protos for the groups kubectl does not link), parsed once into
//! lookup maps.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::Error;

const TABLE: &str = include_str!("../data/messages.tsv");

/// The scalar or message type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Bool,
    Int32,
    Int64,
    Double,
    Bytes,
    Message,
}

/// Singular, repeated or `map<string, T>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    One,
    Repeated,
    Map,
}

/// One field of a message.
#[derive(Debug, Clone)]
pub struct Field {
    pub tag: u32,
    /// JSON name; `None` for an embedded Go struct whose fields are inlined into the parent.
    pub json: Option<String>,
    pub kind: Kind,
    pub card: Card,
    /// Message type name for `Kind::Message` (map value type for maps).
    pub target: Option<String>,
    /// Omit the zero value from JSON (an optional non-pointer scalar).
    pub omit_zero: bool,
}

/// One message type.
#[derive(Debug, Clone, Default)]
pub struct Message {
    pub name: String,
    /// A Go named slice masked as `{ repeated items = 1 }`: JSON is the bare array.
    pub list_wrapper: bool,
    pub fields: Vec<Field>,
    by_tag: HashMap<u32, usize>,
}

impl Message {
    /// The field with protobuf number `tag`.
    pub fn by_tag(&self, tag: u64) -> Option<&Field> {
        let tag = u32::try_from(tag).ok()?;
        self.by_tag.get(&tag).map(|&i| &self.fields[i])
    }
}

/// All messages by fully-qualified name (`io.k8s.api.core.v1.Pod`).
pub struct Table {
    messages: HashMap<String, Message>,
}

impl Table {
    /// The message called `name`.
    pub fn get(&self, name: &str) -> Option<&Message> {
        self.messages.get(name)
    }

    /// The message called `name`, or a table error.
    pub fn need(&self, name: &str) -> Result<&Message, Error> {
        self.get(name)
            .ok_or_else(|| Error::Table(format!("missing message {name}")))
    }
}

/// The parsed table (parsed on first use).
pub fn table() -> Result<&'static Table, Error> {
    static T: OnceLock<Result<Table, Error>> = OnceLock::new();
    T.get_or_init(|| parse(TABLE))
        .as_ref()
        .map_err(Clone::clone)
}

fn parse(text: &str) -> Result<Table, Error> {
    let mut messages = HashMap::new();
    let mut cur: Option<Message> = None;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0] == "M" {
            if let Some(m) = cur.take() {
                messages.insert(m.name.clone(), m);
            }
            let name = cols.get(1).ok_or_else(|| bad(n))?;
            let list_wrapper = cols.get(2) == Some(&"L");
            cur = Some(Message {
                name: (*name).to_string(),
                list_wrapper,
                ..Message::default()
            });
            continue;
        }
        let m = cur.as_mut().ok_or_else(|| bad(n))?;
        let f = parse_field(&cols).ok_or_else(|| bad(n))?;
        m.by_tag.insert(f.tag, m.fields.len());
        m.fields.push(f);
    }
    if let Some(m) = cur.take() {
        messages.insert(m.name.clone(), m);
    }
    Ok(Table { messages })
}

fn bad(line: usize) -> Error {
    Error::Table(format!("line {}", line + 1))
}

fn parse_field(cols: &[&str]) -> Option<Field> {
    let [tag, json, kind, card, target, flags] = cols else {
        return None;
    };
    let kind = match *kind {
        "string" => Kind::String,
        "bool" => Kind::Bool,
        "int32" => Kind::Int32,
        "int64" => Kind::Int64,
        "double" => Kind::Double,
        "bytes" => Kind::Bytes,
        "message" => Kind::Message,
        _ => return None,
    };
    let card = match *card {
        "o" => Card::One,
        "r" => Card::Repeated,
        "m" => Card::Map,
        _ => return None,
    };
    Some(Field {
        tag: tag.parse().ok()?,
        json: (*json != "-").then(|| (*json).to_string()),
        kind,
        card,
        target: (*target != "-").then(|| (*target).to_string()),
        omit_zero: flags.contains('z'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_targets_resolve() {
        let t = table().unwrap();
        assert!(t.messages.len() > 1000);
        let pod = t.get("io.k8s.api.core.v1.Pod").unwrap();
        assert_eq!(pod.by_tag(1).unwrap().json.as_deref(), Some("metadata"));
        for m in t.messages.values() {
            for f in &m.fields {
                if let Some(target) = &f.target {
                    assert!(
                        t.get(target).is_some(),
                        "{}.{:?} -> {target}",
                        m.name,
                        f.json
                    );
                }
            }
        }
    }

    #[test]
    fn inline_fields_have_no_json_name() {
        let t = table().unwrap();
        let vol = t.get("io.k8s.api.core.v1.Volume").unwrap();
        assert!(vol.fields.iter().any(|f| f.json.is_none()));
    }

    #[test]
    fn malformed_rows_are_errors() {
        assert!(parse("1\tx\tstring\to\t-\t-\n").is_err());
        assert!(parse("M\ta\t-\n1\tx\tquux\to\t-\t-\n").is_err());
    }
}
