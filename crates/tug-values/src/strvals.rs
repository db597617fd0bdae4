//! Helm's `--set` grammar (`pkg/strvals`), reproduced rule by rule.
//!
//! `name=value` pairs separated by commas; `.` descends into maps, `[i]` into lists,
//! `{a,b}` is a list value and `\` makes the next character literal. Typing depends on
//! the flag: `--set` resolves `true`/`false`/`null` (any case), `0` and base-10 integers
//! not starting with `0` to `int64`; `--set-string` keeps strings; `--set-file` reads the
//! value as a path; `--set-json` decodes JSON (numbers `float64`); `--set-literal` takes
//! everything after the first `=` verbatim. Error texts are Helm's.

use tug_value::{List, Map, Value};

use crate::Error;
use crate::json;

/// Largest list index accepted (`strvals.MaxIndex`).
pub const MAX_INDEX: i64 = 65536;
/// Deepest `a.b.c…` nesting accepted (`strvals.MaxNestedNameLevel`).
pub const MAX_NESTED_NAME_LEVEL: usize = 30;

/// Reads a `--set-file` path into a value; the error text is reported verbatim.
pub type FileReader<'a> = &'a dyn Fn(&str) -> Result<Value, String>;

/// `strvals.ParseInto`: parses a `--set` expression into `dest`.
pub fn parse_into(s: &str, dest: &Map) -> Result<(), Error> {
    Parser::new(s, dest, Mode::Typed).parse()
}

/// `strvals.ParseIntoString`: `--set-string`, every value a string.
pub fn parse_into_string(s: &str, dest: &Map) -> Result<(), Error> {
    Parser::new(s, dest, Mode::String).parse()
}

/// `strvals.ParseIntoFile`: `--set-file`, every value read through `reader`.
pub fn parse_into_file(s: &str, dest: &Map, reader: FileReader<'_>) -> Result<(), Error> {
    Parser::new(s, dest, Mode::File(reader)).parse()
}

/// `strvals.ParseJSON`: `--set-json key=<json>[,key=<json>…]`.
pub fn parse_json_into(s: &str, dest: &Map) -> Result<(), Error> {
    Parser::new(s, dest, Mode::Json).parse()
}

/// `strvals.ParseLiteralInto`: `--set-literal`, the value is the rest of the string.
pub fn parse_literal_into(s: &str, dest: &Map) -> Result<(), Error> {
    Parser::new(s, dest, Mode::Literal).parse()
}

/// `strvals.Parse`: a fresh map from a `--set` expression.
pub fn parse(s: &str) -> Result<Map, Error> {
    let m = Map::new();
    parse_into(s, &m)?;
    Ok(m)
}

/// How scalar values are produced.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Typed,
    String,
    File(FileReader<'a>),
    Json,
    Literal,
}

/// Why parsing stopped.
#[derive(Debug)]
enum Stop {
    /// End of input (`io.EOF`): ends the parse successfully at the top level.
    Eof,
    /// An error with Helm's message.
    Msg(String),
    /// A Go runtime panic (failed type assertion), recovered by the nearest `key`.
    Panic(String),
}

type Res<T> = Result<T, Stop>;

fn msg<T>(m: impl Into<String>) -> Res<T> {
    Err(Stop::Msg(m.into()))
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    data: Map,
    mode: Mode<'a>,
    /// Current recursion depth (Go's goroutine stacks grow; ours do not).
    depth: usize,
}

/// Recursion bound for `a[0][0]…` and `a[0].b[0]…` chains (far beyond any real input).
const MAX_RECURSION: usize = 200;

impl<'a> Parser<'a> {
    fn new(s: &str, data: &Map, mode: Mode<'a>) -> Self {
        Parser {
            chars: s.chars().collect(),
            pos: 0,
            data: data.clone(),
            mode,
            depth: 0,
        }
    }

    fn parse(mut self) -> Result<(), Error> {
        let data = self.data.clone();
        loop {
            match self.key(&data, 0) {
                Ok(()) => continue,
                Err(Stop::Eof) => return Ok(()),
                Err(Stop::Msg(m)) => return Err(Error::Parse(m)),
                Err(Stop::Panic(p)) => {
                    return Err(Error::Parse(format!("unable to parse key: {p}")));
                }
            }
        }
    }

