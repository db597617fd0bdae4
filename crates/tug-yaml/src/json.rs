//! Go's `encoding/json` as Sprig's `toJson`, `toRawJson`, `toPrettyJson` and `fromJson`
//! see it: sorted keys, HTML-safe escaping on request, U+2028/2029 always escaped, Go's
//! float layout, `[]byte` as base64, and Go's syntax error texts when decoding.

use std::collections::BTreeMap;

use base64::Engine as _;
use tug_value::{List, Map, Str, Value};

use crate::Error;
use crate::gofloat::format_json;

/// `json.Marshal` (with `escape_html`, as `toJson`) or an encoder with
/// `SetEscapeHTML(false)` minus the trailing newline (as `toRawJson`).
pub fn to_string(v: &Value, escape_html: bool) -> Result<String, Error> {
    let mut w = Writer {
        out: String::new(),
        escape_html,
        indent: None,
    };
    w.value(v, 0)?;
    Ok(w.out)
}

/// `json.MarshalIndent(v, "", "  ")` (as `toPrettyJson`).
pub fn to_string_pretty(v: &Value, escape_html: bool) -> Result<String, Error> {
    let mut w = Writer {
        out: String::new(),
        escape_html,
        indent: Some("  "),
    };
    w.value(v, 0)?;
    Ok(w.out)
}

struct Writer {
    out: String,
    escape_html: bool,
    indent: Option<&'static str>,
}

impl Writer {
    fn newline(&mut self, depth: usize) {
        if let Some(ind) = self.indent {
            self.out.push('\n');
            for _ in 0..depth {
                self.out.push_str(ind);
            }
        }
    }

    fn value(&mut self, v: &Value, depth: usize) -> Result<(), Error> {
        if depth > crate::load::compose::MAX_DEPTH {
            return Err(Error::Json(
                "json: unsupported value: encountered a cycle or excessive nesting".into(),
            ));
        }
        match v {
            Value::Nil => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => self.out.push_str(&i.to_string()),
            Value::Uint(u) => self.out.push_str(&u.to_string()),
            Value::Float(f) => match format_json(*f) {
                Some(s) => self.out.push_str(&s),
                None => {
                    let text = crate::gofloat::format_g(*f, 64);
                    return Err(Error::Json(format!("json: unsupported value: {text}")));
                }
            },
            Value::String(s) => self.string(s),
            Value::Bytes(b) => {
                let enc = base64::engine::general_purpose::STANDARD.encode(b);
                self.string(&enc);
            }
            Value::List(l) => self.list(l.items(), depth)?,
            Value::Map(m) => self.map(&m.entries(), depth)?,
            Value::Object(o) => {
                if let Some(j) = o.json_value() {
                    // The type's own MarshalJSON (time.Time, *semver.Version).
                    self.value(&j, depth + 1)?;
                } else if let Some(m) = o.as_map() {
                    self.map(&m.entries(), depth)?;
                } else if let Some(l) = o.as_list() {
                    self.list(l.items(), depth)?;
                } else {
                    let fields = o.fields();
                    self.map(&fields, depth)?;
                }
            }
        }
        Ok(())
    }

    fn list(&mut self, items: &[Value], depth: usize) -> Result<(), Error> {
        self.out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline(depth + 1);
            self.value(x, depth + 1)?;
        }
        if !items.is_empty() {
            self.newline(depth);
        }
        self.out.push(']');
        Ok(())
    }

    fn map(&mut self, entries: &[(Str, Value)], depth: usize) -> Result<(), Error> {
        self.out.push('{');
        for (i, (k, x)) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline(depth + 1);
            self.string(k);
            self.out.push(':');
            if self.indent.is_some() {
                self.out.push(' ');
            }
            self.value(x, depth + 1)?;
        }
        if !entries.is_empty() {
            self.newline(depth);
        }
        self.out.push('}');
        Ok(())
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                '<' | '>' | '&' if self.escape_html => {
                    self.out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                    self.out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// `json.Unmarshal` into `interface{}`: numbers become `float64`, duplicate keys keep
/// the last value, errors carry Go's texts.
pub fn from_str(src: &str) -> Result<Value, Error> {
    let mut p = Parser {
        b: src.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.invalid("after top-level value"));
    }
    Ok(v)
}

/// `json.Unmarshal` into `map[string]interface{}` (`fromJson`): `null` is an empty map,
/// other non-objects `json: cannot unmarshal array into Go value of type map[string]interface {}`.
pub fn from_str_map(src: &str) -> Result<Map, Error> {
    crate::load::as_map_target(from_str(src)?).map_err(Error::Json)
}

