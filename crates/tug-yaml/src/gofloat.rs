//! Go's float formatting as the YAML and JSON layers need it: `strconv.FormatFloat(f,
//! 'g', -1, 64|32)` (go-yaml, map keys) and `encoding/json`'s float layout; plus
//! `strconv.Quote` for the few error messages that embed Go-quoted values.
//!
//! The public functions call tug-value's port of Go's `strconv`; the private layout
//! below (Rust's `{:e}` gives the shortest digits) is kept to cross-check it.

#[cfg(test)]
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

#[cfg(test)]
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

#[cfg(test)]
fn sign(f: f64) -> &'static str {
    if f.is_sign_negative() { "-" } else { "" }
}

#[cfg(test)]
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

#[cfg(test)]
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

/// `strconv.FormatFloat(f, 'g', -1, bits)`, from tug-value's port of Go's `strconv`.
pub fn format_g(f: f64, bits: u32) -> String {
    tug_value::fmt::format_float(f, 'g', -1, bits)
}

/// `encoding/json`'s float64 text (`1e-7`, `1e+21`, `0.000001`, `100`); `None` for
/// NaN/±Inf. From tug-value's port.
pub fn format_json(f: f64) -> Option<String> {
    tug_value::fmt::format_float_json(f)
}

/// Go's `strconv.Quote`, from tug-value's port.
pub fn go_quote(s: &str) -> String {
    tug_value::fmt::quote(s)
}

/// Our own `'g'` layout, kept as an independent cross-check of tug-value's port.
#[cfg(test)]
fn own_format_g(f: f64, bits: u32) -> String {
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

/// Our own `encoding/json` layout (cross-check).
#[cfg(test)]
fn own_format_json(f: f64) -> Option<String> {
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
    fn own_layout_agrees_with_tug_value() {
        let samples = [
            0.1,
            1e6,
            123456.0,
            1.5e-7,
            1e21,
            1e20,
            -0.0,
            5e-324,
            1.7976931348623157e308,
            0.000001,
            0.0000009,
            16777217.0,
            1e300,
            3.0,
            -2.5e10,
        ];
        for f in samples {
            assert_eq!(own_format_g(f, 64), format_g(f, 64), "{f}");
            assert_eq!(own_format_g(f, 32), format_g(f, 32), "{f}");
            assert_eq!(own_format_json(f), format_json(f), "{f}");
        }
    }
}
