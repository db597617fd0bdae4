//! Conversion helpers shared by every function group, ported from the Go sources
//! Helm's Sprig relies on:
//!
//! - [`strval`]: Sprig's `strval` (what `toString`, `join`, `dict` keys use): strings and
//!   byte slices as text, `error`/`Stringer` through their method, else `%v`.
//! - [`to_int64`], [`to_int`], [`to_float64`], [`to_string`]: spf13/cast v1.7.0
//!   `ToInt64`, `ToInt`, `ToFloat64`, `ToString` (errors swallowed to the zero value).
//! - [`empty`]: Sprig's `empty` (nil, `false`, 0, `""`, empty collections).
//!
//! It also holds small argument accessors and the [`func`] declaration shorthand the
//! group modules use.

use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::{Value, fmt as gofmt};

/// Registers this group's functions (none: the conversion functions live in `math`).
pub(crate) fn register(out: &mut Vec<Function>) {
    let _ = out;
}

/// Declares a function with fixed parameters `params` and an optional variadic tail.
pub(crate) fn func(
    name: &'static str,
    params: &'static [Param],
    variadic: Option<Param>,
    call: impl Fn(&[Value]) -> Result<Value, FuncError> + Send + Sync + 'static,
) -> Function {
    Function::new(
        name,
        Signature { params, variadic },
        move |_ctx: &mut dyn Context, args: &[Value]| call(args),
    )
}

/// Sprig's `strval`: `string` as is, `[]byte` as text, `error`/`Stringer` via their
/// method, everything else with `%v`.
pub(crate) fn strval(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Object(o) => o.stringer().unwrap_or_else(|| gofmt::format_value(v)),
        _ => gofmt::format_value(v),
    }
}

/// Go's conversion of a float64 to int64 as amd64 performs it: truncation toward zero,
/// and the "integer indefinite" value `i64::MIN` for NaN and out-of-range inputs.
pub(crate) fn float_to_int(f: f64) -> i64 {
    // 2^63: the first float64 beyond i64::MAX.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if (-LIMIT..LIMIT).contains(&f) {
        f as i64
    } else {
        i64::MIN
    }
}

