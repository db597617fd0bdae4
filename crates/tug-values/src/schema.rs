//! `values.schema.json` validation with Helm's error text (Helm v4 uses
//! santhosh-tekuri/jsonschema v6; we validate with `boon`, the Rust sibling of that
//! library, behind the small [`SchemaValidator`] trait, and render v6's English wording
//! from the error kinds ourselves).
//!
//! [`validate_values`] walks the chart tree like Helm's `ValidateAgainstSchema`: each
//! chart's schema checks that chart's values; subcharts whose key exists and is not nil
//! are visited with their table.

use std::fmt::Write as _;

use boon::{Compiler, ErrorKind, Schemas, ValidationError};
use tug_value::{Map, Value};

use crate::Error;
use crate::coalesce::ChartNode;

/// The URL Helm gives every values schema.
pub const SCHEMA_URL: &str = "file:///values.schema.json";

/// Validates values against one schema document.
pub trait SchemaValidator {
    /// `Ok` when valid; otherwise the error lines (`- at '': missing property 'x'` …,
    /// one per line, no trailing newline), or a schema compile/parse error.
    fn validate(&self, schema: &[u8], values: &Map) -> Result<(), String>;
}

/// The default validator, built on `boon`.
#[derive(Debug, Default, Clone, Copy)]
pub struct BoonValidator;

impl SchemaValidator for BoonValidator {
    fn validate(&self, schema: &[u8], values: &Map) -> Result<(), String> {
        let schema_json: serde_json::Value =
            serde_json::from_slice(schema).map_err(|e| format!("failed to parse schema: {e}"))?;
        let mut schemas = Schemas::new();
        let mut compiler = Compiler::new();
        compiler
            .add_resource(SCHEMA_URL, schema_json)
            .map_err(|e| e.to_string())?;
        let idx = compiler
            .compile(SCHEMA_URL, &mut schemas)
            .map_err(|e| e.to_string())?;
        let instance = to_json(&Value::Map(values.clone()));
        match schemas.validate(&instance, idx) {
            Ok(()) => Ok(()),
            Err(e) => {
                let mut out = String::new();
                let mut causes: Vec<&ValidationError<'_, '_>> = e.causes.iter().collect();
                causes.sort_by_key(|c| c.instance_location.to_string());
                for (i, c) in causes.into_iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    display(c, 0, &mut out);
                }
                if e.causes.is_empty() {
                    display(&e, 0, &mut out);
                }
                Err(out)
            }
        }
    }
}

/// `ValidateAgainstSchema` + the `ToRenderValues` wrapper: the full Helm message
/// (`values don't meet the specifications of the schema(s) in the following chart(s):`).
pub fn validate_values(
    chart: &dyn ChartNode,
    values: &Map,
    validator: &dyn SchemaValidator,
) -> Result<(), Error> {
    let body = validate_tree(chart, values, validator);
    if body.is_empty() {
        return Ok(());
    }
    Err(Error::Schema(format!(
        "values don't meet the specifications of the schema(s) in the following chart(s):\n{body}"
    )))
}

fn validate_tree(chart: &dyn ChartNode, values: &Map, validator: &dyn SchemaValidator) -> String {
    let mut sb = String::new();
    if let Some(schema) = chart.schema()
        && let Err(e) = validator.validate(schema, values)
    {
        let _ = write!(sb, "{}:\n{e}\n", chart.name());
    }
    for sub in chart.dependencies() {
        match values.get(sub.name()) {
            None | Some(Value::Nil) => {}
            Some(Value::Map(m)) => sb.push_str(&validate_tree(sub, &m, validator)),
            Some(other) => {
                let _ = write!(
                    sb,
                    "{}:\ninvalid type for values: expected object (map), got {}\n",
                    sub.name(),
                    other.type_name()
                );
            }
        }
    }
    sb
}

/// Values as JSON (numbers keep their Go kind: int64 stay integers).
fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Nil => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) | Value::Int64(i) => J::from(*i),
        Value::Uint(u) => J::from(*u),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::String(s) => J::String(s.to_string()),
        Value::Bytes(b) => J::String(String::from_utf8_lossy(b).into_owned()),
        Value::List(l) => J::Array(l.items().iter().map(to_json).collect()),
        Value::Map(m) => J::Object(
            m.entries()
                .iter()
                .map(|(k, v)| (k.to_string(), to_json(v)))
                .collect(),
        ),
        Value::Object(o) => match o.as_map() {
            Some(m) => to_json(&Value::Map(m.clone())),
            None => J::Null,
        },
    }
}

/// One error line and its causes, indented two spaces per level (jsonschema v6's
/// `display`); a reference wrapper with a single cause shows the cause instead.
fn display(e: &ValidationError<'_, '_>, indent: usize, out: &mut String) {
    if e.causes.len() == 1 && matches!(e.kind, ErrorKind::Reference { .. } | ErrorKind::Group) {
        display(&e.causes[0], indent, out);
        return;
    }
    for _ in 0..indent {
        out.push_str("  ");
    }
    let _ = write!(
        out,
        "- at {}: {}",
        quote(&e.instance_location.to_string()),
        message(&e.kind)
    );
    for c in &e.causes {
        out.push('\n');
        display(c, indent + 1, out);
    }
}

/// jsonschema v6's `quote`: Go `%q` with `"` unescaped and `'` escaped, in single quotes.
pub fn quote(s: &str) -> String {
    let q = crate::strvals::go_quote(s);
    let inner = &q[1..q.len() - 1];
    format!("'{}'", inner.replace("\\\"", "\"").replace('\'', "\\'"))
}

