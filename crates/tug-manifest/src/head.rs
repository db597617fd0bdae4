//! The head of a manifest document (Helm's `SimpleHead`): `apiVersion`, `kind`,
//! `metadata.name` and `metadata.annotations`, read with `sigs.k8s.io/yaml` rules
//! (scalars in string fields are stringified, a document that is not valid YAML is an
//! error).

use std::collections::BTreeMap;

use tug_value::Value;

/// `releaseutil.SimpleHead`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// `apiVersion`.
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// `metadata`, when present and not null.
    pub metadata: Option<HeadMetadata>,
}

/// `SimpleHead.Metadata`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadMetadata {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.annotations`, when present and not null.
    pub annotations: Option<BTreeMap<String, String>>,
}

impl Head {
    /// The annotations, when there are any (Helm's `hasAnyAnnotation`).
    pub fn annotations(&self) -> Option<&BTreeMap<String, String>> {
        self.metadata.as_ref().and_then(|m| m.annotations.as_ref())
    }

    /// `metadata.name` or `""`.
    pub fn name(&self) -> &str {
        self.metadata.as_ref().map_or("", |m| m.name.as_str())
    }
}

/// Parses a document's head. The error is the YAML library's message (callers wrap it
/// as `YAML parse error on <path>: …`).
pub fn parse_head(doc: &str) -> Result<Head, String> {
    let v = tug_yaml::from_str(doc).map_err(|e| e.to_string())?;
    head_from_value(&v)
}

/// Builds a head from an already parsed document.
pub fn head_from_value(v: &Value) -> Result<Head, String> {
    let m = match v {
        Value::Nil => return Ok(Head::default()),
        Value::Map(m) => m,
        other => return Err(unmarshal_err(other, "releaseutil.SimpleHead")),
    };
    let mut head = Head {
        api_version: string_field(m.get("apiVersion"), "apiVersion")?,
        kind: string_field(m.get("kind"), "kind")?,
        metadata: None,
    };
    match m.get("metadata") {
        None | Some(Value::Nil) => {}
        Some(Value::Map(md)) => {
            let name = string_field(md.get("name"), "metadata.name")?;
            let annotations = match md.get("annotations") {
                None | Some(Value::Nil) => None,
                Some(Value::Map(a)) => {
                    let mut out = BTreeMap::new();
                    for (k, v) in a.entries() {
                        out.insert(
                            k.to_string(),
                            string_field(Some(v), "metadata.annotations")?,
                        );
                    }
                    Some(out)
                }
                Some(other) => return Err(unmarshal_err(&other, "map[string]string")),
            };
            head.metadata = Some(HeadMetadata { name, annotations });
        }
        Some(other) => return Err(unmarshal_err(&other, "struct")),
    }
    Ok(head)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Map(_) => "object",
        Value::List(_) => "array",
        Value::Bool(_) => "bool",
        Value::String(_) => "string",
        _ => "number",
    }
}

fn unmarshal_err(v: &Value, target: &str) -> String {
    format!(
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type {target}",
        json_kind(v)
    )
}

/// A string field: sigs.k8s.io/yaml stringifies scalars for string targets (integers in
/// decimal, other floats with 32-bit `%g`, bools as words); nil is `""`.
fn string_field(v: Option<Value>, field: &str) -> Result<String, String> {
    match v {
        None | Some(Value::Nil) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.to_string()),
        Some(Value::Bool(b)) => Ok(b.to_string()),
        Some(Value::Int(i) | Value::Int64(i)) => Ok(i.to_string()),
        Some(Value::Uint(u)) => Ok(u.to_string()),
        Some(Value::Float(f)) => Ok(float_string(f)),
        Some(other) => Err(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field .{field} of type string",
            json_kind(&other)
        )),
    }
}

/// A YAML number seen after the JSON step, as sigs.k8s.io/yaml would have stringified it.
pub fn float_string(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        format!("{}", f as i64)
    } else {
        tug_value::fmt::format_float(f, 'g', -1, 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tug_value::Map;

    #[test]
    fn head_fields_are_stringified() {
        let ann: Map = [("helm.sh/hook-weight".into(), Value::Float(5.0))]
            .into_iter()
            .collect();
        let md: Map = [
            ("name".into(), Value::Float(12.0)),
            ("annotations".into(), Value::Map(ann)),
        ]
        .into_iter()
        .collect();
        let doc: Map = [
            ("kind".into(), Value::from("Pod")),
            ("metadata".into(), Value::Map(md)),
        ]
        .into_iter()
        .collect();
        let h = head_from_value(&Value::Map(doc)).unwrap();
        assert_eq!(h.kind, "Pod");
        assert_eq!(h.name(), "12");
        assert_eq!(h.annotations().unwrap()["helm.sh/hook-weight"], "5");
    }

    #[test]
    fn non_map_documents_fail() {
        assert!(head_from_value(&Value::from("x")).is_err());
        assert_eq!(head_from_value(&Value::Nil).unwrap(), Head::default());
    }
}
