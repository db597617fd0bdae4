//! Helm charts for tug: loading, metadata and dependencies.
//!
//! * [`load`] / [`load_dir`] / [`load_archive`] / [`load_files`] — Helm's
//!   `pkg/chart/loader` for directories (with [`ignore`] rules) and `.tgz` archives
//!   ([`archive`], hostile-input safe, Helm's size limits and messages);
//! * [`Chart`], [`Metadata`], [`Dependency`] — a mirror of Helm's `chart.Chart`;
//!   [`Chart::chart_map`] builds the template's `.Chart` map (Go field names);
//! * [`deps::process_dependencies`] — `ProcessDependencies`: enabling by condition and
//!   tags, aliases, `import-values`;
//! * [`deps::check_dependencies`] — the "missing in charts/ directory" refusal;
//! * [`prepare::prepare`] — all pre-render steps in Helm's order (installable,
//!   dependencies present, `kubeVersion`, processing, coalescing, schema).
//!
//! ```no_run
//! let chart = tug_chart::load(std::path::Path::new("mychart"))?;
//! assert_eq!(chart.name(), "mychart");
//! # Ok::<(), tug_chart::Error>(())
//! ```

pub mod archive;
pub mod chart;
pub mod deps;
pub mod ignore;
pub mod loader;
pub mod metadata;
pub mod prepare;
mod typed;
pub mod upgrade;

pub use chart::{Chart, File};
pub use loader::{load, load_archive, load_dir, load_file, load_files};
pub use metadata::{Dependency, Lock, Maintainer, Metadata};

/// Errors of chart loading and processing. `Display` is Helm's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Metadata validation failed (`validation: chart.metadata.name is required`).
    #[error("validation: {0}")]
    Validation(String),
    /// A chart archive could not be read. Helm reports only
    /// `unable to load chart archive`; the reason (`chart illegally contains absolute
    /// paths`, size limits, truncated gzip …) is kept for diagnostics.
    #[error("unable to load chart archive")]
    Archive(String),
    /// Any other loading error, with Helm's full message.
    #[error("{0}")]
    Load(String),
    /// A dependency problem (missing subcharts, bad `import-values` …).
    #[error("{0}")]
    Dependency(String),
    /// An error from coalescing values while processing dependencies.
    #[error(transparent)]
    Values(#[from] tug_values::Error),
}

impl Error {
    /// The detailed reason of an [`Error::Archive`] (the message itself otherwise).
    pub fn detail(&self) -> String {
        match self {
            Error::Archive(d) => d.clone(),
            other => other.to_string(),
        }
    }

    pub(crate) fn load(msg: impl Into<String>) -> Error {
        Error::Load(msg.into())
    }
}
