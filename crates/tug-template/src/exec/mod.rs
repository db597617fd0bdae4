//! The executor: walks a parsed tree with Go's evaluation rules and writes output.
//!
//! [`State`] is Go's `state`: the template being run, the variable stack, the node
//! errors point at, and the recursion depth. It also implements
//! [`func::Context`](crate::func::Context) so that functions can run named templates
//! (`include`) and parse text into the live set (`tpl`) — the latter through an
//! [`Overlay`] chained in front of the immutable set, so a `tpl` call costs only the
//! parse of its own text.

mod eval;

use tug_value::{Str, Value};

use crate::ast::{At, BranchNode, ListNode, Node, TemplateNode, Tree};
use crate::error::{Error, ErrorKind};
use crate::hash::FastMap;
use crate::set::Templates;

/// Go's `maxExecDepth`.
pub(crate) const MAX_EXEC_DEPTH: usize = 100_000;

/// Cap on executions nested through `Context` (`include` inside `include` …). Go has
/// none (it runs out of stack; Helm stops `include` recursion at 1000 per name), and
/// every level adds a frame to the chained error text, so it is kept modest.
pub(crate) const MAX_NESTED_EXECUTIONS: usize = 1500;

/// A Go `reflect.Value` as the executor sees it.
#[derive(Clone, Debug)]
pub(crate) enum Rv {
    /// The zero `reflect.Value` (a missing value): prints `<no value>`.
    Invalid,
    /// A value held in an `interface {}` slot (map values, slice elements).
    Iface(Value),
    /// A value of its own concrete type.
    Val(Value),
}

static NIL: Value = Value::Nil;

impl Rv {
    /// The value inside (nil for invalid).
    pub fn value(&self) -> &Value {
        match self {
            Rv::Invalid => &NIL,
            Rv::Iface(v) | Rv::Val(v) => v,
        }
    }

    /// Takes the value out (nil for invalid).
    pub fn into_value(self) -> Value {
        match self {
            Rv::Invalid => Value::Nil,
            Rv::Iface(v) | Rv::Val(v) => v,
        }
    }

    /// A concrete value; nil becomes invalid.
    pub fn of(v: Value) -> Rv {
        match v {
            Value::Nil => Rv::Invalid,
            v => Rv::Val(v),
        }
    }

    /// A function or method result: nil stays a (nil) interface.
    pub fn result(v: Value) -> Rv {
        match v {
            Value::Nil => Rv::Iface(Value::Nil),
            v => Rv::Val(v),
        }
    }

    /// Go's "dig down one level" of an `interface {}` after each pipeline command.
    pub fn dig(self) -> Rv {
        match self {
            Rv::Iface(v) => Rv::of(v),
            other => other,
        }
    }

    /// Go's `isTrue`.
    pub fn truth(&self) -> bool {
        match self {
            Rv::Invalid => false,
            Rv::Iface(v) | Rv::Val(v) => v.is_true(),
        }
    }

    /// The static type Go names in "can't evaluate field" errors.
    pub fn static_type(&self) -> String {
        match self {
            Rv::Iface(_) => "interface {}".into(),
            Rv::Invalid => "<nil>".into(),
            Rv::Val(v) => v.type_name().into_owned(),
        }
    }
}

/// Templates added by `tpl` during one execution, in front of the set.
pub(crate) struct Overlay<'a> {
    pub trees: FastMap<Str, &'a Tree>,
    pub parent: Option<&'a Overlay<'a>>,
}

/// How a walk ended: normally, or by `{{break}}` / `{{continue}}`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
}

/// Go's execution `state`.
pub(crate) struct State<'a> {
    pub set: &'a Templates,
    pub overlay: Option<&'a Overlay<'a>>,
    pub tree: &'a Tree,
    pub node: Option<&'a dyn At>,
    pub vars: Vec<(Str, Rv)>,
    pub depth: usize,
    /// Executions nested through [`Context`](crate::func::Context) (`include`, `tpl`).
    pub nest: usize,
    pub out: String,
}

type R<T> = Result<T, Error>;

