//! `toYamlPretty`: go-yaml v3's encoder with `SetIndent(2)` and no JSON round trip.
//!
//! Differences from `toYaml` that show: numbers keep their Go type (float64 prints with
//! `%g`: `1e+06`, `100`), sequences are indented under their key, there is no line
//! folding (v3's width is unlimited), and keys sort with v3's rule (a letter sorts
//! before a non-letter when the previous equal rune was a digit). Scalar styles follow
//! libyaml's `analyze_scalar`/`select_scalar_style`, ported here.

use tug_value::{Str, Value};

use super::quoted;
use crate::Error;
use crate::gofloat::format_g;
use crate::load::resolve::{self, STR_TAG};

const INDENT: usize = 2;

/// go-yaml v3 `Encoder` with indent 2 (Helm's `toYamlPretty`). Ends with `"\n"`.
pub(crate) fn to_string_pretty(v: &Value) -> Result<String, Error> {
    let mut p = Pretty { out: String::new() };
    p.node(v, 0, Ctx::Top, 0)?;
    if !p.out.ends_with('\n') {
        p.out.push('\n');
    }
    Ok(p.out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Top,
    MapValue,
    SeqItem,
}

struct Pretty {
    out: String,
}

/// v3's `keyList.Less` for string keys.
fn v3_less(a: &str, b: &str) -> bool {
    super::sort::less_with(a, b, true)
}

fn sorted(entries: Vec<(Str, Value)>) -> Vec<(Str, Value)> {
    let mut e = entries;
    e.sort_by(|a, b| {
        if v3_less(&a.0, &b.0) {
            std::cmp::Ordering::Less
        } else if v3_less(&b.0, &a.0) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    e
}

/// A collection's content: sorted map entries (`Ok`) or list items (`Err`).
type Content = Result<Vec<(Str, Value)>, Vec<Value>>;

fn collection(v: &Value) -> Option<Content> {
    if let Some(m) = v.as_map() {
        return Some(Ok(sorted(m.entries())));
    }
    v.as_list().map(|l| Err(l.items().to_vec()))
}

impl Pretty {
    /// Starts a new line at `indent` (libyaml's `write_indent`).
    fn line(&mut self, indent: usize) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&" ".repeat(indent));
    }

    fn node(&mut self, v: &Value, indent: usize, ctx: Ctx, depth: usize) -> Result<(), Error> {
        if depth > crate::load::compose::MAX_DEPTH {
            return Err(Error::Yaml("yaml: value nested too deeply".into()));
        }
        match collection(v) {
            Some(Ok(entries)) if !entries.is_empty() => {
                let me = if ctx == Ctx::Top { 0 } else { indent + INDENT };
                for (i, (k, x)) in entries.iter().enumerate() {
                    if i > 0 || ctx != Ctx::SeqItem {
                        self.line(me);
                    }
                    self.entry(k, x, me, depth)?;
                }
            }
            Some(Err(items)) if !items.is_empty() => {
                let me = if ctx == Ctx::Top { 0 } else { indent + INDENT };
                for (i, x) in items.iter().enumerate() {
                    if i > 0 || ctx != Ctx::SeqItem {
                        self.line(me);
                    }
                    self.out.push_str("- ");
                    self.node(x, me, Ctx::SeqItem, depth + 1)?;
                }
            }
            Some(Ok(_)) => self.out.push_str("{}"),
            Some(Err(_)) => self.out.push_str("[]"),
            None => {
                let at = if ctx == Ctx::Top {
                    INDENT
                } else {
                    indent + INDENT
                };
                let text = scalar(v, false, self.column(), at);
                self.out.push_str(&text);
            }
        }
        Ok(())
    }

    fn column(&self) -> usize {
        let start = self.out.rfind('\n').map_or(0, |i| i + 1);
        self.out[start..].chars().count()
    }

    fn entry(&mut self, k: &Str, x: &Value, indent: usize, depth: usize) -> Result<(), Error> {
        let key = Value::String(k.clone());
        let simple = k.len() <= 128 && !k.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']);
        if simple {
            let text = scalar(&key, true, self.column(), indent + INDENT);
            self.out.push_str(&text);
            self.out.push(':');
        } else {
            self.out.push_str("? ");
            let text = scalar(&key, false, self.column(), indent + INDENT);
            self.out.push_str(&text);
            self.line(indent);
            self.out.push(':');
        }
        match collection(x) {
            Some(Ok(e)) if !e.is_empty() => self.node(x, indent, Ctx::MapValue, depth + 1),
            Some(Err(l)) if !l.is_empty() => self.node(x, indent, Ctx::MapValue, depth + 1),
            _ => {
                self.out.push(' ');
                self.node(x, indent, Ctx::MapValue, depth + 1)
            }
        }
    }
}

/// The text of a scalar at `column`, continuation lines at `indent`.
fn scalar(v: &Value, key: bool, column: usize, indent: usize) -> String {
    let s = match v {
        Value::Nil => return "null".into(),
        Value::Bool(b) => return b.to_string(),
        Value::Int(i) | Value::Int64(i) => return i.to_string(),
        Value::Uint(u) => return u.to_string(),
        Value::Float(f) => {
            return match format_g(*f, 64).as_str() {
                "+Inf" => ".inf".into(),
                "-Inf" => "-.inf".into(),
                "NaN" => ".nan".into(),
                s => s.into(),
            };
        }
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => tug_value::fmt::format_value(other),
    };
    let can_plain = matches!(resolve::resolve("", &s), Ok((STR_TAG, _)))
        && !resolve::is_base60_float(&s)
        && !is_old_bool(&s);
    let requested = if s.contains('\n') {
        Style::Literal
    } else if can_plain {
        Style::Plain
    } else {
        Style::Double
    };
    match select(&s, requested, key) {
        Style::Plain => s,
        Style::Single => single(&s, indent),
        Style::Double => quoted::double_quoted(&s, column, indent, false),
        Style::Literal => literal(&s, indent),
    }
}

fn is_old_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "off"
            | "Off"
            | "OFF"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_printable(c: char) -> bool {
    let v = c as u32;
    c == '\n'
        || (0x20..=0x7E).contains(&v)
        || (0xA0..=0xD7FF).contains(&v)
        || ((0xE000..=0xFFFD).contains(&v) && v != 0xFEFF)
}

/// What libyaml's `analyze_scalar` allows, in block context.
struct Analysis {
    multiline: bool,
    block_plain: bool,
    single: bool,
    block: bool,
}

fn analyze(s: &str) -> Analysis {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return Analysis {
            multiline: false,
            block_plain: true,
            single: true,
            block: false,
        };
    }
    let mut block_ind = s.starts_with("---") || s.starts_with("...");
    let (mut lead_sp, mut lead_br, mut trail_sp, mut trail_br) = (false, false, false, false);
    let (mut break_space, mut space_break, mut special, mut line_breaks) =
        (false, false, false, false);
    let (mut prev_space, mut prev_break, mut tabs) = (false, false, false);
    let blankz =
        |c: Option<&char>| c.is_none_or(|&c| c == ' ' || c == '\t' || is_break(c) || c == '\0');
    let mut preceded_ws = true;
    for (i, &c) in chars.iter().enumerate() {
        let followed_ws = blankz(chars.get(i + 1));
        let (first, last) = (i == 0, i == chars.len() - 1);
        if first {
            if "#,[]{}&*!|>'\"%@`".contains(c) || (matches!(c, '?' | ':' | '-') && followed_ws) {
                block_ind = true;
            }
        } else if (c == ':' && followed_ws) || (c == '#' && preceded_ws) {
            block_ind = true;
        }
        if c == '\t' {
            tabs = true;
        } else if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            lead_sp |= first;
            trail_sp |= last;
            break_space |= prev_break;
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            lead_br |= first;
            trail_br |= last;
            space_break |= prev_space;
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_ws = blankz(Some(&c));
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain: true,
        single: true,
        block: true,
    };
    if lead_sp || lead_br || trail_sp || trail_br {
        a.block_plain = false;
    }
    if trail_sp {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single = false;
    }
    // v3 lets tabs into literal blocks but not into plain or single-quoted text.
    if space_break || tabs || special {
        a.block_plain = false;
        a.single = false;
    }
    if space_break || special {
        a.block = false;
    }
    if line_breaks || block_ind {
        a.block_plain = false;
    }
    a
}

