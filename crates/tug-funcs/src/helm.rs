//! Helm's own template functions (Helm v4.2 `pkg/engine`): the YAML/JSON/TOML
//! converters, `include`, `tpl`, `required`, `fail`, `lookup` and the `getHostByName`
//! override. Registered after Sprig so that Helm's versions of `fail`, `toJson`,
//! `fromJson` and `mustToJson` replace Sprig's.
//!
//! Error conventions follow Helm: the `*Yaml`/`*Json`/`*Toml` readers put a parse error
//! under the `Error` key (or as the single list element), the writers return `""` (or,
//! for `toToml`, the error text) unless they are the `must` variants; `required` and
//! `fail` wrap their message in `HELM_ERR_START…HELM_ERR_END`, which Helm's renderer turns
//! into `execution error at (<file>:<line>:<col>): <message>`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use tug_template::ErrorKind;
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::{List, Map, Value, fmt as gofmt};

/// Helm's marker around `required`/`fail` messages.
pub const WARN_START: &str = "HELM_ERR_START";
/// Closing marker, see [`WARN_START`].
pub const WARN_END: &str = "HELM_ERR_END";
/// How deep one template name may include itself before Helm gives up.
const RECURSION_MAX: usize = 1000;

/// Answers Helm's `lookup` function: a GET of one object (`name` set) or a LIST (`name`
/// empty; an empty `namespace` lists across namespaces). Not found ⇒ an empty map.
pub trait Lookup: Send + Sync {
    /// Returns the object or list as an unstructured map, or an error message.
    fn lookup(
        &self,
        api_version: &str,
        kind: &str,
        namespace: &str,
        name: &str,
    ) -> Result<Value, String>;
}

/// The lookup Helm uses without a cluster (`helm template`, client dry-run, lint):
/// every lookup returns an empty map.
#[derive(Clone, Copy, Debug, Default)]
pub struct OfflineLookup;

impl Lookup for OfflineLookup {
    fn lookup(&self, _: &str, _: &str, _: &str, _: &str) -> Result<Value, String> {
        Ok(Value::empty_map())
    }
}

/// Engine settings that change Helm's functions.
#[derive(Clone)]
pub struct HelmOptions {
    /// Source of `lookup` results.
    pub lookup: Arc<dyn Lookup>,
    /// `--enable-dns`: `getHostByName` resolves names instead of returning `""`.
    pub enable_dns: bool,
    /// `helm lint`: `required` and `fail` do not fail.
    pub lint_mode: bool,
}

impl Default for HelmOptions {
    fn default() -> HelmOptions {
        HelmOptions {
            lookup: Arc::new(OfflineLookup),
            enable_dns: false,
            lint_mode: false,
        }
    }
}

/// Registers Helm's functions with default options (offline, no DNS, not lint).
pub(crate) fn register(out: &mut Vec<Function>) {
    register_with(out, &HelmOptions::default());
}

/// Registers Helm's functions configured by `options`.
pub(crate) fn register_with(out: &mut Vec<Function>, options: &HelmOptions) {
    register_serializers(out);
    register_flow(out, options);
    let lookup = options.lookup.clone();
    out.push(Function::new(
        "lookup",
        sig(&[Param::String, Param::String, Param::String, Param::String]),
        move |_: &mut dyn Context, args: &[Value]| {
            let s = |i| str_arg(args, i);
            lookup
                .lookup(s(0), s(1), s(2), s(3))
                .map_err(FuncError::msg)
        },
    ));
    if !options.enable_dns {
        out.push(Function::new(
            "getHostByName",
            sig(&[Param::String]),
            |_: &mut dyn Context, _: &[Value]| Ok(Value::from("")),
        ));
    }
}

fn sig(params: &'static [Param]) -> Signature {
    Signature {
        params,
        variadic: None,
    }
}

fn str_arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Nil)
}

fn simple(
    out: &mut Vec<Function>,
    name: &'static str,
    params: &'static [Param],
    f: fn(&[Value]) -> Result<Value, FuncError>,
) {
    out.push(Function::new(
        name,
        sig(params),
        move |_: &mut dyn Context, args: &[Value]| f(args),
    ));
}

fn trim_newline(s: String) -> String {
    match s.strip_suffix('\n') {
        Some(t) => t.to_string(),
        None => s,
    }
}

