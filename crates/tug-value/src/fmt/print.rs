//! Printing one operand for one verb (Go's `printArg` / `printValue`), and
//! `fmt.Sprint` / `fmt.Sprintln`.
//!
//! Containers apply the verb to every element (`%d` of `[1 2]` is `[1 2]`, `%q` quotes
//! each element and each map key); a nil element prints `<nil>` whatever the verb; a
//! verb that does not fit a value prints `%!d(string=x)`.

use super::format::{Fmt, LDIGITS, UDIGITS};
use crate::{Object, Value};

/// The printer: output buffer, current flags and the "inside a bad-verb marker" state.
#[derive(Default)]
pub(super) struct Printer {
    pub fmt: Fmt,
    erroring: bool,
}

impl Printer {
    /// Go's `printArg`: formats a top-level operand.
    pub fn print_arg(&mut self, arg: &Value, verb: char) {
        if arg.is_nil() {
            match verb {
                'T' | 'v' => self.fmt.pad("<nil>"),
                _ => self.bad_verb(arg, verb),
            }
            return;
        }
        match verb {
            'T' => {
                let name = arg.type_name();
                self.fmt.fmt_s(&name);
                return;
            }
            'p' => {
                self.bad_verb(arg, verb);
                return;
            }
            _ => {}
        }
        self.print_value(arg, verb, 0);
    }

    /// Go's `badVerb`: `%!verb(type=value)`, the value printed with `%v` and the
    /// current flags.
    fn bad_verb(&mut self, v: &Value, verb: char) {
        self.erroring = true;
        self.fmt.buf.push_str("%!");
        self.fmt.buf.push(verb);
        self.fmt.buf.push('(');
        if v.is_nil() {
            self.fmt.buf.push_str("<nil>");
        } else {
            self.fmt.buf.push_str(&v.type_name());
            self.fmt.buf.push('=');
            self.print_value(v, 'v', 0);
        }
        self.fmt.buf.push(')');
        self.erroring = false;
    }

    /// Go's `printValue` for one value at a nesting depth.
    fn print_value(&mut self, v: &Value, verb: char, depth: usize) {
        // `%w` belongs to `fmt.Errorf`: Go rejects it before looking inside containers.
        if verb == 'w'
            && !self.erroring
            && matches!(v, Value::List(_) | Value::Map(_) | Value::Object(_))
        {
            return self.bad_verb(v, verb);
        }
        match v {
            Value::Nil => {
                if depth == 0 {
                    self.print_arg(v, verb);
                } else if self.fmt.f.sharp_v {
                    self.fmt.buf.push_str("interface {}(nil)");
                } else {
                    self.fmt.buf.push_str("<nil>");
                }
            }
            Value::Bool(b) => match verb {
                't' | 'v' => self.fmt.fmt_boolean(*b),
                _ => self.bad_verb(v, verb),
            },
            Value::Int(i) | Value::Int64(i) => self.fmt_integer(v, *i as u64, true, verb),
            Value::Uint(u) => self.fmt_integer(v, *u, false, verb),
            Value::Float(x) => self.fmt_float(v, *x, verb),
            Value::String(s) => self.fmt_string(v, s, verb),
            Value::Bytes(b) => self.fmt_bytes(v, b, verb, depth),
            Value::List(l) => self.print_list(&v.type_name(), l.items(), verb, depth),
            Value::Map(m) => self.print_map(&v.type_name(), &m.entries(), verb, depth),
            Value::Object(o) => self.print_object(v, o.as_ref(), verb, depth),
        }
    }

