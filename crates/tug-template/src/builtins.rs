//! Go's predefined template functions (`and`, `or`, `not`, `len`, `index`, `slice`,
//! `print*`, `html`, `js`, `urlquery`, `call`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`)
//! with Go's exact results and error texts.
//!
//! Builtins take Go `reflect.Value` parameters: they see invalid (missing) values and
//! nil interfaces as they are, which is why they work on [`Rv`] rather than on plain
//! values. `and`/`or` short-circuit and are evaluated by the executor itself.

use std::cmp::Ordering;

use tug_value::{ElemType, Value, fmt as gofmt};

use crate::complex::Complex;
use crate::exec::Rv;
use crate::func::Param;

/// The type of a parameter as the executor converts arguments to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pt {
    /// `reflect.Value` (builtins only): anything, missing values included, as is.
    RValue,
    /// A declared parameter type.
    Param(Param),
}

/// A predefined function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    And,
    Or,
    Not,
    Call,
    Html,
    Index,
    Slice,
    Js,
    Len,
    Print,
    Printf,
    Println,
    Urlquery,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Builtin {
    /// The builtin called `name`.
    pub fn lookup(name: &str) -> Option<Builtin> {
        use Builtin::*;
        Some(match name {
            "and" => And,
            "or" => Or,
            "not" => Not,
            "call" => Call,
            "html" => Html,
            "index" => Index,
            "slice" => Slice,
            "js" => Js,
            "len" => Len,
            "print" => Print,
            "printf" => Printf,
            "println" => Println,
            "urlquery" => Urlquery,
            "eq" => Eq,
            "ne" => Ne,
            "lt" => Lt,
            "le" => Le,
            "gt" => Gt,
            "ge" => Ge,
            _ => return None,
        })
    }

    /// Fixed parameters and the variadic element type.
    pub fn signature(self) -> (&'static [Pt], Option<Pt>) {
        use Builtin::*;
        const V1: &[Pt] = &[Pt::RValue];
        const V2: &[Pt] = &[Pt::RValue, Pt::RValue];
        match self {
            And | Or | Call | Index | Slice | Eq => (V1, Some(Pt::RValue)),
            Not | Len => (V1, None),
            Html | Js | Print | Println | Urlquery => (&[], Some(Pt::Param(Param::Any))),
            Printf => (&[Pt::Param(Param::String)], Some(Pt::Param(Param::Any))),
            Ne | Lt | Le | Gt | Ge => (V2, None),
        }
    }

    /// Calls the builtin (not `and`/`or`, which the executor evaluates lazily).
    /// `Err` carries the message that Go wraps as `error calling NAME: …`.
    pub fn call(self, args: &[Rv], callee: &str) -> Result<Rv, String> {
        use Builtin::*;
        let b = |x: bool| Ok(Rv::Val(Value::Bool(x)));
        let s = |x: String| Ok(Rv::Val(Value::from(x)));
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Rv::Invalid);
        match self {
            And | Or => Ok(args.last().cloned().unwrap_or(Rv::Invalid)),
            Not => b(!arg(0).truth()),
            Call => call(&arg(0), callee),
            Len => length(&arg(0)),
            Index => index(&arg(0), &args[1.min(args.len())..]),
            Slice => slice(&arg(0), &args[1.min(args.len())..]),
            Print => s(gofmt::sprint(&values(args))),
            Println => s(gofmt::sprintln(&values(args))),
            Printf => {
                let all = values(args);
                let f = all
                    .first()
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string();
                s(gofmt::sprintf(&f, &all[1.min(all.len())..]))
            }
            Html => s(html_escape(&eval_args(args))),
            Js => s(js_escape(&eval_args(args))),
            Urlquery => s(query_escape(&eval_args(args))),
            Eq => {
                if args.len() < 2 {
                    return Err("missing argument for comparison".into());
                }
                b(eq(&arg(0), &args[1..])?)
            }
            Ne => b(!eq(&arg(0), &args[1..2.min(args.len())])?),
            Lt => b(lt(&arg(0), &arg(1))?),
            Le => b(lt(&arg(0), &arg(1))? || eq(&arg(0), &args[1..2.min(args.len())])?),
            Gt => b(!(lt(&arg(0), &arg(1))? || eq(&arg(0), &args[1..2.min(args.len())])?)),
            Ge => b(!lt(&arg(0), &arg(1))?),
        }
    }
}