    fn literal(&self) -> bool {
        matches!(self.mode, Mode::Literal)
    }

    fn read(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// Reads up to (and consuming) a stop rune; `\` escapes outside literal mode.
    /// Returns the text and the stop rune, or `None` for the rune at end of input.
    fn runes_until(&mut self, stop: &[char]) -> (Vec<char>, Option<char>) {
        let mut v = Vec::new();
        loop {
            match self.read() {
                None => return (v, None),
                Some(r) if stop.contains(&r) => return (v, Some(r)),
                Some('\\') if !self.literal() => match self.read() {
                    None => return (v, None),
                    Some(n) => v.push(n),
                },
                Some(r) => v.push(r),
            }
        }
    }

    fn key(&mut self, data: &Map, level: usize) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_RECURSION {
            return msg("value is nested too deeply");
        }
        let r = self.key_inner(data, level);
        self.depth -= 1;
        match r {
            Err(Stop::Panic(p)) => msg(format!("unable to parse key: {p}")),
            other => other,
        }
    }

    fn key_inner(&mut self, data: &Map, mut level: usize) -> Res<()> {
        let stop: &[char] = if self.literal() {
            &['=', '[', '.']
        } else {
            &['=', '[', ',', '.']
        };
        let (k, last) = self.runes_until(stop);
        let key: String = k.iter().collect();
        match last {
            None if k.is_empty() => Err(Stop::Eof),
            None => msg(format!("key {} has no value", go_quote(&key))),
            Some('[') => {
                let i = self.key_index()?;
                let list = match data.get(&key) {
                    Some(v) => assert_list(&v)?,
                    None => Vec::new(),
                };
                let (list, res) = self.list_item(list, i, level)?;
                set(data, &key, Value::List(List::new(list)));
                res
            }
            Some('=') => self.key_value(data, &key),
            Some(',') => {
                set(data, &key, Value::from(""));
                msg(format!(
                    "key {} has no value (cannot end with ,)",
                    go_quote(&key)
                ))
            }
            Some(_) => {
                level += 1;
                if level > MAX_NESTED_NAME_LEVEL {
                    return msg(format!(
                        "value name nested level is greater than maximum supported nested level of {MAX_NESTED_NAME_LEVEL}"
                    ));
                }
                let inner = match data.get(&key) {
                    Some(v) => assert_map(&v)?,
                    None => Map::new(),
                };
                let e = self.key(&inner, level);
                if e.is_ok() && inner.is_empty() {
                    return msg(format!("key map {} has no value", go_quote(&key)));
                }
                if !inner.is_empty() {
                    set(data, &key, Value::Map(inner));
                }
                e
            }
        }
    }

    /// The `=` branch of `key`: read and store the value for `key`.
    fn key_value(&mut self, data: &Map, key: &str) -> Res<()> {
        match self.mode {
            Mode::Literal => {
                let v: String = self.chars[self.pos..].iter().collect();
                self.pos = self.chars.len();
                set(data, key, Value::from(v));
                Ok(())
            }
            Mode::Json => {
                if self.empty_val() {
                    set(data, key, Value::Nil);
                    return Ok(());
                }
                let v = self.json_value()?;
                set(data, key, v);
                self.empty_val();
                Ok(())
            }
            _ => match self.val_list() {
                Ok(vl) => {
                    set(data, key, Value::List(List::new(vl)));
                    Ok(())
                }
                Err(ListErr::Eof) => {
                    set(data, key, Value::from(""));
                    Err(Stop::Eof)
                }
                Err(ListErr::NotList) => {
                    let rs = self.val();
                    let (v, e) = self.reader(&rs);
                    set(data, key, v);
                    e
                }
                Err(ListErr::Other(s)) => Err(s),
            },
        }
    }

    /// Decodes one JSON value at the cursor and consumes exactly its text.
    fn json_value(&mut self) -> Res<Value> {
        let rest: String = self.chars[self.pos..].iter().collect();
        let (v, end) = json::decode_prefix(&rest).map_err(|e| Stop::Msg(e.0))?;
        self.pos += rest[..end].chars().count();
        Ok(v)
    }

