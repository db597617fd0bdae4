//! The value flags of `helm install/upgrade/template` (`pkg/cli/values.Options`), applied
//! in Helm's order: every `-f` file (multi-document, deep-merged), then all `--set-json`,
//! `--set`, `--set-string`, `--set-file` and `--set-literal` — precedence by flag type,
//! not by position on the command line.

use tug_value::{Map, Value};

use crate::merge::merge_maps;
use crate::{Error, json, strvals};

/// The value flags as given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueOptions {
    /// `-f/--values`, in order.
    pub value_files: Vec<String>,
    /// `--set`.
    pub values: Vec<String>,
    /// `--set-string`.
    pub string_values: Vec<String>,
    /// `--set-file`.
    pub file_values: Vec<String>,
    /// `--set-json`.
    pub json_values: Vec<String>,
    /// `--set-literal`.
    pub literal_values: Vec<String>,
}

/// Where flag values come from: reading a `-f` file or a `--set-file` path, and parsing
/// values documents (YAML, provided by the caller so this crate stays YAML-agnostic).
pub trait ValueSource {
    /// Reads a file (`-` = stdin, or a URL, as the caller supports); the error is
    /// reported verbatim (`open x: no such file or directory`).
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;

    /// Helm's `loader.LoadValues`: every document of a values file deep-merged into one
    /// map; the error text follows Helm (`cannot unmarshal yaml document: …`).
    fn load_values(&self, data: &[u8]) -> Result<Map, String>;
}

impl ValueOptions {
    /// `Options.MergeValues`: the user-supplied values.
    pub fn merge_values(&self, src: &dyn ValueSource) -> Result<Map, Error> {
        let mut base = Map::new();
        for path in &self.value_files {
            let raw = src.read(path).map_err(Error::File)?;
            let current = src
                .load_values(&raw)
                .map_err(|e| Error::File(format!("failed to parse {path}: {e}")))?;
            base = merge_maps(&base, &current);
        }
        for value in &self.json_values {
            let trimmed = value.trim();
            if trimmed.starts_with('{') {
                let bad = || Error::Flag(format!("failed parsing --set-json data JSON: {value}"));
                let Ok(Value::Map(m)) = json::decode(trimmed) else {
                    return Err(bad());
                };
                base = merge_maps(&base, &m);
            } else if strvals::parse_json_into(value, &base).is_err() {
                return Err(Error::Flag(format!(
                    "failed parsing --set-json data {value}"
                )));
            }
        }
        for value in &self.values {
            strvals::parse_into(value, &base)
                .map_err(|e| Error::Flag(format!("failed parsing --set data: {e}")))?;
        }
        for value in &self.string_values {
            strvals::parse_into_string(value, &base)
                .map_err(|e| Error::Flag(format!("failed parsing --set-string data: {e}")))?;
        }
        let reader = |p: &str| -> Result<Value, String> {
            let bytes = src.read(p)?;
            Ok(Value::from(String::from_utf8_lossy(&bytes).into_owned()))
        };
        for value in &self.file_values {
            strvals::parse_into_file(value, &base, &reader)
                .map_err(|e| Error::Flag(format!("failed parsing --set-file data: {e}")))?;
        }
        for value in &self.literal_values {
            strvals::parse_literal_into(value, &base)
                .map_err(|e| Error::Flag(format!("failed parsing --set-literal data: {e}")))?;
        }
        Ok(base)
    }
}
