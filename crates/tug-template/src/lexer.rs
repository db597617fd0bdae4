//! The lexer: turns template text into items exactly as Go's `text/template/parse`
//! lexer does (same item kinds, positions, line numbers and error texts).
//!
//! Text outside actions becomes `Text` items (with trim markers applied); inside
//! `{{ }}` the lexer produces operands, punctuation and keywords. Lexing stops at the
//! first error, which becomes an `Error` item carrying Go's message.

/// Kinds of lexical items (Go's `itemType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemType {
    Error,
    Bool,
    Char,
    CharConstant,
    Complex,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,
    // Keywords (Go: everything after itemKeyword).
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

impl ItemType {
    fn is_keyword(self) -> bool {
        self as u8 >= ItemType::Block as u8
    }
}

/// One lexical item.
#[derive(Clone, Debug)]
pub(crate) struct Item<'a> {
    pub typ: ItemType,
    pub pos: usize,
    pub val: ItemVal<'a>,
    pub line: usize,
}

/// An item's text: a slice of the source, or an error message.
#[derive(Clone, Debug)]
pub(crate) enum ItemVal<'a> {
    Src(&'a str),
    Msg(String),
}

impl<'a> Item<'a> {
    /// The item's text (the message for errors).
    pub fn val(&self) -> &str {
        match &self.val {
            ItemVal::Src(s) => s,
            ItemVal::Msg(m) => m,
        }
    }

    /// The source slice (empty for errors).
    pub fn src(&self) -> &'a str {
        match &self.val {
            ItemVal::Src(s) => s,
            ItemVal::Msg(_) => "",
        }
    }
}

impl std::fmt::Display for Item<'_> {
    /// Go's `item.String()`, used in "unexpected …" messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.val();
        match self.typ {
            ItemType::Eof => f.write_str("EOF"),
            ItemType::Error => f.write_str(v),
            t if t.is_keyword() => write!(f, "<{v}>"),
            _ if v.chars().count() > 10 => {
                let head: String = v.chars().take(10).collect();
                write!(f, "{}...", tug_value::fmt::quote(&head))
            }
            _ => f.write_str(&tug_value::fmt::quote(v)),
        }
    }
}

const LEFT: &str = "{{";
const RIGHT: &str = "}}";

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Go's `isAlphaNumeric`: `_`, letters and decimal digits (category Nd).
fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_ascii_digit() || (!c.is_ascii() && is_nd(c))
}

/// Approximates Unicode category Nd for non-ASCII digits (all Nd blocks are runs of
/// ten consecutive code points starting at a digit zero).
fn is_nd(c: char) -> bool {
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
        0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10,
    ];
    let u = c as u32;
    ZEROS.iter().any(|z| (*z..*z + 10).contains(&u))
}

fn has_left_trim(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
}

fn has_right_trim(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && is_space(b[0] as char) && b[1] == b'-'
}

fn left_trim_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

fn right_trim_len(s: &str) -> usize {
    s.len() - s.trim_end_matches(is_space).len()
}

/// `%#U` formatting of a rune: `U+0021 '!'`.
pub(crate) fn rune_u(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

/// Lexes the whole input into items, ending with `Eof` or `Error`.
pub(crate) fn lex(input: &str) -> Vec<Item<'_>> {
    let mut l = Lexer {
        input,
        pos: 0,
        start: 0,
        line: 1,
        start_line: 1,
        paren_depth: 0,
        items: Vec::new(),
    };
    l.run();
    l.items
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    line: usize,
    start_line: usize,
    paren_depth: i32,
    items: Vec<Item<'a>>,
}

enum State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    Inside,
    Done,
}

