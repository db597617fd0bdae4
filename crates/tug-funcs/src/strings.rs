//! Sprig's string functions (`trunc`, `quote`, `indent`, `split`, `snakecase`, …).
//!
//! Byte-level behaviour follows Go: `trunc`, `substr`, `abbrev` and `wrap` index bytes,
//! `nospace` and `initials` walk bytes as Latin-1 runes (as Masterminds/goutils does),
//! and case mapping is rune by rune. Go strings may hold invalid UTF-8 after a byte cut;
//! tug's strings cannot, so such a cut is repaired with U+FFFD.

mod case;
pub(crate) mod unicode;

use rand::seq::SliceRandom;
use tug_template::func::{FuncError, Function, Param};
use tug_value::{ElemType, List, Map, Value, fmt as gofmt};

use crate::cast::{func, int_arg, slice_items, str_arg, string, strval};
use unicode::{is_lower, is_space, is_title, is_upper, to_lower, to_title, to_upper};

const I: Param = Param::Int;
const S: Param = Param::String;
const A: Param = Param::Any;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    register_shape(out);
    register_case(out);
    register_search(out);
    register_format(out);
    register_split(out);
}

fn register_shape(out: &mut Vec<Function>) {
    out.push(func("abbrev", &[I, S], None, |a| {
        Ok(string(abbrev(int_arg(a, 0), str_arg(a, 1))))
    }));
    out.push(func("abbrevboth", &[I, I, S], None, |a| {
        Ok(string(abbrevboth(
            int_arg(a, 0),
            int_arg(a, 1),
            str_arg(a, 2),
        )))
    }));
    out.push(func("trunc", &[I, S], None, |a| {
        Ok(string(trunc(int_arg(a, 0), str_arg(a, 1))))
    }));
    out.push(func("trim", &[S], None, |a| {
        Ok(string(str_arg(a, 0).trim()))
    }));
    for name in ["trimAll", "trimall"] {
        out.push(func(name, &[S, S], None, |a| {
            let cut = str_arg(a, 0);
            Ok(string(str_arg(a, 1).trim_matches(|c| cut.contains(c))))
        }));
    }
    out.push(func("trimSuffix", &[S, S], None, |a| {
        let s = str_arg(a, 1);
        Ok(string(s.strip_suffix(str_arg(a, 0)).unwrap_or(s)))
    }));
    out.push(func("trimPrefix", &[S, S], None, |a| {
        let s = str_arg(a, 1);
        Ok(string(s.strip_prefix(str_arg(a, 0)).unwrap_or(s)))
    }));
    out.push(func("substr", &[I, I, S], None, |a| {
        substr(int_arg(a, 0), int_arg(a, 1), str_arg(a, 2)).map(string)
    }));
    out.push(func("repeat", &[I, S], None, |a| {
        repeat(str_arg(a, 1), int_arg(a, 0)).map(string)
    }));
    out.push(func("nospace", &[S], None, |a| {
        Ok(string(nospace(str_arg(a, 0))))
    }));
    out.push(func("wrap", &[I, S], None, |a| {
        Ok(string(wrap(str_arg(a, 1), int_arg(a, 0), "", false)))
    }));
    out.push(func("wrapWith", &[I, S, S], None, |a| {
        Ok(string(wrap(
            str_arg(a, 2),
            int_arg(a, 0),
            str_arg(a, 1),
            true,
        )))
    }));
    out.push(func("indent", &[I, S], None, |a| {
        indent(int_arg(a, 0), str_arg(a, 1)).map(string)
    }));
    out.push(func("nindent", &[I, S], None, |a| {
        indent(int_arg(a, 0), str_arg(a, 1)).map(|s| string(format!("\n{s}")))
    }));
    out.push(func("replace", &[S, S, S], None, |a| {
        Ok(string(str_arg(a, 2).replace(str_arg(a, 0), str_arg(a, 1))))
    }));
}