impl<'a> State<'a> {
    /// A state about to run `tree` with `dot` as data.
    pub fn new(
        set: &'a Templates,
        overlay: Option<&'a Overlay<'a>>,
        tree: &'a Tree,
        dot: Rv,
        depth: usize,
    ) -> State<'a> {
        State {
            set,
            overlay,
            tree,
            node: None,
            vars: vec![(Str::from("$"), dot)],
            depth,
            nest: 0,
            out: String::new(),
        }
    }

    /// Runs the whole tree.
    pub fn run(&mut self, dot: &Rv) -> R<()> {
        let tree = self.tree;
        self.walk_list(dot, &tree.root).map(|_| ())
    }

    /// Finds a template by name: `tpl` overlays first, then the set.
    pub fn lookup(&self, name: &str) -> Option<&'a Tree> {
        let mut o = self.overlay;
        while let Some(ov) = o {
            if let Some(t) = ov.trees.get(name) {
                return Some(*t);
            }
            o = ov.parent;
        }
        self.set.tree(name)
    }

    /// Records the node errors refer to (Go's `s.at`).
    pub fn at(&mut self, node: &'a dyn At) {
        self.node = Some(node);
    }

    /// An execution error with Go's prefix.
    pub fn errorf(&self, msg: impl std::fmt::Display) -> Error {
        self.error_kind(ErrorKind::Exec, msg)
    }

    /// An execution error of a given kind.
    pub fn error_kind(&self, kind: ErrorKind, msg: impl std::fmt::Display) -> Error {
        let name = tug_value::fmt::quote(&self.tree.name);
        match self.node {
            None => Error::new(kind, format!("template: {}: {msg}", self.tree.name)),
            Some(n) => {
                let pos = n.at_pos();
                let loc = self.tree.location(pos);
                Error::new(
                    kind,
                    format!("template: {loc}: executing {name} at <{n}>: {msg}"),
                )
                .with_excerpt(loc, &self.tree.source, pos)
            }
        }
    }

    fn write(&mut self, s: &str) -> R<()> {
        if self.out.len() + s.len() > self.set.max_output {
            return Err(self.error_kind(
                ErrorKind::Limit,
                format!("output exceeds the limit of {} bytes", self.set.max_output),
            ));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn mark(&self) -> usize {
        self.vars.len()
    }

    fn walk_list(&mut self, dot: &Rv, list: &'a ListNode) -> R<Flow> {
        for n in &list.nodes {
            let f = self.walk(dot, n)?;
            if f != Flow::Normal {
                return Ok(f);
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: &Rv, node: &'a Node) -> R<Flow> {
        match node {
            Node::Text(t) => self.write(&t.text)?,
            Node::Action(a) => {
                self.at(a);
                let val = self.eval_pipeline(dot, &a.pipe)?;
                if a.pipe.decl.is_empty() {
                    self.at(a);
                    self.print_value(&val)?;
                }
            }
            Node::If(b) => return self.grow(|s| s.walk_if_or_with(false, dot, b)),
            Node::With(b) => return self.grow(|s| s.walk_if_or_with(true, dot, b)),
            Node::Range(b) => return self.grow(|s| s.walk_range(dot, b)),
            Node::Template(t) => self.walk_template(dot, t)?,
            Node::Break => return Ok(Flow::Break),
            Node::Continue => return Ok(Flow::Continue),
        }
        Ok(Flow::Normal)
    }

    /// Runs `f` with enough stack for deeply nested control structures.
    fn grow<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || f(self))
    }

    fn print_value(&mut self, v: &Rv) -> R<()> {
        match v.value() {
            Value::Nil => self.write("<no value>"),
            Value::String(s) => self.write(s),
            v => {
                let s = tug_value::fmt::format_value(v);
                self.write(&s)
            }
        }
    }

    fn walk_if_or_with(&mut self, with: bool, dot: &Rv, b: &'a BranchNode) -> R<Flow> {
        let mark = self.mark();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let r = if val.truth() {
            if with {
                self.walk_list(&val, &b.list)
            } else {
                self.walk_list(dot, &b.list)
            }
        } else if let Some(e) = &b.else_list {
            self.walk_list(dot, e)
        } else {
            Ok(Flow::Normal)
        };
        self.vars.truncate(mark);
        r
    }

    fn walk_range(&mut self, dot: &Rv, r: &'a BranchNode) -> R<Flow> {
        self.at(r);
        let outer = self.mark();
        let val = self.eval_pipeline(dot, &r.pipe)?;
        let res = self.range_over(dot, r, &val);
        self.vars.truncate(outer);
        res.map(|_| Flow::Normal)
    }

    fn range_over(&mut self, dot: &Rv, r: &'a BranchNode, val: &Rv) -> R<()> {
        let v = val.value();
        if let Some(l) = v.as_list() {
            if !l.is_empty() {
                let elem = l.elem();
                for (i, e) in l.items().iter().enumerate() {
                    let idx = Rv::Val(Value::Int(i as i64));
                    if self.one_iteration(r, idx, Rv::elem(elem, e.clone()))? == Flow::Break {
                        break;
                    }
                }
                return Ok(());
            }
        } else if let Some(m) = v.as_map() {
            if !m.is_empty() {
                let elem = m.elem();
                for (k, e) in m.entries() {
                    let key = Rv::Val(Value::String(k));
                    if self.one_iteration(r, key, Rv::elem(elem, e))? == Flow::Break {
                        break;
                    }
                }
                return Ok(());
            }
        } else {
            match v {
                Value::Int(n) | Value::Int64(n) => {
                    if r.pipe.decl.len() > 1 {
                        let s = tug_value::fmt::format_value(v);
                        return Err(self.errorf(format_args!(
                            "can't use {s} to iterate over more than one variable"
                        )));
                    }
                    if *n > 0 {
                        let int64 = matches!(v, Value::Int64(_));
                        for i in 0..*n {
                            let e = if int64 {
                                Value::Int64(i)
                            } else {
                                Value::Int(i)
                            };
                            if self.one_iteration(r, Rv::Invalid, Rv::Val(e))? == Flow::Break {
                                break;
                            }
                        }
                        return Ok(());
                    }
                }
                Value::Uint(n) => {
                    for i in 0..*n {
                        let e = Rv::Val(Value::Uint(i));
                        if self.one_iteration(r, Rv::Invalid, e)? == Flow::Break {
                            break;
                        }
                    }
                    if *n > 0 {
                        return Ok(());
                    }
                }
                Value::Nil => {}
                v => {
                    let s = tug_value::fmt::format_value(v);
                    return Err(self.errorf(format_args!("range can't iterate over {s}")));
                }
            }
        }
        if let Some(e) = &r.else_list {
            self.walk_list(dot, e)?;
        }
        Ok(())
    }

    fn one_iteration(&mut self, r: &'a BranchNode, index: Rv, elem: Rv) -> R<Flow> {
        let decl = &r.pipe.decl;
        let mark = self.mark();
        if !decl.is_empty() {
            if r.pipe.is_assign {
                let v = if decl.len() > 1 {
                    index.clone()
                } else {
                    elem.clone()
                };
                self.set_var(&decl[0].idents[0], v)?;
            } else {
                self.set_top_var(1, elem.clone());
            }
        }
        if decl.len() > 1 {
            if r.pipe.is_assign {
                self.set_var(&decl[1].idents[0], elem.clone())?;
            } else {
                self.set_top_var(2, index);
            }
        }
        let f = self.walk_list(&elem, &r.list);
        self.vars.truncate(mark);
        match f? {
            Flow::Break => Ok(Flow::Break),
            _ => Ok(Flow::Normal),
        }
    }

    fn set_top_var(&mut self, n: usize, v: Rv) {
        let len = self.vars.len();
        if let Some(slot) = len.checked_sub(n).and_then(|i| self.vars.get_mut(i)) {
            slot.1 = v;
        }
    }

    fn set_var(&mut self, name: &str, v: Rv) -> R<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| &**n == name) {
            Some(slot) => {
                slot.1 = v;
                Ok(())
            }
            None => Err(self.errorf(format_args!("undefined variable: {name}"))),
        }
    }

    fn var_value(&self, name: &str) -> R<Rv> {
        match self.vars.iter().rev().find(|(n, _)| &**n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(self.errorf(format_args!("undefined variable: {name}"))),
        }
    }

    fn walk_template(&mut self, dot: &Rv, t: &'a TemplateNode) -> R<()> {
        self.at(t);
        let Some(tree) = self.lookup(&t.name) else {
            let q = tug_value::fmt::quote(&t.name);
            return Err(self.errorf(format_args!("template {q} not defined")));
        };
        if self.depth >= self.set.max_depth {
            return Err(self.error_kind(
                ErrorKind::Limit,
                format_args!("exceeded maximum template depth ({MAX_EXEC_DEPTH})"),
            ));
        }
        let new_dot = match &t.pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Rv::Invalid,
        };
        let mut inner = State {
            set: self.set,
            overlay: self.overlay,
            tree,
            node: None,
            vars: vec![(Str::from("$"), new_dot.clone())],
            depth: self.depth + 1,
            nest: self.nest,
            out: std::mem::take(&mut self.out),
        };
        let r = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || {
            inner.walk_list(&new_dot, &tree.root)
        });
        self.out = std::mem::take(&mut inner.out);
        r.map(|_| ())
    }
}

