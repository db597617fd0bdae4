//! `strconv.FormatFloat` and the two float layouts built on it.
//!
//! Digit generation is delegated to Rust's float formatting, which yields exactly the
//! digits Go's `strconv` does: the shortest round-tripping digits for precision `-1`
//! (`{:e}`) and correctly rounded digits, ties to even, for an explicit precision
//! (`{:.N e}` / `{:.N}`). What differs between the languages is the *layout*, and that is
//! what this module reproduces: Go's `%e`/`%g` exponent (`e+06`, never `e6`), the `%g`
//! switch to exponent form (exponent `< -4` or `>= precision`, with precision 6 for the
//! shortest form), `%b` (`4503599627370496p-52`) and `%x` (`0x1.8p+00`).

/// Decimal digits of a non-negative finite float: `0.d[0]d[1]… × 10^dp`.
///
/// `digits` holds ASCII digits without trailing zeros; zero has no digits and `dp == 0`.
struct Digits {
    digits: Vec<u8>,
    dp: i32,
}

impl Digits {
    fn nd(&self) -> i32 {
        self.digits.len() as i32
    }

    /// Parses Rust's `{:e}` output for a non-negative number (`1.25e-7`, `5e0`).
    fn from_exp_repr(s: &str) -> Digits {
        let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        if digits.is_empty() {
            return Digits { digits, dp: 0 };
        }
        Digits {
            digits,
            dp: exp + 1,
        }
    }

    fn digit(&self, i: i32) -> u8 {
        if i >= 0 && i < self.nd() {
            self.digits[i as usize]
        } else {
            b'0'
        }
    }
}

/// The shortest digits that read back as `x` (as a float of `bits` bits).
fn shortest(x: f64, bits: u32) -> Digits {
    if bits == 32 {
        Digits::from_exp_repr(&format!("{:e}", x as f32))
    } else {
        Digits::from_exp_repr(&format!("{x:e}"))
    }
}

/// `x` rounded (ties to even) to `n >= 1` significant digits.
fn significant(x: f64, bits: u32, n: usize) -> Digits {
    // A float64 has at most 767 significant decimal digits, so rounding to 1100 is exact;
    // the capped precision also stays within what Rust's formatter accepts (u16).
    let p = n.saturating_sub(1).min(1100);
    if bits == 32 {
        Digits::from_exp_repr(&format!("{:.p$e}", x as f32))
    } else {
        Digits::from_exp_repr(&format!("{x:.p$e}"))
    }
}

/// `strconv.FormatFloat(f, fmt, prec, bits)`.
///
/// `fmt` is one of `b e E f g G x X`; anything else yields `%` followed by `fmt`, as in
/// Go. `prec == -1` (any negative value) asks for the shortest representation; `bits` is
/// 32 or 64.
pub fn format_float(f: f64, fmt: char, prec: i32, bits: u32) -> String {
    let bits = if bits == 32 { 32 } else { 64 };
    let f = if bits == 32 { f64::from(f as f32) } else { f };
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let neg = f.is_sign_negative();
    let x = f.abs();
    let mut out = String::new();
    match fmt {
        'b' => fmt_b(&mut out, neg, f, bits),
        'x' | 'X' => fmt_x(&mut out, prec, fmt, neg, f, bits),
        'e' | 'E' | 'f' | 'g' | 'G' => fmt_decimal(&mut out, neg, x, fmt, prec, bits),
        _ => {
            out.push('%');
            out.push(fmt);
        }
    }
    out
}

fn fmt_decimal(out: &mut String, neg: bool, x: f64, fmt: char, prec: i32, bits: u32) {
    if prec < 0 {
        let digs = shortest(x, bits);
        let prec = match fmt {
            'e' | 'E' => digs.nd() - 1,
            'f' => (digs.nd() - digs.dp).max(0),
            _ => digs.nd(),
        };
        return format_digits(out, neg, &digs, prec, fmt, true);
    }
    match fmt {
        'f' => {
            if neg {
                out.push('-');
            }
            // Past 1100 fraction digits every float64 expands to zeros (at most 1074 are
            // significant), and Rust's formatter only takes u16 precisions.
            let want = prec as usize;
            let p = want.min(1100);
            if bits == 32 {
                out.push_str(&format!("{:.p$}", x as f32));
            } else {
                out.push_str(&format!("{x:.p$}"));
            }
            out.extend(std::iter::repeat_n('0', want - p));
        }
        'e' | 'E' => {
            let digs = significant(x, bits, prec as usize + 1);
            format_digits(out, neg, &digs, prec, fmt, false);
        }
        _ => {
            let prec = prec.max(1);
            let digs = significant(x, bits, prec as usize);
            format_digits(out, neg, &digs, prec, fmt, false);
        }
    }
}