    /// Skips blanks; `true` at end of input or a comma (consumed).
    fn empty_val(&mut self) -> bool {
        loop {
            match self.read() {
                None | Some(',') => return true,
                Some(c) if c.is_whitespace() => continue,
                Some(_) => {
                    self.pos -= 1;
                    return false;
                }
            }
        }
    }

    fn key_index(&mut self) -> Res<i64> {
        let (v, last) = self.runes_until(&[']']);
        if last.is_none() {
            // Helm wraps io.EOF with %w and parse() checks errors.Is(err, io.EOF): an
            // unterminated index ends the parse successfully.
            return Err(Stop::Eof);
        }
        let s: String = v.iter().collect();
        atoi(&s).map_err(|e| Stop::Msg(format!("error parsing index: {e}")))
    }

    /// `listItem`: what follows `[i]`. Returns the list to store and the outcome.
    fn list_item(&mut self, list: Vec<Value>, i: i64, level: usize) -> Res<(Vec<Value>, Res<()>)> {
        self.depth += 1;
        let r = if self.depth > MAX_RECURSION {
            Ok((list, msg("value is nested too deeply")))
        } else {
            self.list_item_inner(list, i, level)
        };
        self.depth -= 1;
        r
    }

    fn list_item_inner(
        &mut self,
        list: Vec<Value>,
        i: i64,
        level: usize,
    ) -> Res<(Vec<Value>, Res<()>)> {
        if i < 0 {
            return Ok((list, msg(format!("negative {i} index not allowed"))));
        }
        let (k, last) = self.runes_until(&['[', '.', '=']);
        if !k.is_empty() {
            let m = format!("unexpected data at end of array index: {}", quote_runes(&k));
            return Ok((list, msg(m)));
        }
        match last {
            None => Ok((list, Err(Stop::Eof))),
            Some('=') => Ok(self.list_value(list, i)),
            Some('[') => {
                let next = match self.key_index() {
                    Ok(n) => n,
                    Err(e) => return Ok((list, Err(e))),
                };
                let idx = i as usize;
                let current = match list.get(idx) {
                    Some(v) if !v.is_nil() => assert_list(v)?,
                    _ => Vec::new(),
                };
                let (inner, res) = self.list_item(current, next, level)?;
                if res.is_err() {
                    return Ok((list, res));
                }
                Ok(set_index(list, i, Value::List(List::new(inner))))
            }
            Some(_) => {
                let mut list = list;
                let idx = i as usize;
                let inner = match list.get(idx) {
                    Some(Value::Map(m)) => m.clone(),
                    Some(_) => {
                        let m = Map::new();
                        list[idx] = Value::Map(m.clone());
                        m
                    }
                    None => Map::new(),
                };
                if let Err(e) = self.key(&inner, level) {
                    return Ok((list, Err(e)));
                }
                Ok(set_index(list, i, Value::Map(inner)))
            }
        }
    }

    /// The `=` branch of `listItem`.
    fn list_value(&mut self, list: Vec<Value>, i: i64) -> (Vec<Value>, Res<()>) {
        match self.mode {
            Mode::Literal => {
                let v: String = self.chars[self.pos..].iter().collect();
                self.pos = self.chars.len();
                set_index(list, i, Value::from(v))
            }
            Mode::Json => {
                if self.empty_val() {
                    return set_index(list, i, Value::Nil);
                }
                let v = match self.json_value() {
                    Ok(v) => v,
                    Err(e) => return (list, Err(e)),
                };
                let (list, res) = set_index(list, i, v);
                if res.is_err() {
                    return (list, res);
                }
                self.empty_val();
                (list, Ok(()))
            }
            _ => match self.val_list() {
                Ok(vl) => set_index(list, i, Value::List(List::new(vl))),
                Err(ListErr::Eof) => set_index(list, i, Value::from("")),
                Err(ListErr::NotList) => {
                    let rs = self.val();
                    match self.reader(&rs) {
                        (_, Err(e)) => (list, Err(e)),
                        (v, Ok(())) => set_index(list, i, v),
                    }
                }
                Err(ListErr::Other(e)) => (list, Err(e)),
            },
        }
    }

    fn val(&mut self) -> Vec<char> {
        self.runes_until(&[',']).0
    }

