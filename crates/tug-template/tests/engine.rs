//! End-to-end checks of the engine: each case is a template, the data Helm would
//! pass (`.Values` from the oracle's values), and the output or Go error text that
//! real Helm v4.2.3 produced for it (see `tests/oracle/engine_cases.py`).

use tug_template::func::{Function, Param, Signature};
use tug_template::{MissingKey, Templates};
use tug_value::{List, Map, Value};

const NAME: &str = "oc/templates/t.yaml";

fn values() -> Value {
    let m = Map::new();
    m.insert("a", Value::Float(1.0));
    m.insert("n", Value::Nil);
    let v = Map::new();
    v.insert("m", Value::Map(m));
    v.insert(
        "l",
        Value::List(List::new(vec![Value::Float(1.0), Value::Nil])),
    );
    v.insert("s", Value::from("str"));
    let top = Map::new();
    top.insert("Values", Value::Map(v));
    Value::Map(top)
}

/// Helm's `cleanupParseError`: keeps the location and the last `: ` token.
fn helm_parse_error(e: &tug_template::Error) -> String {
    let msg = e.to_string();
    let tokens: Vec<&str> = msg.split(": ").collect();
    format!(
        "parse error at ({}): {}",
        tokens[1],
        tokens[tokens.len() - 1]
    )
}

fn upper() -> Function {
    let sig = Signature {
        params: &[Param::String],
        variadic: None,
    };
    Function::new("upper", sig, |_, args| {
        Ok(Value::from(args[0].as_str().unwrap_or("").to_uppercase()))
    })
}

/// Renders like Helm: `missingkey=zero`, then every `<no value>` deleted.
fn render(tpl: &str) -> Result<String, String> {
    let mut set = Templates::new();
    set.add_functions([upper()]);
    set.set_missing_key(MissingKey::Zero);
    set.parse(NAME, tpl).map_err(|e| helm_parse_error(&e))?;
    let out = set.execute(NAME, &values()).map_err(|e| e.to_string())?;
    Ok(out.replace("<no value>", ""))
}

include!("data/engine_cases.rs");

#[test]
fn oracle_cases() {
    let mut failures = Vec::new();
    for (tpl, want) in CASES {
        let got = render(tpl);
        let want = match want.strip_prefix("ERR:") {
            Some(e) => Err(e.to_string()),
            None => Ok(want.to_string()),
        };
        if got != want {
            failures.push(format!("{tpl}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