impl<'a> Lexer<'a> {
    fn run(&mut self) {
        let mut st = State::Text;
        loop {
            st = match st {
                State::Text => self.lex_text(),
                State::LeftDelim => self.lex_left_delim(),
                State::Comment => self.lex_comment(),
                State::RightDelim => self.lex_right_delim(),
                State::Inside => self.lex_inside(),
                State::Done => return,
            }
        }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn next(&mut self) -> Option<char> {
        let c = self.rest().chars().next()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn backup(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.pos -= c.len_utf8();
            if c == '\n' {
                self.line -= 1;
            }
        }
    }

    fn advance(&mut self, n: usize) {
        self.line += self.input[self.pos..self.pos + n].matches('\n').count();
        self.pos += n;
    }

    fn this_item(&mut self, typ: ItemType) -> Item<'a> {
        let it = Item {
            typ,
            pos: self.start,
            val: ItemVal::Src(&self.input[self.start..self.pos]),
            line: self.start_line,
        };
        self.start = self.pos;
        self.start_line = self.line;
        it
    }

    fn emit(&mut self, typ: ItemType) {
        let it = self.this_item(typ);
        self.items.push(it);
    }

    fn ignore(&mut self) {
        self.start = self.pos;
        self.start_line = self.line;
    }

    fn error(&mut self, msg: String) -> State {
        self.items.push(Item {
            typ: ItemType::Error,
            pos: self.start,
            val: ItemVal::Msg(msg),
            line: self.start_line,
        });
        State::Done
    }

    fn accept(&mut self, valid: &str) -> bool {
        match self.peek() {
            Some(c) if valid.contains(c) => {
                self.next();
                true
            }
            _ => false,
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while self.accept(valid) {}
    }

    fn lex_text(&mut self) -> State {
        if let Some(x) = self.rest().find(LEFT) {
            if x > 0 {
                let delim_end = self.pos + x + LEFT.len();
                let mut trim = 0;
                if has_left_trim(&self.input[delim_end..]) {
                    trim = right_trim_len(&self.input[self.start..self.pos + x]);
                }
                self.advance(x - trim);
                let it = self.this_item(ItemType::Text);
                self.advance(trim);
                self.ignore();
                if !it.src().is_empty() {
                    self.items.push(it);
                }
            }
            return State::LeftDelim;
        }
        let n = self.rest().len();
        self.advance(n);
        if self.pos > self.start {
            self.emit(ItemType::Text);
        }
        self.emit(ItemType::Eof);
        State::Done
    }

    fn lex_left_delim(&mut self) -> State {
        self.pos += LEFT.len();
        let trim = has_left_trim(self.rest());
        let after = if trim { 2 } else { 0 };
        if self.input[self.pos + after..].starts_with("/*") {
            self.advance(after);
            self.ignore();
            return State::Comment;
        }
        self.emit(ItemType::LeftDelim);
        self.advance(after);
        self.ignore();
        self.paren_depth = 0;
        State::Inside
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let r = self.rest();
        if has_right_trim(r) && r[2..].starts_with(RIGHT) {
            return (true, true);
        }
        (r.starts_with(RIGHT), false)
    }

    fn lex_comment(&mut self) -> State {
        self.pos += 2;
        let Some(x) = self.rest().find("*/") else {
            return self.error("unclosed comment".into());
        };
        self.advance(x + 2);
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.error("comment ends before closing delimiter".into());
        }
        if trim {
            self.advance(2);
        }
        self.advance(RIGHT.len());
        if trim {
            let n = left_trim_len(self.rest());
            self.advance(n);
        }
        self.ignore();
        State::Text
    }

