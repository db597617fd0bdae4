//! tug's actions: what each Helm command does, as a library.
//!
//! Every action is an options struct whose fields match the command's flags and a `run`
//! method returning data (never printing). The `tug` binary binds flags onto these
//! structs and prints the results exactly as Helm does.

pub mod create;
pub mod dependency;
mod jsonpath;
pub mod lint;
mod lint_rules;
pub mod package;
pub mod show;
pub mod template;
mod values_source;

pub use template::{Template, TemplateOutput};

/// An action's failure. `Display` is the message Helm prints after `Error: `.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Anything before a release exists (loading, values, dependencies, schema).
    #[error("{0}")]
    Setup(String),
    /// A failure while rendering a release (Helm adds a `--debug` hint to these).
    #[error("{0}")]
    Render(String),
}