/// Go's `formatDigits`: lays out `digs` for `%e`, `%f` or `%g`.
fn format_digits(out: &mut String, neg: bool, digs: &Digits, prec: i32, fmt: char, shortest: bool) {
    match fmt {
        'e' | 'E' => fmt_e(out, neg, digs, prec, fmt),
        'f' => fmt_f(out, neg, digs, prec),
        _ => {
            let mut eprec = prec;
            if eprec > digs.nd() && digs.nd() >= digs.dp {
                eprec = digs.nd();
            }
            // %e is used if the exponent from the conversion is less than -4 or greater
            // than or equal to the precision; the shortest form decides with 6.
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            let e = if fmt == 'G' { 'E' } else { 'e' };
            if exp < -4 || exp >= eprec {
                let prec = prec.min(digs.nd());
                fmt_e(out, neg, digs, prec - 1, e);
            } else {
                let prec = if prec > digs.dp { digs.nd() } else { prec };
                fmt_f(out, neg, digs, (prec - digs.dp).max(0));
            }
        }
    }
}

/// `-d.dddde±dd`
fn fmt_e(out: &mut String, neg: bool, digs: &Digits, prec: i32, fmt: char) {
    if neg {
        out.push('-');
    }
    out.push(char::from(digs.digit(0)));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(char::from(digs.digit(i)));
        }
    }
    out.push(fmt);
    let mut exp = if digs.nd() == 0 { 0 } else { digs.dp - 1 };
    if exp < 0 {
        out.push('-');
        exp = -exp;
    } else {
        out.push('+');
    }
    if exp < 10 {
        out.push('0');
    }
    out.push_str(&exp.to_string());
}

/// `-ddddd.dddd`
fn fmt_f(out: &mut String, neg: bool, digs: &Digits, prec: i32) {
    if neg {
        out.push('-');
    }
    if digs.dp > 0 {
        for i in 0..digs.dp {
            out.push(char::from(digs.digit(i)));
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(char::from(digs.digit(digs.dp + i - 1)));
        }
    }
}

/// The IEEE fields of `f`: mantissa with the implicit bit, unbiased binary exponent
/// of the mantissa's top bit, and the number of mantissa bits.
fn ieee_parts(f: f64, bits: u32) -> (u64, i32, u32) {
    let (raw, mantbits, expbits, bias) = if bits == 32 {
        (u64::from((f as f32).to_bits()), 23u32, 8u32, -127i32)
    } else {
        (f.to_bits(), 52, 11, -1023)
    };
    let mut exp = ((raw >> mantbits) & ((1 << expbits) - 1)) as i32;
    let mut mant = raw & ((1u64 << mantbits) - 1);
    if exp == 0 {
        exp += 1;
    } else {
        mant |= 1u64 << mantbits;
    }
    exp += bias;
    (mant, exp, mantbits)
}

/// `%b`: `-ddddp±ddd` (mantissa times a power of two).
fn fmt_b(out: &mut String, neg: bool, f: f64, bits: u32) {
    let (mant, exp, mantbits) = ieee_parts(f, bits);
    if neg {
        out.push('-');
    }
    out.push_str(&mant.to_string());
    out.push('p');
    let exp = exp - mantbits as i32;
    if exp >= 0 {
        out.push('+');
    }
    out.push_str(&exp.to_string());
}

