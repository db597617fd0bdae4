//! Helm's YAML, JSON and TOML.
//!
//! Helm reads values files and `fromYaml` input with `sigs.k8s.io/yaml`, which decodes
//! with go-yaml v2 and then round-trips through `encoding/json`: every number ends up a
//! `float64`. `toYaml` goes the other way (JSON round trip, then the go-yaml v2 emitter).
//! This crate reproduces both directions byte for byte, plus Go's `encoding/json`
//! ([`json`]) and BurntSushi/toml ([`toml`]).
//!
//! Error texts are those of the Go libraries (`error converting YAML to JSON: yaml:
//! line 3: …`), without the prefixes Helm's callers add (`cannot unmarshal yaml
//! document: `, `error reading yaml document: `).

mod emit;
mod error;
pub mod gofloat;
pub mod json;
mod load;
pub mod toml;

pub use error::Error;
pub use load::split_documents;
use tug_value::{List, Map, Value};

/// Loads one YAML document with Helm's typing (`sigs.k8s.io/yaml.Unmarshal` into
/// `interface{}`): numbers become `float64`, keys strings. Only the first document of a
/// stream is read, as go-yaml v2's `Unmarshal` does; an empty document is `Nil`.
pub fn from_str(src: &str) -> Result<Value, Error> {
    load::from_str(src)
}

/// Loads one YAML document into `map[string]interface{}` as `fromYaml` and the values
/// loader do: `Nil` becomes an empty map, a non-map is Go's `json: cannot unmarshal …`
/// error.
pub fn from_str_map(src: &str) -> Result<Map, Error> {
    load::require_map(load::from_str(src)?)
}

/// Loads one YAML document into `[]interface{}` as `fromYamlArray` does: `Nil` becomes an
/// empty list, a non-list is Go's `json: cannot unmarshal …` error.
pub fn from_str_list(src: &str) -> Result<List, Error> {
    load::require_list(load::from_str(src)?)
}

/// Loads a stream of YAML documents split on lines starting with `---` (Kubernetes'
/// `YAMLReader`, as Helm's values loader uses it), each with [`from_str`]. Chunks with
/// nothing but comments come back as `Nil`.
pub fn from_str_documents(src: &str) -> Result<Vec<Value>, Error> {
    split_documents(src)?.into_iter().map(from_str).collect()
}

/// Loads one YAML document with go-yaml v2's own typing (integers stay `Int64`, those
/// above `i64::MAX` `Uint`, floats may be infinite), without the JSON step.
pub fn from_str_keep_ints(src: &str) -> Result<Value, Error> {
    load::from_str_keep_ints(src)
}

/// Emits `v` as go-yaml v3's encoder with indent 2 (Helm's `toYamlPretty`): no JSON
/// round trip, sequences indented under their key, no line folding. Ends with `"\n"`.
pub fn to_string_pretty(v: &Value) -> Result<String, Error> {
    emit::pretty::to_string_pretty(v)
}

/// Emits `v` exactly as `sigs.k8s.io/yaml.Marshal` does. The output ends with `"\n"`
/// (Helm's `toYaml` trims one trailing newline itself).
pub fn to_string(v: &Value) -> Result<String, Error> {
    emit::to_string(v)
}