fn register_case(out: &mut Vec<Function>) {
    out.push(func("upper", &[S], None, |a| {
        Ok(string(
            str_arg(a, 0).chars().map(to_upper).collect::<String>(),
        ))
    }));
    out.push(func("lower", &[S], None, |a| {
        Ok(string(
            str_arg(a, 0).chars().map(to_lower).collect::<String>(),
        ))
    }));
    out.push(func("title", &[S], None, |a| {
        Ok(string(title(str_arg(a, 0))))
    }));
    out.push(func("untitle", &[S], None, |a| {
        Ok(string(untitle(str_arg(a, 0))))
    }));
    out.push(func("initials", &[S], None, |a| {
        Ok(string(initials(str_arg(a, 0))))
    }));
    out.push(func("swapcase", &[S], None, |a| {
        Ok(string(swapcase(str_arg(a, 0))))
    }));
    out.push(func("shuffle", &[S], None, |a| {
        let mut runes: Vec<char> = str_arg(a, 0).chars().collect();
        runes.shuffle(&mut rand::thread_rng());
        Ok(string(runes.into_iter().collect::<String>()))
    }));
    out.push(func("snakecase", &[S], None, |a| {
        Ok(string(case::camel_to_lower(str_arg(a, 0), '_')))
    }));
    out.push(func("kebabcase", &[S], None, |a| {
        Ok(string(case::camel_to_lower(str_arg(a, 0), '-')))
    }));
    out.push(func("camelcase", &[S], None, |a| {
        Ok(string(case::pascal_case(str_arg(a, 0))))
    }));
}

fn register_search(out: &mut Vec<Function>) {
    out.push(func("contains", &[S, S], None, |a| {
        Ok(Value::Bool(str_arg(a, 1).contains(str_arg(a, 0))))
    }));
    out.push(func("hasPrefix", &[S, S], None, |a| {
        Ok(Value::Bool(str_arg(a, 1).starts_with(str_arg(a, 0))))
    }));
    out.push(func("hasSuffix", &[S, S], None, |a| {
        Ok(Value::Bool(str_arg(a, 1).ends_with(str_arg(a, 0))))
    }));
    out.push(func("plural", &[S, S, I], None, |a| {
        let pick = if int_arg(a, 2) == 1 { 0 } else { 1 };
        Ok(string(str_arg(a, pick)))
    }));
    out.push(func("hello", &[], None, |_| Ok(Value::from("Hello!"))));
}

fn register_format(out: &mut Vec<Function>) {
    out.push(func("quote", &[], Some(A), |a| {
        let parts: Vec<String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(|v| gofmt::quote(&strval(v)))
            .collect();
        Ok(string(parts.join(" ")))
    }));
    out.push(func("squote", &[], Some(A), |a| {
        let parts: Vec<String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(|v| format!("'{}'", gofmt::format_value(v)))
            .collect();
        Ok(string(parts.join(" ")))
    }));
    out.push(func("cat", &[], Some(A), |a| {
        let parts: Vec<String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(gofmt::format_value)
            .collect();
        Ok(string(parts.join(" ")))
    }));
    out.push(func("toString", &[A], None, |a| Ok(string(strval(&a[0])))));
    out.push(func("toStrings", &[A], None, |a| {
        Ok(strings_value(strslice(&a[0])))
    }));
    out.push(func("join", &[S, A], None, |a| {
        Ok(string(strslice(&a[1]).join(str_arg(a, 0))))
    }));
    out.push(func("sortAlpha", &[A], None, |a| {
        let mut items = match slice_items(&a[0]) {
            Some(_) => strslice(&a[0]),
            None => vec![strval(&a[0])],
        };
        items.sort();
        Ok(strings_value(items))
    }));
    out.push(func("seq", &[], Some(I), |a| {
        let params: Vec<i64> = (0..a.len()).map(|i| int_arg(a, i)).collect();
        seq(&params).map(string)
    }));
}

fn register_split(out: &mut Vec<Function>) {
    out.push(func("split", &[S, S], None, |a| {
        Ok(parts_map(go_split(str_arg(a, 1), str_arg(a, 0), -1)))
    }));
    out.push(func("splitList", &[S, S], None, |a| {
        Ok(strings_value(go_split(str_arg(a, 1), str_arg(a, 0), -1)))
    }));
    out.push(func("splitn", &[S, I, S], None, |a| {
        Ok(parts_map(go_split(
            str_arg(a, 2),
            str_arg(a, 0),
            int_arg(a, 1),
        )))
    }));
}

/// A `[]string` value.
pub(crate) fn strings_value(items: Vec<String>) -> Value {
    Value::List(List::typed(
        ElemType::String,
        items.into_iter().map(Value::from).collect(),
    ))
}