    fn fmt_integer(&mut self, v: &Value, u: u64, signed: bool, verb: char) {
        let f = &mut self.fmt;
        match verb {
            'v' if f.f.sharp_v && !signed => {
                let sharp = std::mem::replace(&mut f.f.sharp, true);
                f.fmt_integer(u, 16, signed, 'v', LDIGITS);
                f.f.sharp = sharp;
            }
            'v' | 'd' => f.fmt_integer(u, 10, signed, verb, LDIGITS),
            'b' => f.fmt_integer(u, 2, signed, verb, LDIGITS),
            'o' | 'O' => f.fmt_integer(u, 8, signed, verb, LDIGITS),
            'x' => f.fmt_integer(u, 16, signed, verb, LDIGITS),
            'X' => f.fmt_integer(u, 16, signed, verb, UDIGITS),
            'c' => f.fmt_c(u),
            'q' => f.fmt_qc(u),
            'U' => f.fmt_unicode(u),
            _ => self.bad_verb(v, verb),
        }
    }

    fn fmt_float(&mut self, v: &Value, x: f64, verb: char) {
        match verb {
            'v' => self.fmt.fmt_float(x, 64, 'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt.fmt_float(x, 64, verb, -1),
            'f' | 'e' | 'E' => self.fmt.fmt_float(x, 64, verb, 6),
            'F' => self.fmt.fmt_float(x, 64, 'f', 6),
            _ => self.bad_verb(v, verb),
        }
    }

    fn fmt_string(&mut self, v: &Value, s: &str, verb: char) {
        match verb {
            'v' if self.fmt.f.sharp_v => self.fmt.fmt_q(s),
            'v' | 's' => self.fmt.fmt_s(s),
            'x' => self.fmt.fmt_sbx(s.as_bytes(), LDIGITS),
            'X' => self.fmt.fmt_sbx(s.as_bytes(), UDIGITS),
            'q' => self.fmt.fmt_q(s),
            _ => self.bad_verb(v, verb),
        }
    }

    fn fmt_bytes(&mut self, v: &Value, b: &[u8], verb: char, depth: usize) {
        match verb {
            'v' | 'd' => {
                if self.fmt.f.sharp_v {
                    self.fmt
                        .buf
                        .push_str(if depth == 0 { "[]byte" } else { "[]uint8" });
                    self.fmt.buf.push('{');
                    for (i, c) in b.iter().enumerate() {
                        if i > 0 {
                            self.fmt.buf.push_str(", ");
                        }
                        self.fmt_integer(v, u64::from(*c), false, 'v');
                    }
                    self.fmt.buf.push('}');
                } else {
                    self.fmt.buf.push('[');
                    for (i, c) in b.iter().enumerate() {
                        if i > 0 {
                            self.fmt.buf.push(' ');
                        }
                        self.fmt
                            .fmt_integer(u64::from(*c), 10, false, verb, LDIGITS);
                    }
                    self.fmt.buf.push(']');
                }
            }
            's' => self.fmt.fmt_bs(b),
            'x' => self.fmt.fmt_sbx(b, LDIGITS),
            'X' => self.fmt.fmt_sbx(b, UDIGITS),
            'q' => self.fmt.fmt_q_bytes(b),
            _ => {
                let items: Vec<Value> = b.iter().map(|c| Value::Uint(u64::from(*c))).collect();
                self.print_elems("[]uint8", &items, verb, depth, true);
            }
        }
    }

    fn print_list(&mut self, type_name: &str, items: &[Value], verb: char, depth: usize) {
        self.print_elems(type_name, items, verb, depth, false);
    }

    /// Slices: `[a b]`, or `[]T{a, b}` with `%#v`. `uint8` elements (bytes) print as
    /// `uint8` values, not `uint64`, in markers.
    fn print_elems(
        &mut self,
        type_name: &str,
        items: &[Value],
        verb: char,
        depth: usize,
        bytes: bool,
    ) {
        let sharp_v = self.fmt.f.sharp_v;
        if sharp_v {
            self.fmt.buf.push_str(type_name);
            self.fmt.buf.push('{');
        } else {
            self.fmt.buf.push('[');
        }
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.fmt.buf.push_str(if sharp_v { ", " } else { " " });
            }
            if bytes {
                self.print_byte(item, verb);
            } else {
                self.print_value(item, verb, depth + 1);
            }
        }
        self.fmt.buf.push(if sharp_v { '}' } else { ']' });
    }

    /// One element of a `[]byte` printed with a verb other than `v d s x X q`.
    fn print_byte(&mut self, item: &Value, verb: char) {
        let Value::Uint(u) = item else { return };
        match verb {
            'b' | 'o' | 'O' | 'x' | 'X' | 'c' | 'q' | 'U' | 'v' | 'd' => {
                self.fmt_integer(item, *u, false, verb);
            }
            _ => {
                self.erroring = true;
                self.fmt.buf.push_str("%!");
                self.fmt.buf.push(verb);
                self.fmt.buf.push_str("(uint8=");
                self.fmt_integer(item, *u, false, 'v');
                self.fmt.buf.push(')');
                self.erroring = false;
            }
        }
    }

    /// Maps: `map[k:v …]` in key order, or `map[string]T{"k":v, …}` with `%#v`.
    fn print_map(
        &mut self,
        type_name: &str,
        entries: &[(crate::Str, Value)],
        verb: char,
        depth: usize,
    ) {
        let sharp_v = self.fmt.f.sharp_v;
        if sharp_v {
            self.fmt.buf.push_str(type_name);
            self.fmt.buf.push('{');
        } else {
            self.fmt.buf.push_str("map[");
        }
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                self.fmt.buf.push_str(if sharp_v { ", " } else { " " });
            }
            let key = Value::String(k.clone());
            self.print_value(&key, verb, depth + 1);
            self.fmt.buf.push(':');
            self.print_value(v, verb, depth + 1);
        }
        self.fmt.buf.push(if sharp_v { '}' } else { ']' });
    }

    /// Host objects: `String()`/`Error()` for `v s x X q`, named maps and slices as
    /// their contents, other structs as `{f1 f2}` (`%+v`: `{Name:f1 …}`), pointers to
    /// structs with a leading `&` at the top level.
    fn print_object(&mut self, v: &Value, o: &dyn Object, verb: char, depth: usize) {
        if !self.erroring
            && !self.fmt.f.sharp_v
            && matches!(verb, 'v' | 's' | 'x' | 'X' | 'q')
            && let Some(s) = o.stringer()
        {
            self.fmt_string(v, &s, verb);
            return;
        }
        let name = o.type_name();
        if let Some(m) = o.as_map() {
            return self.print_map(&name, &m.entries(), verb, depth);
        }
        if let Some(l) = o.as_list() {
            return self.print_list(&name, l.items(), verb, depth);
        }
        let sharp_v = self.fmt.f.sharp_v;
        let plus = self.fmt.f.plus_v || sharp_v;
        let struct_name = name.strip_prefix('*');
        if struct_name.is_some() {
            self.fmt.buf.push('&');
        }
        if sharp_v {
            self.fmt.buf.push_str(struct_name.unwrap_or(&name));
        }
        self.fmt.buf.push('{');
        for (i, (field, value)) in o.fields().iter().enumerate() {
            if i > 0 {
                self.fmt.buf.push_str(if sharp_v { ", " } else { " " });
            }
            if plus {
                self.fmt.buf.push_str(field);
                self.fmt.buf.push(':');
            }
            self.print_value(value, verb, depth + 1);
        }
        self.fmt.buf.push('}');
    }
}

