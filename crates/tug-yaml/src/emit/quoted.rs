//! Where go-yaml v2 and libyaml 0.2.5 (libyaml-safer) disagree, we write the scalar
//! ourselves: go-yaml's `is_printable` rejects every 4-byte UTF-8 sequence, so any text
//! with a character above U+FFFF becomes a double-quoted scalar with `\UXXXXXXXX`
//! escapes, folded at width 80 as go-yaml's `write_double_quoted` does. The emitter gets
//! a placeholder of the same width that is swapped for our rendering afterwards.
//!
//! Also here: what the JSON round trip does to text before go-yaml reads it back
//! (characters its reader refuses, and NEL folding inside a double-quoted scalar).

use crate::Error;

/// Placeholder delimiters (private use, plane 16; any text holding them is itself routed
/// through the placeholder path, so they never collide).
const OPEN: char = '\u{10FFFD}';
const PAD: char = '\u{10FFFC}';
const BEST_WIDTH: usize = 80;

/// Whether go-yaml v2 must escape characters libyaml-safer would print raw.
pub(crate) fn needs_own_writer(s: &str) -> bool {
    s.chars().any(|c| c as u32 > 0xFFFF)
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A value go-yaml single-quotes and that ends in a line break: libyaml 0.2.5 indents
/// before the closing quote, go-yaml v2 does not. (No `\n`, which asks for a literal
/// block; no space next to a break or unprintable character, which force double quotes.)
pub(crate) fn needs_own_single(s: &str) -> bool {
    let Some(last) = s.chars().last() else {
        return false;
    };
    if !is_break(last) || s.contains('\n') {
        return false;
    }
    let chars: Vec<char> = s.chars().collect();
    let space_next_to_break = chars
        .windows(2)
        .any(|w| (w[0] == ' ' && is_break(w[1])) || (is_break(w[0]) && w[1] == ' '));
    !space_next_to_break
        && chars
            .iter()
            .all(|&c| escape(c).is_none() || matches!(c, '\u{2028}' | '\u{2029}' | '"' | '\\'))
}

/// go-yaml v2's `write_single_quoted` starting at `column`.
pub(crate) fn single_quoted(s: &str, column: usize, indent: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::from("'");
    let mut col = column + 1;
    let (mut spaces, mut breaks) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let fold = !spaces
                && col > BEST_WIDTH
                && i != 0
                && i != chars.len() - 1
                && chars.get(i + 1) != Some(&' ');
            if fold {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
            } else {
                out.push(' ');
                col += 1;
            }
            spaces = true;
        } else if is_break(c) {
            out.push(c);
            col = 0;
            breaks = true;
        } else {
            if breaks {
                out.push_str(&" ".repeat(indent.saturating_sub(col)));
                col = col.max(indent);
            }
            if c == '\'' {
                out.push('\'');
                col += 1;
            }
            out.push(c);
            col += 1;
            spaces = false;
            breaks = false;
        }
    }
    out.push('\'');
    out
}

/// go-yaml's escape for a character `write_double_quoted` cannot print, if any.
fn escape(c: char) -> Option<String> {
    let code = c as u32;
    let printable = c == '\n'
        || (0x20..=0x7E).contains(&code)
        || (0xA0..=0xD7FF).contains(&code)
        || ((0xE000..=0xFFFD).contains(&code) && code != 0xFEFF);
    let is_break = matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}');
    if printable && !is_break && c != '"' && c != '\\' {
        return None;
    }
    Some(match c {
        '\0' => "\\0".into(),
        '\u{7}' => "\\a".into(),
        '\u{8}' => "\\b".into(),
        '\t' => "\\t".into(),
        '\n' => "\\n".into(),
        '\u{b}' => "\\v".into(),
        '\u{c}' => "\\f".into(),
        '\r' => "\\r".into(),
        '\u{1b}' => "\\e".into(),
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        '\u{85}' => "\\N".into(),
        '\u{a0}' => "\\_".into(),
        '\u{2028}' => "\\L".into(),
        '\u{2029}' => "\\P".into(),
        _ if code <= 0xFF => format!("\\x{code:02X}"),
        c if code <= 0xFFFF => format!("\\u{:04X}", c as u32),
        c => format!("\\U{:08X}", c as u32),
    })
}

