//! `fmt.Sprintf`: the format-string machine.
//!
//! Parses `%[flags][width][.precision][verb]` with `*` operands and `[n]` argument
//! indexes, and reproduces Go's markers for everything that goes wrong:
//! `%!d(MISSING)`, `%!d(BADINDEX)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!(NOVERB)` and
//! `%!(EXTRA type=value, …)`.

use super::format::Flags;
use super::print::Printer;
use crate::Value;

/// Go rejects widths and precisions beyond a million.
const TOO_LARGE: usize = 1_000_000;

/// Parses a decimal number at `s[start..end]`: `(value, found, next index)`.
fn parse_num(s: &[u8], start: usize, end: usize) -> (usize, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num = 0usize;
    let mut found = false;
    let mut i = start;
    while i < end && s[i].is_ascii_digit() {
        if num > TOO_LARGE {
            return (0, false, end);
        }
        num = num * 10 + usize::from(s[i] - b'0');
        found = true;
        i += 1;
    }
    (num, found, i)
}

/// Parses `[n]` at the start of `s`: `(zero-based index, bytes consumed, ok)`.
fn parse_arg_number(s: &[u8]) -> (usize, usize, bool) {
    if s.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..s.len() {
        if s[i] == b']' {
            let (n, ok, next) = parse_num(s, 1, i);
            if !ok || next != i {
                return (0, i + 1, false);
            }
            // Argument numbers are one-based; `[0]` is caught by the range check.
            return (n.wrapping_sub(1), i + 1, true);
        }
    }
    (0, 1, false)
}

/// An operand used as `*` width or precision: Go accepts any integer kind.
fn int_from_arg(args: &[Value], arg_num: usize) -> (i64, bool, usize) {
    let Some(a) = args.get(arg_num) else {
        return (0, false, arg_num);
    };
    let (num, ok) = match a {
        Value::Int(i) | Value::Int64(i) => (*i, true),
        Value::Uint(u) => i64::try_from(*u).map_or((0, false), |i| (i, true)),
        _ => (0, false),
    };
    if num.unsigned_abs() > TOO_LARGE as u64 {
        return (0, false, arg_num + 1);
    }
    (num, ok, arg_num + 1)
}

struct State<'a> {
    p: Printer,
    args: &'a [Value],
    arg_num: usize,
    reordered: bool,
    good_arg_num: bool,
}

impl State<'_> {
    /// Handles an optional `[n]` at `i`: `(new index, found)`.
    fn arg_number(&mut self, format: &[u8], i: usize) -> (usize, bool) {
        if i >= format.len() || format[i] != b'[' {
            return (i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&format[i..]);
        if ok && index < self.args.len() {
            self.arg_num = index;
            return (i + wid, true);
        }
        self.good_arg_num = false;
        (i + wid, ok)
    }

    fn write(&mut self, s: &str) {
        self.p.fmt.buf.push_str(s);
    }

    /// Parses flags, width, precision and argument indexes after a `%` into the
    /// printer's flags; returns the index of the verb.
    fn parse_spec(&mut self, format: &[u8], mut i: usize) -> usize {
        let end = format.len();
        let f = &mut self.p.fmt.f;
        while i < end {
            match format[i] {
                b'#' => f.sharp = true,
                b'0' => f.zero = !f.minus,
                b'+' => f.plus = true,
                b'-' => {
                    f.minus = true;
                    f.zero = false;
                }
                b' ' => f.space = true,
                _ => break,
            }
            i += 1;
        }
        let (ni, mut after_index) = self.arg_number(format, i);
        i = ni;
        if i < end && format[i] == b'*' {
            i += 1;
            let (w, ok, next) = int_from_arg(self.args, self.arg_num);
            self.arg_num = next;
            if !ok {
                self.write("%!(BADWIDTH)");
            } else {
                let f = &mut self.p.fmt.f;
                f.wid = Some(w.unsigned_abs() as usize);
                if w < 0 {
                    f.minus = true;
                    f.zero = false;
                }
            }
            after_index = false;
        } else {
            let (w, ok, next) = parse_num(format, i, end);
            i = next;
            if ok {
                self.p.fmt.f.wid = Some(w);
                if after_index {
                    self.good_arg_num = false;
                }
            }
        }
        if i + 1 < end && format[i] == b'.' {
            i += 1;
            if after_index {
                self.good_arg_num = false;
            }
            let (ni, ai) = self.arg_number(format, i);
            i = ni;
            after_index = ai;
            if i < end && format[i] == b'*' {
                i += 1;
                let (p, ok, next) = int_from_arg(self.args, self.arg_num);
                self.arg_num = next;
                // Negative precisions make no sense: Go reports them as bad too.
                let ok = ok && p >= 0;
                if ok {
                    self.p.fmt.f.prec = Some(p as usize);
                }
                if !ok {
                    self.write("%!(BADPREC)");
                }
                after_index = false;
            } else {
                let (p, ok, next) = parse_num(format, i, end);
                i = next;
                self.p.fmt.f.prec = Some(if ok { p } else { 0 });
            }
        }
        if !after_index {
            i = self.arg_number(format, i).0;
        }
        i
    }

    /// Prints one verb whose flags have been parsed.
    fn verb(&mut self, verb: char) {
        if verb == '%' {
            self.write("%");
        } else if !self.good_arg_num {
            self.write(&format!("%!{verb}(BADINDEX)"));
        } else if self.arg_num >= self.args.len() {
            self.write(&format!("%!{verb}(MISSING)"));
        } else {
            if verb == 'v' {
                let f = &mut self.p.fmt.f;
                f.sharp_v = std::mem::take(&mut f.sharp);
                f.plus_v = std::mem::take(&mut f.plus);
            }
            let arg = &self.args[self.arg_num];
            self.p.print_arg(arg, verb);
            self.arg_num += 1;
        }
    }

    fn extra(&mut self) {
        if self.reordered || self.arg_num >= self.args.len() {
            return;
        }
        self.p.fmt.f = Flags::default();
        self.write("%!(EXTRA ");
        for (i, arg) in self.args[self.arg_num..].iter().enumerate() {
            if i > 0 {
                self.write(", ");
            }
            if arg.is_nil() {
                self.write("<nil>");
            } else {
                let name = arg.type_name();
                self.write(&name);
                self.write("=");
                self.p.print_arg(arg, 'v');
            }
        }
        self.write(")");
    }
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let bytes = format.as_bytes();
    let end = bytes.len();
    let mut st = State {
        p: Printer::default(),
        args,
        arg_num: 0,
        reordered: false,
        good_arg_num: true,
    };
    let mut i = 0;
    while i < end {
        st.good_arg_num = true;
        let start = i;
        while i < end && bytes[i] != b'%' {
            i += 1;
        }
        if i > start {
            st.write(&format[start..i]);
        }
        if i >= end {
            break;
        }
        st.p.fmt.f = Flags::default();
        i = st.parse_spec(bytes, i + 1);
        if i >= end {
            st.write("%!(NOVERB)");
            break;
        }
        let verb = format[i..].chars().next().unwrap_or('%');
        i += verb.len_utf8();
        st.verb(verb);
    }
    st.extra();
    st.p.fmt.buf
}