    /// `valList`: a `{a,b}` list value, or why there is none.
    fn val_list(&mut self) -> Result<Vec<Value>, ListErr> {
        match self.read() {
            None => return Err(ListErr::Eof),
            Some('{') => {}
            Some(_) => {
                self.pos -= 1;
                return Err(ListErr::NotList);
            }
        }
        let mut list = Vec::new();
        loop {
            let (rs, last) = self.runes_until(&[',', '}']);
            match last {
                None => {
                    return Err(ListErr::Other(Stop::Msg(
                        "list must terminate with '}'".into(),
                    )));
                }
                Some('}') => {
                    if let Some(c) = self.read()
                        && c != ','
                    {
                        self.pos -= 1;
                    }
                    let (v, e) = self.reader(&rs);
                    list.push(v);
                    return match e {
                        Ok(()) => Ok(list),
                        Err(e) => Err(ListErr::Other(e)),
                    };
                }
                Some(_) => {
                    let (v, e) = self.reader(&rs);
                    if let Err(e) = e {
                        return Err(ListErr::Other(e));
                    }
                    list.push(v);
                }
            }
        }
    }

    /// Converts raw value text according to the flag (`typedVal` or the file reader).
    fn reader(&self, rs: &[char]) -> (Value, Res<()>) {
        let s: String = rs.iter().collect();
        match self.mode {
            Mode::Typed => (typed_val(&s), Ok(())),
            Mode::File(read) => match read(&s) {
                Ok(v) => (v, Ok(())),
                Err(e) => (Value::Nil, Err(Stop::Msg(e))),
            },
            _ => (Value::from(s), Ok(())),
        }
    }
}

enum ListErr {
    Eof,
    NotList,
    Other(Stop),
}

fn set(data: &Map, key: &str, v: Value) {
    if !key.is_empty() {
        data.insert(key, v);
    }
}

fn set_index(mut list: Vec<Value>, i: i64, v: Value) -> (Vec<Value>, Res<()>) {
    if i < 0 {
        return (list, msg(format!("negative {i} index not allowed")));
    }
    if i > MAX_INDEX {
        let m = format!("index of {i} is greater than maximum supported index of {MAX_INDEX}");
        return (list, msg(m));
    }
    let idx = i as usize;
    if list.len() <= idx {
        list.resize(idx + 1, Value::Nil);
    }
    list[idx] = v;
    (list, Ok(()))
}

/// The Go type name as a failed interface conversion names it.
fn go_dynamic_type(v: &Value) -> String {
    match v {
        Value::Nil => "nil".into(),
        other => other.type_name().into_owned(),
    }
}

fn assert_list(v: &Value) -> Res<Vec<Value>> {
    match v {
        Value::List(l) if l.elem() == tug_value::ElemType::Any => Ok(l.items().to_vec()),
        other => Err(Stop::Panic(format!(
            "interface conversion: interface {{}} is {}, not []interface {{}}",
            go_dynamic_type(other)
        ))),
    }
}

fn assert_map(v: &Value) -> Res<Map> {
    match v {
        Value::Map(m) => Ok(m.clone()),
        other => Err(Stop::Panic(format!(
            "interface conversion: interface {{}} is {}, not map[string]interface {{}}",
            go_dynamic_type(other)
        ))),
    }
}

/// `typedVal` for `--set`.
pub fn typed_val(p: &str) -> Value {
    if fold_eq(p, "true") {
        return Value::Bool(true);
    }
    if fold_eq(p, "false") {
        return Value::Bool(false);
    }
    if fold_eq(p, "null") {
        return Value::Nil;
    }
    if p == "0" {
        return Value::Int64(0);
    }
    if !p.is_empty()
        && !p.starts_with('0')
        && let Ok(i) = p.parse::<i64>()
    {
        return Value::Int64(i);
    }
    Value::from(p)
}

/// `strings.EqualFold` against a lower-case ASCII word.
fn fold_eq(s: &str, word: &str) -> bool {
    let mut a = s.chars();
    for w in word.chars() {
        let folded = match a.next() {
            Some('\u{17F}') => 's',
            Some('\u{212A}') => 'k',
            Some(c) => c.to_ascii_lowercase(),
            None => return false,
        };
        if folded != w {
            return false;
        }
    }
    a.next().is_none()
}

/// `strconv.Atoi` with Go's error text.
fn atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            go_quote(s)
        ));
    }
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", go_quote(s)))
}

