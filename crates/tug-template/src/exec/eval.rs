//! Evaluation of pipelines, commands, operands, field chains and calls, following
//! Go's `exec.go` step by step (including which node an error points at).

use std::sync::Arc;

use tug_value::{List, Map, Object, Str, Value};

use super::{R, Rv, State};
use crate::ast::{Arg, At, CommandNode, NumberNode, PipeNode, VarNode};
use crate::builtins::{Builtin, Pt};
use crate::func::{FuncError, Function, Param};
use crate::set::MissingKey;

/// What an identifier names.
enum Callee<'f> {
    Builtin(Builtin),
    Func(&'f Function),
}

/// A callee's parameter list, borrowed from its declaration.
enum Sig {
    Builtin(&'static [Pt], Option<Pt>),
    Func(&'static [Param], Option<Param>),
}

impl Sig {
    fn fixed(&self) -> usize {
        match self {
            Sig::Builtin(f, _) => f.len(),
            Sig::Func(f, _) => f.len(),
        }
    }

    fn variadic(&self) -> Option<Pt> {
        match self {
            Sig::Builtin(_, v) => *v,
            Sig::Func(_, v) => v.map(Pt::Param),
        }
    }

    fn param(&self, i: usize) -> Option<Pt> {
        match self {
            Sig::Builtin(f, _) => f.get(i).copied(),
            Sig::Func(f, _) => f.get(i).copied().map(Pt::Param),
        }
    }
}

/// The Go spelling of a parameter type, for error messages.
pub(crate) fn type_name(t: Pt) -> &'static str {
    match t {
        Pt::RValue => "reflect.Value",
        Pt::Param(p) => match p {
            Param::Any => "interface {}",
            Param::String => "string",
            Param::Int => "int",
            Param::Int64 => "int64",
            Param::Float64 => "float64",
            Param::Bool => "bool",
            Param::List => "[]interface {}",
            Param::Map => "map[string]interface {}",
            Param::StringList => "[]string",
            Param::Named(n) => n,
        },
    }
}

/// Converts `v` to parameter type `p` if Go would accept the assignment.
fn assign(v: &Value, p: Param) -> Option<Value> {
    use tug_value::ElemType;
    let ok = match p {
        Param::Any => true,
        Param::String => matches!(v, Value::String(_)),
        Param::Int => matches!(v, Value::Int(_)),
        Param::Int64 => matches!(v, Value::Int64(_)),
        Param::Float64 => matches!(v, Value::Float(_)),
        Param::Bool => matches!(v, Value::Bool(_)),
        Param::List | Param::StringList => {
            let want = if p == Param::List {
                ElemType::Any
            } else {
                ElemType::String
            };
            return v
                .as_list()
                .filter(|l| l.elem() == want)
                .map(|l| Value::List(l.clone()));
        }
        Param::Map => {
            return v
                .as_map()
                .filter(|m| m.elem() == ElemType::Any)
                .map(|m| Value::Map(m.clone()));
        }
        Param::Named(n) => matches!(v, Value::Object(o) if o.type_name() == n),
    };
    ok.then(|| v.clone())
}

/// The zero value of a nillable parameter type; `None` if it cannot be nil.
fn nil_of(t: Pt) -> Option<Rv> {
    match t {
        Pt::RValue => Some(Rv::Invalid),
        Pt::Param(p) => match p {
            Param::Any => Some(Rv::Iface(Value::Nil)),
            Param::List => Some(Rv::Val(Value::List(List::default()))),
            Param::StringList => Some(Rv::Val(Value::List(List::typed(
                tug_value::ElemType::String,
                Vec::new(),
            )))),
            Param::Map => Some(Rv::Val(Value::Map(Map::new()))),
            Param::Named(n) if n.starts_with('*') => Some(Rv::Iface(Value::Nil)),
            _ => None,
        },
    }
}

fn is_hex_int(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 2 && b[0] == b'0' && (b[1] | 0x20) == b'x' && !s.contains(['p', 'P'])
}

impl<'a> State<'a> {
    /// Go's `evalPipeline`.
    pub(super) fn eval_pipeline(&mut self, dot: &Rv, pipe: &'a PipeNode) -> R<Rv> {
        // Parenthesised pipelines nest: make sure deep nesting cannot exhaust the stack.
        stacker::maybe_grow(super::STACK_RED_ZONE, super::STACK_SEGMENT, || {
            self.eval_pipeline_inner(dot, pipe)
        })
    }