/// `json.Unmarshal` into `[]interface{}` (`fromJsonArray`).
pub fn from_str_list(src: &str) -> Result<List, Error> {
    crate::load::as_list_target(from_str(src)?).map_err(Error::Json)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

/// Go's `quoteChar`.
fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        c => {
            let q = crate::gofloat::go_quote(&c.to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self
            .b
            .get(self.i)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.i += 1;
        }
    }

    fn cur_char(&self) -> Option<char> {
        std::str::from_utf8(&self.b[self.i..])
            .ok()
            .and_then(|s| s.chars().next())
            .or_else(|| self.b.get(self.i).map(|&c| char::from(c)))
    }

    fn invalid(&self, ctx: &str) -> Error {
        match self.cur_char() {
            None => Error::Json("unexpected end of JSON input".into()),
            Some(c) => Error::Json(format!("invalid character {} {ctx}", quote_char(c))),
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        match self.b.get(self.i) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Value::String(Str::from(self.string()?))),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Nil),
            _ => Err(self.invalid("looking for beginning of value")),
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, Error> {
        for (k, expect) in word.bytes().enumerate() {
            if self.b.get(self.i) != Some(&expect) {
                return Err(self.invalid(&format!(
                    "in literal {word} (expecting {})",
                    quote_char(char::from(word.as_bytes()[k]))
                )));
            }
            self.i += 1;
        }
        Ok(v)
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > crate::load::compose::MAX_DEPTH {
            return Err(Error::Json("exceeded max depth".into()));
        }
        self.i += 1;
        self.ws();
        Ok(())
    }

    fn object(&mut self) -> Result<Value, Error> {
        self.enter()?;
        let mut m: BTreeMap<Str, Value> = BTreeMap::new();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Value::Map(Map::from_entries(m)));
        }
        loop {
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.invalid("looking for beginning of object key string"));
            }
            let k = self.string()?;
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(self.invalid("after object key"));
            }
            self.i += 1;
            self.ws();
            let v = self.value()?;
            m.insert(Str::from(k), v);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(Value::Map(Map::from_entries(m)));
                }
                _ => return Err(self.invalid("after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Result<Value, Error> {
        self.enter()?;
        let mut items = Vec::new();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Value::List(List::new(items)));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.i += 1;
                    self.depth -= 1;
                    return Ok(Value::List(List::new(items)));
                }
                _ => return Err(self.invalid("after array element")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.invalid("in numeric literal")),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.invalid("after decimal point in numeric literal"));
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.invalid("in exponent of numeric literal"));
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(Error::Json(format!(
                "json: cannot unmarshal number {text} into Go value of type float64"
            ))),
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(d) = self.b.get(self.i).and_then(|&c| char::from(c).to_digit(16)) else {
                return Err(self.invalid("in \\u hexadecimal character escape"));
            };
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(Error::Json("unexpected end of JSON input".into()));
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                c if c < 0x20 => return Err(self.invalid("in string literal")),
                _ => {
                    let ch = self.cur_char().unwrap_or('\u{fffd}');
                    out.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(&e) = self.b.get(self.i) else {
            return Err(Error::Json("unexpected end of JSON input".into()));
        };
        self.i += 1;
        let c = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xd800..0xdc00).contains(&hi) && self.b.get(self.i..self.i + 2) == Some(b"\\u")
                {
                    let save = self.i;
                    self.i += 2;
                    let lo = self.hex4()?;
                    if (0xdc00..0xe000).contains(&lo) {
                        let cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                        out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        return Ok(());
                    }
                    self.i = save;
                }
                char::from_u32(hi).unwrap_or('\u{fffd}')
            }
            _ => {
                self.i -= 1;
                return Err(self.invalid("in string escape code"));
            }
        };
        out.push(c);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_go() {
        let v = Value::from("<a&b>\u{2028}\u{1}\"");
        assert_eq!(
            to_string(&v, true).ok().as_deref(),
            Some(r#""\u003ca\u0026b\u003e\u2028\u0001\"""#)
        );
        assert_eq!(
            to_string(&v, false).ok().as_deref(),
            Some(r#""<a&b>\u2028\u0001\"""#)
        );
    }

    #[test]
    fn decodes_numbers_as_float() {
        let v = from_str(r#"{"a": [1, 2.5e3, -0], "b": "\u00e9\ud83d\ude00"}"#);
        assert_eq!(
            format!("{:?}", v.ok()),
            r#"Some({"a": [float64(1.0), float64(2500.0), float64(-0.0)], "b": "é😀"})"#
        );
    }

    #[test]
    fn typed_targets() {
        let e = |r: Result<Map, Error>| r.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            e(from_str_map("[1]")),
            "json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
        assert!(from_str_map("null").is_ok_and(|m| m.is_empty()));
        assert!(from_str_list("{}").is_err());
        assert!(crate::from_str_list("- 1\n").is_ok_and(|l| l.len() == 1));
        let err = crate::from_str_list("a: 1\n").err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}"
            )
        );
    }

    #[test]
    fn go_error_texts() {
        let e = |s: &str| from_str(s).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(e("{"), "unexpected end of JSON input");
        assert_eq!(
            e("{a}"),
            "invalid character 'a' looking for beginning of object key string"
        );
        assert_eq!(e("[1 2]"), "invalid character '2' after array element");
        assert_eq!(e("1 x"), "invalid character 'x' after top-level value");
        assert_eq!(e("tru"), "unexpected end of JSON input");
    }
}
