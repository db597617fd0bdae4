//! A port of the parts of Go's `fmt` and `strconv` that templates observe.
//!
//! Entry points mirror Go: [`sprint`], [`sprintln`], [`sprintf`] (`fmt.Sprint*`),
//! [`format_value`] (`%v` of one value, what an action prints), [`format_float`]
//! (`strconv.FormatFloat`) and [`quote`] (`strconv.Quote`).
//!
//! NOTE: the bodies below are provisional placeholders that are being replaced by a
//! faithful port; keep the signatures stable.

use crate::Value;

/// `fmt.Sprint`: operands formatted with `%v`, a space added between operands when
/// neither side is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !matches!(a, Value::String(_)) && !matches!(args[i - 1], Value::String(_)) {
            out.push(' ');
        }
        out.push_str(&format_value(a));
    }
    out
}

/// `fmt.Sprintln`: operands separated by spaces, newline appended.
pub fn sprintln(args: &[Value]) -> String {
    let mut out: Vec<String> = args.iter().map(format_value).collect();
    out.push(String::new());
    let mut s = out.join(" ");
    s.pop();
    s.push('\n');
    s
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let _ = args;
    format.to_string()
}

/// `%v` of a single value.
pub fn format_value(v: &Value) -> String {
    match v {
        Value::Nil => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) | Value::Int64(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => format_float(*f, 'g', -1, 64),
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => format!("{b:?}").replace(',', ""),
        Value::List(l) => {
            let items: Vec<String> = l.items().iter().map(format_value).collect();
            format!("[{}]", items.join(" "))
        }
        Value::Map(m) => {
            let items: Vec<String> = m
                .entries()
                .iter()
                .map(|(k, v)| format!("{k}:{}", format_value(v)))
                .collect();
            format!("map[{}]", items.join(" "))
        }
        Value::Object(o) => o
            .stringer()
            .unwrap_or_else(|| format!("{{{}}}", o.type_name())),
    }
}

/// `strconv.FormatFloat(f, fmt, prec, bits)`.
pub fn format_float(f: f64, fmt: char, prec: i32, bits: u32) -> String {
    let _ = (fmt, prec, bits);
    format!("{f}")
}

/// `strconv.Quote`.
pub fn quote(s: &str) -> String {
    format!("{s:?}")
}
