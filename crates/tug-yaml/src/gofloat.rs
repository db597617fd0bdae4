//! Go's float formatting as the YAML and JSON layers need it: `strconv.FormatFloat(f,
//! 'g', -1, 64|32)` (go-yaml, map keys) and `encoding/json`'s float layout; plus
//! `strconv.Quote` for the few error messages that embed Go-quoted values.
//!
//! Rust's `{:e}` already yields the shortest round-trip digits; only the layout differs.

/// Shortest digits and decimal exponent of `f` (finite, non-zero): `1.5e-7` → ("15", -7).
fn digits(f: f64, bits: u32) -> (String, i32) {
    let s = if bits == 32 {
        format!("{:e}", (f as f32).abs())
    } else {
        format!("{:e}", f.abs())
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

fn special(f: f64) -> Option<&'static str> {
    if f.is_nan() {
        Some("NaN")
    } else if f == f64::INFINITY {
        Some("+Inf")
    } else if f == f64::NEG_INFINITY {
        Some("-Inf")
    } else {
        None
    }
}

fn sign(f: f64) -> &'static str {
    if f.is_sign_negative() { "-" } else { "" }
}

/// `%e` layout of shortest digits: `d.ddde±XX`.
fn layout_e(neg: &str, d: &str, exp: i32) -> String {
    let mut out = String::from(neg);
    out.push_str(&d[..1]);
    if d.len() > 1 {
        out.push('.');
        out.push_str(&d[1..]);
    }
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.unsigned_abs()));
    out
}

/// `%f` layout of shortest digits.
fn layout_f(neg: &str, d: &str, exp: i32) -> String {
    let mut out = String::from(neg);
    let dp = exp + 1;
    if dp <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(dp.unsigned_abs() as usize));
        out.push_str(d);
    } else if dp as usize >= d.len() {
        out.push_str(d);
        out.push_str(&"0".repeat(dp as usize - d.len()));
    } else {
        out.push_str(&d[..dp as usize]);
        out.push('.');
        out.push_str(&d[dp as usize..]);
    }
    out
}

/// `strconv.FormatFloat(f, 'g', -1, bits)`.
pub fn format_g(f: f64, bits: u32) -> String {
    // Go converts to float32 first: 1e300 is +Inf at 32 bits.
    let f = if bits == 32 { f64::from(f as f32) } else { f };
    if let Some(s) = special(f) {
        return s.into();
    }
    if f == 0.0 {
        return format!("{}0", sign(f));
    }
    let (d, exp) = digits(f, bits);
    if !(-4..6).contains(&exp) {
        layout_e(sign(f), &d, exp)
    } else {
        layout_f(sign(f), &d, exp)
    }
}

/// `encoding/json`'s float64 text (`1e-7`, `1e+21`, `0.000001`, `100`); `None` for NaN/±Inf.
pub fn format_json(f: f64) -> Option<String> {
    if special(f).is_some() {
        return None;
    }
    if f == 0.0 {
        return Some(format!("{}0", sign(f)));
    }
    let (d, exp) = digits(f, 64);
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let mut s = layout_e(sign(f), &d, exp);
        if exp < 0 && (-9..0).contains(&exp) {
            // clean up e-09 to e-9
            let n = s.len();
            s.replace_range(n - 2..n - 1, "");
        }
        Some(s)
    } else {
        Some(layout_f(sign(f), &d, exp))
    }
}

/// Go's `strconv.Quote` (printability approximated by Unicode categories Rust exposes).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        || ('\u{e000}'..='\u{f8ff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_layout() {
        assert_eq!(format_g(1e6, 64), "1e+06");
        assert_eq!(format_g(123456.0, 64), "123456");
        assert_eq!(format_g(1.5e-7, 64), "1.5e-07");
        assert_eq!(format_g(0.0001, 64), "0.0001");
        assert_eq!(format_g(0.00001, 64), "1e-05");
        assert_eq!(format_g(-0.0, 64), "-0");
        assert_eq!(format_g(1e21, 64), "1e+21");
        assert_eq!(format_g(1.1, 32), "1.1");
        assert_eq!(format_g(0.1, 32), "0.1");
        assert_eq!(format_g(1e300, 32), "+Inf");
        assert_eq!(format_g(16777217.0, 32), "1.6777216e+07");
        assert_eq!(format_g(f64::INFINITY, 64), "+Inf");
    }

    #[test]
    fn json_layout() {
        assert_eq!(format_json(1e-7).as_deref(), Some("1e-7"));
        assert_eq!(format_json(1e21).as_deref(), Some("1e+21"));
        assert_eq!(format_json(1e20).as_deref(), Some("100000000000000000000"));
        assert_eq!(format_json(0.000001).as_deref(), Some("0.000001"));
        assert_eq!(format_json(1.5e-10).as_deref(), Some("1.5e-10"));
        assert_eq!(format_json(1e6).as_deref(), Some("1000000"));
        assert_eq!(format_json(f64::NAN), None);
    }

    #[test]
    fn quoting() {
        assert_eq!(go_quote("a\"b\n\u{1}é"), "\"a\\\"b\\n\\x01é\"");
        assert_eq!(go_quote("\u{a0}"), "\"\\u00a0\"");
    }
}