/// `map[string]string{"_0": …, "_1": …}` as `split` and `splitn` return it.
fn parts_map(parts: Vec<String>) -> Value {
    let map = Map::typed(ElemType::String);
    for (i, p) in parts.into_iter().enumerate() {
        map.insert(format!("_{i}"), Value::from(p));
    }
    Value::Map(map)
}

/// Sprig's `strslice`: a slice's non-nil elements through `strval`; a non-slice value
/// as a one-element list; nil as an empty list.
pub(crate) fn strslice(v: &Value) -> Vec<String> {
    match slice_items(v) {
        Some(items) => items.iter().filter(|x| !x.is_nil()).map(strval).collect(),
        None if v.is_nil() => Vec::new(),
        None => vec![strval(v)],
    }
}

/// `s[a..b]` by bytes; a cut inside a UTF-8 sequence is repaired with U+FFFD.
fn bytes_slice(s: &str, a: usize, b: usize) -> String {
    String::from_utf8_lossy(&s.as_bytes()[a..b]).into_owned()
}

fn abbrev(width: i64, s: &str) -> String {
    if width < 4 {
        return s.to_string();
    }
    abbreviate_full(s, 0, width).unwrap_or_default()
}

fn abbrevboth(left: i64, right: i64, s: &str) -> String {
    if right < 4 || left > 0 && right < 7 {
        return s.to_string();
    }
    abbreviate_full(s, left, right).unwrap_or_default()
}

/// goutils `AbbreviateFull`; `None` where it returns an error (the caller prints `""`).
fn abbreviate_full(s: &str, offset: i64, max_width: i64) -> Option<String> {
    if s.is_empty() {
        return Some(String::new());
    }
    if max_width < 4 {
        return None;
    }
    let len = s.len() as i64;
    if len <= max_width {
        return Some(s.to_string());
    }
    let mut offset = offset.min(len);
    if len - offset < max_width - 3 {
        offset = len - (max_width - 3);
    }
    if offset <= 4 {
        return Some(format!(
            "{}...",
            bytes_slice(s, 0, (max_width - 3) as usize)
        ));
    }
    if max_width < 7 {
        return None;
    }
    if offset + max_width - 3 < len {
        let tail = bytes_slice(s, offset as usize, s.len());
        let inner = abbreviate_full(&tail, 0, max_width - 3).unwrap_or_default();
        return Some(format!("...{inner}"));
    }
    Some(format!(
        "...{}",
        bytes_slice(s, (len - (max_width - 3)) as usize, s.len())
    ))
}

fn trunc(c: i64, s: &str) -> String {
    let len = s.len() as i64;
    if c < 0 && len + c > 0 {
        return bytes_slice(s, (len + c) as usize, s.len());
    }
    if c >= 0 && len > c {
        return bytes_slice(s, 0, c as usize);
    }
    s.to_string()
}

/// Sprig's `substring`, including Go's slice-bounds panics.
fn substr(start: i64, end: i64, s: &str) -> Result<String, FuncError> {
    let len = s.len() as i64;
    if start < 0 {
        if end < 0 {
            return Err(bounds(format!("[:{end}]")));
        }
        if end > len {
            return Err(bounds(format!("[:{end}] with length {len}")));
        }
        return Ok(bytes_slice(s, 0, end as usize));
    }
    if end < 0 || end > len {
        if start > len {
            return Err(bounds(format!("[{start}:{len}]")));
        }
        return Ok(bytes_slice(s, start as usize, s.len()));
    }
    if start > end {
        return Err(bounds(format!("[{start}:{end}]")));
    }
    Ok(bytes_slice(s, start as usize, end as usize))
}

fn bounds(detail: String) -> FuncError {
    FuncError::msg(format!("runtime error: slice bounds out of range {detail}"))
}

fn repeat(s: &str, count: i64) -> Result<String, FuncError> {
    if count < 0 {
        return Err(FuncError::msg("strings: negative Repeat count"));
    }
    let total = (s.len() as u128) * (count as u128);
    if total > (1 << 31) {
        return Err(FuncError::msg("strings: Repeat output length overflow"));
    }
    Ok(s.repeat(count as usize))
}

fn indent(spaces: i64, v: &str) -> Result<String, FuncError> {
    let pad = repeat(" ", spaces)?;
    Ok(format!("{pad}{}", v.replace('\n', &format!("\n{pad}"))))
}

