//! Helm values for tug.
//!
//! This crate turns user input into the values tree a chart is rendered with:
//!
//! * [`strvals`] — Helm's `--set` grammar (`pkg/strvals`): [`strvals::parse_into`],
//!   [`strvals::parse_into_string`], [`strvals::parse_into_file`],
//!   [`strvals::parse_json_into`] and [`strvals::parse_literal_into`];
//! * [`options`] — the value flags of `helm install/template` applied in Helm's order
//!   ([`options::ValueOptions::merge_values`]);
//! * [`schema`] — `values.schema.json` validation per chart and subchart with Helm's
//!   wording ([`schema::validate_values`]);
//! * [`coalesce`] — `CoalesceValues` / `MergeValues`: user values over chart defaults,
//!   subchart scoping and globals, driven through the [`coalesce::ChartNode`] trait so
//!   that the chart model (crate `tug-chart`) plugs in without a dependency cycle.
//!
//! Maps are [`tug_value::Map`]s: shared and mutable like Go maps, which is what the
//! parsers rely on when they descend into nested tables.

pub mod coalesce;
pub mod json;
pub mod merge;
pub mod options;
pub mod schema;
pub mod strvals;

pub use coalesce::{ChartNode, coalesce_values, merge_values};
pub use merge::{deep_copy, merge_maps};
pub use options::ValueOptions;
pub use schema::{BoonValidator, SchemaValidator, validate_values};

/// Errors of the values layer. `Display` is Helm's message text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A `--set`-family expression could not be parsed (message as in `pkg/strvals`).
    #[error("{0}")]
    Parse(String),
    /// A flag's value failed; the message carries Helm's `failed parsing --set data: …` prefix.
    #[error("{0}")]
    Flag(String),
    /// A values file could not be read or parsed.
    #[error("{0}")]
    File(String),
    /// Coalescing failed (`type mismatch on <sub>: …`).
    #[error("{0}")]
    Coalesce(String),
    /// Schema validation failed; the full Helm message.
    #[error("{0}")]
    Schema(String),
}