fn join_quoted<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| quote(s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn display_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => quote(s),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => "value".into(),
        other => other.to_string(),
    }
}

/// A number as v6's English printer shows it: shortest form, thousands grouped.
fn num(n: &serde_json::Number) -> String {
    let text = match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    };
    group_thousands(&text)
}

fn group_thousands(text: &str) -> String {
    if text.contains(['e', 'E']) {
        return text.to_string();
    }
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The English message of an error kind, in jsonschema v6's words.
fn message(k: &ErrorKind<'_, '_>) -> String {
    use ErrorKind as K;
    match k {
        K::Group | K::Schema { .. } | K::Reference { .. } => "validation failed".into(),
        K::ContentSchema => "contentSchema failed".into(),
        K::PropertyName { prop } => format!("invalid propertyName {}", quote(prop)),
        K::RefCycle { .. } => k.to_string(),
        K::FalseSchema => "false schema".into(),
        K::Type { got, want } => {
            let want: Vec<String> = want.iter().map(|t| t.to_string()).collect();
            format!("got {got}, want {}", want.join(" or "))
        }
        K::Enum { want } => {
            if want.iter().all(|v| !v.is_array() && !v.is_object()) {
                let parts: Vec<String> = want.iter().map(display_value).collect();
                if parts.len() == 1 {
                    format!("value must be {}", parts[0])
                } else {
                    format!("value must be one of {}", parts.join(", "))
                }
            } else {
                "enum failed".into()
            }
        }
        K::Const { want } => match want {
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => "const failed".into(),
            w => format!("value must be {}", display_value(w)),
        },
        K::Format { got, want, err } => {
            format!("{} is not valid {want}: {err}", display_value(got))
        }
        K::MinProperties { got, want } => format!("minProperties: got {got}, want {want}"),
        K::MaxProperties { got, want } => format!("maxProperties: got {got}, want {want}"),
        K::AdditionalProperties { got } => {
            format!("additional properties {} not allowed", join_quoted(got))
        }
        K::Required { want } => match want.as_slice() {
            [one] => format!("missing property {}", quote(one)),
            many => format!("missing properties {}", join_quoted(many)),
        },
        K::Dependency { prop, missing } | K::DependentRequired { prop, missing } => {
            format!(
                "properties {} required, if {} exists",
                join_quoted(missing),
                quote(prop)
            )
        }
        K::MinItems { got, want } => format!("minItems: got {got}, want {want}"),
        K::MaxItems { got, want } => format!("maxItems: got {got}, want {want}"),
        K::Contains => "no items match contains schema".into(),
        K::MinContains { got, want } => format!(
            "min {want} items required to match contains schema, but matched {} items{}",
            got.len(),
            at_indexes(got)
        ),
        K::MaxContains { got, want } => format!(
            "max {want} items required to match contains schema, but matched {} items{}",
            got.len(),
            at_indexes(got)
        ),
        K::UniqueItems { got } => format!("items at {} and {} are equal", got[0], got[1]),
        K::AdditionalItems { got } => format!("last {got} additionalItems not allowed"),
        K::MinLength { got, want } => format!("minLength: got {got}, want {want}"),
        K::MaxLength { got, want } => format!("maxLength: got {got}, want {want}"),
        K::Pattern { got, want } => {
            format!("{} does not match pattern {}", quote(got), quote(want))
        }
        K::ContentEncoding { want, err } => format!("value is not {want} encoded: {err}"),
        K::ContentMediaType { want, err, .. } => {
            format!("value is not of mediatype {}: {err}", quote(want))
        }
        K::Minimum { got, want } => format!("minimum: got {}, want {}", num(got), num(want)),
        K::Maximum { got, want } => format!("maximum: got {}, want {}", num(got), num(want)),
        K::ExclusiveMinimum { got, want } => {
            format!("exclusiveMinimum: got {}, want {}", num(got), num(want))
        }
        K::ExclusiveMaximum { got, want } => {
            format!("exclusiveMaximum: got {}, want {}", num(got), num(want))
        }
        K::MultipleOf { got, want } => format!("multipleOf: got {}, want {}", num(got), num(want)),
        K::Not => "'not' failed".into(),
        K::AllOf => "'allOf' failed".into(),
        K::AnyOf => "'anyOf' failed".into(),
        K::OneOf(None) => "'oneOf' failed, none matched".into(),
        K::OneOf(Some((i, j))) => format!("'oneOf' failed, subschemas {i}, {j} matched"),
    }
}

fn at_indexes(got: &[usize]) -> String {
    if got.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = got.iter().map(|i| i.to_string()).collect();
    format!(" at [{}]", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(schema: &str, values: &str) -> Result<(), String> {
        let v = crate::json::decode(values)
            .ok()
            .and_then(|v| v.as_map().cloned())
            .unwrap_or_default();
        BoonValidator.validate(schema.as_bytes(), &v)
    }

    #[test]
    fn helm_wording() {
        let schema = r#"{"type":"object","required":["name"],"properties":{"port":{"type":"integer","minimum":1},"s":{"type":"string"}}}"#;
        assert_eq!(
            check(schema, r#"{"port":0,"s":5}"#).unwrap_err(),
            "- at '': missing property 'name'\n- at '/port': minimum: got 0, want 1\n- at '/s': got number, want string"
        );
        assert!(check(schema, r#"{"name":"x","port":2}"#).is_ok());
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group_thousands("70000"), "70,000");
        assert_eq!(group_thousands("-1234567.25"), "-1,234,567.25");
        assert_eq!(group_thousands("999"), "999");
    }

    #[test]
    fn quoting_like_v6() {
        assert_eq!(quote("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(quote("/x"), "'/x'");
    }
}
