//! BurntSushi/toml as Sprig's `toToml` and Helm's `fromToml` see it.

use crate::Error;
use tug_value::Value;

/// `toml.NewEncoder(buf).Encode(v)`.
pub fn to_string(v: &Value) -> Result<String, Error> {
    let _ = v;
    Err(Error::Unimplemented("toml::to_string"))
}

/// `toml.Unmarshal` into `map[string]interface{}`.
pub fn from_str(src: &str) -> Result<Value, Error> {
    let _ = src;
    Err(Error::Unimplemented("toml::from_str"))
}
