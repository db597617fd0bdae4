//! From a render map (`{template path: rendered text}`) to what Helm installs and prints.
//!
//! * [`split`] — Helm's `SplitManifests` (documents of one rendered file);
//! * [`head`] — the `apiVersion/kind/metadata.name/annotations` head of a document;
//! * [`hooks`] — `helm.sh/hook*` annotations: events, weights, delete and log policies;
//! * [`order`] — `InstallOrder` / `UninstallOrder` and the stable kind sort;
//! * [`sort`] — `SortManifests`: files in path order → hooks + ordinary manifests;
//! * [`output`] — the release manifest text, `helm template` stdout framing,
//!   `--show-only`, `--output-dir`, CRDs and NOTES.
//!
//! The typical pipeline for `tug template` is
//! [`output::extract_notes`] → [`sort::sort_manifests`] → [`output::release_manifest`] →
//! [`output::template_stdout`], all in one call with [`pipeline::finish_render`].

pub mod head;
pub mod hooks;
pub mod order;
pub mod output;
pub mod pipeline;
pub mod sort;
pub mod split;

pub use head::Head;
pub use hooks::{Hook, HookEvent};
pub use order::{INSTALL_ORDER, UNINSTALL_ORDER};
pub use sort::{Manifest, sort_manifests};

/// Errors of the manifest layer; `Display` is Helm's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A document's head is not valid YAML: `YAML parse error on <path>: <err>`.
    #[error("YAML parse error on {path}: {message}")]
    Yaml {
        /// The template path.
        path: String,
        /// The YAML library's message.
        message: String,
    },
    /// `--show-only` matched nothing: `could not find template <glob> in chart`.
    #[error("could not find template {0} in chart")]
    ShowOnly(String),
    /// A `--show-only` pattern is malformed (`syntax error in pattern`).
    #[error("syntax error in pattern")]
    BadPattern,
    /// Writing `--output-dir` files failed.
    #[error("{0}")]
    Io(String),
}
