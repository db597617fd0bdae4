//! BurntSushi/toml as Helm's `toToml` and `fromToml` see it.
//!
//! The encoder follows BurntSushi's layout: in each table the plain keys first (sorted),
//! then sub-tables and arrays of tables; nested headers indented two spaces per level; a
//! blank line before each top-level table; floats in Go's `%g` with `.0` added to
//! integral values; nil map values skipped, nil array elements an error. Parsing uses
//! the `toml` crate; integers come back as `Int64`, datetimes as their TOML text.

use tug_value::{List, Map, Str, Value};

use crate::Error;

const NIL_ELEMENT: &str = "toml: cannot encode array with nil element";

/// `toml.NewEncoder(buf).Encode(v)`; `v` must be a map.
pub fn to_string(v: &Value) -> Result<String, Error> {
    let Some(m) = v.as_map() else {
        return Err(Error::Toml(
            "toml: top-level values must be Go maps or structs".into(),
        ));
    };
    if too_deep(v, crate::load::compose::MAX_DEPTH) {
        return Err(Error::Toml("toml: value nested too deeply".into()));
    }
    let mut e = Encoder {
        out: String::new(),
        written: false,
    };
    e.table_body(&[], &m.entries(), false)?;
    Ok(e.out)
}

/// `toml.Unmarshal` into `map[string]interface{}`.
pub fn from_str(src: &str) -> Result<Value, Error> {
    let table: ::toml::Table = src.parse().map_err(|e: ::toml::de::Error| {
        let line = e.span().map(|s| {
            src.as_bytes()[..s.start.min(src.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        let msg = e.message().trim_end().to_string();
        Error::Toml(match line {
            Some(l) => format!("toml: line {l}: {msg}"),
            None => format!("toml: {msg}"),
        })
    })?;
    Ok(table_value(table))
}

/// Whether `v` nests deeper than `limit` (checked without recursion).
fn too_deep(v: &Value, limit: usize) -> bool {
    let mut stack = vec![(v.clone(), 0usize)];
    while let Some((x, d)) = stack.pop() {
        if d > limit {
            return true;
        }
        if let Some(m) = x.as_map() {
            stack.extend(m.entries().into_iter().map(|(_, c)| (c, d + 1)));
        } else if let Some(l) = x.as_list() {
            stack.extend(l.items().iter().map(|c| (c.clone(), d + 1)));
        }
    }
    false
}

fn table_value(t: ::toml::Table) -> Value {
    Value::Map(
        t.into_iter()
            .map(|(k, v)| (Str::from(k), toml_value(v)))
            .collect::<Map>(),
    )
}

fn toml_value(v: ::toml::Value) -> Value {
    match v {
        ::toml::Value::String(s) => Value::from(s),
        ::toml::Value::Integer(i) => Value::Int64(i),
        ::toml::Value::Float(f) => Value::Float(f),
        ::toml::Value::Boolean(b) => Value::Bool(b),
        ::toml::Value::Datetime(d) => Value::from(d.to_string()),
        ::toml::Value::Array(a) => Value::List(List::new(a.into_iter().map(toml_value).collect())),
        ::toml::Value::Table(t) => table_value(t),
    }
}

struct Encoder {
    out: String,
    written: bool,
}

fn is_bare(k: &str) -> bool {
    k.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key_part(k: &str) -> String {
    if !k.is_empty() && is_bare(k) {
        k.to_string()
    } else {
        quoted(k)
    }
}

fn key_path(path: &[Str]) -> String {
    path.iter()
        .map(|k| key_part(k))
        .collect::<Vec<_>>()
        .join(".")
}

fn indent(path: &[Str]) -> String {
    "  ".repeat(path.len().saturating_sub(1))
}

fn float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let s = crate::gofloat::format_g(f, 64);
    if s.contains(['.', 'e']) { s } else { s + ".0" }
}

/// A list every element of which is a map (BurntSushi's "array of tables").
fn is_table_array(items: &[Value]) -> Result<bool, Error> {
    if items.is_empty() {
        return Ok(false);
    }
    for x in items {
        if x.is_nil() {
            return Err(Error::Toml(NIL_ELEMENT.into()));
        }
        if x.as_map().is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

fn is_table(v: &Value) -> Result<bool, Error> {
    if v.as_map().is_some() {
        return Ok(true);
    }
    match v.as_list() {
        Some(l) => is_table_array(l.items()),
        None => Ok(false),
    }
}

impl Encoder {
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        self.written = true;
    }

    fn newline(&mut self) {
        if self.written {
            self.write("\n");
        }
    }

    fn table_body(
        &mut self,
        path: &[Str],
        entries: &[(Str, Value)],
        inline: bool,
    ) -> Result<(), Error> {
        let mut direct = Vec::new();
        let mut sub = Vec::new();
        for (k, v) in entries {
            if is_table(v)? {
                sub.push((k, v));
            } else {
                direct.push((k, v));
            }
        }
        if inline {
            self.write("{");
        }
        let trail = !sub.is_empty();
        for (group, trail_comma) in [(&direct, trail), (&sub, false)] {
            for (i, (k, v)) in group.iter().enumerate() {
                if v.is_nil() {
                    continue;
                }
                if inline {
                    self.key_value(&[(*k).clone()], v, true)?;
                    if trail_comma || i != group.len() - 1 {
                        self.write(", ");
                    }
                } else {
                    let mut p = path.to_vec();
                    p.push((*k).clone());
                    self.encode(&p, v)?;
                }
            }
        }
        if inline {
            self.write("}");
        }
        Ok(())
    }

    fn encode(&mut self, path: &[Str], v: &Value) -> Result<(), Error> {
        if let Some(m) = v.as_map() {
            if path.len() == 1 {
                self.newline();
            }
            if !path.is_empty() {
                self.write(&format!("{}[{}]", indent(path), key_path(path)));
                self.newline();
            }
            return self.table_body(path, &m.entries(), false);
        }
        if let Some(l) = v.as_list()
            && is_table_array(l.items())?
        {
            for x in l.items() {
                let Some(m) = x.as_map() else { continue };
                self.newline();
                self.write(&format!("{}[[{}]]", indent(path), key_path(path)));
                self.newline();
                self.table_body(path, &m.entries(), false)?;
            }
            return Ok(());
        }
        if v.is_nil() {
            return Ok(());
        }
        self.key_value(path, v, false)
    }

    fn key_value(&mut self, path: &[Str], v: &Value, inline: bool) -> Result<(), Error> {
        let last = path.last().map(|k| key_part(k)).unwrap_or_default();
        self.write(&format!("{}{} = ", indent(path), last));
        self.element(v)?;
        if !inline {
            self.newline();
        }
        Ok(())
    }

    fn element(&mut self, v: &Value) -> Result<(), Error> {
        match v {
            Value::Nil => return Err(Error::Toml(NIL_ELEMENT.into())),
            Value::Bool(b) => self.write(if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => self.write(&i.to_string()),
            Value::Uint(u) => self.write(&u.to_string()),
            Value::Float(f) => self.write(&float(*f)),
            Value::String(s) => self.write(&quoted(s)),
            Value::Bytes(b) => {
                let items: Vec<String> = b.iter().map(u8::to_string).collect();
                self.write(&format!("[{}]", items.join(", ")));
            }
            _ => {
                if let Some(m) = v.as_map() {
                    return self.table_body(&[], &m.entries(), true);
                }
                if let Some(l) = v.as_list() {
                    self.write("[");
                    for (i, x) in l.items().iter().enumerate() {
                        if i > 0 {
                            self.write(", ");
                        }
                        self.element(x)?;
                    }
                    self.write("]");
                } else {
                    self.write(&quoted(&tug_value::fmt::format_value(v)));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_burntsushi() {
        let v = crate::from_str("a: 1\nb: {c: x, d: {e: [1, 2]}}\nl: [{k: 1}]\n");
        let out = v.and_then(|v| to_string(&v)).unwrap_or_default();
        assert_eq!(
            out,
            "a = 1.0\n\n[b]\n  c = \"x\"\n  [b.d]\n    e = [1.0, 2.0]\n\n[[l]]\n  k = 1.0\n"
        );
    }

    #[test]
    fn nil_elements_fail() {
        let v = crate::from_str("a: [1, null]\n").unwrap_or_default();
        assert_eq!(
            to_string(&v).err().map(|e| e.to_string()).as_deref(),
            Some(NIL_ELEMENT)
        );
    }

    #[test]
    fn parses_ints_as_int64() {
        let v = from_str("a = 1\n[t]\nb = 1.5\n").unwrap_or_default();
        assert_eq!(
            format!("{v:?}"),
            "{\"a\": int64(1), \"t\": {\"b\": float64(1.5)}}"
        );
    }
}