    fn lex_right_delim(&mut self) -> State {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.advance(2);
            self.ignore();
        }
        self.pos += RIGHT.len();
        let it = self.this_item(ItemType::RightDelim);
        if trim {
            let n = left_trim_len(self.rest());
            self.advance(n);
            self.ignore();
        }
        self.items.push(it);
        State::Text
    }

    fn lex_inside(&mut self) -> State {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return State::RightDelim;
            }
            return self.error("unclosed left paren".into());
        }
        let Some(r) = self.next() else {
            return self.error("unclosed action".into());
        };
        match r {
            c if is_space(c) => {
                self.backup(Some(c));
                return self.lex_space();
            }
            '=' => self.emit(ItemType::Assign),
            ':' => {
                if self.next() != Some('=') {
                    return self.error("expected :=".into());
                }
                self.emit(ItemType::Declare);
            }
            '|' => self.emit(ItemType::Pipe),
            '"' => return self.lex_quote(),
            '`' => return self.lex_raw_quote(),
            '$' => return self.lex_variable(),
            '\'' => return self.lex_char(),
            '.' if self.peek().is_some_and(|c| !c.is_ascii_digit()) => {
                return self.lex_field_or_variable(ItemType::Field);
            }
            '.' | '+' | '-' | '0'..='9' => {
                self.backup(Some(r));
                return self.lex_number();
            }
            c if is_alnum(c) => {
                self.backup(Some(c));
                return self.lex_identifier();
            }
            '(' => {
                self.paren_depth += 1;
                self.emit(ItemType::LeftParen);
            }
            ')' => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.error("unexpected right paren".into());
                }
                self.emit(ItemType::RightParen);
            }
            c if c.is_ascii() && !c.is_ascii_control() => self.emit(ItemType::Char),
            c => return self.error(format!("unrecognized character in action: {}", rune_u(c))),
        }
        State::Inside
    }

    fn lex_space(&mut self) -> State {
        let mut n = 0;
        while self.peek().is_some_and(is_space) {
            self.next();
            n += 1;
        }
        let before = &self.input[self.pos - 1..];
        if has_right_trim(before) && before[2..].starts_with(RIGHT) {
            let c = self.input[..self.pos].chars().next_back();
            self.backup(c);
            if n == 1 {
                return State::RightDelim;
            }
        }
        self.emit(ItemType::Space);
        State::Inside
    }

    fn lex_identifier(&mut self) -> State {
        loop {
            let r = self.next();
            if r.is_some_and(is_alnum) {
                continue;
            }
            self.backup(r);
            if !self.at_terminator() {
                return self.error(format!("bad character {}", rune_u(r.unwrap_or('\0'))));
            }
            let word = &self.input[self.start..self.pos];
            let typ = match word {
                "block" => ItemType::Block,
                "break" => ItemType::Break,
                "continue" => ItemType::Continue,
                "define" => ItemType::Define,
                "else" => ItemType::Else,
                "end" => ItemType::End,
                "if" => ItemType::If,
                "range" => ItemType::Range,
                "nil" => ItemType::Nil,
                "template" => ItemType::Template,
                "with" => ItemType::With,
                "true" | "false" => ItemType::Bool,
                _ => ItemType::Identifier,
            };
            self.emit(typ);
            return State::Inside;
        }
    }

    fn lex_variable(&mut self) -> State {
        if self.at_terminator() {
            self.emit(ItemType::Variable);
            return State::Inside;
        }
        self.lex_field_or_variable(ItemType::Variable)
    }

    fn lex_field_or_variable(&mut self, typ: ItemType) -> State {
        if self.at_terminator() {
            self.emit(if typ == ItemType::Variable {
                ItemType::Variable
            } else {
                ItemType::Dot
            });
            return State::Inside;
        }
        let mut r;
        loop {
            r = self.next();
            if !r.is_some_and(is_alnum) {
                self.backup(r);
                break;
            }
        }
        if !self.at_terminator() {
            return self.error(format!("bad character {}", rune_u(r.unwrap_or('\0'))));
        }
        self.emit(typ);
        State::Inside
    }

    fn at_terminator(&self) -> bool {
        match self.peek() {
            None => true,
            Some(c) if is_space(c) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            _ => self.rest().starts_with(RIGHT),
        }
    }

    fn lex_char(&mut self) -> State {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    None | Some('\n') => {
                        return self.error("unterminated character constant".into());
                    }
                    _ => {}
                },
                None | Some('\n') => return self.error("unterminated character constant".into()),
                Some('\'') => break,
                _ => {}
            }
        }
        self.emit(ItemType::CharConstant);
        State::Inside
    }

    fn lex_number(&mut self) -> State {
        if !self.scan_number() {
            let s = self.input[self.start..self.pos].to_string();
            return self.error(format!("bad number syntax: {}", tug_value::fmt::quote(&s)));
        }
        if matches!(self.peek(), Some('+' | '-')) {
            if !self.scan_number() || !self.input[..self.pos].ends_with('i') {
                let s = self.input[self.start..self.pos].to_string();
                return self.error(format!("bad number syntax: {}", tug_value::fmt::quote(&s)));
            }
            self.emit(ItemType::Complex);
            return State::Inside;
        }
        self.emit(ItemType::Number);
        State::Inside
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if self.peek().is_some_and(is_alnum) {
            self.next();
            return false;
        }
        true
    }

    fn lex_quote(&mut self) -> State {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    None | Some('\n') => return self.error("unterminated quoted string".into()),
                    _ => {}
                },
                None | Some('\n') => return self.error("unterminated quoted string".into()),
                Some('"') => break,
                _ => {}
            }
        }
        self.emit(ItemType::String);
        State::Inside
    }

    fn lex_raw_quote(&mut self) -> State {
        loop {
            match self.next() {
                None => return self.error("unterminated raw quoted string".into()),
                Some('`') => break,
                _ => {}
            }
        }
        self.emit(ItemType::RawString);
        State::Inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(ItemType, String)> {
        lex(s)
            .into_iter()
            .map(|i| (i.typ, i.val().to_string()))
            .collect()
    }

    #[test]
    fn text_and_action() {
        use ItemType::*;
        let got = kinds("a{{ .x.y | f 1 }}b");
        let want = [
            (Text, "a"),
            (LeftDelim, "{{"),
            (Space, " "),
            (Field, ".x"),
            (Field, ".y"),
            (Space, " "),
            (Pipe, "|"),
            (Space, " "),
            (Identifier, "f"),
            (Space, " "),
            (Number, "1"),
            (Space, " "),
            (RightDelim, "}}"),
            (Text, "b"),
            (Eof, ""),
        ];
        let want: Vec<_> = want.iter().map(|(t, v)| (*t, v.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn trim_markers_remove_whitespace() {
        use ItemType::*;
        let got = kinds("a \n {{- 3 -}} \n b");
        assert_eq!(got[0], (Text, "a".into()));
        assert_eq!(got[2], (Number, "3".into()));
        assert_eq!(got[4], (Text, "b".into()));
        // `{{-3}}` is the number -3
        assert_eq!(kinds("{{-3}}")[1], (Number, "-3".into()));
    }

    #[test]
    fn comments_vanish() {
        use ItemType::*;
        assert_eq!(
            kinds("a {{- /* x */ -}} b"),
            vec![(Text, "a".into()), (Text, "b".into()), (Eof, "".into())]
        );
        assert_eq!(
            kinds("{{/* x */ }}")[0].1,
            "comment ends before closing delimiter"
        );
        assert_eq!(kinds("{{/* x ")[0].1, "unclosed comment");
    }

    #[test]
    fn errors() {
        let last = |s: &str| kinds(s).pop().map(|x| x.1).unwrap_or_default();
        assert_eq!(last("{{ \"abc }}"), "unterminated quoted string");
        assert_eq!(last("{{ 3k }}"), "bad number syntax: \"3k\"");
        assert_eq!(last("{{ .x"), "unclosed action");
        assert_eq!(last("{{ ( }}"), "unclosed left paren");
        assert_eq!(last("{{ ) }}"), "unexpected right paren");
        assert_eq!(last("{{ .a# }}"), "bad character U+0023 '#'");
    }

    #[test]
    fn lines_and_positions() {
        let items = lex("a\n{{ .x }}\n{{ `r\nr` }}");
        let x = items
            .iter()
            .find(|i| i.typ == ItemType::Field)
            .map(|i| (i.pos, i.line));
        assert_eq!(x, Some((5, 2)));
        let r = items
            .iter()
            .find(|i| i.typ == ItemType::RawString)
            .map(|i| i.line);
        assert_eq!(r, Some(3));
    }

    #[test]
    fn item_display() {
        let items = lex("{{ if \"abcdefghijklmn\" }}");
        assert_eq!(items[2].to_string(), "<if>");
        assert_eq!(items[4].to_string(), r#""\"abcdefghi"..."#);
    }
}