/// cast's `trimZeroDecimal`: `"10.00"` → `"10"`; anything else unchanged.
fn trim_zero_decimal(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut found_zero = false;
    for i in (1..=bytes.len()).rev() {
        match bytes[i - 1] {
            b'.' if found_zero => return &s[..i - 1],
            b'.' => {}
            b'0' => found_zero = true,
            _ => return s,
        }
    }
    s
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, base prefixes `0x`, `0o`, `0b`,
/// a leading `0` for octal, and `_` separators (only with a prefix-determined base).
pub(crate) fn parse_go_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mag = parse_go_uint(body)?;
    if neg {
        if mag <= (i64::MAX as u64) + 1 {
            Some((mag as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(mag).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)` (no sign allowed).
pub(crate) fn parse_go_uint(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let (radix, digits) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if !underscores_ok(&lower) {
        return None;
    }
    let cleaned: String = digits.chars().filter(|&c| c != '_').collect();
    if cleaned.is_empty() {
        return None;
    }
    u64::from_str_radix(&cleaned, radix).ok()
}

/// Go's `underscoreOK` (base 0 parsing): underscores only between digits or right
/// after a base prefix.
fn underscores_ok(s: &str) -> bool {
    if !s.contains('_') {
        return true;
    }
    let b = s.as_bytes();
    // saw: '^' start/after prefix, '0' digit, '_' underscore
    let mut saw = '^';
    let mut i = 0;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1], b'x' | b'o' | b'b') {
        i = 2;
        saw = '0';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            saw = '0';
        } else if c == b'_' {
            if saw != '0' {
                return false;
            }
            saw = '_';
        } else {
            return false;
        }
        i += 1;
    }
    saw != '_'
}

/// Go's `strconv.ParseFloat(s, 64)`; `None` on a syntax or range error.
pub(crate) fn parse_go_float(s: &str) -> Option<f64> {
    if s.is_empty() || (s.contains('_') && !underscores_ok(s.trim_start_matches(['+', '-']))) {
        return None;
    }
    let cleaned = s.replace('_', "");
    let s = cleaned.as_str();
    let body = s.trim_start_matches(['+', '-']);
    if body.len() + 1 < s.len() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    if lower.starts_with("0x") {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    let special = matches!(lower.as_str(), "inf" | "infinity");
    if f.is_infinite() && !special {
        return None;
    }
    Some(f)
}

/// cast v1.7.0 `ToInt64`: ints as is, floats truncated (amd64 semantics), bools 0/1,
/// strings via `ParseInt(trimZeroDecimal(s), 0, 0)`; anything unconvertible gives 0.
pub(crate) fn to_int64(v: &Value) -> i64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Uint(u) => *u as i64,
        Value::Float(f) => float_to_int(*f),
        Value::Bool(b) => i64::from(*b),
        Value::String(s) => parse_go_int(trim_zero_decimal(s)).unwrap_or(0),
        _ => 0,
    }
}

/// cast v1.7.0 `ToInt` (Go `int` is 64-bit on the platforms Helm ships for).
pub(crate) fn to_int(v: &Value) -> i64 {
    to_int64(v)
}

/// cast v1.7.0 `ToFloat64`: numbers converted, strings via `ParseFloat` (0 on error),
/// bools 0/1, everything else 0.
pub(crate) fn to_float64(v: &Value) -> f64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i as f64,
        Value::Uint(u) => *u as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::String(s) => parse_go_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// cast v1.7.0 `ToString`: floats with `'f'` formatting, ints in decimal, bools,
/// strings and bytes as text, `Stringer`/`error` via their method; nil and anything
/// else give `""`.
#[allow(dead_code)] // shared helper for the other function groups
pub(crate) fn to_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) | Value::Int64(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => gofmt::format_float(*f, 'f', -1, 64),
        Value::Object(o) => o.stringer().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Sprig's `empty`: true for nil, `false`, numeric zero, empty strings, slices and
/// maps, and nil host pointers; structs are never empty.
pub(crate) fn empty(v: &Value) -> bool {
    match v {
        Value::Nil => true,
        Value::Bool(b) => !*b,
        Value::Int(i) | Value::Int64(i) => *i == 0,
        Value::Uint(u) => *u == 0,
        Value::Float(f) => *f == 0.0,
        Value::String(s) => s.is_empty(),
        Value::Bytes(b) => b.is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Map(m) => m.is_empty(),
        Value::Object(_) => !v.is_true(),
    }
}

/// Go's `reflect.Kind` name of a value (`kindOf`).
pub(crate) fn kind_name(v: &Value) -> String {
    match v {
        Value::Nil => "invalid".into(),
        Value::Bool(_) => "bool".into(),
        Value::Int(_) => "int".into(),
        Value::Int64(_) => "int64".into(),
        Value::Uint(_) => "uint64".into(),
        Value::Float(_) => "float64".into(),
        Value::String(_) => "string".into(),
        Value::Bytes(_) | Value::List(_) => "slice".into(),
        Value::Map(_) => "map".into(),
        Value::Object(o) => {
            if o.as_map().is_some() {
                "map".into()
            } else if o.as_list().is_some() {
                "slice".into()
            } else if o.type_name().starts_with('*') {
                "ptr".into()
            } else {
                "struct".into()
            }
        }
    }
}

/// The string argument at `i` (`""` when absent or not a string).
pub(crate) fn str_arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

/// The integer argument at `i` (declared `int`/`int64`; 0 when absent).
pub(crate) fn int_arg(args: &[Value], i: usize) -> i64 {
    args.get(i).map(to_int64).unwrap_or(0)
}

/// The elements of a slice-kinded value (`[]T`, arrays, `[]byte`), or `None`.
pub(crate) fn slice_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Bytes(b) => Some(b.iter().map(|&x| Value::Int(i64::from(x))).collect()),
        _ => v.as_list().map(|l| l.items().to_vec()),
    }
}

/// A string value.
pub(crate) fn string(s: impl Into<String>) -> Value {
    Value::from(s.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_int64_follows_cast() {
        assert_eq!(to_int64(&Value::from("0x1F")), 31);
        assert_eq!(to_int64(&Value::from("010")), 8);
        assert_eq!(to_int64(&Value::from("1_000")), 1000);
        assert_eq!(to_int64(&Value::from("10.00")), 10);
        assert_eq!(to_int64(&Value::from("10.5")), 0);
        assert_eq!(to_int64(&Value::from("10.")), 0);
        assert_eq!(to_int64(&Value::from("-7")), -7);
        assert_eq!(to_int64(&Value::Float(-2.9)), -2);
        assert_eq!(to_int64(&Value::Float(1e20)), i64::MIN);
        assert_eq!(to_int64(&Value::Bool(true)), 1);
        assert_eq!(to_int64(&Value::Nil), 0);
    }

    #[test]
    fn to_float64_follows_cast() {
        assert_eq!(to_float64(&Value::from("1.5")), 1.5);
        assert_eq!(to_float64(&Value::from("1e400")), 0.0);
        assert_eq!(to_float64(&Value::from("x")), 0.0);
        assert!(to_float64(&Value::from("-Inf")).is_infinite());
        assert_eq!(to_float64(&Value::from("1_0")), 10.0);
        assert_eq!(to_float64(&Value::from("0x10")), 0.0);
        assert_eq!(to_float64(&Value::Int64(3)), 3.0);
    }

    #[test]
    fn empty_follows_sprig() {
        assert!(empty(&Value::Nil));
        assert!(empty(&Value::Float(0.0)));
        assert!(empty(&Value::from("")));
        assert!(!empty(&Value::from("0")));
        assert!(empty(&Value::list(vec![])));
        assert!(!empty(&Value::Bool(true)));
    }

    #[test]
    fn go_int_parsing() {
        assert_eq!(parse_go_int("0b101"), Some(5));
        assert_eq!(parse_go_int("0o17"), Some(15));
        assert_eq!(parse_go_int("1_0"), Some(10));
        assert_eq!(parse_go_int("1__0"), None);
        assert_eq!(parse_go_int("_1"), None);
        assert_eq!(parse_go_int("0x_1"), Some(1));
        assert_eq!(parse_go_int("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_go_int("9223372036854775808"), None);
        assert_eq!(parse_go_int(""), None);
    }
}
