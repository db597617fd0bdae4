//! Sprig's regular-expression functions on Go's RE2 semantics.
//!
//! Patterns are compiled with the `regex` crate after a translation that restores Go's
//! meaning where the crates differ: `\d \w \s \b` are ASCII-only in Go, `\Q…\E` quotes,
//! `\<`/`\>` are plain characters. Go's error texts (`missing closing ): `(``) are
//! rebuilt from the parser's error kind. The iteration rules of `FindAll`, `Split` and
//! `ReplaceAll` (empty matches next to a previous match) and the `$1`/`${name}`
//! expansion of `ReplaceAllString` are ported from Go.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ::regex::Regex;
use regex_syntax::ast::{ErrorKind, parse::Parser};
use tug_template::func::{FuncError, Function, Param};
use tug_value::Value;

use crate::cast::{func, int_arg, str_arg, string};
use crate::strings::strings_value;

const S: Param = Param::String;
const I: Param = Param::Int;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    out.push(func("regexMatch", &[S, S], None, |a| {
        Ok(Value::Bool(
            compile(str_arg(a, 0)).is_ok_and(|r| r.is_match(str_arg(a, 1))),
        ))
    }));
    out.push(func("mustRegexMatch", &[S, S], None, |a| {
        let r = compile(str_arg(a, 0)).map_err(FuncError::msg)?;
        Ok(Value::Bool(r.is_match(str_arg(a, 1))))
    }));
    pair(
        out,
        ["regexFindAll", "mustRegexFindAll"],
        &[S, S, I],
        |r, a| {
            let found = find_all(r, str_arg(a, 1), int_arg(a, 2));
            let s = str_arg(a, 1);
            strings_value(
                found
                    .into_iter()
                    .map(|(x, y)| s[x..y].to_string())
                    .collect(),
            )
        },
    );
    pair(out, ["regexFind", "mustRegexFind"], &[S, S], |r, a| {
        string(r.find(str_arg(a, 1)).map_or("", |m| m.as_str()))
    });
    pair(
        out,
        ["regexReplaceAll", "mustRegexReplaceAll"],
        &[S, S, S],
        |r, a| string(replace_all(r, str_arg(a, 1), str_arg(a, 2), true)),
    );
    pair(
        out,
        ["regexReplaceAllLiteral", "mustRegexReplaceAllLiteral"],
        &[S, S, S],
        |r, a| string(replace_all(r, str_arg(a, 1), str_arg(a, 2), false)),
    );
    pair(out, ["regexSplit", "mustRegexSplit"], &[S, S, I], |r, a| {
        let pattern = str_arg(a, 0);
        strings_value(split(r, pattern, str_arg(a, 1), int_arg(a, 2)))
    });
    out.push(func("regexQuoteMeta", &[S], None, |a| {
        Ok(string(quote_meta(str_arg(a, 0))))
    }));
}

