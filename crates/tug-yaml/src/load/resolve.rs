//! go-yaml v2's plain-scalar resolver (`resolve.go`): which Go value a YAML scalar
//! becomes for a given tag, YAML 1.1 flavour (`yes`/`on` booleans, `0755` octal,
//! underscores, base prefixes) and timestamps recognised but kept as text.

/// The standard tags, fully expanded as libyaml reports them.
pub(crate) const STR_TAG: &str = "tag:yaml.org,2002:str";
pub(crate) const BOOL_TAG: &str = "tag:yaml.org,2002:bool";
pub(crate) const INT_TAG: &str = "tag:yaml.org,2002:int";
pub(crate) const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
pub(crate) const NULL_TAG: &str = "tag:yaml.org,2002:null";
pub(crate) const TIMESTAMP_TAG: &str = "tag:yaml.org,2002:timestamp";
pub(crate) const BINARY_TAG: &str = "tag:yaml.org,2002:binary";
pub(crate) const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

/// A resolved scalar, before it is placed into a Go value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A string; also used for timestamps (kept as their text) and the merge key.
    Str,
}

/// go-yaml's `shortTag`: `tag:yaml.org,2002:int` → `!!int`.
pub(crate) fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_string(),
    }
}

fn resolvable(tag: &str) -> bool {
    matches!(
        tag,
        "" | STR_TAG | BOOL_TAG | INT_TAG | FLOAT_TAG | TIMESTAMP_TAG
    )
}

fn lookup(s: &str) -> Option<(&'static str, Scalar)> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            (BOOL_TAG, Scalar::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            (BOOL_TAG, Scalar::Bool(false))
        }
        "" | "~" | "null" | "Null" | "NULL" => (NULL_TAG, Scalar::Null),
        ".nan" | ".NaN" | ".NAN" => (FLOAT_TAG, Scalar::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            (FLOAT_TAG, Scalar::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => (FLOAT_TAG, Scalar::Float(f64::NEG_INFINITY)),
        "<<" => (MERGE_TAG, Scalar::Str),
        _ => return None,
    })
}

/// `resolve(tag, in)`: the resolved tag and value, or go-yaml's error message for a
/// value that cannot carry an explicit tag.
pub(crate) fn resolve(tag: &str, s: &str) -> Result<(&'static str, Scalar), String> {
    if !resolvable(tag) {
        return Ok(("", Scalar::Str));
    }
    let (rtag, out) = resolve_untyped(tag, s);
    if tag.is_empty() || tag == rtag || tag == STR_TAG {
        return Ok((rtag, out));
    }
    if tag == FLOAT_TAG
        && let Scalar::Int(i) = out
    {
        return Ok((FLOAT_TAG, Scalar::Float(i as f64)));
    }
    Err(format!(
        "cannot decode {} `{}` as a {}",
        short_tag(rtag),
        s,
        short_tag(tag)
    ))
}

fn resolve_untyped(tag: &str, s: &str) -> (&'static str, Scalar) {
    let hint = match s.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => 0,
    };
    if hint == 0 || tag == STR_TAG || tag == BINARY_TAG {
        return (STR_TAG, Scalar::Str);
    }
    if let Some(found) = lookup(s) {
        return found;
    }
    match hint {
        b'.' => {
            if let Some(f) = parse_go_float(s) {
                return (FLOAT_TAG, Scalar::Float(f));
            }
        }
        b'D' | b'S' => {
            if (tag.is_empty() || tag == TIMESTAMP_TAG) && is_timestamp(s) {
                return (TIMESTAMP_TAG, Scalar::Str);
            }
            if let Some(v) = resolve_number(s) {
                return v;
            }
        }
        _ => {}
    }
    (STR_TAG, Scalar::Str)
}

