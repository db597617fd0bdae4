//! Go's literal rules for the parser: `strconv.Unquote` for string literals and
//! `parse.newNumber` (via `strconv.ParseInt/ParseUint/ParseFloat` with base 0) for
//! numbers and character constants.

use tug_value::Str;

use crate::ast::NumberNode;
use crate::lexer::ItemType;

/// `strconv.Unquote` of a `"…"` or `` `…` `` literal; `None` is Go's "invalid syntax".
pub(crate) fn unquote(s: &str) -> Option<String> {
    if let Some(raw) = s.strip_prefix('`') {
        let body = raw.strip_suffix('`')?;
        if body.contains('`') {
            return None;
        }
        return Some(body.replace('\r', ""));
    }
    let body = s.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains(['\\', '"', '\n']) {
        return Some(body.to_string());
    }
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with('"') || rest.starts_with('\n') {
            return None;
        }
        let (bytes, tail) = unquote_char(rest, b'"')?;
        out.extend_from_slice(&bytes);
        rest = tail;
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// `strconv.UnquoteChar`: decodes one (possibly escaped) character of a literal
/// quoted with `quote`, returning its UTF-8 bytes (or a raw byte for `\x`/octal
/// escapes in strings) and the remaining text.
fn unquote_char(s: &str, quote: u8) -> Option<(Vec<u8>, &str)> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if c != '\\' {
        if c as u32 == quote as u32 && (quote == b'\'' || quote == b'"') {
            return None;
        }
        return Some((c.to_string().into_bytes(), chars.as_str()));
    }
    let rest = chars.as_str();
    let e = rest.chars().next()?;
    let after = &rest[e.len_utf8()..];
    let simple = |b: u8| Some((vec![b], after));
    match e {
        'a' => simple(7),
        'b' => simple(8),
        'f' => simple(12),
        'n' => simple(b'\n'),
        'r' => simple(b'\r'),
        't' => simple(b'\t'),
        'v' => simple(11),
        '\\' => simple(b'\\'),
        '\'' | '"' => {
            if e as u32 != quote as u32 {
                return None;
            }
            simple(e as u8)
        }
        'x' | 'u' | 'U' => {
            let n = match e {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = after.get(..n)?;
            let v = u32::from_str_radix(hex, 16).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let tail = &after[n..];
            if e == 'x' {
                if quote == b'\'' {
                    let ch = char::from_u32(v)?;
                    return Some((ch.to_string().into_bytes(), tail));
                }
                return Some((vec![v as u8], tail));
            }
            let ch = char::from_u32(v)?;
            Some((ch.to_string().into_bytes(), tail))
        }
        '0'..='7' => {
            let oct = rest.get(..3)?;
            if !oct.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
                return None;
            }
            let v = u32::from_str_radix(oct, 8).ok()?;
            if v > 255 {
                return None;
            }
            let tail = &rest[3..];
            if quote == b'\'' {
                let ch = char::from_u32(v)?;
                return Some((ch.to_string().into_bytes(), tail));
            }
            Some((vec![v as u8], tail))
        }
        _ => None,
    }
}

/// Go's `underscoreOK`: underscores only between digits or after a base prefix.
fn underscore_ok(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1] | 0x20 == b'x';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// `strconv.ParseUint(s, 0, 64)`.
fn parse_uint(s: &str) -> Option<u64> {
    if s.starts_with(['+', '-']) || s.is_empty() || !underscore_ok(s) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    if digits.is_empty() || digits.starts_with('+') {
        return None;
    }
    u64::from_str_radix(&digits, radix).ok()
}

/// `strconv.ParseInt(s, 0, 64)`.
fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(body)?;
    if neg {
        if u <= i64::MAX as u64 + 1 {
            return Some((u as i64).wrapping_neg());
        }
        return None;
    }
    i64::try_from(u).ok()
}

/// `strconv.ParseFloat(s, 64)` for the spellings the lexer lets through.
pub(crate) fn parse_float(s: &str) -> Option<f64> {
    if !underscore_ok(s) {
        return None;
    }
    let clean: String = s.chars().filter(|c| *c != '_').collect();
    let (neg, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, clean.as_str()),
    };
    let v = if body.len() > 1 && (body.starts_with("0x") || body.starts_with("0X")) {
        parse_hex_float(&body[2..])?
    } else {
        if !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
        {
            return None;
        }
        let v: f64 = body.parse().ok()?;
        if v.is_infinite() {
            return None;
        }
        v
    };
    Some(if neg { -v } else { v })
}

/// A hexadecimal float mantissa with a mandatory `p` exponent.
fn parse_hex_float(s: &str) -> Option<f64> {
    let (mant, exp) = s.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in int.chars() {
        v = v * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        v += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    let r = v * 2f64.powi(exp);
    r.is_finite().then_some(r)
}

/// Splits `1+2i` / `-1.5e3-2i` into its parts.
fn split_complex(text: &str) -> Option<(f64, f64)> {
    let body = text.strip_suffix('i')?;
    let bytes = body.as_bytes();
    let split = (1..bytes.len()).rev().find(|&i| {
        matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1] | 0x20, b'e' | b'p')
    })?;
    Some((parse_float(&body[..split])?, parse_float(&body[split..])?))
}

