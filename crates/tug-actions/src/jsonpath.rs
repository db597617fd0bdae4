//! A small subset of kubectl's JSONPath for `helm show values --jsonpath`: `{.a.b}`
//! field paths; strings print raw, everything else as JSON.

use tug_value::{Map, Value};

use crate::Error;

/// Evaluates `template` (`{.field.field}`) against `values`.
pub fn eval(template: &str, values: &Map) -> Result<String, Error> {
    let inner = template
        .trim()
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .ok_or_else(|| Error::Setup(format!("error parsing jsonpath {template}: unsupported")))?;
    let mut cur = Value::Map(values.clone());
    for part in inner
        .trim_start_matches('.')
        .split('.')
        .filter(|p| !p.is_empty())
    {
        let next = match &cur {
            Value::Map(m) => m.get(part),
            _ => None,
        };
        cur = next.ok_or_else(|| {
            Error::Setup(format!(
                "error executing jsonpath {template:?}: Error executing template: {part} is not found"
            ))
        })?;
    }
    Ok(match cur {
        Value::String(s) => s.to_string(),
        other => json(&other),
    })
}

/// Go's `encoding/json` form of a value (compact).
pub fn json(v: &Value) -> String {
    match v {
        Value::Nil => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Int64(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", *f as i64),
        Value::Float(f) => f.to_string(),
        Value::String(s) => quote_json(s),
        Value::List(l) => {
            let items: Vec<String> = l.items().iter().map(json).collect();
            format!("[{}]", items.join(","))
        }
        Value::Map(m) => {
            let items: Vec<String> = m
                .entries()
                .iter()
                .map(|(k, v)| format!("{}:{}", quote_json(k), json(v)))
                .collect();
            format!("{{{}}}", items.join(","))
        }
        _ => "null".into(),
    }
}

fn quote_json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_json() {
        let m = tug_yaml::from_str_map("a:\n  b: x\nl: [1, \"y\"]\n").expect("yaml");
        assert_eq!(eval("{.a.b}", &m).expect("ok"), "x");
        assert_eq!(eval("{.l}", &m).expect("ok"), "[1,\"y\"]");
        assert!(eval("{.zz}", &m).is_err());
    }
}
