//! Go's `encoding/json` as Sprig's `toJson`, `toRawJson`, `toPrettyJson` and `fromJson` see it.

use crate::Error;
use tug_value::Value;

/// `json.Marshal` (with `escape_html`, as `toJson`) or an encoder with
/// `SetEscapeHTML(false)` minus the trailing newline (as `toRawJson`).
pub fn to_string(v: &Value, escape_html: bool) -> Result<String, Error> {
    let _ = (v, escape_html);
    Err(Error::Unimplemented("json::to_string"))
}

/// `json.MarshalIndent(v, "", "  ")` (as `toPrettyJson`).
pub fn to_string_pretty(v: &Value, escape_html: bool) -> Result<String, Error> {
    let _ = (v, escape_html);
    Err(Error::Unimplemented("json::to_string_pretty"))
}

/// `json.Unmarshal` into `interface{}`: numbers become `float64`.
pub fn from_str(src: &str) -> Result<Value, Error> {
    let _ = src;
    Err(Error::Unimplemented("json::from_str"))
}