/// Whether Go's `doPrint` treats the operand as a string (no space next to it).
fn is_string_kind(v: &Value) -> bool {
    matches!(v, Value::String(_))
}

/// `fmt.Sprint`.
pub fn sprint(args: &[Value]) -> String {
    let mut p = Printer::default();
    let mut prev_string = false;
    for (i, arg) in args.iter().enumerate() {
        let is_string = is_string_kind(arg);
        if i > 0 && !is_string && !prev_string {
            p.fmt.buf.push(' ');
        }
        p.fmt.f = Default::default();
        p.print_arg(arg, 'v');
        prev_string = is_string;
    }
    p.fmt.buf
}

/// `fmt.Sprintln`.
pub fn sprintln(args: &[Value]) -> String {
    let mut p = Printer::default();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            p.fmt.buf.push(' ');
        }
        p.fmt.f = Default::default();
        p.print_arg(arg, 'v');
    }
    p.fmt.buf.push('\n');
    p.fmt.buf
}

/// `%v` of one value.
pub fn format_value(v: &Value) -> String {
    let mut p = Printer::default();
    p.print_arg(v, 'v');
    p.fmt.buf
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::fmt::sprintf;
    use crate::{Map, Str};

    /// A struct with two fields, optionally a `String()` method, optionally a pointer.
    struct Thing {
        name: &'static str,
        stringer: bool,
    }

    impl Object for Thing {
        fn type_name(&self) -> Cow<'static, str> {
            self.name.into()
        }
        fn field(&self, _: &str) -> Option<Value> {
            None
        }
        fn stringer(&self) -> Option<String> {
            self.stringer.then(|| "I am a thing".to_string())
        }
        fn fields(&self) -> Vec<(Str, Value)> {
            vec![
                (Str::from("Name"), Value::from("x")),
                (Str::from("Count"), Value::Int(2)),
            ]
        }
    }

    /// A named map type such as Helm's `common.Values`.
    struct Named(Map);

    impl Object for Named {
        fn type_name(&self) -> Cow<'static, str> {
            "common.Values".into()
        }
        fn field(&self, name: &str) -> Option<Value> {
            self.0.get(name)
        }
        fn as_map(&self) -> Option<&Map> {
            Some(&self.0)
        }
    }

    fn thing(name: &'static str, stringer: bool) -> Value {
        Value::Object(std::sync::Arc::new(Thing { name, stringer }))
    }

    #[test]
    fn structs_print_their_fields() {
        let t = thing("chart.Thing", false);
        let args = [t.clone(), t.clone(), t.clone(), t.clone()];
        assert_eq!(
            sprintf("%v|%+v|%#v|%d", &args),
            "{x 2}|{Name:x Count:2}|chart.Thing{Name:\"x\", Count:2}|{%!d(string=x) 2}"
        );
        let p = thing("*chart.Thing", false);
        assert_eq!(sprintf("%v|%T", &[p.clone(), p]), "&{x 2}|*chart.Thing");
    }

    #[test]
    fn stringers_are_used_for_string_verbs() {
        let t = thing("chart.Thing", true);
        let args = [t.clone(), t.clone(), t.clone(), t.clone()];
        assert_eq!(
            sprintf("%v|%q|%d|%.4s", &args),
            "I am a thing|\"I am a thing\"|{%!d(string=x) 2}|I am"
        );
        assert_eq!(format_value(&Value::list(vec![t])), "[I am a thing]");
    }

    #[test]
    fn named_maps_print_as_maps() {
        let m = Map::new();
        m.insert("b", Value::Int(1));
        m.insert("a", Value::from("x"));
        let v = Value::Object(std::sync::Arc::new(Named(m)));
        assert_eq!(
            sprintf("%v|%T|%#v", &[v.clone(), v.clone(), v]),
            "map[a:x b:1]|common.Values|common.Values{\"a\":\"x\", \"b\":1}"
        );
    }

    #[test]
    fn uints_print_like_go() {
        let u = Value::Uint(u64::MAX);
        assert_eq!(
            sprintf("%v|%#v|%x|%d", &[u.clone(), u.clone(), u.clone(), u]),
            "18446744073709551615|0xffffffffffffffff|ffffffffffffffff|18446744073709551615"
        );
        assert_eq!(sprintf("%s", &[Value::Uint(3)]), "%!s(uint64=3)");
    }

    #[test]
    fn sprint_spaces_only_between_non_strings() {
        let args = [
            Value::Int(1),
            Value::Int(2),
            Value::from("a"),
            Value::Int(3),
        ];
        assert_eq!(sprint(&args), "1 2a3");
        assert_eq!(sprintln(&args), "1 2 a 3\n");
        assert_eq!(sprint(&[]), "");
        assert_eq!(sprintln(&[]), "\n");
    }
}
