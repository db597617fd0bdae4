//! What Helm v4.2 puts around the engine, as far as the conformance cases need it.
//!
//! - the functions Helm adds on top of Go's builtins: `include`, `tpl`, `required`, `fail`
//!   (with Helm's semantics and error text), plus Sprig's `slice`, which replaces Go's
//!   builtin of that name in Helm's function map;
//! - the data Helm executes a chart template with (`.Values`, `.Release`, `.Chart`,
//!   `.Template`, `.Capabilities`, `.Files`, `.Subcharts`);
//! - how Helm turns Go's error strings into its own messages (`pkg/engine`:
//!   `cleanupParseError`, the `required`/`fail` shortcut, and the multi-line trace).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use tug_template::ErrorKind;
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::{List, Map, Object, Value};

/// The chart every case lives in.
pub const CHART: &str = "conf";
/// The template file every case is.
pub const CASE_FILE: &str = "conf/templates/case.yaml";
/// Helm's nesting limit per `include`d name.
const RECURSION_MAX: usize = 1000;
/// Helm's markers around `required`/`fail` messages.
pub const WARN_START: &str = "HELM_ERR_START";
pub const WARN_END: &str = "HELM_ERR_END";

thread_local! {
    static INCLUDED: RefCell<HashMap<String, usize>> = RefCell::new(HashMap::new());
}

/// Forgets the `include` nesting counters (one render = one counter map in Helm).
pub fn reset_render_state() {
    INCLUDED.with(|m| m.borrow_mut().clear());
}

fn str_arg(args: &[Value], i: usize) -> String {
    args.get(i)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn include(ctx: &mut dyn Context, args: &[Value]) -> Result<Value, FuncError> {
    let name = str_arg(args, 0);
    let data = args.get(1).cloned().unwrap_or(Value::Nil);
    let depth = INCLUDED.with(|m| m.borrow().get(&name).copied());
    if let Some(n) = depth
        && n > RECURSION_MAX
    {
        return Err(FuncError::msg(format!(
            "rendering template has a nested reference name: {name}: unable to execute template"
        )));
    }
    INCLUDED.with(|m| *m.borrow_mut().entry(name.clone()).or_insert(0) += 1);
    let out = ctx.execute_named(&name, &data);
    INCLUDED.with(|m| {
        if let Some(n) = m.borrow_mut().get_mut(&name) {
            *n = n.saturating_sub(1);
        }
    });
    Ok(Value::from(out?))
}

fn tpl(ctx: &mut dyn Context, args: &[Value]) -> Result<Value, FuncError> {
    let text = str_arg(args, 0);
    let data = args.get(1).cloned().unwrap_or(Value::Nil);
    match ctx.execute_text(&text, &data) {
        Ok(out) => Ok(Value::from(out.replace("<no value>", ""))),
        Err(e) if e.kind() == ErrorKind::Parse => Err(FuncError::msg(format!(
            "cannot parse template {}: {e}",
            tug_value::fmt::quote(&text)
        ))),
        Err(e) => Err(FuncError::msg(format!(
            "error during tpl function execution for {}: {e}",
            tug_value::fmt::quote(&text)
        ))),
    }
}

fn warn_wrap(msg: &str) -> FuncError {
    FuncError::msg(format!("{WARN_START}{msg}{WARN_END}"))
}

fn required(_: &mut dyn Context, args: &[Value]) -> Result<Value, FuncError> {
    let val = args.get(1).cloned().unwrap_or(Value::Nil);
    match &val {
        Value::Nil => Err(warn_wrap(&str_arg(args, 0))),
        Value::String(s) if s.is_empty() => Err(warn_wrap(&str_arg(args, 0))),
        _ => Ok(val),
    }
}

fn fail(_: &mut dyn Context, args: &[Value]) -> Result<Value, FuncError> {
    Err(warn_wrap(&str_arg(args, 0)))
}

/// Sprig's `slice list i j` (lists only; Helm's function map shadows Go's builtin).
fn sprig_slice(_: &mut dyn Context, args: &[Value]) -> Result<Value, FuncError> {
    let Some(list) = args.first() else {
        return Err(FuncError::msg("wrong number of args for slice"));
    };
    let Value::List(l) = list else {
        let kind = match list {
            Value::String(_) => "string",
            Value::Map(_) => "map",
            Value::Bool(_) => "bool",
            Value::Float(_) => "float64",
            Value::Int(_) => "int",
            Value::Int64(_) => "int64",
            _ => "invalid",
        };
        return Err(FuncError::msg(format!(
            "list should be type of slice or array but {kind}"
        )));
    };
    if l.is_empty() {
        return Ok(Value::Nil);
    }
    let idx = |v: &Value| match v {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Float(f) => *f as i64,
        _ => 0,
    };
    let start = args.get(1).map_or(0, idx);
    let end = args.get(2).map_or(l.len() as i64, idx);
    if start < 0 || end < start || end as usize > l.len() {
        return Err(FuncError::msg(
            "reflect.Value.Slice: slice index out of bounds",
        ));
    }
    Ok(Value::List(List::new(
        l.items()[start as usize..end as usize].to_vec(),
    )))
}

/// The functions Helm adds that the cases use.
pub fn functions() -> Vec<Function> {
    vec![
        Function::new(
            "include",
            Signature {
                params: &[Param::String, Param::Any],
                variadic: None,
            },
            include,
        ),
        Function::new(
            "tpl",
            Signature {
                params: &[Param::String, Param::Any],
                variadic: None,
            },
            tpl,
        ),
        Function::new(
            "required",
            Signature {
                params: &[Param::String, Param::Any],
                variadic: None,
            },
            required,
        ),
        Function::new(
            "fail",
            Signature {
                params: &[Param::String],
                variadic: None,
            },
            fail,
        ),
        Function::new(
            "slice",
            Signature {
                params: &[Param::Any],
                variadic: Some(Param::Any),
            },
            sprig_slice,
        ),
    ]
}

/// Helm's `.Values`: the named map type `common.Values` (what `%T` and Go's error
/// messages print); everything below it is plain `map[string]interface {}`.
struct NamedMap(&'static str, Map);

impl Object for NamedMap {
    fn type_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.0)
    }

    fn field(&self, name: &str) -> Option<Value> {
        Some(self.1.get(name).unwrap_or(Value::Nil))
    }

    fn as_map(&self) -> Option<&Map> {
        Some(&self.1)
    }
}

