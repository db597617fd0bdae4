//! `sigs.k8s.io/yaml.Marshal`: the value goes through `encoding/json` (numbers re-typed
//! by go-yaml's resolver when the JSON is read back), then go-yaml v2's encoder picks
//! scalar styles and the libyaml emitter lays the events out (indent 2, width 80,
//! unicode on).

pub(crate) mod pretty;
mod quoted;
mod sort;

use libyaml_safer::{Emitter, Encoding, Event, MappingStyle, ScalarStyle, SequenceStyle};
use tug_value::{Str, Value};

use crate::Error;
use crate::gofloat::{format_g, format_json};
use crate::load::resolve::{self, STR_TAG, Scalar};

/// The value after the JSON round trip, as go-yaml v2 decodes it.
enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(Str),
    Seq(Vec<Node>),
    Map(Vec<(Str, Node)>),
}

fn json_err(msg: String) -> Error {
    Error::Yaml(format!("error marshaling into JSON: {msg}"))
}

/// `json.Marshal` then go-yaml v2 `Unmarshal` of the JSON text.
fn round_trip(v: &Value, depth: usize) -> Result<Node, Error> {
    if depth > crate::load::compose::MAX_DEPTH {
        return Err(json_err(
            "json: unsupported value: excessive nesting".into(),
        ));
    }
    Ok(match v {
        Value::Nil => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Int(i) | Value::Int64(i) => Node::Int(*i),
        Value::Uint(u) => Node::Uint(*u),
        Value::Float(f) => {
            let Some(text) = format_json(*f) else {
                return Err(json_err(format!(
                    "json: unsupported value: {}",
                    format_g(*f, 64)
                )));
            };
            match resolve::resolve("", &text) {
                Ok((_, Scalar::Int(i))) => Node::Int(i),
                Ok((_, Scalar::Uint(u))) => Node::Uint(u),
                Ok((_, Scalar::Float(f))) => Node::Float(f),
                _ => Node::Float(*f),
            }
        }
        Value::String(s) => Node::Str(text(s)?),
        Value::Bytes(_) => {
            let json = crate::json::to_string(v, false)?;
            match crate::json::from_str(&json)? {
                Value::String(s) => Node::Str(s),
                _ => Node::Null,
            }
        }
        Value::List(l) => seq(l.items(), depth)?,
        Value::Map(m) => map(m.entries(), depth)?,
        Value::Object(o) => {
            if let Some(j) = o.json_value() {
                round_trip(&j, depth + 1)?
            } else if let Some(m) = o.as_map() {
                map(m.entries(), depth)?
            } else if let Some(l) = o.as_list() {
                seq(l.items(), depth)?
            } else {
                map(o.fields(), depth)?
            }
        }
    })
}

fn seq(items: &[Value], depth: usize) -> Result<Node, Error> {
    let out: Result<Vec<Node>, Error> = items.iter().map(|x| round_trip(x, depth + 1)).collect();
    Ok(Node::Seq(out?))
}

/// A string after the JSON round trip.
fn text(s: &Str) -> Result<Str, Error> {
    Ok(match quoted::json_round_trip(s)? {
        Some(t) => Str::from(t),
        None => s.clone(),
    })
}

fn map(entries: Vec<(Str, Value)>, depth: usize) -> Result<Node, Error> {
    let mut out = Vec::with_capacity(entries.len());
    for (k, x) in entries {
        out.push((text(&k)?, round_trip(&x, depth + 1)?));
    }
    out.sort_by(|a, b| sort::compare(&a.0, &b.0));
    Ok(Node::Map(out))
}

struct Encoder<'w> {
    emitter: Emitter<'w>,
    /// Scalars we render ourselves: (text, continuation indent, is a key, single-quoted).
    own: Vec<(Str, usize, bool, bool)>,
}

fn emit_err(e: libyaml_safer::Error) -> Error {
    Error::Yaml(format!("yaml: {}", e.problem()))
}