fn values(args: &[Rv]) -> Vec<Value> {
    args.iter().map(|a| a.value().clone()).collect()
}

/// Go's `evalArgs` for `html`/`js`/`urlquery`: a lone string as is, otherwise
/// `fmt.Sprint` with missing values printed as `<no value>`.
fn eval_args(args: &[Rv]) -> String {
    if let [Rv::Val(Value::String(s)) | Rv::Iface(Value::String(s))] = args {
        return s.to_string();
    }
    let vals: Vec<Value> = args
        .iter()
        .map(|a| match a.value() {
            Value::Nil => Value::from("<no value>"),
            v => v.clone(),
        })
        .collect();
    gofmt::sprint(&vals)
}

fn call(f: &Rv, callee: &str) -> Result<Rv, String> {
    match f.value() {
        Value::Nil => Err("call of nil".into()),
        v => Err(format!("non-function {callee} of type {}", v.type_name())),
    }
}

fn length(item: &Rv) -> Result<Rv, String> {
    let v = match item {
        Rv::Invalid => return Err("reflect: call of reflect.Value.Type on zero Value".into()),
        Rv::Iface(Value::Nil) | Rv::Val(Value::Nil) => return Err("len of nil pointer".into()),
        Rv::Iface(v) | Rv::Val(v) => v,
    };
    let n = match v {
        Value::String(s) => s.len(),
        Value::Bytes(b) => b.len(),
        v => match (v.as_list(), v.as_map()) {
            (Some(l), _) => l.len(),
            (_, Some(m)) => m.len(),
            _ => return Err(format!("len of type {}", v.type_name())),
        },
    };
    Ok(Rv::Val(Value::Int(n as i64)))
}

