//! The formatting state of one verb (Go's internal `fmt` struct): flags, width and
//! precision, padding, and the primitive formatters for integers, floats, strings,
//! byte slices, runes and booleans.

use super::float::format_float;
use super::quote::{can_backquote, is_print, quote_bytes, quote_rune, quote_rune_to_ascii};

pub(super) const LDIGITS: &[u8; 16] = b"0123456789abcdef";
pub(super) const UDIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Flags, width and precision of the verb being formatted.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Flags {
    pub sharp: bool,
    pub zero: bool,
    pub plus: bool,
    pub minus: bool,
    pub space: bool,
    /// `%+v`
    pub plus_v: bool,
    /// `%#v`
    pub sharp_v: bool,
    pub wid: Option<usize>,
    pub prec: Option<usize>,
}

/// An output buffer plus the flags of the current verb.
#[derive(Default)]
pub(super) struct Fmt {
    pub buf: String,
    pub f: Flags,
}

impl Fmt {
    fn write_padding(&mut self, n: usize) {
        let c = if self.f.zero && !self.f.minus {
            '0'
        } else {
            ' '
        };
        self.buf.extend(std::iter::repeat_n(c, n));
    }

    /// Pads `s` to the width (counted in runes) on the side the flags ask for.
    pub fn pad(&mut self, s: &str) {
        let Some(wid) = self.f.wid.filter(|w| *w > 0) else {
            self.buf.push_str(s);
            return;
        };
        let n = wid.saturating_sub(s.chars().count());
        if self.f.minus {
            self.buf.push_str(s);
            self.write_padding(n);
        } else {
            self.write_padding(n);
            self.buf.push_str(s);
        }
    }

    /// [`Fmt::pad`] with zero padding suppressed.
    fn pad_spaces(&mut self, s: &str) {
        let zero = std::mem::replace(&mut self.f.zero, false);
        self.pad(s);
        self.f.zero = zero;
    }

    pub fn fmt_boolean(&mut self, v: bool) {
        self.pad(if v { "true" } else { "false" });
    }