/// go-yaml v2's `write_double_quoted` starting at `column`, continuation lines at
/// `indent`.
pub(crate) fn double_quoted(s: &str, column: usize, indent: usize, allow_breaks: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::from("\"");
    let mut col = column + 1;
    let mut spaces = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(esc) = escape(c) {
            col += esc.chars().count();
            out.push_str(&esc);
            spaces = false;
        } else if c == ' ' {
            if allow_breaks && !spaces && col > BEST_WIDTH && i != 0 && i != chars.len() - 1 {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
                if chars.get(i + 1) == Some(&' ') {
                    out.push('\\');
                    col += 1;
                }
            } else {
                out.push(' ');
                col += 1;
            }
            spaces = true;
        } else {
            out.push(c);
            col += 1;
            spaces = false;
        }
        i += 1;
    }
    out.push('"');
    out
}

/// A placeholder for scalar number `id` that is `width` characters wide between its
/// quotes (at least the marker and the digits).
pub(crate) fn placeholder(id: usize, width: usize) -> String {
    let mut p = format!("{OPEN}{id}");
    while p.chars().count() < width {
        p.push(PAD);
    }
    p
}

/// Swaps every `"placeholder"` in `out` for `render(id, column)`.
pub(crate) fn replace_placeholders(out: &str, render: impl Fn(usize, usize) -> String) -> String {
    let mut result = String::with_capacity(out.len());
    let mut rest = out;
    while let Some(pos) = rest.find(OPEN) {
        // The emitter's opening quote sits right before the marker.
        let quote_at = rest[..pos].rfind(['"', '\'']).unwrap_or(pos);
        result.push_str(&rest[..quote_at]);
        let line_start = result.rfind('\n').map_or(0, |i| i + 1);
        let column = result[line_start..].chars().count();
        let after = &rest[pos + OPEN.len_utf8()..];
        let digits_end = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let id: usize = after[..digits_end].parse().unwrap_or(0);
        let tail = after[digits_end..].trim_start_matches(PAD);
        let tail = tail.strip_prefix(['"', '\'']).unwrap_or(tail);
        result.push_str(&render(id, column));
        rest = tail;
    }
    result.push_str(rest);
    result
}

/// What text looks like after `encoding/json` wrote it and go-yaml read it back from a
/// double-quoted scalar: characters the YAML reader refuses are an error, and raw NEL
/// (the one line break JSON leaves unescaped) folds like any flow line break.
pub(crate) fn json_round_trip(s: &str) -> Result<Option<String>, Error> {
    let bad = |c: char| {
        let v = c as u32;
        v == 0x7F || ((0x80..=0x9F).contains(&v) && v != 0x85) || v == 0xFFFE || v == 0xFFFF
    };
    if s.chars().any(bad) {
        return Err(Error::Yaml(
            "yaml: control characters are not allowed".into(),
        ));
    }
    if !s.contains('\u{85}') {
        return Ok(None);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{85}' {
            out.push(c);
            continue;
        }
        while out.ends_with(' ') {
            out.pop();
        }
        let mut breaks = 0;
        while let Some(&n) = chars.peek() {
            match n {
                ' ' => {}
                '\u{85}' => breaks += 1,
                _ => break,
            }
            chars.next();
        }
        if breaks == 0 {
            out.push(' ');
        } else {
            out.push_str(&"\n".repeat(breaks));
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_astral_characters() {
        assert_eq!(double_quoted("😀 hi", 3, 2, true), "\"\\U0001F600 hi\"");
    }

    #[test]
    fn folds_at_width() {
        let s = ["😀"; 12].join(" ");
        let out = double_quoted(&s, 3, 2, true);
        assert!(out.contains("\n  "), "{out}");
    }

    #[test]
    fn single_quoted_trailing_break_has_no_indent() {
        assert!(needs_own_single("x\u{2028}"));
        assert!(!needs_own_single("x \u{2028}"));
        assert_eq!(single_quoted("\u{2028}", 3, 2), "'\u{2028}'");
        assert_eq!(single_quoted("a\u{2028}b", 3, 2), "'a\u{2028}  b'");
    }

    #[test]
    fn nel_folds() {
        assert_eq!(
            json_round_trip("x\u{85}y").ok().flatten().as_deref(),
            Some("x y")
        );
        assert_eq!(
            json_round_trip("x \u{85}\u{85} y")
                .ok()
                .flatten()
                .as_deref(),
            Some("x\ny")
        );
        assert!(json_round_trip("\u{7f}").is_err());
    }
}
