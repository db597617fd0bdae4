//! The error type shared by the YAML, JSON and TOML layers; its `Display` is Helm's text.

/// An error whose `Display` is the message Helm prints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A YAML syntax or conversion error, already phrased as Helm phrases it
    /// (`error converting YAML to JSON: yaml: line 3: …`).
    #[error("{0}")]
    Yaml(String),
    /// An `encoding/json` error (`json: unsupported value: +Inf`, syntax errors).
    #[error("{0}")]
    Json(String),
    /// A TOML error (BurntSushi's wording where we reproduce it).
    #[error("{0}")]
    Toml(String),
}
