//! A Go `text/template` engine whose output and error text match Go's exactly.
//!
//! The engine knows nothing of Helm or Kubernetes. Values come from [`tug_value`];
//! functions are declared with [`func::Function`] and receive a [`func::Context`] so that
//! Helm's `include` and `tpl` can be written on top.

pub mod func;

/// An error from parsing or executing a template.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    message: String,
}