/// Registers a plain function (which panics like `regexp.MustCompile` on a bad
/// pattern) and its `must` twin (which returns the compile error).
fn pair(
    out: &mut Vec<Function>,
    [plain, must]: [&'static str; 2],
    params: &'static [Param],
    f: fn(&Regex, &[Value]) -> Value,
) {
    out.push(func(plain, params, None, move |a| {
        let pattern = str_arg(a, 0);
        let r = compile(pattern)
            .map_err(|e| FuncError::msg(format!("regexp: Compile({}): {e}", backquote(pattern))))?;
        Ok(f(&r, a))
    }));
    out.push(func(must, params, None, move |a| {
        let r = compile(str_arg(a, 0)).map_err(FuncError::msg)?;
        Ok(f(&r, a))
    }));
}

/// Go's `strconv.Quote`-or-backquote choice in `MustCompile` panics (`quote`).
fn backquote(s: &str) -> String {
    if s.contains('`') || s.chars().any(|c| c.is_control()) {
        tug_value::fmt::quote(s)
    } else {
        format!("`{s}`")
    }
}

/// Compiled patterns kept between calls (charts call `regexReplaceAll` in loops).
static CACHE: OnceLock<Mutex<HashMap<String, Result<Regex, String>>>> = OnceLock::new();

/// The most patterns [`CACHE`] holds before it starts over.
const CACHE_ENTRIES: usize = 512;

/// `regexp.Compile` with Go's error text (`error parsing regexp: …`), cached.
pub(crate) fn compile(pattern: &str) -> Result<Regex, String> {
    let cache = CACHE.get_or_init(Mutex::default);
    if let Ok(c) = cache.lock()
        && let Some(hit) = c.get(pattern)
    {
        return hit.clone();
    }
    let compiled = compile_uncached(pattern);
    if let Ok(mut c) = cache.lock() {
        if c.len() >= CACHE_ENTRIES {
            c.clear();
        }
        c.insert(pattern.to_string(), compiled.clone());
    }
    compiled
}

fn compile_uncached(pattern: &str) -> Result<Regex, String> {
    let expanded = go_literals(pattern);
    let pattern = expanded.as_str();
    if let Err(e) = Parser::new().parse(pattern) {
        return Err(go_parse_error(pattern, &e));
    }
    if let Some(e) = check_repeats(pattern) {
        return Err(format!("error parsing regexp: {e}"));
    }
    Regex::new(&translate(pattern)).map_err(|e| format!("error parsing regexp: {e}"))
}

fn go_parse_error(pattern: &str, e: &regex_syntax::ast::Error) -> String {
    let span = e.span();
    let at = &pattern[span.start.offset..span.end.offset.max(span.start.offset)];
    let (code, arg) = match e.kind() {
        ErrorKind::GroupUnclosed => ("missing closing )", pattern.to_string()),
        ErrorKind::GroupUnopened => ("unexpected )", pattern.to_string()),
        ErrorKind::ClassUnclosed => (
            "missing closing ]",
            pattern[span.start.offset..].to_string(),
        ),
        ErrorKind::RepetitionMissing => {
            let op = &pattern[span.start.offset..];
            let len = match op.find('}') {
                Some(i) if op.starts_with('{') => i + 1,
                _ => op.chars().next().map_or(0, char::len_utf8),
            };
            (
                "missing argument to repetition operator",
                op[..len].to_string(),
            )
        }
        ErrorKind::RepetitionCountInvalid | ErrorKind::RepetitionCountUnclosed => {
            ("invalid repeat count", at.to_string())
        }
        ErrorKind::EscapeUnrecognized | ErrorKind::EscapeUnexpectedEof => {
            ("invalid escape sequence", at.to_string())
        }
        ErrorKind::ClassRangeInvalid => ("invalid character class range", at.to_string()),
        ErrorKind::FlagUnrecognized | ErrorKind::GroupNameInvalid => {
            ("invalid or unsupported Perl syntax", at.to_string())
        }
        ErrorKind::GroupNameUnexpectedEof => {
            let open = pattern[..span.start.offset].rfind("(?").unwrap_or(0);
            let group = &pattern[open..];
            if group == "(?<" {
                ("invalid or unsupported Perl syntax", group.to_string())
            } else {
                ("invalid named capture", group.to_string())
            }
        }
        _ => return format!("error parsing regexp: {}", e.kind()),
    };
    format!("error parsing regexp: {code}: `{arg}`")
}

/// Go's repetition checks that the `regex` crate does not make: counts above 1000
/// (`invalid repeat count`) and stacked operators such as `a**` (`invalid nested
/// repetition operator`). Returns Go's error text.
fn check_repeats(pattern: &str) -> Option<String> {
    let b = pattern.as_bytes();
    let mut i = 0;
    // Where the previous repetition operator started and ended.
    let mut last: Option<(usize, usize)> = None;
    while i < b.len() {
        let op_end = match b[i] {
            b'*' | b'+' | b'?' => Some(i + 1),
            b'{' => match repeat_count(&pattern[i..]) {
                Some((len, too_big)) => {
                    if too_big {
                        let text = &pattern[i..i + len];
                        return Some(format!("invalid repeat count: `{text}`"));
                    }
                    Some(i + len)
                }
                None => None,
            },
            _ => None,
        };
        let Some(mut end) = op_end else {
            last = None;
            i = skip_token(b, i);
            continue;
        };
        if b.get(end) == Some(&b'?') {
            end += 1;
        }
        if let Some((start, prev_end)) = last
            && prev_end == i
        {
            let text = &pattern[start..end];
            return Some(format!("invalid nested repetition operator: `{text}`"));
        }
        last = Some((i, end));
        i = end;
    }
    None
}

/// The length of a `{n}`, `{n,}` or `{n,m}` at the start of `s`, and whether a count
/// exceeds 1000; `None` when `{` is a literal.
fn repeat_count(s: &str) -> Option<(usize, bool)> {
    let close = s.find('}')?;
    let inner = &s[1..close];
    let (lo, hi) = match inner.split_once(',') {
        Some((lo, hi)) => (lo, Some(hi)),
        None => (inner, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(lo) || hi.is_some_and(|h| !h.is_empty() && !digits(h)) {
        return None;
    }
    let big = |t: &str| t.len() > 4 || t.parse::<u32>().is_ok_and(|v| v > 1000);
    Some((close + 1, big(lo) || hi.is_some_and(big)))
}

/// The index after the token at `i` that is not a repetition operator: an escape, a
/// whole bracket class, a group opener with its `?` flags marker, or one character.
fn skip_token(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'\\' => (i + 2).min(b.len()),
        b'(' if b.get(i + 1) == Some(&b'?') => i + 2,
        b'[' => {
            let mut j = i + 1;
            if b.get(j) == Some(&b'^') {
                j += 1;
            }
            if b.get(j) == Some(&b']') {
                j += 1;
            }
            while j < b.len() && b[j] != b']' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(b.len())
        }
        _ => i + pattern_char_len(b[i]),
    }
}

fn pattern_char_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Rewrites what Go reads as literal text into escaped text: `\Q…\E` sections (to
/// `\E` or the end), and `{`/`}` outside bracket classes that do not form a repeat
/// count (`${name}`, `{v1}}`), which the `regex` crate would reject.
fn go_literals(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut class_start: Option<usize> = None;
    while i < pattern.len() {
        let rest = &pattern[i..];
        let c = rest.chars().next().unwrap_or('\0');
        match c {
            '\\' => {
                let after = &rest[1..];
                match after.chars().next() {
                    Some('Q') => {
                        let body = &after[1..];
                        let (lit, tail) = body.split_once("\\E").unwrap_or((body, ""));
                        out.push_str(&quote_meta(lit));
                        i = pattern.len() - tail.len();
                        continue;
                    }
                    Some(n) => {
                        out.push('\\');
                        out.push(n);
                        i += 1 + n.len_utf8();
                        continue;
                    }
                    None => out.push('\\'),
                }
            }
            '[' if class_start.is_none() => {
                class_start = Some(i);
                out.push('[');
                i += 1;
                for lead in ['^', ']'] {
                    if pattern[i..].starts_with(lead) {
                        out.push(lead);
                        i += 1;
                    }
                }
                continue;
            }
            '[' if pattern[i..].starts_with("[:") => {
                let len = pattern[i..].find(":]").map_or(2, |j| j + 2);
                out.push_str(&pattern[i..i + len]);
                i += len;
                continue;
            }
            ']' if class_start.is_some() => {
                class_start = None;
                out.push(']');
            }
            '{' if class_start.is_none() => match repeat_count(rest) {
                Some((len, _)) => {
                    out.push_str(&rest[..len]);
                    i += len;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' if class_start.is_none() => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += c.len_utf8();
    }
    out
}

/// Rewrites Go-only syntax for the `regex` crate (see the module docs).
fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match n {
                    'd' => out.push_str("[0-9]"),
                    'D' => out.push_str("[^0-9]"),
                    'w' => out.push_str("[0-9A-Za-z_]"),
                    'W' => out.push_str("[^0-9A-Za-z_]"),
                    's' => out.push_str("[\\t\\n\\f\\r ]"),
                    'S' => out.push_str("[^\\t\\n\\f\\r ]"),
                    'b' if !in_class => out.push_str("(?-u:\\b)"),
                    'B' if !in_class => out.push_str("(?-u:\\B)"),
                    '<' | '>' => out.push(n),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            '[' if in_class && chars.peek() == Some(&':') => {
                out.push(c);
                for p in chars.by_ref() {
                    out.push(p);
                    if p == ']' {
                        break;
                    }
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Go's `allMatches`: successive non-overlapping matches, skipping an empty match
/// that abuts the previous match; `n < 0` means all.
fn find_all(r: &Regex, s: &str, n: i64) -> Vec<(usize, usize)> {
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let mut out = Vec::new();
    let mut pos = 0;
    let mut prev_end: Option<usize> = None;
    while out.len() < limit && pos <= s.len() {
        let Some(m) = r.find_at(s, pos) else {
            break;
        };
        let mut accept = true;
        if m.end() == pos {
            if Some(m.start()) == prev_end {
                accept = false;
            }
            pos += s[pos..].chars().next().map_or(1, char::len_utf8);
        } else {
            pos = m.end();
        }
        prev_end = Some(m.end());
        if accept {
            out.push((m.start(), m.end()));
        }
    }
    out
}

/// Go's `Regexp.Split`.
fn split(r: &Regex, pattern: &str, s: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if !pattern.is_empty() && s.is_empty() {
        return vec![String::new()];
    }
    let matches = find_all(r, s, n);
    let mut parts = Vec::with_capacity(matches.len() + 1);
    let (mut beg, mut end) = (0, 0);
    for (start, stop) in matches {
        if n > 0 && parts.len() as i64 == n - 1 {
            break;
        }
        end = start;
        if stop != 0 {
            parts.push(s[beg..end].to_string());
        }
        beg = stop;
    }
    if end != s.len() {
        parts.push(s[beg..].to_string());
    }
    parts
}

/// Go's `replaceAll` loop; `expand` selects `ReplaceAllString` (with `$` templates)
/// over `ReplaceAllLiteralString`.
fn replace_all(r: &Regex, src: &str, repl: &str, expand: bool) -> String {
    let mut buf = String::with_capacity(src.len());
    let mut last_end = 0;
    let mut search = 0;
    while search <= src.len() {
        let Some(caps) = r.captures_at(src, search) else {
            break;
        };
        let Some(m) = caps.get(0) else {
            break;
        };
        buf.push_str(&src[last_end..m.start()]);
        if m.end() > last_end || m.start() == 0 {
            if expand {
                expand_template(r, &caps, repl, &mut buf);
            } else {
                buf.push_str(repl);
            }
        }
        last_end = m.end();
        let width = src[search..].chars().next().map_or(0, char::len_utf8);
        if search + width > m.end() {
            search += width;
        } else if search + 1 > m.end() {
            search += 1;
        } else {
            search = m.end();
        }
    }
    buf.push_str(&src[last_end..]);
    buf
}

/// Go's `Regexp.Expand`: `$$`, `$name`, `${name}`, numbers or group names; unknown
/// groups expand to nothing, a malformed `$` stays literal.
fn expand_template(r: &Regex, caps: &::regex::Captures<'_>, template: &str, buf: &mut String) {
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        buf.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.len() > 1 && rest.as_bytes()[1] == b'$' {
            buf.push('$');
            rest = &rest[2..];
            continue;
        }
        let Some((name, tail)) = extract_name(rest) else {
            buf.push('$');
            rest = &rest[1..];
            continue;
        };
        rest = tail;
        let group = if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
            name.parse::<usize>().ok().and_then(|n| caps.get(n))
        } else {
            r.capture_names()
                .position(|n| n == Some(name))
                .and_then(|i| caps.get(i))
        };
        if let Some(g) = group {
            buf.push_str(g.as_str());
        }
    }
    buf.push_str(rest);
}

/// Go's `extract`: the name after `$` (braced or the longest run of word characters).
fn extract_name(s: &str) -> Option<(&str, &str)> {
    let body = &s[1..];
    let (braced, body) = match body.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let len = body
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(body.len(), |(i, _)| i);
    if len == 0 {
        return None;
    }
    let name = &body[..len];
    if braced {
        body[len..].strip_prefix('}').map(|tail| (name, tail))
    } else {
        Some((name, &body[len..]))
    }
}

/// Go's `regexp.QuoteMeta`.
fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(p: &str) -> Regex {
        compile(p).unwrap()
    }

    #[test]
    fn classes_are_ascii() {
        assert!(!re("\\d").is_match("١"));
        assert!(!re("\\w+").is_match("é"));
        assert!(re("[\\d.]").is_match("."));
        assert!(re("\\Qa.b\\E+").is_match("a.bb"));
        assert!(!re("\\Qa.b").is_match("axb"));
        assert!(re("\\$\\{[a-z]+}").is_match("${abc}"));
        assert!(re("\\$(?:x)?{[^}]+}").is_match("${abc}"));
        assert!(re("a{2}").is_match("aa"));
        assert!(re("[{}]").is_match("}"));
    }

    #[test]
    fn errors_use_go_wording() {
        assert_eq!(
            compile("(").unwrap_err(),
            "error parsing regexp: missing closing ): `(`"
        );
        assert_eq!(
            compile("a{1001}").unwrap_err(),
            "error parsing regexp: invalid repeat count: `{1001}`"
        );
        assert_eq!(
            compile("a**").unwrap_err(),
            "error parsing regexp: invalid nested repetition operator: `**`"
        );
        assert!(compile("a*?b+?c{2}?").is_ok());
        assert_eq!(
            compile("*").unwrap_err(),
            "error parsing regexp: missing argument to repetition operator: `*`"
        );
    }

    #[test]
    fn iteration_follows_go() {
        let r = re("a*");
        let found: Vec<_> = find_all(&r, "baaab", -1);
        assert_eq!(found, [(0, 0), (1, 4), (5, 5)]);
        assert_eq!(split(&re("a*"), "a*", "baaac", -1), ["b", "c"]);
        assert_eq!(split(&re(""), "", "abc", -1), ["a", "b", "c"]);
        assert_eq!(replace_all(&re(""), "abc", "-", true), "-a-b-c-");
    }

    #[test]
    fn expansion_follows_go() {
        let r = re("a(x*)b");
        assert_eq!(replace_all(&r, "-ab-axxb-", "${1}W", true), "-W-xxW-");
        assert_eq!(replace_all(&r, "-ab-axxb-", "$1W", true), "---");
        assert_eq!(replace_all(&re("a(b)"), "ab", "$2|$x|${1", true), "||${1");
        assert_eq!(replace_all(&re("a"), "aaa", "$$", true), "$$$");
    }
}