impl Encoder<'_> {
    fn emit(&mut self, ev: Event) -> Result<(), Error> {
        self.emitter.emit(ev).map_err(emit_err)
    }

    fn plain(&mut self, s: &str) -> Result<(), Error> {
        self.emit(Event::scalar(None, None, s, true, true, ScalarStyle::Plain))
    }

    /// Emits `n` inside a collection indented at `parent` (-1 at the top); `in_map`
    /// says whether `n` is a mapping value (sequences there are indentless).
    fn node(&mut self, n: &Node, parent: i32, in_map: bool) -> Result<(), Error> {
        let child = if parent < 0 { 0 } else { parent + 2 };
        match n {
            Node::Null => self.plain("null"),
            Node::Bool(b) => self.plain(if *b { "true" } else { "false" }),
            Node::Int(i) => self.plain(&i.to_string()),
            Node::Uint(u) => self.plain(&u.to_string()),
            Node::Float(f) => {
                let s = match format_g(*f, 64).as_str() {
                    "+Inf" => ".inf".to_string(),
                    "-Inf" => "-.inf".to_string(),
                    "NaN" => ".nan".to_string(),
                    s => s.to_string(),
                };
                self.plain(&s)
            }
            Node::Str(s) => self.string(s, parent, false),
            Node::Seq(items) => {
                let me = if in_map && parent >= 0 { parent } else { child };
                self.emit(Event::sequence_start(
                    None,
                    None,
                    true,
                    SequenceStyle::Block,
                ))?;
                for x in items {
                    self.node(x, me, false)?;
                }
                self.emit(Event::sequence_end())
            }
            Node::Map(entries) => {
                self.emit(Event::mapping_start(None, None, true, MappingStyle::Block))?;
                for (k, x) in entries {
                    self.string(k, child, true)?;
                    self.node(x, child, true)?;
                }
                self.emit(Event::mapping_end())
            }
        }
    }

    /// go-yaml v2's `stringv`: plain unless the text would read back as something else.
    fn string(&mut self, s: &Str, parent: i32, key: bool) -> Result<(), Error> {
        if quoted::needs_own_writer(s) {
            let indent = if parent < 0 { 2 } else { parent as usize + 2 };
            let width = if key {
                quoted::double_quoted(s, 0, indent, false).chars().count() - 2
            } else {
                0
            };
            let p = quoted::placeholder(self.own.len(), width);
            self.own.push((s.clone(), indent, key, false));
            return self.emit(Event::scalar(
                None,
                None,
                &p,
                true,
                true,
                ScalarStyle::DoubleQuoted,
            ));
        }
        if !key && quoted::needs_own_single(s) {
            let indent = if parent < 0 { 2 } else { parent as usize + 2 };
            let p = quoted::placeholder(self.own.len(), 0);
            self.own.push((s.clone(), indent, key, true));
            return self.emit(Event::scalar(
                None,
                None,
                &p,
                true,
                true,
                ScalarStyle::SingleQuoted,
            ));
        }
        let can_plain =
            matches!(resolve::resolve("", s), Ok((STR_TAG, _))) && !resolve::is_base60_float(s);
        let style = if s.contains('\n') {
            ScalarStyle::Literal
        } else if can_plain {
            ScalarStyle::Plain
        } else {
            ScalarStyle::DoubleQuoted
        };
        self.emit(Event::scalar(None, None, s, true, true, style))
    }
}

pub(crate) fn to_string(v: &Value) -> Result<String, Error> {
    let tree = round_trip(v, 0)?;
    let mut out = Vec::new();
    let own;
    {
        let mut emitter = Emitter::new();
        emitter.set_output_string(&mut out);
        emitter.set_unicode(true);
        emitter.set_width(80);
        emitter.set_indent(2);
        let mut enc = Encoder {
            emitter,
            own: Vec::new(),
        };
        enc.emit(Event::stream_start(Encoding::Utf8))?;
        enc.emit(Event::document_start(None, &[], true))?;
        enc.node(&tree, -1, false)?;
        enc.emit(Event::document_end(true))?;
        enc.emit(Event::stream_end())?;
        enc.emitter.flush().map_err(emit_err)?;
        own = enc.own;
    }
    let mut text = String::from_utf8(out).map_err(|e| Error::Yaml(format!("yaml: {e}")))?;
    if !own.is_empty() {
        text = quoted::replace_placeholders(&text, |id, column| match own.get(id) {
            Some((s, indent, _, true)) => quoted::single_quoted(s, column, *indent),
            Some((s, indent, key, false)) => quoted::double_quoted(s, column, *indent, !key),
            None => String::new(),
        });
    }
    // libyaml 0.2.5 closes a document ending in a `|+` block with `...`; go-yaml v2 does not.
    if text.ends_with("\n...\n") {
        text.truncate(text.len() - 4);
    }
    Ok(text)
}
