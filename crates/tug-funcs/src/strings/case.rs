//! Case conversions behind Sprig's `snakecase`, `kebabcase` and `camelcase`: the word
//! splitting rules of huandu/xstrings v1.5 (`ToSnakeCase`, `ToKebabCase`,
//! `ToPascalCase`, which Sprig exposes as `camelcase`).

use super::unicode::{is_number, is_punct, is_space, is_upper, to_lower, to_upper};

/// Go's `utf8.RuneError`; a literal U+FFFD decodes like an invalid byte.
const RUNE_ERROR: char = '\u{FFFD}';

#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Invalid,
    Number,
    Upper,
    Alphabet,
    Connector,
    Punct,
    Other,
}

fn is_connector(r: char) -> bool {
    r == '-' || r == '_' || is_space(r)
}

fn is_alphabet(r: char) -> bool {
    r.is_ascii_alphabetic()
}

fn decode(s: &str) -> (char, usize) {
    s.chars()
        .next()
        .map_or((RUNE_ERROR, 0), |c| (c, c.len_utf8()))
}

fn next_valid_rune(s: &str, prev: char) -> (char, usize) {
    let mut size = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let (r, sz) = decode(rest);
        size += sz;
        if r != RUNE_ERROR {
            return (r, size);
        }
        rest = &rest[sz..];
    }
    (prev, size)
}

/// Consumes runes while `keep` holds; returns the new offset.
fn take_while(s: &str, mut offset: usize, mut r: char, keep: impl Fn(char) -> bool) -> usize {
    while offset < s.len() {
        let (next, size) = next_valid_rune(&s[offset..], r);
        r = next;
        if !keep(r) {
            break;
        }
        offset += size;
    }
    offset
}

/// xstrings' `nextWord`: the kind of the next word, the word, and the rest.
fn next_word(s: &str) -> (Word, &str, &str) {
    if s.is_empty() {
        return (Word::Invalid, "", "");
    }
    let (r, size) = next_valid_rune(s, RUNE_ERROR);
    if r == RUNE_ERROR {
        return (Word::Invalid, &s[..size], &s[size..]);
    }
    let (wt, offset) = if is_connector(r) {
        (Word::Connector, take_while(s, size, r, is_connector))
    } else if is_punct(r) {
        (Word::Punct, take_while(s, size, r, is_punct))
    } else if is_upper(r) {
        (Word::Upper, upper_word(s, size, r))
    } else if is_alphabet(r) {
        let keep = |c: char| is_alphabet(c) && !is_upper(c);
        (Word::Alphabet, take_while(s, size, r, keep))
    } else if is_number(r) {
        (Word::Number, take_while(s, size, r, is_number))
    } else {
        let stop = |c: char| is_connector(c) || is_alphabet(c) || is_number(c) || is_punct(c);
        (Word::Other, take_while(s, size, r, |c| !stop(c)))
    };
    (wt, &s[..offset], &s[offset..])
}

/// The end of a word starting with an upper-case rune: `HTTPServer` splits into
/// `HTTP` and `Server`, `Server` stays whole.
fn upper_word(s: &str, mut offset: usize, r: char) -> usize {
    if offset >= s.len() {
        return offset;
    }
    let (mut r, size) = next_valid_rune(&s[offset..], r);
    if is_upper(r) {
        let mut prev_size = size;
        offset += size;
        while offset < s.len() {
            let (next, size) = next_valid_rune(&s[offset..], r);
            r = next;
            if !is_upper(r) {
                break;
            }
            prev_size = size;
            offset += size;
        }
        if offset < s.len() && is_alphabet(r) {
            offset -= prev_size;
        }
        offset
    } else if is_alphabet(r) {
        take_while(s, offset + size, r, |c| is_alphabet(c) && !is_upper(c))
    } else {
        offset
    }
}

fn write_lower(buf: &mut String, wt: Word, s: &str, connector: char) {
    if wt != Word::Upper && wt != Word::Connector {
        buf.push_str(s);
        return;
    }
    for r in s.chars() {
        if is_connector(r) {
            buf.push(connector);
        } else if is_upper(r) {
            buf.push(to_lower(r));
        } else {
            buf.push(r);
        }
    }
}