fn register_serializers(out: &mut Vec<Function>) {
    simple(out, "toYaml", &[Param::Any], |a| {
        Ok(tug_yaml::to_string(&arg(a, 0))
            .map_or_else(|_| Value::from(""), |s| trim_newline(s).into()))
    });
    simple(out, "mustToYaml", &[Param::Any], |a| {
        tug_yaml::to_string(&arg(a, 0))
            .map(|s| trim_newline(s).into())
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    // go-yaml v3 encoder, indent 2, no JSON round trip.
    simple(out, "toYamlPretty", &[Param::Any], |a| {
        Ok(tug_yaml::to_string_pretty(&arg(a, 0))
            .map_or_else(|_| Value::from(""), |s| trim_newline(s).into()))
    });
    simple(out, "fromYaml", &[Param::String], |a| {
        Ok(into_map(tug_yaml::from_str(str_arg(a, 0)), YAML_PREFIX))
    });
    simple(out, "fromYamlArray", &[Param::String], |a| {
        Ok(into_list(tug_yaml::from_str(str_arg(a, 0)), YAML_PREFIX))
    });
    simple(out, "toJson", &[Param::Any], |a| {
        Ok(tug_yaml::json::to_string(&arg(a, 0), true)
            .map_or_else(|_| Value::from(""), Value::from))
    });
    simple(out, "mustToJson", &[Param::Any], |a| {
        tug_yaml::json::to_string(&arg(a, 0), true)
            .map(Value::from)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    // Sprig's JSON family (not overridden by Helm).
    simple(out, "toRawJson", &[Param::Any], |a| {
        tug_yaml::json::to_string(&arg(a, 0), false)
            .map(Value::from)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    simple(out, "mustToRawJson", &[Param::Any], |a| {
        tug_yaml::json::to_string(&arg(a, 0), false)
            .map(Value::from)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    simple(out, "toPrettyJson", &[Param::Any], |a| {
        Ok(tug_yaml::json::to_string_pretty(&arg(a, 0), true)
            .map_or_else(|_| Value::from(""), Value::from))
    });
    simple(out, "mustToPrettyJson", &[Param::Any], |a| {
        tug_yaml::json::to_string_pretty(&arg(a, 0), true)
            .map(Value::from)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    simple(out, "mustFromJson", &[Param::String], |a| {
        tug_yaml::json::from_str(str_arg(a, 0)).map_err(|e| FuncError::msg(e.to_string()))
    });
    simple(out, "fromJson", &[Param::String], |a| {
        Ok(into_map(tug_yaml::json::from_str(str_arg(a, 0)), ""))
    });
    simple(out, "fromJsonArray", &[Param::String], |a| {
        Ok(into_list(tug_yaml::json::from_str(str_arg(a, 0)), ""))
    });
    simple(out, "toToml", &[Param::Any], |a| {
        Ok(match tug_yaml::toml::to_string(&arg(a, 0)) {
            Ok(s) => s.into(),
            Err(e) => e.to_string().into(),
        })
    });
    simple(out, "mustToToml", &[Param::Any], |a| {
        tug_yaml::toml::to_string(&arg(a, 0))
            .map(Value::from)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    simple(out, "fromToml", &[Param::String], |a| {
        Ok(into_map(tug_yaml::toml::from_str(str_arg(a, 0)), ""))
    });
}

/// What sigs.k8s.io/yaml prefixes to `encoding/json` decoding errors.
const YAML_PREFIX: &str = "error unmarshaling JSON: while decoding JSON: ";

/// `encoding/json`'s name for the JSON type of a decoded value.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "array",
        Value::Map(_) => "object",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        _ => "number",
    }
}

/// A decoded document as `map[string]interface {}`, with decode errors under `Error`.
fn into_map(doc: Result<Value, tug_yaml::Error>, prefix: &str) -> Value {
    let m = Map::new();
    match doc {
        Ok(Value::Map(found)) => return Value::Map(found),
        Ok(Value::Nil) => {}
        Ok(other) => {
            let msg = format!(
                "{prefix}json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                json_kind(&other)
            );
            m.insert("Error", msg.into());
        }
        Err(e) => {
            m.insert("Error", e.to_string().into());
        }
    }
    Value::Map(m)
}

/// A decoded document as `[]interface {}`; a decode error becomes the only element.
fn into_list(doc: Result<Value, tug_yaml::Error>, prefix: &str) -> Value {
    let err = match doc {
        Ok(Value::List(l)) => return Value::List(l),
        Ok(Value::Nil) => return Value::List(List::new(Vec::new())),
        Ok(other) => format!(
            "{prefix}json: cannot unmarshal {} into Go value of type []interface {{}}",
            json_kind(&other)
        ),
        Err(e) => e.to_string(),
    };
    Value::list(vec![err.into()])
}

thread_local! {
    /// Per-thread count of active `include`s per template name (Helm's
    /// `includedNames`). A render runs on one thread, so nesting is counted exactly.
    static INCLUDED: RefCell<HashMap<String, usize>> = RefCell::new(HashMap::new());
}

/// Helm's `include`: executes the named template into a string, refusing to nest one
/// name more than 1000 deep.
fn include(ctx: &mut dyn Context, name: &str, data: &Value) -> Result<Value, FuncError> {
    // Hot path (charts include helpers thousands of times): no allocation once a name
    // has been seen on this thread.
    let over = INCLUDED.with(|m| {
        let mut m = m.borrow_mut();
        match m.get_mut(name) {
            Some(count) if *count > RECURSION_MAX => true,
            Some(count) => {
                *count += 1;
                false
            }
            None => {
                m.insert(name.to_string(), 1);
                false
            }
        }
    });
    if over {
        return Err(FuncError::msg(format!(
            "rendering template has a nested reference name: {name}: unable to execute template"
        )));
    }
    let result = ctx.execute_named(name, data);
    INCLUDED.with(|m| {
        if let Some(count) = m.borrow_mut().get_mut(name) {
            *count = count.saturating_sub(1);
        }
    });
    result.map(Value::from).map_err(FuncError::Template)
}

/// Helm's `tpl`: renders `text` as a template in the live set, removing `<no value>`.
fn tpl(ctx: &mut dyn Context, text: &str, data: &Value) -> Result<Value, FuncError> {
    match ctx.execute_text(text, data) {
        Ok(out) => Ok(out.replace("<no value>", "").into()),
        Err(e) if e.kind() == ErrorKind::Parse => Err(FuncError::msg(format!(
            "cannot parse template {}: {e}",
            gofmt::quote(text)
        ))),
        Err(e) => Err(FuncError::msg(format!(
            "error during tpl function execution for {}: {e}",
            gofmt::quote(text)
        ))),
    }
}

fn register_flow(out: &mut Vec<Function>, options: &HelmOptions) {
    out.push(Function::new(
        "include",
        sig(&[Param::String, Param::Any]),
        |ctx: &mut dyn Context, args: &[Value]| include(ctx, str_arg(args, 0), &arg(args, 1)),
    ));
    out.push(Function::new(
        "tpl",
        sig(&[Param::String, Param::Any]),
        |ctx: &mut dyn Context, args: &[Value]| tpl(ctx, str_arg(args, 0), &arg(args, 1)),
    ));
    let lint = options.lint_mode;
    out.push(Function::new(
        "required",
        sig(&[Param::String, Param::Any]),
        move |_: &mut dyn Context, args: &[Value]| required(lint, str_arg(args, 0), arg(args, 1)),
    ));
    out.push(Function::new(
        "fail",
        sig(&[Param::String]),
        move |_: &mut dyn Context, args: &[Value]| {
            if lint {
                Ok(Value::from(""))
            } else {
                Err(FuncError::msg(warn_wrap(str_arg(args, 0))))
            }
        },
    ));
}

fn warn_wrap(msg: &str) -> String {
    format!("{WARN_START}{msg}{WARN_END}")
}

/// Helm's `required`: nil or `""` is an error (an empty string in lint mode).
fn required(lint: bool, msg: &str, val: Value) -> Result<Value, FuncError> {
    let missing = match &val {
        Value::Nil => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    };
    match (missing, lint) {
        (false, _) => Ok(val),
        (true, true) => Ok(Value::from("")),
        (true, false) => Err(FuncError::msg(warn_wrap(msg))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_follows_helm() {
        assert!(required(false, "m", Value::Int(0)).is_ok());
        let err = required(false, "need x", Value::Nil)
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("HELM_ERR_STARTneed xHELM_ERR_END"));
        assert!(required(false, "m", Value::from("")).is_err());
        assert!(matches!(required(true, "m", Value::Nil), Ok(Value::String(s)) if s.is_empty()));
    }

    #[test]
    fn decoded_type_mismatch_is_reported_like_go() {
        let v = into_map(Ok(Value::list(vec![])), YAML_PREFIX);
        let err = v.as_map().and_then(|m| m.get("Error"));
        assert_eq!(
            err.as_ref().and_then(Value::as_str),
            Some(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
            )
        );
        let l = into_list(Ok(Value::empty_map()), "");
        let first = l.as_list().and_then(|l| l.items().first().cloned());
        assert_eq!(
            first.as_ref().and_then(Value::as_str),
            Some("json: cannot unmarshal object into Go value of type []interface {}")
        );
    }

    #[test]
    fn offline_lookup_is_empty() {
        let v = OfflineLookup.lookup("v1", "Pod", "", "");
        assert!(matches!(v, Ok(Value::Map(m)) if m.is_empty()));
    }
}
