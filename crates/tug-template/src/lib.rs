//! A Go `text/template` engine whose output and error text match Go's exactly.
//!
//! The engine knows nothing of Helm or Kubernetes. Values come from [`tug_value`];
//! functions are declared with [`func::Function`] and receive a [`func::Context`] so that
//! Helm's `include` and `tpl` can be written on top.
//!
//! ```
//! use tug_template::{Templates, MissingKey};
//! use tug_value::{Map, Value};
//!
//! let mut set = Templates::new();
//! set.set_missing_key(MissingKey::Zero);
//! set.parse("a.yaml", "{{ define \"x\" }}hi {{ . }}{{ end }}{{ template \"x\" .name }}").unwrap();
//! let data = Map::new();
//! data.insert("name", Value::from("tug"));
//! assert_eq!(set.execute("a.yaml", &Value::Map(data)).unwrap(), "hi tug");
//! ```
//!
//! Pipeline: [`lexer`](crate) turns text into items, the parser builds an [`ast`](crate)
//! per template, [`Templates`] holds the set with Go's redefinition rules, and the
//! executor walks the tree with Go's evaluation rules.

mod ast;
mod builtins;
mod complex;
mod error;
mod exec;
pub mod func;
mod hash;
mod lexer;
mod parser;
mod set;

pub use error::{Error, ErrorKind};
pub use set::{MissingKey, Templates};