/// xstrings' `camelCaseToLowerCase`: `snakecase` with `_`, `kebabcase` with `-`.
pub(crate) fn camel_to_lower(s: &str, connector: char) -> String {
    let mut buf = String::with_capacity(s.len() + 4);
    let (mut wt, mut word, mut rest) = next_word(s);
    while !rest.is_empty() {
        if wt != Word::Connector {
            write_lower(&mut buf, wt, word, connector);
        }
        let prev = wt;
        let last = word;
        (wt, word, rest) = next_word(rest);
        match prev {
            Word::Number => {
                while wt == Word::Alphabet || wt == Word::Number {
                    write_lower(&mut buf, wt, word, connector);
                    (wt, word, rest) = next_word(rest);
                }
                if !matches!(wt, Word::Invalid | Word::Punct | Word::Connector) {
                    buf.push(connector);
                }
            }
            Word::Connector => write_lower(&mut buf, prev, last, connector),
            Word::Punct => {}
            _ => {
                if wt != Word::Number {
                    if wt != Word::Connector && wt != Word::Punct {
                        buf.push(connector);
                    }
                    continue;
                }
                if rest.is_empty() {
                    continue;
                }
                let number = word;
                (wt, word, rest) = next_word(rest);
                if wt != Word::Alphabet {
                    write_lower(&mut buf, Word::Number, number, connector);
                    if wt != Word::Connector && wt != Word::Punct {
                        buf.push(connector);
                    }
                    continue;
                }
                buf.push(connector);
                write_lower(&mut buf, Word::Number, number, connector);
                while wt == Word::Alphabet || wt == Word::Number {
                    write_lower(&mut buf, wt, word, connector);
                    (wt, word, rest) = next_word(rest);
                }
                if !matches!(wt, Word::Invalid | Word::Connector | Word::Punct) {
                    buf.push(connector);
                }
            }
        }
    }
    write_lower(&mut buf, wt, word, connector);
    buf
}

/// xstrings' `toCamelCase(s, true)` (`ToPascalCase`), Sprig's `camelcase`.
pub(crate) fn pascal_case(s: &str) -> String {
    let mut buf = String::with_capacity(s.len());
    let mut chars = s.chars();
    let mut first_upper = false;
    let mut r0 = RUNE_ERROR;
    let mut size = 0;
    for c in chars.by_ref() {
        size = c.len_utf8();
        r0 = c;
        if !is_connector(c) {
            first_upper = is_upper(c);
            r0 = to_upper(c);
            break;
        }
        buf.push(c);
    }
    let rest: Vec<char> = chars.collect();
    if rest.is_empty() {
        // Go writes the last rune again even when it was a connector ("_" → "__").
        if size != 0 {
            buf.push(r0);
        }
        return buf;
    }
    for r in rest {
        let r1 = r0;
        r0 = r;
        if is_connector(r0) && is_connector(r1) {
            buf.push(r1);
            continue;
        }
        if is_connector(r1) {
            first_upper = is_upper(r0);
            r0 = to_upper(r0);
        } else {
            if first_upper {
                if is_upper(r0) {
                    r0 = to_lower(r0);
                } else {
                    first_upper = false;
                }
            }
            buf.push(r1);
        }
    }
    buf.push(r0);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_samples() {
        for (input, want) in [
            ("FirstName", "first_name"),
            ("HTTPServer", "http_server"),
            ("NoHTTPS", "no_https"),
            ("GO_PATH", "go_path"),
            ("GO PATH", "go_path"),
            ("http2xx", "http_2xx"),
            ("HTTP20xOK", "http_20x_ok"),
            ("Duration2m3s", "duration_2m3s"),
            ("Bld4Floor3rd", "bld4_floor_3rd"),
            ("a.b:c  d__e", "a.b:c__d__e"),
            ("_private Key-", "_private_key_"),
        ] {
            assert_eq!(camel_to_lower(input, '_'), want, "{input}");
        }
        assert_eq!(camel_to_lower("HTTPServer", '-'), "http-server");
    }

    #[test]
    fn pascal_case_samples() {
        for (input, want) in [
            ("http_server", "HttpServer"),
            ("some words", "SomeWords"),
            ("_complex__case_", "_Complex_Case_"),
            ("GOLANG_IS_GREAT", "GolangIsGreat"),
            ("a", "A"),
            ("", ""),
        ] {
            assert_eq!(pascal_case(input), want, "{input}");
        }
    }
}
