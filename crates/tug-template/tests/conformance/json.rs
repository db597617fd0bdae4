//! A small JSON reader for the conformance case files.
//!
//! The case files keep Go's number types apart by spelling: a number with a `.` or an
//! exponent is a `float64` (values.yaml numbers), an integer is an `int64` (`--set`
//! numbers). Generic JSON crates lose that distinction, and the engine crate has no JSON
//! dependency, so this reader builds [`tug_value::Value`]s directly.

use std::collections::BTreeMap;

use tug_value::{List, Map, Str, Value};

/// A parsed JSON document.
#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    /// An integer literal (`int64`).
    Int(i64),
    /// A literal with `.` or an exponent (`float64`).
    Float(f64),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The Go value a template sees: objects become `map[string]interface {}`, arrays
    /// `[]interface {}`, integers `int64`, other numbers `float64`.
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Nil,
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(i) => Value::Int64(*i),
            Json::Float(f) => Value::Float(*f),
            Json::String(s) => Value::String(Str::from(s.as_str())),
            Json::Array(items) => {
                Value::List(List::new(items.iter().map(Json::to_value).collect()))
            }
            Json::Object(m) => {
                let map = Map::new();
                for (k, v) in m {
                    map.insert(k.as_str(), v.to_value());
                }
                Value::Map(map)
            }
        }
    }
}

/// Parses one JSON document.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("trailing data at byte {}", p.i));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at byte {}", self.i))
    }

    fn eat(&mut self, lit: &str) -> Result<(), String> {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            Ok(())
        } else {
            self.err(&format!("expected {lit}"))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.s.get(self.i) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') => self.eat("true").map(|()| Json::Bool(true)),
            Some(b'f') => self.eat("false").map(|()| Json::Bool(false)),
            Some(b'n') => self.eat("null").map(|()| Json::Null),
            Some(c) if *c == b'-' || c.is_ascii_digit() => self.number(),
            _ => self.err("unexpected character"),
        }
    }

    fn object(&mut self) -> Result<Json, String> {
        self.i += 1;
        let mut m = BTreeMap::new();
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Json::Object(m));
        }
        loop {
            self.ws();
            let k = self.string()?;
            self.ws();
            self.eat(":")?;
            let v = self.value()?;
            m.insert(k, v);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(m));
                }
                _ => return self.err("expected , or }"),
            }
        }
    }

    fn array(&mut self) -> Result<Json, String> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return self.err("expected , or ]"),
            }
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.i;
        while self.i < self.s.len()
            && matches!(
                self.s[self.i],
                b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
            )
        {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).map_err(|e| e.to_string())?;
        if text.contains(['.', 'e', 'E']) {
            text.parse()
                .map(Json::Float)
                .map_err(|e| format!("{e}: {text}"))
        } else {
            text.parse()
                .map(Json::Int)
                .map_err(|e| format!("{e}: {text}"))
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or("short \\u escape")?;
        let h = std::str::from_utf8(h).map_err(|e| e.to_string())?;
        self.i += 4;
        u32::from_str_radix(h, 16).map_err(|e| e.to_string())
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat("\"")?;
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return self.err("unterminated string");
            };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else {
                        return self.err("bad escape");
                    };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return self.err("bad escape"),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|e| e.to_string())
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) && self.s[self.i..].starts_with(b"\\u") {
            self.i += 2;
            let lo = self.hex4()?;
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF);
            return char::from_u32(c).ok_or_else(|| "bad surrogate pair".to_string());
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }
}

#[test]
fn json_numbers_keep_go_types() {
    let v = parse(r#"{"f": 1.0, "i": 5, "e": 1e+21, "s": "a\u00e9\n", "l": [null, true]}"#)
        .expect("valid json")
        .to_value();
    let m = v.as_map().expect("a map");
    assert!(matches!(m.get("f"), Some(Value::Float(f)) if f == 1.0));
    assert!(matches!(m.get("i"), Some(Value::Int64(5))));
    assert!(matches!(m.get("e"), Some(Value::Float(f)) if f == 1e21));
    assert_eq!(
        m.get("s")
            .and_then(|s| s.as_str().map(str::to_owned))
            .as_deref(),
        Some("a\u{e9}\n")
    );
    assert_eq!(
        m.get("l").and_then(|l| l.as_list().map(|l| l.len())),
        Some(2)
    );
}

#[test]
fn json_rejects_garbage() {
    assert!(parse("{\"a\": }").is_err());
    assert!(parse("[1, 2").is_err());
    assert!(parse("\"abc").is_err());
}