/// goutils `DeleteWhiteSpace`: walks bytes as Latin-1 runes.
fn nospace(s: &str) -> String {
    let bytes = s.as_bytes();
    if !bytes.iter().any(|&b| is_space(char::from(b))) {
        return s.to_string();
    }
    bytes
        .iter()
        .map(|&b| char::from(b))
        .filter(|&c| !is_space(c))
        .collect()
}

/// goutils `Initials`: first byte (as a Latin-1 rune) of every whitespace-separated word.
fn initials(s: &str) -> String {
    let mut out = String::new();
    let mut last_was_gap = true;
    for &b in s.as_bytes() {
        let c = char::from(b);
        if is_space(c) {
            last_was_gap = true;
        } else if last_was_gap {
            out.push(c);
            last_was_gap = false;
        }
    }
    out
}

/// Go's `strings.Title`.
fn title(s: &str) -> String {
    let mut prev = ' ';
    s.chars()
        .map(|r| {
            let out = if is_separator(prev) { to_title(r) } else { r };
            prev = r;
            out
        })
        .collect()
}

fn is_separator(r: char) -> bool {
    if r.is_ascii() {
        return !(r.is_ascii_alphanumeric() || r == '_');
    }
    if unicode::is_letter(r) || unicode::is_digit(r) {
        return false;
    }
    is_space(r)
}

/// goutils `Uncapitalize`.
fn untitle(s: &str) -> String {
    let mut next = true;
    s.chars()
        .map(|c| {
            if is_space(c) {
                next = true;
                c
            } else if next {
                next = false;
                to_lower(c)
            } else {
                c
            }
        })
        .collect()
}

/// goutils `SwapCase`.
fn swapcase(s: &str) -> String {
    let mut whitespace = true;
    s.chars()
        .map(|c| {
            if is_upper(c) || is_title(c) {
                whitespace = false;
                to_lower(c)
            } else if is_lower(c) {
                if whitespace {
                    whitespace = false;
                    to_title(c)
                } else {
                    to_upper(c)
                }
            } else {
                whitespace = is_space(c);
                c
            }
        })
        .collect()
}

/// goutils `WrapCustom` (byte-based, `wrap` passes `""` and no long-word wrapping).
fn wrap(s: &str, width: i64, newline: &str, wrap_long: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let newline = if newline.is_empty() { "\n" } else { newline };
    let width = width.max(1) as usize;
    let b = s.as_bytes();
    let len = b.len();
    let mut offset = 0;
    let mut out: Vec<u8> = Vec::with_capacity(len + 8);
    while len - offset > width {
        if b[offset] == b' ' {
            offset += 1;
            continue;
        }
        let end = width + offset + 1;
        if let Some(i) = b[offset..end].iter().rposition(|&c| c == b' ') {
            out.extend_from_slice(&b[offset..offset + i]);
            out.extend_from_slice(newline.as_bytes());
            offset += i + 1;
        } else if wrap_long {
            out.extend_from_slice(&b[offset..offset + width]);
            out.extend_from_slice(newline.as_bytes());
            offset += width;
        } else {
            let end = width + offset;
            match b[end..].iter().position(|&c| c == b' ') {
                Some(i) => {
                    out.extend_from_slice(&b[offset..end + i]);
                    out.extend_from_slice(newline.as_bytes());
                    offset = end + i + 1;
                }
                None => {
                    out.extend_from_slice(&b[offset..]);
                    offset = len;
                }
            }
        }
    }
    out.extend_from_slice(&b[offset..]);
    String::from_utf8_lossy(&out).into_owned()
}

/// Go's `strings.SplitN(s, sep, n)` (`n < 0`: all parts).
pub(crate) fn go_split(s: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if sep.is_empty() {
        let chars: Vec<char> = s.chars().collect();
        let limit = if n < 0 || n as usize > chars.len() {
            chars.len()
        } else {
            n as usize
        };
        let mut parts: Vec<String> = chars[..limit].iter().map(|c| c.to_string()).collect();
        if limit > 0 && limit < chars.len() {
            parts[limit - 1] = chars[limit - 1..].iter().collect();
        }
        return parts;
    }
    if n < 0 {
        s.split(sep).map(str::to_string).collect()
    } else {
        s.splitn(n as usize, sep).map(str::to_string).collect()
    }
}

