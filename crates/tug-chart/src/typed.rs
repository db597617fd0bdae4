//! Decoding YAML into Helm's typed structs the way `sigs.k8s.io/yaml` does: scalars in
//! string fields are stringified (integers in decimal, floats with 32-bit `%g`, bools as
//! words), fields are matched case-insensitively, type mismatches are
//! `json: cannot unmarshal <kind> into Go struct field <Struct>.<field> of type <type>`.

use std::collections::BTreeMap;

use tug_value::{Map, Value};

/// The JSON kind of a value, as `encoding/json` names it in errors.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Map(_) => "object",
        Value::List(_) => "array",
        Value::Bool(_) => "bool",
        Value::String(_) => "string",
        _ => "number",
    }
}

/// A YAML mapping seen as a Go struct.
pub(crate) struct Fields<'a> {
    pub map: &'a Map,
    pub strct: &'static str,
}

impl Fields<'_> {
    /// The value of field `name` (exact match first, then case-insensitive).
    pub fn get(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.map.get(name) {
            return Some(v);
        }
        self.map
            .entries()
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    pub fn err(&self, field: &str, v: &Value, ty: &str) -> String {
        format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field {}.{field} of type {ty}",
            json_kind(v),
            self.strct
        )
    }

    pub fn string(&self, field: &str) -> Result<String, String> {
        match self.get(field) {
            None => Ok(String::new()),
            Some(v) => scalar_string(&v).ok_or_else(|| self.err(field, &v, "string")),
        }
    }

    pub fn bool(&self, field: &str) -> Result<Option<bool>, String> {
        match self.get(field) {
            None | Some(Value::Nil) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(v) => Err(self.err(field, &v, "bool")),
        }
    }

    pub fn strings(&self, field: &str) -> Result<Vec<String>, String> {
        match self.get(field) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::List(l)) => l
                .items()
                .iter()
                .map(|v| scalar_string(v).ok_or_else(|| self.err(field, v, "string")))
                .collect(),
            Some(v) => Err(self.err(field, &v, "[]string")),
        }
    }

    pub fn string_map(&self, field: &str) -> Result<Option<BTreeMap<String, String>>, String> {
        match self.get(field) {
            None | Some(Value::Nil) => Ok(None),
            Some(Value::Map(m)) => {
                let mut out = BTreeMap::new();
                for (k, v) in m.entries() {
                    let s = scalar_string(&v).ok_or_else(|| self.err(field, &v, "string"))?;
                    out.insert(k.to_string(), s);
                }
                Ok(Some(out))
            }
            Some(v) => Err(self.err(field, &v, "map[string]string")),
        }
    }

    pub fn list(&self, field: &str) -> Result<Vec<Value>, String> {
        match self.get(field) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::List(l)) => Ok(l.items().to_vec()),
            Some(v) => Err(self.err(field, &v, "[]interface {}")),
        }
    }
}

/// A scalar as a typed string field receives it; `None` for maps and lists.
pub(crate) fn scalar_string(v: &Value) -> Option<String> {
    Some(match v {
        Value::Nil => String::new(),
        Value::String(s) => s.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) | Value::Int64(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => tug_value::fmt::format_float(*f, 'g', -1, 32),
        _ => return None,
    })
}

/// Converts go-yaml typing to JSON typing for untyped fields: every number a float64.
pub(crate) fn json_typed(v: &Value) -> Value {
    match v {
        Value::Int(i) | Value::Int64(i) => Value::Float(*i as f64),
        Value::Uint(u) => Value::Float(*u as f64),
        Value::List(l) => Value::list(l.items().iter().map(json_typed).collect()),
        Value::Map(m) => Value::Map(
            m.entries()
                .iter()
                .map(|(k, v)| (k.clone(), json_typed(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Parses one YAML document with go-yaml typing (integers kept), reporting errors with
/// `sigs.k8s.io/yaml`'s text.
pub(crate) fn parse_yaml_typed(src: &str) -> Result<Value, String> {
    match tug_yaml::from_str_keep_ints(src) {
        Ok(v) => {
            // The JSON step can still fail (`.inf`, null keys); ask the full loader.
            tug_yaml::from_str(src).map_err(|e| e.to_string())?;
            Ok(v)
        }
        Err(e) => Err(tug_yaml::from_str(src).err().unwrap_or(e).to_string()),
    }
}

/// Go's `unicode.IsPrint`-based sanitising of metadata strings: whitespace becomes a
/// space, other non-printable characters are removed.
pub(crate) fn sanitize(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}') {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_stringify_like_sigs_yaml() {
        assert_eq!(scalar_string(&Value::Float(1.10)).as_deref(), Some("1.1"));
        assert_eq!(
            scalar_string(&Value::Int64(1000000)).as_deref(),
            Some("1000000")
        );
        assert_eq!(scalar_string(&Value::Bool(true)).as_deref(), Some("true"));
        assert_eq!(scalar_string(&Value::list(vec![])), None);
    }

    #[test]
    fn sanitize_removes_controls() {
        assert_eq!(sanitize("a\tb\u{7}c\u{200B}"), "a bc");
    }
}