    fn eval_pipeline_inner(&mut self, dot: &Rv, pipe: &'a PipeNode) -> R<Rv> {
        self.at(pipe);
        let mut value: Option<Rv> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.dig());
        }
        let value = value.unwrap_or(Rv::Invalid);
        for var in pipe.decl.iter() {
            if pipe.is_assign {
                self.set_var(&var.idents[0], value.clone())?;
            } else {
                self.vars.push((var.idents[0].clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn eval_command(&mut self, dot: &Rv, cmd: &'a CommandNode, fin: Option<Rv>) -> R<Rv> {
        let Some(first) = cmd.args.first() else {
            return Err(self.errorf("empty command"));
        };
        match first {
            Arg::Field { idents, .. } => {
                self.at(first);
                return self.eval_field_chain(dot, dot.clone(), first, idents, &cmd.args, fin);
            }
            Arg::Chain { .. } => return self.eval_chain(dot, first, &cmd.args, fin),
            Arg::Identifier { name, .. } => {
                return self.eval_function(dot, first, name, cmd, &cmd.args[1..], fin);
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable(v) => return self.eval_variable(dot, v, &cmd.args, fin),
            _ => {}
        }
        self.at(first);
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Arg::Bool(_, b) => Ok(Rv::Val(Value::Bool(*b))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Number(n) => self.ideal_constant(n),
            Arg::String { text, .. } => Ok(Rv::Val(Value::String(text.clone()))),
            _ => Err(self.errorf("nil is not a command")),
        }
    }

    fn not_a_function(&self, args: &[Arg], fin: &Option<Rv>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            let a = args.first().map(|a| a.to_string()).unwrap_or_default();
            return Err(self.errorf(format_args!("can't give argument to non-function {a}")));
        }
        Ok(())
    }

    /// Go's `idealConstant`: a literal in an untyped context.
    fn ideal_constant(&mut self, n: &'a NumberNode) -> R<Rv> {
        let t = &*n.text;
        if n.is_complex {
            let (re, im) = n.complex;
            return Ok(Rv::Val(crate::complex::Complex { re, im }.value()));
        }
        if n.is_float
            && !is_hex_int(t)
            && !t.starts_with('\'')
            && t.contains(['.', 'e', 'E', 'p', 'P'])
        {
            return Ok(Rv::Val(Value::Float(n.float)));
        }
        if n.is_int {
            return Ok(Rv::Val(Value::Int(n.int)));
        }
        Err(self.errorf(format_args!("{t} overflows int")))
    }

    fn eval_chain(&mut self, dot: &Rv, chain: &'a Arg, args: &'a [Arg], fin: Option<Rv>) -> R<Rv> {
        self.at(chain);
        let Arg::Chain { node, fields, .. } = chain else {
            return Err(self.errorf("internal error: not a chain"));
        };
        if let Arg::Nil(_) = node.as_ref() {
            return Err(self.errorf(format_args!("indirection through explicit nil in {chain}")));
        }
        let recv = self.eval_arg_untyped(dot, node)?;
        self.eval_field_chain(dot, recv, chain, fields, args, fin)
    }

    fn eval_variable(
        &mut self,
        dot: &Rv,
        v: &'a VarNode,
        args: &'a [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        self.at(v);
        let value = self.var_value(&v.idents[0])?;
        if v.idents.len() == 1 {
            self.not_a_function(args, &fin)?;
            return Ok(value);
        }
        self.eval_field_chain(dot, value, v, &v.idents[1..], args, fin)
    }

    /// Go's `evalFieldChain`: `.X.Y.Z` on `recv`; only the last field gets `args`.
    fn eval_field_chain(
        &mut self,
        dot: &Rv,
        mut recv: Rv,
        node: &'a dyn At,
        idents: &[Str],
        args: &'a [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let Some((last, init)) = idents.split_last() else {
            return Ok(recv);
        };
        for id in init {
            recv = self.eval_field(dot, id, node, &[], None, recv)?;
        }
        self.eval_field(dot, last, node, args, fin, recv)
    }

    /// Go's `evalField`: a method, a map key or a struct field of `recv`.
    fn eval_field(
        &mut self,
        dot: &Rv,
        name: &str,
        node: &'a dyn At,
        args: &'a [Arg],
        fin: Option<Rv>,
        recv: Rv,
    ) -> R<Rv> {
        let v = match &recv {
            Rv::Invalid => {
                if self.set.missing_key == MissingKey::Error {
                    let q = tug_value::fmt::quote(name);
                    return Err(self.errorf(format_args!("nil data; no entry for key {q}")));
                }
                return Ok(Rv::Invalid);
            }
            Rv::Iface(Value::Nil) | Rv::Val(Value::Nil) => {
                return Err(
                    self.errorf(format_args!("nil pointer evaluating interface {{}}.{name}"))
                );
            }
            Rv::Iface(v) | Rv::Val(v) => v,
        };
        if let Value::Object(o) = v
            && o.has_method(name)
        {
            let o = o.clone();
            return self.eval_method(dot, &o, name, node, args, fin);
        }
        let has_args = args.len() > 1 || fin.is_some();
        if let Some(m) = v.as_map() {
            if has_args {
                return Err(self.errorf(format_args!("{name} is not a method but has arguments")));
            }
            return match m.get(name) {
                Some(x) => Ok(Rv::elem(m.elem(), x)),
                None => match self.set.missing_key {
                    MissingKey::Default => Ok(Rv::Invalid),
                    MissingKey::Zero => Ok(Rv::elem(m.elem(), m.elem().zero())),
                    MissingKey::Error => {
                        let q = tug_value::fmt::quote(name);
                        Err(self.errorf(format_args!("map has no entry for key {q}")))
                    }
                },
            };
        }
        if let Value::Object(o) = v
            && let Some(f) = o.field(name)
        {
            if has_args {
                return Err(self.errorf(format_args!(
                    "{name} has arguments but cannot be invoked as function"
                )));
            }
            return Ok(Rv::result(f));
        }
        let t = recv.static_type();
        Err(self.errorf(format_args!("can't evaluate field {name} in type {t}")))
    }

    fn eval_method(
        &mut self,
        dot: &Rv,
        o: &Arc<dyn Object>,
        name: &str,
        node: &'a dyn At,
        args: &'a [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let mut argv = Vec::with_capacity(args.len());
        for a in args.iter().skip(1) {
            argv.push(self.eval_arg(dot, Pt::Param(Param::Any), a)?.into_value());
        }
        if let Some(f) = fin {
            argv.push(f.into_value());
        }
        match o.call_method(name, &argv) {
            Some(Ok(v)) => Ok(Rv::result(v)),
            Some(Err(e)) => {
                self.at(node);
                Err(self.errorf(format_args!("error calling {name}: {e}")))
            }
            None => {
                let t = o.type_name();
                Err(self.errorf(format_args!("can't evaluate field {name} in type {t}")))
            }
        }
    }

    fn eval_function(
        &mut self,
        dot: &Rv,
        ident: &'a Arg,
        name: &str,
        node: &'a dyn At,
        args: &'a [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        self.at(ident);
        let set = self.set;
        let callee = match set.funcs.get(name) {
            Some(f) => Callee::Func(f),
            None => match Builtin::lookup(name) {
                Some(b) => Callee::Builtin(b),
                None => {
                    let q = tug_value::fmt::quote(name);
                    return Err(self.errorf(format_args!("{q} is not a defined function")));
                }
            },
        };
        self.eval_call(dot, callee, node, name, args, fin)
    }

    fn check_arity(
        &self,
        name: &str,
        fixed: usize,
        variadic: bool,
        nargs: usize,
        num_in: usize,
    ) -> R<()> {
        if variadic {
            if num_in < fixed {
                return Err(self.errorf(format_args!(
                    "wrong number of args for {name}: want at least {fixed} got {nargs}"
                )));
            }
        } else if num_in != fixed {
            return Err(self.errorf(format_args!(
                "wrong number of args for {name}: want {fixed} got {num_in}"
            )));
        }
        Ok(())
    }

    /// Go's `evalCall`: arity check, argument conversion, the call, error wrapping.
    fn eval_call(
        &mut self,
        dot: &Rv,
        callee: Callee<'a>,
        node: &'a dyn At,
        name: &str,
        args: &'a [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let sig = match &callee {
            Callee::Builtin(b) => {
                let (f, v) = b.signature();
                Sig::Builtin(f, v)
            }
            Callee::Func(f) => Sig::Func(f.signature.params, f.signature.variadic),
        };
        let (nfixed, variadic) = (sig.fixed(), sig.variadic());
        let num_in = args.len() + usize::from(fin.is_some());
        self.check_arity(name, nfixed, variadic.is_some(), args.len(), num_in)?;
        if let Callee::Builtin(b @ (Builtin::And | Builtin::Or)) = callee {
            let is_or = b == Builtin::Or;
            let mut v = Rv::Invalid;
            for a in args {
                v = self.eval_arg(dot, Pt::RValue, a)?;
                if v.truth() == is_or {
                    return Ok(v);
                }
            }
            if let Some(f) = fin {
                v = f;
            }
            return Ok(v);
        }
        let mut argv: Vec<Rv> = Vec::with_capacity(num_in);
        for (i, a) in args.iter().enumerate() {
            let t = sig.param(i).or(variadic).unwrap_or(Pt::RValue);
            argv.push(self.eval_arg(dot, t, a)?);
        }
        if let Some(f) = fin {
            let t = match variadic {
                Some(v) if num_in > nfixed => v,
                _ => sig.param(num_in - 1).unwrap_or(Pt::RValue),
            };
            argv.push(self.validate_type(f, t)?);
        }
        match callee {
            Callee::Builtin(b) => {
                let callee_text = args.first().map(|a| a.to_string()).unwrap_or_default();
                b.call(&argv, &callee_text).map_err(|m| {
                    self.at(node);
                    self.errorf(format_args!("error calling {name}: {m}"))
                })
            }
            Callee::Func(f) => {
                let vals: Vec<Value> = argv.into_iter().map(Rv::into_value).collect();
                let call = f.call.clone();
                // While the function runs, `Context::location` reports the node Go would
                // name in an error from this call (what Helm's `required` shows).
                let prev = self.node;
                self.at(node);
                let r = stacker::maybe_grow(super::STACK_RED_ZONE, super::STACK_SEGMENT, || {
                    call(self, &vals)
                });
                match r {
                    Ok(v) => {
                        self.node = prev;
                        Ok(Rv::result(v))
                    }
                    Err(e) => {
                        self.at(node);
                        Err(match e {
                            FuncError::Message(m) => {
                                self.errorf(format_args!("error calling {name}: {m}"))
                            }
                            FuncError::Template(inner) => {
                                let kind = inner.kind();
                                self.error_kind(kind, format_args!("error calling {name}: {inner}"))
                            }
                        })
                    }
                }
            }
        }
    }

    /// Go's `evalArg(dot, nil, n)`: an operand in a chain, no type to convert to.
    fn eval_arg_untyped(&mut self, dot: &Rv, n: &'a Arg) -> R<Rv> {
        self.at(n);
        match n {
            Arg::Pipe(p) => self.eval_pipeline(dot, p),
            Arg::Identifier { name, .. } => self.eval_function(dot, n, name, n, &[], None),
            other => self.eval_arg(dot, Pt::RValue, other),
        }
    }

    /// Go's `evalArg`: an operand converted to the parameter type `t`.
    fn eval_arg(&mut self, dot: &Rv, t: Pt, n: &'a Arg) -> R<Rv> {
        self.at(n);
        let v = match n {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => {
                return nil_of(t).ok_or_else(|| {
                    self.errorf(format_args!("cannot assign nil to {}", type_name(t)))
                });
            }
            Arg::Field { idents, .. } => {
                self.eval_field_chain(dot, dot.clone(), n, idents, &[], None)?
            }
            Arg::Variable(v) => self.eval_variable(dot, v, &[], None)?,
            Arg::Pipe(p) => self.eval_pipeline(dot, p)?,
            Arg::Identifier { name, .. } => self.eval_function(dot, n, name, n, &[], None)?,
            Arg::Chain { .. } => self.eval_chain(dot, n, &[], None)?,
            lit => return self.eval_literal(t, lit),
        };
        self.validate_type(v, t)
    }

    /// A literal operand for a parameter of type `t`.
    fn eval_literal(&mut self, t: Pt, n: &'a Arg) -> R<Rv> {
        let p = match t {
            Pt::RValue | Pt::Param(Param::Any) => {
                return match n {
                    Arg::Bool(_, b) => Ok(Rv::Val(Value::Bool(*b))),
                    Arg::Number(num) => self.ideal_constant(num),
                    Arg::String { text, .. } => Ok(Rv::Val(Value::String(text.clone()))),
                    _ => Err(self.errorf(format_args!(
                        "can't handle assignment of {n} to empty interface argument"
                    ))),
                };
            }
            Pt::Param(p) => p,
        };
        match (p, n) {
            (Param::Bool, Arg::Bool(_, b)) => Ok(Rv::Val(Value::Bool(*b))),
            (Param::Bool, _) => Err(self.errorf(format_args!("expected bool; found {n}"))),
            (Param::Float64, Arg::Number(num)) if num.is_float => {
                Ok(Rv::Val(Value::Float(num.float)))
            }
            (Param::Float64, _) => Err(self.errorf(format_args!("expected float; found {n}"))),
            (Param::Int, Arg::Number(num)) if num.is_int => Ok(Rv::Val(Value::Int(num.int))),
            (Param::Int64, Arg::Number(num)) if num.is_int => Ok(Rv::Val(Value::Int64(num.int))),
            (Param::Int | Param::Int64, _) => {
                Err(self.errorf(format_args!("expected integer; found {n}")))
            }
            (Param::String, Arg::String { text, .. }) => Ok(Rv::Val(Value::String(text.clone()))),
            (Param::String, _) => Err(self.errorf(format_args!("expected string; found {n}"))),
            _ => Err(self.errorf(format_args!(
                "can't handle {n} for arg of type {}",
                type_name(t)
            ))),
        }
    }

    /// Go's `validateType`.
    fn validate_type(&self, v: Rv, t: Pt) -> R<Rv> {
        let p = match t {
            Pt::RValue => return Ok(v),
            Pt::Param(p) => p,
        };
        let tn = type_name(t);
        match &v {
            Rv::Invalid => {
                nil_of(t).ok_or_else(|| self.errorf(format_args!("invalid value; expected {tn}")))
            }
            Rv::Iface(Value::Nil) | Rv::Val(Value::Nil) => {
                if p == Param::Any {
                    return Ok(v);
                }
                Err(self.errorf(format_args!(
                    "wrong type for value; expected {tn}; got interface {{}}"
                )))
            }
            Rv::Iface(x) | Rv::Val(x) => match assign(x, p) {
                Some(c) => Ok(Rv::Val(c)),
                None => {
                    let got = x.type_name();
                    Err(self.errorf(format_args!(
                        "wrong type for value; expected {tn}; got {got}"
                    )))
                }
            },
        }
    }
}