/// The most elements `until`, `untilStep` and `seq` build; Go would try to allocate
/// any size and exhaust memory.
const MAX_RANGE: i128 = 1 << 26;

/// Sprig's `untilStep`.
pub(crate) fn until_step(start: i64, stop: i64, step: i64) -> Result<Vec<i64>, FuncError> {
    let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
    let count = if stop < start && step < 0 {
        (start - stop - step - 1) / -step
    } else if stop > start && step > 0 {
        (stop - start + step - 1) / step
    } else {
        0
    };
    if count > MAX_RANGE {
        return Err(FuncError::msg(format!(
            "range of {count} elements exceeds tug's limit of {MAX_RANGE}"
        )));
    }
    Ok((0..count).map(|i| (start + i * step) as i64).collect())
}

/// Sprig's `seq`.
fn seq(params: &[i64]) -> Result<String, FuncError> {
    let list = match *params {
        [end] => {
            let inc = if end < 1 { -1 } else { 1 };
            until_step(1, end.wrapping_add(inc), inc)?
        }
        [start, end] => {
            let step = if end < start { -1 } else { 1 };
            until_step(start, end.wrapping_add(step), step)?
        }
        [start, step, end] => {
            let mut inc = 1;
            if end < start {
                inc = -1;
                if step > 0 {
                    return Ok(String::new());
                }
            }
            until_step(start, end.wrapping_add(inc), step)?
        }
        _ => Vec::new(),
    };
    let parts: Vec<String> = list.iter().map(i64::to_string).collect();
    Ok(parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_follow_goutils() {
        assert_eq!(abbrev(5, "hello world"), "he...");
        assert_eq!(abbrevboth(5, 10, "1234 5678 9123"), "...5678...");
        assert_eq!(abbrevboth(10, 7, "abcdefghijklmno"), "...k...");
        assert_eq!(abbrevboth(20, 8, "abcdefghijklmno"), "...klmno");
    }

    #[test]
    fn substr_panics_like_go() {
        assert_eq!(substr(3, -1, "hello world").unwrap(), "lo world");
        let e = substr(10, 20, "hello").unwrap_err().to_string();
        assert_eq!(e, "runtime error: slice bounds out of range [10:5]");
        let e = substr(-1, 10, "hello").unwrap_err().to_string();
        assert_eq!(
            e,
            "runtime error: slice bounds out of range [:10] with length 5"
        );
    }

    #[test]
    fn wrap_follows_goutils() {
        assert_eq!(wrap("Hello World Here", 5, "", false), "Hello\nWorld\nHere");
        assert_eq!(wrap("abcdefgh ij", 3, "|", true), "abc|def|gh|ij");
        assert_eq!(
            wrap("  leading spaces and more words", 10, "", false),
            "leading\nspaces and\nmore words"
        );
    }

    #[test]
    fn byte_walkers_use_latin1() {
        assert_eq!(nospace("a é b"), "aÃ©b");
        assert_eq!(nospace("aé"), "aé");
        assert_eq!(initials("  élan vital"), "Ãv");
    }

    #[test]
    fn seq_and_split() {
        assert_eq!(seq(&[0]).unwrap(), "1 0");
        assert_eq!(seq(&[10, -2, 0]).unwrap(), "10 8 6 4 2 0");
        assert_eq!(seq(&[0, -2, 10]).unwrap(), "");
        assert!(seq(&[1, 1 << 40]).is_err());
        assert_eq!(until_step(0, 10, 3).unwrap(), [0, 3, 6, 9]);
        assert_eq!(until_step(10, 0, -3).unwrap(), [10, 7, 4, 1]);
        assert!(until_step(0, 10, 0).unwrap().is_empty());
        assert_eq!(go_split("héllo", "", -1), ["h", "é", "l", "l", "o"]);
        assert_eq!(go_split("a.b.c", ".", 2), ["a", "b.c"]);
        assert_eq!(go_split("", ",", -1), [""]);
        assert!(go_split("", "", -1).is_empty());
    }

    #[test]
    fn title_and_swapcase() {
        assert_eq!(
            title("hello world-foo_bar baz.qux 1a"),
            "Hello World-Foo_bar Baz.Qux 1a"
        );
        assert_eq!(swapcase("This Is A.Test ok"), "tHIS iS a.tEST OK");
        assert_eq!(untitle("Hello World FOO"), "hello world fOO");
    }
}