/// Grow the stack when less than this is left…
pub(crate) const STACK_RED_ZONE: usize = 128 * 1024;
/// …by a segment of this size.
pub(crate) const STACK_SEGMENT: usize = 2 * 1024 * 1024;

mod context;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::set::MissingKey;
    use tug_value::Map;

    fn run(text: &str, mk: MissingKey) -> Result<String, String> {
        let mut set = Templates::new();
        set.set_missing_key(mk);
        set.parse("t", text).map_err(|e| e.to_string())?;
        let m = Map::new();
        m.insert("n", Value::Nil);
        m.insert("l", Value::list(vec![Value::Int(1), Value::Nil]));
        set.execute("t", &Value::Map(m)).map_err(|e| e.to_string())
    }

    #[test]
    fn dig_turns_nil_interfaces_into_missing_values() {
        assert!(matches!(Rv::Iface(Value::Nil).dig(), Rv::Invalid));
        assert!(matches!(
            Rv::Iface(Value::Int(1)).dig(),
            Rv::Val(Value::Int(1))
        ));
        assert!(!Rv::Invalid.truth());
        assert_eq!(Rv::Iface(Value::from("x")).static_type(), "interface {}");
    }

    #[test]
    fn missing_key_modes() {
        assert_eq!(
            run("{{ .x }}", MissingKey::Default),
            Ok("<no value>".into())
        );
        assert_eq!(
            run("{{ .x.y }}", MissingKey::Default),
            Ok("<no value>".into())
        );
        assert_eq!(
            run("{{ .x.y }}", MissingKey::Zero),
            Err(
                "template: t:1:5: executing \"t\" at <.x.y>: nil pointer evaluating interface {}.y"
                    .into()
            )
        );
        assert_eq!(
            run("{{ .x }}", MissingKey::Error),
            Err("template: t:1:3: executing \"t\" at <.x>: map has no entry for key \"x\"".into())
        );
        assert_eq!(
            run("{{ .n.y }}", MissingKey::Default),
            Err(
                "template: t:1:5: executing \"t\" at <.n.y>: nil pointer evaluating interface {}.y"
                    .into()
            )
        );
    }

    #[test]
    fn range_break_continue_and_scopes() {
        let t = "{{ range $i, $v := .l }}{{ if not $v }}{{ break }}{{ end }}{{ $i }}{{ end }}";
        assert_eq!(run(t, MissingKey::Zero), Ok("0".into()));
        let t = "{{ $x := 0 }}{{ range .l }}{{ $x = . }}{{ end }}{{ $x }}";
        assert_eq!(run(t, MissingKey::Zero), Ok("<no value>".into()));
        let t = "{{ range 3 }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}";
        assert_eq!(run(t, MissingKey::Zero), Ok("02".into()));
    }

    #[test]
    fn template_calls_get_a_fresh_scope() {
        let t = "{{ define \"d\" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template \"d\" 5 }}";
        assert_eq!(run(t, MissingKey::Zero), Ok("5".into()));
    }
}
