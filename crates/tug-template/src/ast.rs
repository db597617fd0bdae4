//! The parse tree, shaped like Go's `text/template/parse` nodes.
//!
//! Every node keeps its byte offset (`pos`) into the source of the file it was parsed
//! from, so that execution errors can report `name:line:col` as Go does. `Display`
//! re-prints a node exactly as Go's `Node.String()` does; execution errors quote that
//! text in `at <…>`.

use std::fmt::{self, Display, Formatter, Write};
use std::sync::Arc;

use tug_value::Str;

/// One parsed template: a file body or a `define`/`block`.
#[derive(Debug)]
pub(crate) struct Tree {
    /// The template's name (the file name, or the name given to `define`).
    pub name: Str,
    /// The name of the file the text came from (Go's `ParseName`).
    pub parse_name: Str,
    /// The whole source text of that file.
    pub source: Arc<str>,
    /// The body.
    pub root: ListNode,
}

impl Tree {
    /// Go's `IsEmptyTree`: only whitespace text (and comments).
    pub fn is_empty(&self) -> bool {
        self.root.nodes.iter().all(|n| match n {
            Node::Text(t) => t.text.trim().is_empty(),
            _ => false,
        })
    }

    /// `name:line:col` of a byte offset, as Go's `ErrorContext` computes it.
    pub fn location(&self, pos: usize) -> String {
        let pos = pos.min(self.source.len());
        let text = &self.source[..pos];
        let col = match text.rfind('\n') {
            Some(i) => pos - (i + 1),
            None => pos,
        };
        let line = 1 + text.bytes().filter(|b| *b == b'\n').count();
        format!("{}:{}:{}", self.parse_name, line, col)
    }
}

/// A sequence of nodes.
#[derive(Debug, Default)]
pub(crate) struct ListNode {
    pub nodes: Vec<Node>,
}

/// A statement-level node.
#[derive(Debug)]
pub(crate) enum Node {
    Text(TextNode),
    Action(ActionNode),
    If(Box<BranchNode>),
    With(Box<BranchNode>),
    Range(Box<BranchNode>),
    Template(Box<TemplateNode>),
    Break,
    Continue,
}

/// Plain text.
#[derive(Debug)]
pub(crate) struct TextNode {
    pub text: Box<str>,
}

/// `{{ pipeline }}`.
#[derive(Debug)]
pub(crate) struct ActionNode {
    pub pos: usize,
    pub pipe: PipeNode,
}

/// `if`, `with` or `range`.
#[derive(Debug)]
pub(crate) struct BranchNode {
    pub kind: &'static str,
    pub pos: usize,
    pub pipe: PipeNode,
    pub list: ListNode,
    pub else_list: Option<ListNode>,
}

/// `{{ template "name" pipeline }}`.
#[derive(Debug)]
pub(crate) struct TemplateNode {
    pub pos: usize,
    pub name: Str,
    pub pipe: Option<PipeNode>,
}

/// A pipeline with optional variable declarations.
#[derive(Debug)]
pub(crate) struct PipeNode {
    pub pos: usize,
    pub is_assign: bool,
    pub decl: Vec<VarNode>,
    pub cmds: Vec<CommandNode>,
}

/// `$x` or `$x.a.b`.
#[derive(Debug, Clone)]
pub(crate) struct VarNode {
    pub pos: usize,
    pub idents: Box<[Str]>,
}

/// A command: an operand followed by arguments.
#[derive(Debug)]
pub(crate) struct CommandNode {
    pub pos: usize,
    pub args: Vec<Arg>,
}

/// An operand.
#[derive(Debug)]
pub(crate) enum Arg {
    Field {
        pos: usize,
        idents: Box<[Str]>,
    },
    Variable(VarNode),
    Chain {
        pos: usize,
        node: Box<Arg>,
        fields: Box<[Str]>,
    },
    Identifier {
        pos: usize,
        name: Str,
    },
    Dot(usize),
    Nil(usize),
    Bool(usize, bool),
    Number(Box<NumberNode>),
    String {
        pos: usize,
        quoted: Str,
        text: Str,
    },
    Pipe(Box<PipeNode>),
}