fn resolve_number(s: &str) -> Option<(&'static str, Scalar)> {
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(i) = parse_int(&plain) {
        return Some((INT_TAG, Scalar::Int(i)));
    }
    if let Some(u) = parse_uint(&plain) {
        return Some((INT_TAG, Scalar::Uint(u)));
    }
    if is_yaml_float(&plain)
        && let Some(f) = parse_go_float(&plain)
    {
        return Some((FLOAT_TAG, Scalar::Float(f)));
    }
    if let Some(rest) = plain.strip_prefix("0b") {
        if let Ok(i) = i64::from_str_radix(rest, 2) {
            return Some((INT_TAG, Scalar::Int(i)));
        }
        if let Ok(u) = u64::from_str_radix(rest, 2)
            && !rest.starts_with('+')
        {
            return Some((INT_TAG, Scalar::Uint(u)));
        }
    } else if let Some(rest) = plain.strip_prefix("-0b")
        && let Ok(i) = i64::from_str_radix(&format!("-{rest}"), 2)
    {
        return Some((INT_TAG, Scalar::Int(i)));
    }
    None
}

/// Splits Go's `ParseInt(s, 0, 64)` syntax into (negative, base, digits).
fn split_base(s: &str) -> Option<(bool, u32, &str)> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let b = rest.as_bytes();
    let (base, digits) = if b.len() >= 2 && b[0] == b'0' {
        match b[1] {
            b'x' | b'X' => (16, &rest[2..]),
            b'o' | b'O' => (8, &rest[2..]),
            b'b' | b'B' => (2, &rest[2..]),
            _ => (8, &rest[1..]),
        }
    } else {
        (10, rest)
    };
    if digits.is_empty() && base != 8 {
        return None;
    }
    if !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    Some((neg, base, digits))
}

fn parse_uint_digits(base: u32, digits: &str) -> Option<u64> {
    if digits.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(digits, base).ok()
}

/// Go's `strconv.ParseInt(s, 0, 64)` (underscores already removed).
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let (neg, base, digits) = split_base(s)?;
    let u = parse_uint_digits(base, digits)?;
    if neg {
        if u <= i64::MAX as u64 + 1 {
            Some((u as i128).wrapping_neg() as i64)
        } else {
            None
        }
    } else {
        i64::try_from(u).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)` (no sign allowed).
pub(crate) fn parse_uint(s: &str) -> Option<u64> {
    if s.starts_with(['+', '-']) {
        return None;
    }
    let (_, base, digits) = split_base(s)?;
    parse_uint_digits(base, digits)
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` for the decimal forms YAML can reach; an out-of-range
/// value is an error in Go, so `None`.
pub(crate) fn parse_go_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let body = s.trim_start_matches(['+', '-']);
    if body.len() + 1 < s.len() {
        return None;
    }
    let ok = !body.is_empty()
        && body
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'));
    if !ok || body.contains('_') || b.is_empty() {
        // Go accepts underscores only with base prefixes; hex floats and words are not
        // reachable from YAML plain scalars here.
        return lower_words(s);
    }
    let f: f64 = s.parse().ok()?;
    if f.is_infinite() { None } else { Some(f) }
}

fn lower_words(s: &str) -> Option<f64> {
    let body = s.trim_start_matches(['+', '-']);
    let neg = s.starts_with('-');
    let v = match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => return Some(f64::NAN),
        _ => return None,
    };
    Some(if neg { -v } else { v })
}

/// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
pub(crate) fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if !(first == b'+' || first == b'-' || first.is_ascii_digit()) || !s.contains(':') {
        return false;
    }
    let mut i = usize::from(first == b'+' || first == b'-');
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let n = &b[start..i];
        let valid = match n.len() {
            1 => true,
            2 => n[0] <= b'5',
            _ => false,
        };
        if !valid {
            // A two-digit group starting above 5 may still match as one digit
            // followed by nothing else; the regexp needs the group to end here.
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml's `parseTimestamp`: whether `s` parses with one of the allowed layouts.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let lead = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if lead != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    let mut p = Cursor { b, i: 5 };
    let Some(month) = p.num() else { return false };
    if !p.eat(b'-') {
        return false;
    }
    let Some(day) = p.num() else { return false };
    let year: i64 = s[..4].parse().unwrap_or(0);
    if !(1..=12).contains(&month) || day < 1 || day > days_in(month, year) {
        return false;
    }
    if p.i == b.len() {
        return true;
    }
    match b[p.i] {
        b'T' | b't' => {
            p.i += 1;
            p.time() && p.zone() && p.i == b.len()
        }
        b' ' => {
            while p.i < b.len() && b[p.i] == b' ' {
                p.i += 1;
            }
            p.time() && p.i == b.len()
        }
        _ => false,
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    /// Go's `getnum(value, false)`: one or two digits.
    fn num(&mut self) -> Option<i64> {
        let d = |j: usize| self.b.get(j).filter(|c| c.is_ascii_digit()).copied();
        let a = d(self.i)?;
        let n = match d(self.i + 1) {
            Some(c) => {
                self.i += 2;
                i64::from(a - b'0') * 10 + i64::from(c - b'0')
            }
            None => {
                self.i += 1;
                i64::from(a - b'0')
            }
        };
        Some(n)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// `15:4:5.999999999`
    fn time(&mut self) -> bool {
        let Some(h) = self.num() else { return false };
        if !self.eat(b':') {
            return false;
        }
        let Some(m) = self.num() else { return false };
        if !self.eat(b':') {
            return false;
        }
        let Some(sec) = self.num() else { return false };
        if h >= 24 || m >= 60 || sec >= 60 {
            return false;
        }
        if matches!(self.b.get(self.i), Some(b'.' | b','))
            && self.b.get(self.i + 1).is_some_and(u8::is_ascii_digit)
        {
            self.i += 1;
            while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
        }
        true
    }

    /// `Z07:00`
    fn zone(&mut self) -> bool {
        if self.eat(b'Z') {
            return true;
        }
        let b = &self.b[self.i.min(self.b.len())..];
        let ok = b.len() >= 6
            && matches!(b[0], b'+' | b'-')
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit()
            && b[3] == b':'
            && b[4].is_ascii_digit()
            && b[5].is_ascii_digit();
        if ok {
            self.i += 6;
        }
        ok
    }
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Scalar {
        resolve("", s).map(|x| x.1).unwrap_or(Scalar::Str)
    }

    #[test]
    fn yaml11_words() {
        assert_eq!(r("yes"), Scalar::Bool(true));
        assert_eq!(r("Off"), Scalar::Bool(false));
        assert_eq!(r("oN"), Scalar::Str);
        assert_eq!(r("~"), Scalar::Null);
        assert_eq!(r(""), Scalar::Null);
    }

    #[test]
    fn numbers() {
        assert_eq!(r("0755"), Scalar::Int(493));
        assert_eq!(r("0o17"), Scalar::Int(15));
        assert_eq!(r("0x1F"), Scalar::Int(31));
        assert_eq!(r("-0x1F"), Scalar::Int(-31));
        assert_eq!(r("1_000"), Scalar::Int(1000));
        assert_eq!(r("08"), Scalar::Float(8.0));
        assert_eq!(r("1."), Scalar::Float(1.0));
        assert_eq!(r(".5"), Scalar::Float(0.5));
        assert_eq!(r("0b101"), Scalar::Int(5));
        assert_eq!(r("18446744073709551615"), Scalar::Uint(u64::MAX));
        assert_eq!(r("1e"), Scalar::Str);
        assert_eq!(r("1:20"), Scalar::Str);
    }

    #[test]
    fn timestamps_and_base60() {
        assert!(is_timestamp("2006-01-02"));
        assert!(is_timestamp("2006-1-2T15:04:05.5+07:00"));
        assert!(is_timestamp("2006-01-02  15:04:05"));
        assert!(!is_timestamp("2006-02-30"));
        assert!(!is_timestamp("2006-01-02T15:04:05"));
        assert!(is_base60_float("1:20"));
        assert!(is_base60_float("190:20:30.15"));
        assert!(!is_base60_float("1:60"));
        assert!(!is_base60_float("a:20"));
    }

    #[test]
    fn explicit_tags() {
        assert_eq!(resolve(FLOAT_TAG, "1").map(|x| x.1), Ok(Scalar::Float(1.0)));
        assert_eq!(
            resolve(INT_TAG, "abc").map(|x| x.1),
            Err("cannot decode !!str `abc` as a !!int".to_string())
        );
    }
}
