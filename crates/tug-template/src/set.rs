//! A set of named templates sharing functions and options (Go's `*template.Template`
//! with its common map).

use std::collections::HashMap;
use std::sync::Arc;

use tug_value::Value;

use crate::error::{Error, ErrorKind};
use crate::func::Function;

/// What a missing map key yields (Go's `missingkey` option).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// An invalid value: prints `<no value>`.
    #[default]
    Default,
    /// The zero value of the map's element type (Helm's setting).
    Zero,
    /// An execution error `map has no entry for key "x"`.
    Error,
}

/// A set of named templates (Go: `template.New("gotpl")` and everything parsed into it).
#[derive(Default)]
pub struct Templates {
    funcs: HashMap<&'static str, Function>,
    missing_key: MissingKey,
    templates: HashMap<Arc<str>, ()>,
}

impl Templates {
    /// An empty set.
    pub fn new() -> Templates {
        Templates::default()
    }

    /// Registers functions; a later function with the same name replaces the earlier.
    pub fn add_functions(&mut self, fns: impl IntoIterator<Item = Function>) {
        for f in fns {
            self.funcs.insert(f.name, f);
        }
    }

    /// Sets the `missingkey` option.
    pub fn set_missing_key(&mut self, mk: MissingKey) {
        self.missing_key = mk;
    }

    /// Parses `text` as template `name`, adding it and its `define`s to the set.
    pub fn parse(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let _ = text;
        self.templates.insert(name.into(), ());
        Ok(())
    }

    /// Executes the named template with `data` as dot.
    pub fn execute(&self, name: &str, data: &Value) -> Result<String, Error> {
        let _ = data;
        Err(Error::new(
            ErrorKind::NotFound,
            format!("template: no template {name:?} associated with template \"gotpl\""),
        ))
    }

    /// Whether the set holds a template called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }
}