    /// Integers in base 2, 8, 10 or 16; `verb` is only consulted for `%O`.
    pub fn fmt_integer(&mut self, u: u64, base: u64, signed: bool, verb: char, digits: &[u8; 16]) {
        let negative = signed && (u as i64) < 0;
        let mut u = if negative {
            (u as i64).unsigned_abs()
        } else {
            u
        };
        let mut prec = 0;
        if let Some(p) = self.f.prec {
            prec = p;
            if p == 0 && u == 0 {
                let zero = std::mem::replace(&mut self.f.zero, false);
                self.write_padding(self.f.wid.unwrap_or(0));
                self.f.zero = zero;
                return;
            }
        } else if let Some(w) = self.f.wid.filter(|_| self.f.zero && !self.f.minus) {
            prec = w;
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1);
            }
        }
        let mut rev: Vec<u8> = Vec::with_capacity(24);
        loop {
            rev.push(digits[(u % base) as usize]);
            u /= base;
            if u == 0 {
                break;
            }
        }
        while rev.len() < prec {
            rev.push(b'0');
        }
        if self.f.sharp {
            match base {
                2 => rev.extend_from_slice(b"b0"),
                8 if rev.last() != Some(&b'0') => rev.push(b'0'),
                16 => rev.extend_from_slice(&[digits[15] + (b'x' - b'f'), b'0']),
                _ => {}
            }
        }
        if verb == 'O' {
            rev.extend_from_slice(b"o0");
        }
        if negative {
            rev.push(b'-');
        } else if self.f.plus {
            rev.push(b'+');
        } else if self.f.space {
            rev.push(b' ');
        }
        rev.reverse();
        let s = String::from_utf8_lossy(&rev).into_owned();
        self.pad_spaces(&s);
    }

    /// `%c`: the rune `u` (U+FFFD when it is not a valid code point).
    pub fn fmt_c(&mut self, u: u64) {
        let c = u32::try_from(u)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        self.pad(c.encode_utf8(&mut [0; 4]));
    }

    /// `%q` of an integer: a quoted rune literal.
    pub fn fmt_qc(&mut self, u: u64) {
        let r = u32::try_from(u)
            .ok()
            .filter(|r| *r <= 0x10FFFF)
            .unwrap_or(0xFFFD);
        let s = if self.f.plus {
            quote_rune_to_ascii(r)
        } else {
            quote_rune(r)
        };
        self.pad(&s);
    }

    /// `%U`: `U+0041`, with `%#U` adding ` 'A'` for printable runes.
    pub fn fmt_unicode(&mut self, u: u64) {
        let prec = self.f.prec.filter(|p| *p > 4).unwrap_or(4);
        let hex = format!("{u:X}");
        let zeros = prec.saturating_sub(hex.len());
        let mut s = String::with_capacity(2 + zeros + hex.len());
        s.push_str("U+");
        s.extend(std::iter::repeat_n('0', zeros));
        s.push_str(&hex);
        if self.f.sharp
            && let Some(c) = u32::try_from(u).ok().and_then(char::from_u32)
            && is_print(c)
        {
            s.push_str(" '");
            s.push(c);
            s.push('\'');
        }
        self.pad_spaces(&s);
    }

    /// Floats for the verbs `b e E f g G x X` (already mapped from `v` and `F`).
    pub fn fmt_float(&mut self, v: f64, size: u32, verb: char, prec: i32) {
        let prec = self
            .f
            .prec
            .map_or(prec, |p| p.min(i32::MAX as usize) as i32);
        let s = format_float(v, verb, prec, size);
        let mut num: Vec<u8> = Vec::with_capacity(s.len() + 8);
        if s.starts_with(['-', '+']) {
            num.extend_from_slice(s.as_bytes());
        } else {
            num.push(b'+');
            num.extend_from_slice(s.as_bytes());
        }
        if self.f.space && num[0] == b'+' && !self.f.plus {
            num[0] = b' ';
        }
        if num[1] == b'I' || num[1] == b'N' {
            if num[1] == b'N' && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            let s = String::from_utf8_lossy(&num).into_owned();
            self.pad_spaces(&s);
            return;
        }
        if self.f.sharp && verb != 'b' {
            sharp_float(&mut num, verb, prec);
        }
        let s = String::from_utf8_lossy(&num).into_owned();
        if self.f.plus || num[0] != b'+' {
            match self.f.wid {
                Some(w) if self.f.zero && !self.f.minus && w > num.len() => {
                    self.buf.push(char::from(num[0]));
                    self.write_padding(w - num.len());
                    self.buf.push_str(&s[1..]);
                }
                _ => self.pad(&s),
            }
            return;
        }
        self.pad(&s[1..]);
    }

    /// Truncates `s` to the precision, counted in runes.
    fn truncate<'a>(&self, s: &'a str) -> &'a str {
        match self.f.prec {
            Some(p) => s.char_indices().nth(p).map_or(s, |(i, _)| &s[..i]),
            None => s,
        }
    }

    /// `%s` / `%v` of a string.
    pub fn fmt_s(&mut self, s: &str) {
        let s = self.truncate(s);
        self.pad(s);
    }

    /// `%s` of a byte slice. tug's strings are UTF-8, so each invalid byte becomes
    /// U+FFFD (one per byte, as Go's rune decoding counts them).
    pub fn fmt_bs(&mut self, b: &[u8]) {
        let mut s = String::with_capacity(b.len());
        for chunk in b.utf8_chunks() {
            s.push_str(chunk.valid());
            s.extend(chunk.invalid().iter().map(|_| char::REPLACEMENT_CHARACTER));
        }
        self.fmt_s(&s);
    }

    /// `%x` / `%X` of a string or byte slice, honouring `#` (0x prefixes) and space.
    pub fn fmt_sbx(&mut self, b: &[u8], digits: &[u8; 16]) {
        let length = self.f.prec.map_or(b.len(), |p| p.min(b.len()));
        let mut width = 2 * length;
        if width == 0 {
            if let Some(w) = self.f.wid {
                self.write_padding(w);
            }
            return;
        }
        if self.f.space {
            if self.f.sharp {
                width *= 2;
            }
            width += length - 1;
        } else if self.f.sharp {
            width += 2;
        }
        let pad = self.f.wid.map_or(0, |w| w.saturating_sub(width));
        if !self.f.minus {
            self.write_padding(pad);
        }
        let x = char::from(digits[15] + (b'x' - b'f'));
        if self.f.sharp {
            self.buf.push('0');
            self.buf.push(x);
        }
        for (i, c) in b[..length].iter().enumerate() {
            if self.f.space && i > 0 {
                self.buf.push(' ');
                if self.f.sharp {
                    self.buf.push('0');
                    self.buf.push(x);
                }
            }
            self.buf.push(char::from(digits[usize::from(c >> 4)]));
            self.buf.push(char::from(digits[usize::from(c & 15)]));
        }
        if self.f.minus {
            self.write_padding(pad);
        }
    }

    /// `%q` of a string: `strconv.Quote`, or a raw string with `#`, or ASCII-only with `+`.
    pub fn fmt_q(&mut self, s: &str) {
        let s = self.truncate(s);
        if self.f.sharp && can_backquote(s) {
            self.pad(&format!("`{s}`"));
            return;
        }
        self.pad(&quote_bytes(s.as_bytes(), self.f.plus));
    }

    /// `%q` of a byte slice.
    pub fn fmt_q_bytes(&mut self, b: &[u8]) {
        match std::str::from_utf8(b) {
            Ok(s) => self.fmt_q(s),
            Err(_) => {
                let b = match self.f.prec {
                    Some(p) => truncate_bytes_runes(b, p),
                    None => b,
                };
                self.pad(&quote_bytes(b, self.f.plus));
            }
        }
    }
}

