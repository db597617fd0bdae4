//! `strconv.Quote` and friends: Go string and rune literals.
//!
//! Printable characters (Go's `strconv.IsPrint`: Unicode categories L, M, N, P, S and
//! the ASCII space) are kept; `\a \b \f \n \r \t \v`, `\\` and the quote are escaped
//! by name; other control bytes become `\x1b`, other non-printables `\u00a0` or
//! `\U000e0001`. The `*_to_ascii` variants escape everything outside ASCII.

use super::print_table::PRINTABLE;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `strconv.IsPrint`.
pub fn is_print(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x80 {
        return (0x20..0x7f).contains(&cp);
    }
    PRINTABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `strconv.Quote`: a double-quoted Go string literal.
pub fn quote(s: &str) -> String {
    quote_with(s, '"', false)
}

/// `strconv.QuoteToASCII`: like [`quote`] with every non-ASCII character escaped.
pub fn quote_to_ascii(s: &str) -> String {
    quote_with(s, '"', true)
}

/// `strconv.QuoteRune`: a single-quoted Go rune literal. Code points that are not valid
/// runes (surrogates, beyond U+10FFFF) are quoted as U+FFFD, as Go does.
pub fn quote_rune(r: u32) -> String {
    quote_rune_with(r, false)
}

/// `strconv.QuoteRuneToASCII`.
pub fn quote_rune_to_ascii(r: u32) -> String {
    quote_rune_with(r, true)
}

fn quote_rune_with(r: u32, ascii_only: bool) -> String {
    let c = char::from_u32(r).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut out = String::from('\'');
    escape_char(&mut out, c, '\'', ascii_only);
    out.push('\'');
    out
}

/// `strconv.CanBackquote`: whether `s` can be written as a raw string literal.
pub fn can_backquote(s: &str) -> bool {
    s.chars()
        .all(|c| c != '`' && c != '\u{FEFF}' && (c == '\t' || !(c < ' ' || c == '\u{7f}')))
}

fn quote_with(s: &str, q: char, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        escape_char(&mut out, c, q, ascii_only);
    }
    out.push(q);
    out
}

/// Quotes bytes that may not be UTF-8: invalid bytes become `\xff`.
pub(super) fn quote_bytes(b: &[u8], ascii_only: bool) -> String {
    let mut out = String::from('"');
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            escape_char(&mut out, c, '"', ascii_only);
        }
        for &byte in chunk.invalid() {
            push_hex(&mut out, "\\x", u32::from(byte), 2);
        }
    }
    out.push('"');
    out
}

fn push_hex(out: &mut String, prefix: &str, v: u32, width: u32) {
    out.push_str(prefix);
    for i in (0..width).rev() {
        out.push(char::from(HEX[((v >> (4 * i)) & 15) as usize]));
    }
}

fn escape_char(out: &mut String, c: char, q: char, ascii_only: bool) {
    if c == q || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    let keep = if ascii_only {
        c.is_ascii() && is_print(c)
    } else {
        is_print(c)
    };
    if keep {
        out.push(c);
        return;
    }
    let named = match c {
        '\u{7}' => "\\a",
        '\u{8}' => "\\b",
        '\u{c}' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u{b}' => "\\v",
        _ => "",
    };
    if !named.is_empty() {
        out.push_str(named);
        return;
    }
    let cp = u32::from(c);
    if cp < 0x20 || cp == 0x7f {
        push_hex(out, "\\x", cp, 2);
    } else if cp < 0x10000 {
        push_hex(out, "\\u", cp, 4);
    } else {
        push_hex(out, "\\U", cp, 8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(quote("a\"b\\c\n\t\u{0}"), r#""a\"b\\c\n\t\x00""#);
        assert_eq!(quote("héllo 日本 😀"), "\"héllo 日本 😀\"");
        assert_eq!(
            quote("\u{a0}\u{200b}\u{feff}\u{e0001}"),
            r#""\u00a0\u200b\ufeff\U000e0001""#
        );
        assert_eq!(quote_to_ascii("é😀"), r#""\u00e9\U0001f600""#);
        assert_eq!(quote_bytes(b"a\xffb", false), r#""a\xffb""#);
    }

    #[test]
    fn quotes_runes_like_go() {
        assert_eq!(quote_rune(u32::from('\'')), r"'\''");
        assert_eq!(quote_rune(u32::from('"')), "'\"'");
        assert_eq!(quote_rune(0xD800), "'\u{FFFD}'");
        assert_eq!(quote_rune(0x110000), "'\u{FFFD}'");
        assert_eq!(quote_rune_to_ascii(0x263A), r"'\u263a'");
    }

    #[test]
    fn printability_follows_go() {
        assert!(is_print(' ') && is_print('é') && is_print('日') && is_print('\u{301}'));
        assert!(!is_print('\u{a0}') && !is_print('\u{ad}') && !is_print('\u{3000}'));
        assert!(!is_print('\u{378}') && !is_print('\u{e000}') && !is_print('\u{7f}'));
        assert!(can_backquote("a\tb") && !can_backquote("a`b") && !can_backquote("a\nb"));
    }
}