/// `%x`: `-0x1.yyyyp±dd`, hexadecimal mantissa, decimal power of two.
fn fmt_x(out: &mut String, prec: i32, fmt: char, neg: bool, f: f64, bits: u32) {
    let (mut mant, mut exp, mantbits) = ieee_parts(f, bits);
    if mant == 0 {
        exp = 0;
    }
    // Shift so that the leading 1 (if any) sits at bit 60.
    mant <<= 60 - mantbits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if fmt == 'X' {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    if neg {
        out.push('-');
    }
    out.push('0');
    out.push(fmt);
    out.push(if (mant >> 60) & 1 == 1 { '1' } else { '0' });
    mant <<= 4;
    if prec < 0 && mant != 0 {
        out.push('.');
        while mant != 0 {
            out.push(char::from(hex[((mant >> 60) & 15) as usize]));
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push('.');
        for _ in 0..prec {
            out.push(char::from(hex[((mant >> 60) & 15) as usize]));
            mant <<= 4;
        }
    }
    out.push(if fmt == 'X' { 'P' } else { 'p' });
    if exp < 0 {
        out.push('-');
        exp = -exp;
    } else {
        out.push('+');
    }
    if exp < 10 {
        out.push('0');
    }
    out.push_str(&exp.to_string());
}

/// `strconv.FormatFloat(x, 'g', -1, 32)`: the shortest digits of a `float32`.
pub fn format_float32(x: f32) -> String {
    format_float(f64::from(x), 'g', -1, 32)
}

/// How `encoding/json` writes a `float64` (Helm's `toJson`, and the JSON step of
/// `toYaml`): shortest digits, `'f'` layout when `1e-6 <= |x| < 1e21`, otherwise `'e'`
/// with a one-digit exponent left unpadded (`1e-07` → `1e-7`, `1e+21` stays).
///
/// NaN and infinities are not valid JSON; they yield `None` (Go reports
/// `json: unsupported value: NaN`).
pub fn format_float_json(x: f64) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let abs = x.abs();
    let fmt = if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        'e'
    } else {
        'f'
    };
    let mut s = format_float(x, fmt, -1, 64);
    if fmt == 'e' {
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            s.remove(n - 2);
        }
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_g_uses_go_thresholds() {
        let cases = [
            (1e6, "1e+06"),
            (999999.0, "999999"),
            (123456.0, "123456"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (2.0, "2"),
            (-0.0, "-0"),
            (1e21, "1e+21"),
            (5e-324, "5e-324"),
            (0.1 + 0.2, "0.30000000000000004"),
        ];
        for (x, want) in cases {
            assert_eq!(format_float(x, 'g', -1, 64), want, "{x}");
        }
    }

    #[test]
    fn fixed_precision_rounds_half_even() {
        assert_eq!(format_float(0.125, 'f', 2, 64), "0.12");
        assert_eq!(format_float(2.5, 'f', 0, 64), "2");
        assert_eq!(format_float(1234.5678, 'e', 3, 64), "1.235e+03");
        assert_eq!(format_float(1e-7, 'g', 20, 64), "9.9999999999999995475e-08");
        assert_eq!(format_float(100.0, 'g', 3, 64), "100");
        assert_eq!(format_float(1.5, 'g', 3, 64), "1.5");
        assert_eq!(format_float(123456789.0, 'G', 3, 64), "1.23E+08");
    }

    #[test]
    fn binary_and_hex_layouts() {
        assert_eq!(format_float(1.0, 'b', -1, 64), "4503599627370496p-52");
        assert_eq!(format_float(0.0, 'b', -1, 64), "0p-1074");
        assert_eq!(format_float(1.0, 'x', -1, 64), "0x1p+00");
        assert_eq!(format_float(-1.5, 'X', -1, 64), "-0X1.8P+00");
        assert_eq!(format_float(1234.5678, 'x', 2, 64), "0x1.35p+10");
        assert_eq!(format_float(0.0, 'x', 4, 64), "0x0.0000p+00");
        assert_eq!(format_float(1.0, 'z', -1, 64), "%z");
    }

    #[test]
    fn json_and_float32_layouts() {
        assert_eq!(format_float_json(1e-7).as_deref(), Some("1e-7"));
        assert_eq!(format_float_json(1e21).as_deref(), Some("1e+21"));
        assert_eq!(
            format_float_json(1e20).as_deref(),
            Some("100000000000000000000")
        );
        assert_eq!(format_float_json(0.000001).as_deref(), Some("0.000001"));
        assert_eq!(format_float_json(1e-10).as_deref(), Some("1e-10"));
        assert_eq!(format_float_json(f64::NAN), None);
        assert_eq!(format_float32(0.1), "0.1");
        assert_eq!(format_float32(16777217.0), "1.6777216e+07");
    }
}