/// The first `n` runes of possibly invalid UTF-8 (each invalid byte is one rune).
fn truncate_bytes_runes(b: &[u8], n: usize) -> &[u8] {
    let mut end = 0;
    let mut count = 0;
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            if count == n {
                return &b[..end];
            }
            end += c.len_utf8();
            count += 1;
        }
        for _ in chunk.invalid() {
            if count == n {
                return &b[..end];
            }
            end += 1;
            count += 1;
        }
    }
    b
}

/// The `#` flag on floats: keep the decimal point and, for `%g`-style verbs, pad the
/// significant digits with zeros to the precision (6 by default).
fn sharp_float(num: &mut Vec<u8>, verb: char, prec: i32) {
    let mut digits: i32 = match verb {
        'v' | 'g' | 'G' | 'x' => {
            if prec == -1 {
                6
            } else {
                prec
            }
        }
        _ => 0,
    };
    let mut tail: Vec<u8> = Vec::new();
    let mut has_point = false;
    let mut saw_nonzero = false;
    let mut i = 1;
    while i < num.len() {
        match num[i] {
            b'.' => has_point = true,
            b'p' | b'P' => {
                tail = num.split_off(i);
                break;
            }
            b'e' | b'E' if verb != 'x' && verb != 'X' => {
                tail = num.split_off(i);
                break;
            }
            c => {
                if c != b'0' {
                    saw_nonzero = true;
                }
                if saw_nonzero {
                    digits -= 1;
                }
            }
        }
        i += 1;
    }
    if !has_point {
        if num.len() == 2 && num[1] == b'0' {
            digits -= 1;
        }
        num.push(b'.');
    }
    while digits > 0 {
        num.push(b'0');
        digits -= 1;
    }
    num.extend_from_slice(&tail);
}
