//! Go-shaped values and Go's `fmt`.
//!
//! `tug-value` is the bottom of tug's rendering stack. It knows nothing of templates,
//! YAML or Helm: it defines [`Value`], the dynamic value that the template engine, the
//! function library and the YAML layer pass around, and [`fmt`], a port of the parts of
//! Go's `fmt` and `strconv` that decide how those values print (`%v`, `%d`, `%q`, float
//! formatting with Go's exponent thresholds, `%!d(float64=1e+06)` markers, …).

pub mod fmt;
mod value;

pub use value::{ElemType, List, Map, MethodError, Object, Str, Value};