/// Go's `%q` of a string (`strconv.Quote`), enough for keys in messages.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\u{b}' => out.push_str("\\v"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push(c),
    }
}

/// Go's `%q` of a `[]rune`: each rune quoted, space separated, in brackets.
fn quote_runes(rs: &[char]) -> String {
    let parts: Vec<String> = rs
        .iter()
        .map(|&c| {
            let mut s = String::from("'");
            push_escaped(&mut s, c, '\'');
            s.push('\'');
            s
        })
        .collect();
    format!("[{}]", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(v: &Value) -> String {
        match v {
            Value::Map(m) => {
                let parts: Vec<String> = m
                    .entries()
                    .iter()
                    .map(|(k, v)| format!("{k}:{}", dump(v)))
                    .collect();
                format!("{{{}}}", parts.join(","))
            }
            Value::List(l) => {
                let parts: Vec<String> = l.items().iter().map(dump).collect();
                format!("[{}]", parts.join(","))
            }
            Value::String(s) => format!("{s:?}"),
            other => format!("{other:?}"),
        }
    }

    fn set(s: &str) -> String {
        dump(&Value::Map(parse(s).unwrap()))
    }

    fn err(s: &str) -> String {
        parse(s).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn typing() {
        assert_eq!(
            set("a=1,b=true,c=NULL,d=007,e=1.5,f=0,g=-3,h="),
            r#"{a:int64(1),b:true,c:nil,d:"007",e:"1.5",f:int64(0),g:int64(-3),h:""}"#
        );
    }

    #[test]
    fn nesting_lists_and_escapes() {
        assert_eq!(set("a.b[1].c=x"), r#"{a:{b:[nil,{c:"x"}]}}"#);
        assert_eq!(set(r"a\.b=x\,y"), r#"{a.b:"x,y"}"#);
        assert_eq!(set("l={1,b},m=2"), r#"{l:[int64(1),"b"],m:int64(2)}"#);
        assert_eq!(set("a[0][1]=x"), r#"{a:[[nil,"x"]]}"#);
    }

    #[test]
    fn errors() {
        assert_eq!(err("a"), r#"key "a" has no value"#);
        assert_eq!(err("a,b=1"), r#"key "a" has no value (cannot end with ,)"#);
        assert_eq!(err("a={x,y"), "list must terminate with '}'");
        assert_eq!(err("a[-1]=x"), "negative -1 index not allowed");
        assert_eq!(
            err("a[65537]=x"),
            "index of 65537 is greater than maximum supported index of 65536"
        );
        assert_eq!(
            err("a[x]=1"),
            r#"error parsing index: strconv.Atoi: parsing "x": invalid syntax"#
        );
        assert_eq!(
            err("a=1,a.b=2"),
            "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}"
        );
        assert_eq!(
            err("a[0]b=1"),
            "unexpected data at end of array index: ['b']"
        );
    }

    #[test]
    fn string_json_literal() {
        let m = Map::new();
        parse_into_string("a=1,b=true", &m).unwrap();
        assert_eq!(dump(&Value::Map(m)), r#"{a:"1",b:"true"}"#);
        let m = Map::new();
        parse_json_into(r#"a={"x":[1,2]} ,b=null,c="s""#, &m).unwrap();
        assert_eq!(
            dump(&Value::Map(m)),
            r#"{a:{x:[float64(1.0),float64(2.0)]},b:nil,c:"s"}"#
        );
        let m = Map::new();
        parse_literal_into(r"a.b=x,y=\z", &m).unwrap();
        assert_eq!(dump(&Value::Map(m)), r#"{a:{b:"x,y=\\z"}}"#);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("a{}=1", "[0]".repeat(5000));
        assert_eq!(err(&deep), "value is nested too deeply");
        let deep = format!("a{}=1", "[0].b".repeat(3000));
        assert_eq!(err(&deep), "value is nested too deeply");
    }

    #[test]
    fn file_reader_errors_propagate() {
        let m = Map::new();
        let reader = |p: &str| -> Result<Value, String> { Err(format!("open {p}: no such file")) };
        let e = parse_into_file("a=nope", &m, &reader).unwrap_err();
        assert_eq!(e.to_string(), "open nope: no such file");
    }
}