/// `v` as a value of the named map type `type_name` (plain maps only).
fn named(type_name: &'static str, v: Value) -> Value {
    match v {
        Value::Map(m) => Value::Object(Arc::new(NamedMap(type_name, m))),
        other => other,
    }
}

fn map(entries: &[(&str, Value)]) -> Value {
    let m = Map::new();
    for (k, v) in entries {
        m.insert(*k, v.clone());
    }
    Value::Map(m)
}

fn s(text: &str) -> Value {
    Value::from(text)
}

/// The top-level data `helm template rel conf -n default` executes the case file with.
pub fn render_data(values: Value) -> Value {
    let empty_list = || Value::List(List::new(Vec::new()));
    let chart = map(&[
        ("Name", s(CHART)),
        ("Version", s("0.1.0")),
        ("AppVersion", s("1.16.0")),
        ("APIVersion", s("v2")),
        ("Description", s("")),
        ("Home", s("")),
        ("Icon", s("")),
        ("Condition", s("")),
        ("Tags", s("")),
        ("KubeVersion", s("")),
        ("Type", s("")),
        ("Deprecated", Value::Bool(false)),
        ("Sources", empty_list()),
        ("Keywords", empty_list()),
        ("Maintainers", empty_list()),
        ("Dependencies", empty_list()),
        ("Annotations", map(&[])),
        ("IsRoot", Value::Bool(true)),
    ]);
    let release = map(&[
        ("Name", s("rel")),
        ("Namespace", s("default")),
        ("IsInstall", Value::Bool(true)),
        ("IsUpgrade", Value::Bool(false)),
        ("Revision", Value::Int(1)),
        ("Service", s("Helm")),
    ]);
    let capabilities = map(&[(
        "KubeVersion",
        map(&[
            ("Version", s("v1.36.0")),
            ("Major", s("1")),
            ("Minor", s("36")),
        ]),
    )]);
    let values = named("common.Values", values);
    // Helm's top-level data is itself a `common.Values` (shows in `%T .`, in
    // comparison errors and in `index` key errors).
    let top = map(&[
        ("Values", values),
        ("Release", release),
        ("Chart", chart),
        ("Capabilities", capabilities),
        ("Files", named("engine.files", map(&[]))),
        ("Subcharts", map(&[])),
        (
            "Template",
            named(
                "common.Values",
                map(&[("Name", s(CASE_FILE)), ("BasePath", s("conf/templates"))]),
            ),
        ),
    ]);
    named("common.Values", top)
}