/// A numeric constant with every interpretation Go computed.
#[derive(Debug)]
pub(crate) struct NumberNode {
    pub pos: usize,
    pub text: Str,
    pub is_int: bool,
    pub is_uint: bool,
    pub is_float: bool,
    pub is_complex: bool,
    pub int: i64,
    pub uint: u64,
    pub float: f64,
    /// The value of a complex constant (real, imaginary).
    pub complex: (f64, f64),
}

impl Arg {
    /// Byte offset of the operand.
    pub fn pos(&self) -> usize {
        match self {
            Arg::Field { pos, .. }
            | Arg::Chain { pos, .. }
            | Arg::Identifier { pos, .. }
            | Arg::Dot(pos)
            | Arg::Nil(pos)
            | Arg::Bool(pos, _)
            | Arg::String { pos, .. } => *pos,
            Arg::Variable(v) => v.pos,
            Arg::Number(n) => n.pos,
            Arg::Pipe(p) => p.pos,
        }
    }
}

/// Anything an execution error can point at.
pub(crate) trait At: Display {
    /// Byte offset in the source.
    fn at_pos(&self) -> usize;
}

impl At for Arg {
    fn at_pos(&self) -> usize {
        self.pos()
    }
}
impl At for PipeNode {
    fn at_pos(&self) -> usize {
        self.pos
    }
}
impl At for CommandNode {
    fn at_pos(&self) -> usize {
        self.pos
    }
}
impl At for VarNode {
    fn at_pos(&self) -> usize {
        self.pos
    }
}
impl At for ActionNode {
    fn at_pos(&self) -> usize {
        self.pos
    }
}
impl At for BranchNode {
    fn at_pos(&self) -> usize {
        self.pos
    }
}
impl At for TemplateNode {
    fn at_pos(&self) -> usize {
        self.pos
    }
}

impl Display for ListNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.nodes.iter().try_for_each(|n| write!(f, "{n}"))
    }
}

impl Display for Node {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Node::Text(t) => f.write_str(&t.text),
            Node::Action(a) => write!(f, "{a}"),
            Node::If(b) | Node::With(b) | Node::Range(b) => write!(f, "{b}"),
            Node::Template(t) => write!(f, "{t}"),
            Node::Break => f.write_str("{{break}}"),
            Node::Continue => f.write_str("{{continue}}"),
        }
    }
}

impl Display for ActionNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{{}}}}}", self.pipe)
    }
}

impl Display for BranchNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{{} {}}}}}{}", self.kind, self.pipe, self.list)?;
        if let Some(e) = &self.else_list {
            write!(f, "{{{{else}}}}{e}")?;
        }
        f.write_str("{{end}}")
    }
}

impl Display for TemplateNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let q = tug_value::fmt::quote(&self.name);
        match &self.pipe {
            Some(p) => write!(f, "{{{{template {q} {p}}}}}"),
            None => write!(f, "{{{{template {q}}}}}"),
        }
    }
}

impl Display for PipeNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            for (i, v) in self.decl.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{v}")?;
            }
            f.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl Display for VarNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, id) in self.idents.iter().enumerate() {
            if i > 0 {
                f.write_char('.')?;
            }
            f.write_str(id)?;
        }
        Ok(())
    }
}

impl Display for CommandNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_char(' ')?;
            }
            match a {
                Arg::Pipe(p) => write!(f, "({p})")?,
                a => write!(f, "{a}")?,
            }
        }
        Ok(())
    }
}

impl Display for Arg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Field { idents, .. } => idents.iter().try_for_each(|i| write!(f, ".{i}")),
            Arg::Variable(v) => write!(f, "{v}"),
            Arg::Chain { node, fields, .. } => {
                match node.as_ref() {
                    Arg::Pipe(p) => write!(f, "({p})")?,
                    n => write!(f, "{n}")?,
                }
                fields.iter().try_for_each(|i| write!(f, ".{i}"))
            }
            Arg::Identifier { name, .. } => f.write_str(name),
            Arg::Dot(_) => f.write_char('.'),
            Arg::Nil(_) => f.write_str("nil"),
            Arg::Bool(_, b) => write!(f, "{b}"),
            Arg::Number(n) => f.write_str(&n.text),
            Arg::String { quoted, .. } => f.write_str(quoted),
            Arg::Pipe(p) => write!(f, "{p}"),
        }
    }
}
