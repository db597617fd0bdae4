//! Rendering a chart as Helm's engine (`pkg/engine`) does.
//!
//! This crate owns everything between "a loaded chart with coalesced values" and "a map
//! from template path to rendered text": the objects a template sees (`.Values` with its
//! methods, `.Files`, `.Capabilities`), the single template set shared by a chart and all
//! its subcharts with Helm's parse order, the per-template data, and Helm's re-formatting
//! of template errors. It does no I/O.

pub mod capabilities;
pub mod error;
pub mod files;
pub mod render;
pub mod values;

pub use capabilities::Capabilities;
pub use error::Error;
pub use files::Files;
pub use render::{Options, Release, render};
pub use values::Values;
