//! A small JSON reader with Go `encoding/json` typing (numbers are `float64`, objects are
//! maps, duplicate keys keep the last value) that decodes **one** value from the front of
//! a string and reports how many bytes it consumed, like `json.Decoder.Decode` followed by
//! `InputOffset` — what `--set-json key=<json>,key2=<json>` needs.

use tug_value::{List, Map, Value};

/// A JSON syntax or range error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct JsonError(pub String);

/// Nesting bound (Go's decoder allows 10000 levels; we stop earlier to stay well within
/// a thread's stack).
const MAX_DEPTH: usize = 500;

/// Decodes the first JSON value of `src` (leading whitespace allowed) and returns it with
/// the byte offset just after it.
pub fn decode_prefix(src: &str) -> Result<(Value, usize), JsonError> {
    let mut r = Reader {
        s: src.as_bytes(),
        pos: 0,
        depth: 0,
    };
    r.skip_ws();
    if r.pos >= r.s.len() {
        return Err(JsonError("EOF".into()));
    }
    let v = r.value()?;
    Ok((v, r.pos))
}

/// Decodes `src` as exactly one JSON value (trailing whitespace allowed).
pub fn decode(src: &str) -> Result<Value, JsonError> {
    let (v, end) = decode_prefix(src)?;
    let rest = &src[end..];
    match rest
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .chars()
        .next()
    {
        None => Ok(v),
        Some(c) => Err(JsonError(format!(
            "invalid character {} after top-level value",
            quote_char(c)
        ))),
    }
}

fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        c if c.is_control() => format!("{:?}", c),
        c => format!("'{c}'"),
    }
}

struct Reader<'a> {
    s: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Reader<'_> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn unexpected(&self, ctx: &str) -> JsonError {
        match std::str::from_utf8(&self.s[self.pos..])
            .ok()
            .and_then(|t| t.chars().next())
        {
            None => JsonError("unexpected EOF".into()),
            Some(c) => JsonError(format!("invalid character {} {ctx}", quote_char(c))),
        }
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        match self.peek() {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => Ok(Value::from(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Nil),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("looking for beginning of value")),
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Value, JsonError>) -> Result<Value, JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(JsonError("exceeded max depth".into()));
        }
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, JsonError> {
        for (i, want) in word.bytes().enumerate() {
            if self.peek() != Some(want) {
                return Err(self.unexpected(&format!(
                    "in literal {word} (expecting '{}')",
                    word.as_bytes()[i] as char
                )));
            }
            self.pos += 1;
        }
        Ok(v)
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.pos += 1;
        let map = Map::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Map(map));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("looking for beginning of object key string"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("after object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value()?;
            map.insert(key, v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Map(map));
                }
                _ => return Err(self.unexpected("after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::List(List::new(items)));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::List(List::new(items)));
                }
                _ => return Err(self.unexpected("after array element")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("in numeric literal")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("after decimal point in numeric literal"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("in exponent of numeric literal"));
            }
            self.digits();
        }
        let text = std::str::from_utf8(&self.s[start..self.pos]).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(JsonError(format!(
                "json: cannot unmarshal number {text} into Go value of type float64"
            ))),
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(JsonError("unexpected EOF".into()));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(String::from_utf8_lossy(&out).into_owned());
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                0..=0x1f => return Err(self.unexpected("in string literal")),
                _ => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), JsonError> {
        let Some(b) = self.peek() else {
            return Err(JsonError("unexpected EOF".into()));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => {
                self.pos -= 1;
                return Err(self.unexpected("in string escape code"));
            }
        };
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self.peek().and_then(|b| (b as char).to_digit(16));
            let Some(d) = d else {
                return Err(self.unexpected("in \\u hexadecimal character escape"));
            };
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }

    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let hi = self.hex4()?;
        if !(0xD800..0xDC00).contains(&hi) {
            return Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'));
        }
        // A high surrogate must be followed by an escaped low surrogate.
        if self.s.get(self.pos..self.pos + 2) == Some(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Ok('\u{FFFD}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_float64() {
        assert!(matches!(decode("5").unwrap(), Value::Float(f) if f == 5.0));
        assert!(matches!(decode(" -1.5e2 ").unwrap(), Value::Float(f) if f == -150.0));
    }

    #[test]
    fn prefix_reports_offset() {
        let (v, end) = decode_prefix("[1,2],b=3").unwrap();
        assert_eq!(end, 5);
        assert_eq!(v.as_list().map(|l| l.len()), Some(2));
    }

    #[test]
    fn strings_unescape() {
        let v = decode(r#""a\"b\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(v.as_str(), Some("a\"bé😀"));
    }

    #[test]
    fn errors_use_go_words() {
        assert_eq!(
            decode("x").unwrap_err().0,
            "invalid character 'x' looking for beginning of value"
        );
        assert_eq!(decode("[1,").unwrap_err().0, "unexpected EOF");
        assert!(decode("01").is_err());
        assert!(decode("1e400").is_err());
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let deep = "[".repeat(5000);
        assert_eq!(decode(&deep).unwrap_err().0, "exceeded max depth");
    }

    #[test]
    fn duplicate_keys_keep_last() {
        let v = decode(r#"{"a":1,"a":2}"#).unwrap();
        let m = v.as_map().unwrap();
        assert!(matches!(m.get("a"), Some(Value::Float(f)) if f == 2.0));
    }
}