fn select(s: &str, requested: Style, key: bool) -> Style {
    let a = analyze(s);
    let mut style = requested;
    if key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && (!a.block_plain || (s.is_empty() && key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block || key) {
        style = Style::Double;
    }
    style
}

fn single(s: &str, indent: usize) -> String {
    let mut out = String::from("'");
    let mut breaks = false;
    for c in s.chars() {
        if is_break(c) {
            out.push(c);
            breaks = true;
        } else {
            if breaks {
                out.push_str(&" ".repeat(indent));
                breaks = false;
            }
            if c == '\'' {
                out.push('\'');
            }
            out.push(c);
        }
    }
    out.push('\'');
    out
}

fn literal(s: &str, indent: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::from("|");
    if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
        out.push_str(&INDENT.to_string());
    }
    match chars.last() {
        Some(&c) if !is_break(c) => out.push('-'),
        Some(_) if chars.len() == 1 => out.push('+'),
        Some(_) if is_break(chars[chars.len() - 2]) => out.push('+'),
        _ => {}
    }
    out.push('\n');
    let mut breaks = true;
    for c in chars {
        if is_break(c) {
            out.push(c);
            breaks = true;
        } else {
            if breaks {
                out.push_str(&" ".repeat(indent));
            }
            out.push(c);
            breaks = false;
        }
    }
    out
}
