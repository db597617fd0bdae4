//! How functions are declared to the engine and what they may ask of it.
//!
//! Go's `text/template` calls functions through reflection: each argument is converted to
//! the declared parameter type (or rejected with Go's wording), and a function may
//! return an error. tug declares the same thing explicitly with a [`Signature`], so the
//! engine can produce the identical messages (`wrong type for value; expected string;
//! got float64`, `wrong number of args for upper: want 1 got 2`, …) before the Rust
//! function runs.
//!
//! Functions get a [`Context`]: the execution state of the running template. This is
//! what `include` (execute a named template into a string) and `tpl` (parse text into
//! the live template set and execute it) are built on.

use std::sync::Arc;

use tug_value::Value;

/// The Go type of a declared parameter, as reflection sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// `interface {}`: anything, including nil.
    Any,
    /// `string`
    String,
    /// `int`
    Int,
    /// `int64`
    Int64,
    /// `float64`
    Float64,
    /// `bool`
    Bool,
    /// `[]interface {}`
    List,
    /// `map[string]interface {}`
    Map,
    /// `[]string`
    StringList,
    /// A named host type such as `time.Time` or `sprig.certificate`: accepts a
    /// [`tug_value::Value::Object`] whose `type_name()` equals the given Go type name;
    /// anything else is rejected with `wrong type for value; expected <name>; got <type>`.
    Named(&'static str),
}

/// A function's parameter list.
#[derive(Clone, Copy, Debug)]
pub struct Signature {
    /// Fixed parameters.
    pub params: &'static [Param],
    /// The element type of a trailing `...` parameter, if any.
    pub variadic: Option<Param>,
}

/// What a function may ask of the running engine.
pub trait Context {
    /// Executes the named template of the current set with `data` as dot, returning
    /// its output (Helm's `include`).
    fn execute_named(&mut self, name: &str, data: &Value) -> Result<String, crate::Error>;

    /// Parses `text` into (a clone of) the live template set and executes it with
    /// `data` as dot (Helm's `tpl`). Like Helm 4.2, the text is parsed under the set's
    /// root name `gotpl`, so errors read `template: gotpl:1:5: executing "gotpl" …`;
    /// `define`s in the text are visible to `include`s made while it runs.
    fn execute_text(&mut self, text: &str, data: &Value) -> Result<String, crate::Error>;

    /// As [`Context::execute_text`], parsing the text under template name `name`.
    fn execute_text_as(
        &mut self,
        name: &str,
        text: &str,
        data: &Value,
    ) -> Result<String, crate::Error> {
        let _ = name;
        self.execute_text(text, data)
    }

    /// The name of the template being executed (`{{ template.Name }}` in Go).
    fn template_name(&self) -> &str;

    /// `name:line:col` of the action being executed, as Go's `ErrorContext` reports it.
    fn location(&self) -> String;
}

/// An error a function returns. The engine wraps both variants as Go does
/// (`error calling <fn>: <msg>`); for [`FuncError::Template`] (an error from a nested
/// execution, e.g. inside `include`) that yields Go's chained text
/// `… at <include "x" .>: error calling include: template: …`.
#[derive(Debug, thiserror::Error)]
pub enum FuncError {
    /// A Go `error` returned by the function.
    #[error("{0}")]
    Message(String),
    /// An engine error from a nested execution.
    #[error(transparent)]
    Template(#[from] crate::Error),
}

impl FuncError {
    /// A plain error message.
    pub fn msg(m: impl Into<String>) -> FuncError {
        FuncError::Message(m.into())
    }
}

/// The Rust side of a function.
pub type NativeFn =
    Arc<dyn Fn(&mut dyn Context, &[Value]) -> Result<Value, FuncError> + Send + Sync>;

/// A function that can be registered with the engine.
#[derive(Clone)]
pub struct Function {
    /// The name templates call it by.
    pub name: &'static str,
    /// Its parameters.
    pub signature: Signature,
    /// Its implementation.
    pub call: NativeFn,
}

impl Function {
    /// Declares a function.
    pub fn new(
        name: &'static str,
        signature: Signature,
        call: impl Fn(&mut dyn Context, &[Value]) -> Result<Value, FuncError> + Send + Sync + 'static,
    ) -> Function {
        Function {
            name,
            signature,
            call: Arc::new(call),
        }
    }
}