/// Go's `simplifyComplex`: a complex constant with a zero imaginary part is also a
/// float (and an int when integral).
fn simplify_complex(n: &mut NumberNode) {
    let (re, im) = n.complex;
    if im == 0.0 {
        n.is_float = true;
        n.float = re;
        if re.fract() == 0.0 && re.abs() < 9.2e18 {
            n.is_int = true;
            n.int = re as i64;
        }
        if re.fract() == 0.0 && (0.0..1.8e19).contains(&re) {
            n.is_uint = true;
            n.uint = re as u64;
        }
    }
}

fn empty_number(pos: usize, text: &str) -> NumberNode {
    NumberNode {
        pos,
        text: Str::from(text),
        is_int: false,
        is_uint: false,
        is_float: false,
        is_complex: false,
        int: 0,
        uint: 0,
        float: 0.0,
        complex: (0.0, 0.0),
    }
}

/// Go's `newNumber`: every interpretation of a numeric literal, or Go's error text.
pub(crate) fn new_number(pos: usize, text: &str, typ: ItemType) -> Result<NumberNode, String> {
    let mut n = empty_number(pos, text);
    if typ == ItemType::CharConstant {
        let inner = &text[1..];
        let (bytes, tail) = unquote_char(inner, b'\'').ok_or("invalid syntax")?;
        if tail != "'" {
            return Err(format!("malformed character constant: {text}"));
        }
        let ch = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|s| s.chars().next())
            .ok_or("invalid syntax")?;
        let r = ch as u32;
        n.is_int = true;
        n.is_uint = true;
        n.is_float = true;
        n.int = i64::from(r);
        n.uint = u64::from(r);
        n.float = f64::from(r);
        return Ok(n);
    }
    if typ == ItemType::Complex {
        let (re, im) = split_complex(text).ok_or("expected integer")?;
        n.is_complex = true;
        n.complex = (re, im);
        simplify_complex(&mut n);
        return Ok(n);
    }
    if let Some(im) = text.strip_suffix('i')
        && let Some(f) = parse_float(im)
    {
        n.is_complex = true;
        n.complex = (0.0, f);
        simplify_complex(&mut n);
        return Ok(n);
    }
    let u = parse_uint(text);
    if let Some(u) = u {
        n.is_uint = true;
        n.uint = u;
    }
    if let Some(i) = parse_int(text) {
        n.is_int = true;
        n.int = i;
        if i == 0 {
            n.is_uint = true;
            n.uint = u.unwrap_or(0);
        }
    }
    if n.is_int {
        n.is_float = true;
        n.float = n.int as f64;
    } else if n.is_uint {
        n.is_float = true;
        n.float = n.uint as f64;
    } else if let Some(f) = parse_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!(
                "illegal number syntax: {}",
                tug_value::fmt::quote(text)
            ));
        }
        n.is_float = true;
        n.float = f;
        if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            n.is_int = true;
            n.int = f as i64;
        }
        if f.fract() == 0.0 && (0.0..1.844_674_407_370_955_2e19).contains(&f) {
            n.is_uint = true;
            n.uint = f as u64;
        }
    }
    if !n.is_int && !n.is_uint && !n.is_float {
        return Err(format!(
            "illegal number syntax: {}",
            tug_value::fmt::quote(text)
        ));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> NumberNode {
        match new_number(0, s, ItemType::Number) {
            Ok(n) => n,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn go_number_syntaxes() {
        assert_eq!(num("0x1F").int, 31);
        assert_eq!(num("1_000").int, 1000);
        assert_eq!(num("0o17").int, 15);
        assert_eq!(num("017").int, 15);
        assert_eq!(num("0b101").int, 5);
        assert_eq!(num("-7").int, -7);
        assert!(!num("-7").is_uint);
        let f = num("1e3");
        assert!(f.is_float && f.is_int && f.float == 1000.0);
        let f = num("1.5");
        assert!(f.is_float && !f.is_int);
        assert_eq!(num("0x1p-2").float, 0.25);
        let big = num("18446744073709551615");
        assert!(big.is_uint && !big.is_int);
    }

    #[test]
    fn number_errors() {
        let e = |s: &str| new_number(0, s, ItemType::Number).err();
        assert_eq!(
            e("99999999999999999999").as_deref(),
            Some("illegal number syntax: \"99999999999999999999\"")
        );
        assert_eq!(
            e("1__0").as_deref(),
            Some("illegal number syntax: \"1__0\"")
        );
    }

    #[test]
    fn char_constants() {
        let c = |s: &str| new_number(0, s, ItemType::CharConstant).map(|n| n.int);
        assert_eq!(c("'a'"), Ok(97));
        assert_eq!(c("'\\n'"), Ok(10));
        assert_eq!(c("'é'"), Ok(233));
        assert_eq!(c("'\\x41'"), Ok(65));
        assert_eq!(c("'ab'"), Err("malformed character constant: 'ab'".into()));
    }

    #[test]
    fn unquoting() {
        assert_eq!(unquote("\"a\\tb\\u00e9\\101\"").as_deref(), Some("a\tbéA"));
        assert_eq!(unquote("`a\\n\r`").as_deref(), Some("a\\n"));
        assert_eq!(unquote("\"a\\'\""), None);
        assert_eq!(unquote("\"\\q\""), None);
    }
}