/// Go's `indexArg`: an integer index checked against `cap`.
fn index_arg(index: &Rv, cap: usize) -> Result<usize, String> {
    let x: i64 = match index.value() {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Uint(u) => *u as i64,
        Value::Nil => return Err("cannot index slice/array with nil".into()),
        v => {
            return Err(format!(
                "cannot index slice/array with type {}",
                v.type_name()
            ));
        }
    };
    if x < 0 || x as u64 > cap as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

fn index(item: &Rv, indexes: &[Rv]) -> Result<Rv, String> {
    let mut cur = match item.value() {
        Value::Nil => return Err("index of untyped nil".into()),
        _ => item.clone(),
    };
    for ix in indexes {
        let v = match cur.value() {
            Value::Nil => return Err("index of nil pointer".into()),
            v => v.clone(),
        };
        cur = index_one(&v, ix)?;
    }
    Ok(cur)
}

fn index_one(v: &Value, ix: &Rv) -> Result<Rv, String> {
    if let Value::String(s) = v {
        let x = index_arg(ix, s.len())?;
        let b = s
            .as_bytes()
            .get(x)
            .ok_or("reflect: string index out of range")?;
        return Ok(Rv::Val(Value::Int(i64::from(*b))));
    }
    if let Value::Bytes(bs) = v {
        let x = index_arg(ix, bs.len())?;
        let b = bs.get(x).ok_or("reflect: slice index out of range")?;
        return Ok(Rv::Val(Value::Int(i64::from(*b))));
    }
    if let Some(l) = v.as_list() {
        let x = index_arg(ix, l.len())?;
        let e = l
            .items()
            .get(x)
            .ok_or("reflect: slice index out of range")?;
        return Ok(Rv::elem(l.elem(), e.clone()));
    }
    if let Some(m) = v.as_map() {
        let key = match ix.value() {
            Value::String(s) => s.clone(),
            Value::Nil => return Err("value is nil; should be of type string".into()),
            other => {
                return Err(format!(
                    "value has type {}; should be string",
                    other.type_name()
                ));
            }
        };
        let got = m.get(&key).unwrap_or_else(|| m.elem().zero());
        return Ok(Rv::elem(m.elem(), got));
    }
    Err(format!("can't index item of type {}", v.type_name()))
}

fn slice(item: &Rv, indexes: &[Rv]) -> Result<Rv, String> {
    let v = match item.value() {
        Value::Nil => return Err("slice of untyped nil".into()),
        v => v.clone(),
    };
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match &v {
        Value::String(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        v => match v.as_list() {
            Some(l) => l.len(),
            None => return Err(format!("can't slice item of type {}", v.type_name())),
        },
    };
    let mut idx = [0, len, len];
    for (i, ix) in indexes.iter().enumerate() {
        idx[i] = index_arg(ix, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    Ok(Rv::Val(match &v {
        Value::String(s) => {
            Value::from(String::from_utf8_lossy(&s.as_bytes()[idx[0]..idx[1]]).into_owned())
        }
        v => {
            let l = v.as_list().ok_or("can't slice")?;
            let items = l.items()[idx[0]..idx[1]].to_vec();
            Value::List(tug_value::List::typed(l.elem(), items))
        }
    }))
}

/// Go's basic kinds for comparisons.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Bool,
    Int,
    Uint,
    Float,
    Complex,
    String,
    Other,
    Invalid,
}

fn basic_kind(v: &Value) -> Kind {
    match v {
        Value::Bool(_) => Kind::Bool,
        Value::Int(_) | Value::Int64(_) => Kind::Int,
        Value::Uint(_) => Kind::Uint,
        Value::Float(_) => Kind::Float,
        Value::String(_) => Kind::String,
        Value::Nil => Kind::Invalid,
        v if Complex::parts(v).is_some() => Kind::Complex,
        _ => Kind::Other,
    }
}

fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i,
        _ => 0,
    }
}

fn uint_of(v: &Value) -> u64 {
    match v {
        Value::Uint(u) => *u,
        _ => 0,
    }
}

fn incompatible(a: &Value, b: &Value) -> String {
    format!(
        "incompatible types for comparison: {} and {}",
        a.type_name(),
        b.type_name()
    )
}

/// Go's `eq`: `arg1 == arg2 || arg1 == arg3 …`.
fn eq(a: &Rv, others: &[Rv]) -> Result<bool, String> {
    let a = a.value();
    let k1 = basic_kind(a);
    for o in others {
        let o = o.value();
        let k2 = basic_kind(o);
        let truth = if k1 != k2 {
            match (k1, k2) {
                (Kind::Int, Kind::Uint) => int_of(a) >= 0 && int_of(a) as u64 == uint_of(o),
                (Kind::Uint, Kind::Int) => int_of(o) >= 0 && uint_of(a) == int_of(o) as u64,
                _ if k1 != Kind::Invalid && k2 != Kind::Invalid => {
                    return Err(incompatible(a, o));
                }
                _ => false,
            }
        } else {
            match (a, o) {
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::Float(x), Value::Float(y)) => x == y,
                (Value::String(x), Value::String(y)) => x == y,
                (Value::Uint(x), Value::Uint(y)) => x == y,
                _ if k1 == Kind::Int => int_of(a) == int_of(o),
                (Value::Nil, Value::Nil) => true,
                _ if k1 == Kind::Complex => Complex::parts(a) == Complex::parts(o),
                _ => eq_other(a, o)?,
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `==` on non-basic values: same-typed objects compare by identity; maps and
/// slices are not comparable.
fn eq_other(a: &Value, o: &Value) -> Result<bool, String> {
    if a.type_name() != o.type_name() {
        return Err(format!(
            "non-comparable types {}: {}, {}: {}",
            sprint_s(a),
            a.type_name(),
            o.type_name(),
            gofmt::format_value(o)
        ));
    }
    match (a, o) {
        (Value::Object(x), Value::Object(y)) if x.as_map().is_none() && x.as_list().is_none() => {
            Ok(std::sync::Arc::ptr_eq(x, y))
        }
        _ => Err(format!(
            "non-comparable type {}: {}",
            sprint_s(o),
            o.type_name()
        )),
    }
}

/// `fmt.Sprintf("%s", v)`, as Go's `eq` formats values in its errors.
fn sprint_s(v: &Value) -> String {
    gofmt::sprintf("%s", std::slice::from_ref(v))
}

/// Go's `lt`.
fn lt(a: &Rv, b: &Rv) -> Result<bool, String> {
    let (a, b) = (a.value(), b.value());
    let k1 = basic_kind(a);
    if matches!(k1, Kind::Other | Kind::Invalid) {
        return Err("invalid type for comparison".into());
    }
    let k2 = basic_kind(b);
    if matches!(k2, Kind::Other | Kind::Invalid) {
        return Err("invalid type for comparison".into());
    }
    if k1 != k2 {
        return match (k1, k2) {
            (Kind::Int, Kind::Uint) => Ok(int_of(a) < 0 || (int_of(a) as u64) < uint_of(b)),
            (Kind::Uint, Kind::Int) => Ok(int_of(b) >= 0 && uint_of(a) < int_of(b) as u64),
            _ => Err(incompatible(a, b)),
        };
    }
    Ok(match (a, b) {
        (Value::Bool(_), _) => return Err("invalid type for comparison".into()),
        _ if k1 == Kind::Complex => return Err("invalid type for comparison".into()),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y) == Some(Ordering::Less),
        (Value::String(x), Value::String(y)) => x < y,
        (Value::Uint(x), Value::Uint(y)) => x < y,
        _ => int_of(a) < int_of(b),
    })
}

/// `template.HTMLEscapeString`.
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `template.JSEscapeString`.
pub(crate) fn js_escape(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c if c.is_ascii() || !c.is_control() && !is_unprintable(c) => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out
}

/// Non-ASCII runes Go's `unicode.IsPrint` rejects that Rust does not flag as control.
fn is_unprintable(c: char) -> bool {
    matches!(c as u32, 0xAD | 0x2028 | 0x2029 | 0xFEFF | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064)
        || (c.is_whitespace() && c != ' ')
}

/// `url.QueryEscape`.
pub(crate) fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Rv {
    /// An element read out of a collection whose element type is `elem`.
    pub(crate) fn elem(elem: ElemType, v: Value) -> Rv {
        match elem {
            ElemType::Any => Rv::Iface(v),
            _ => Rv::Val(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: Value) -> Rv {
        Rv::Val(x)
    }

    #[test]
    fn escapes() {
        assert_eq!(
            html_escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;"
        );
        assert_eq!(
            js_escape("a'b\"c<d>=&\n"),
            "a\\'b\\\"c\\u003Cd\\u003E\\u003D\\u0026\\u000A"
        );
        assert_eq!(query_escape("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn comparisons_follow_go() {
        let f = v(Value::Float(1.0));
        let i = v(Value::Int(1));
        assert_eq!(
            eq(&f, std::slice::from_ref(&i)),
            Err("incompatible types for comparison: float64 and int".into())
        );
        assert_eq!(eq(&i, &[v(Value::Int(2)), v(Value::Int(1))]), Ok(true));
        assert_eq!(
            eq(&Rv::Iface(Value::Nil), &[v(Value::from("x"))]),
            Ok(false)
        );
        assert_eq!(lt(&i, &v(Value::Int(2))), Ok(true));
        assert_eq!(
            lt(&v(Value::Bool(true)), &v(Value::Bool(false))),
            Err("invalid type for comparison".into())
        );
        assert_eq!(eq(&i, &[v(Value::Uint(1))]), Ok(true));
    }

    #[test]
    fn index_and_slice() {
        let l = v(Value::list(vec![Value::Int(1), Value::Int(2)]));
        let got = index(&l, &[v(Value::Int(1))]).map(|r| r.value().clone());
        assert!(matches!(got, Ok(Value::Int(2))));
        assert_eq!(
            index(&l, &[v(Value::Int(5))]).err(),
            Some("index out of range: 5".into())
        );
        assert_eq!(
            index(&Rv::Invalid, &[]).err(),
            Some("index of untyped nil".into())
        );
        let s = slice(
            &v(Value::from("hello")),
            &[v(Value::Int(1)), v(Value::Int(3))],
        );
        assert!(matches!(s.map(|r| r.value().clone()), Ok(Value::String(x)) if &*x == "el"));
    }
}
