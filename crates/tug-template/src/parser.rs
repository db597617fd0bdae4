//! The parser: builds [`Tree`]s from lexer items with Go's grammar, checks and error
//! texts (`template: NAME:LINE: MSG`).
//!
//! One call parses a file body plus every `define`/`block` in it; the results are
//! handed to the template set, which applies Go's redefinition rules.

use std::sync::Arc;

use tug_value::Str;

use crate::ast::{
    ActionNode, Arg, BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode, TemplateNode,
    TextNode, Tree, VarNode,
};
use crate::error::{Error, ErrorKind};
use crate::lexer::{Item, ItemType, lex};

mod number;

/// Maximum nesting of parenthesised pipelines and control structures, so that hostile
/// input cannot overflow the stack while parsing.
const MAX_NESTING: usize = 1000;
/// Grow the stack when less than this is left…
const RED_ZONE: usize = 64 * 1024;
/// …by a segment of this size.
const SEGMENT: usize = 1024 * 1024;

/// Parses `text` (the file `name`) into its main tree and its definitions, in the
/// order Go adds them to the set (definitions first, the main tree last).
pub(crate) fn parse(
    name: &str,
    text: &str,
    has_func: &dyn Fn(&str) -> bool,
) -> Result<Vec<Tree>, Error> {
    let source: Arc<str> = Arc::from(text);
    let items = lex(&source);
    let mut p = Parser {
        items,
        idx: 0,
        hi: 0,
        source: source.clone(),
        parse_name: Str::from(name),
        has_func,
        vars: vec![Str::from("$")],
        range_depth: 0,
        action_line: 0,
        depth: 0,
        trees: Vec::new(),
    };
    let root = p.parse_top()?;
    p.push_tree(name.to_string(), root)?;
    Ok(std::mem::take(&mut p.trees))
}

struct Parser<'a, 'f> {
    items: Vec<Item<'a>>,
    idx: usize,
    hi: usize,
    source: Arc<str>,
    parse_name: Str,
    has_func: &'f dyn Fn(&str) -> bool,
    vars: Vec<Str>,
    range_depth: usize,
    action_line: usize,
    depth: usize,
    trees: Vec<Tree>,
}

type PResult<T> = Result<T, Error>;

impl<'a> Parser<'a, '_> {
    // ---- token stream -------------------------------------------------------------

    fn next(&mut self) -> Item<'a> {
        let i = self.idx.min(self.items.len().saturating_sub(1));
        if self.idx < self.items.len() {
            self.idx += 1;
        }
        self.hi = self.hi.max(i);
        self.items[i].clone()
    }

    fn backup(&mut self) {
        self.idx = self.idx.saturating_sub(1);
    }

    fn peek(&mut self) -> Item<'a> {
        let it = self.next();
        self.backup();
        it
    }

    fn next_non_space(&mut self) -> Item<'a> {
        loop {
            let it = self.next();
            if it.typ != ItemType::Space {
                return it;
            }
        }
    }

    fn peek_non_space(&mut self) -> Item<'a> {
        let it = self.next_non_space();
        self.backup();
        it
    }

    // ---- errors -------------------------------------------------------------------

    fn errorf(&self, msg: impl std::fmt::Display) -> Error {
        let line = self.items.get(self.hi).map_or(1, |i| i.line);
        let pos = self.items.get(self.hi).map_or(0, |i| i.pos);
        let location = format!("{}:{}", self.parse_name, line);
        Error::new(ErrorKind::Parse, format!("template: {location}: {msg}")).with_excerpt(
            location,
            &self.source,
            pos,
        )
    }

    fn unexpected(&self, token: &Item<'_>, context: &str) -> Error {
        if token.typ == ItemType::Error {
            let mut extra = String::new();
            if self.action_line != 0 && self.action_line != token.line {
                extra = format!(
                    " in action started at {}:{}",
                    self.parse_name, self.action_line
                );
                if token.val().ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.errorf(format_args!("{token}{extra}"));
        }
        self.errorf(format_args!("unexpected {token} in {context}"))
    }

    fn expect(&mut self, typ: ItemType, context: &str) -> PResult<Item<'a>> {
        let t = self.next_non_space();
        if t.typ != typ {
            return Err(self.unexpected(&t, context));
        }
        Ok(t)
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.errorf("max nesting depth exceeded"));
        }
        Ok(())
    }

    // ---- structure ----------------------------------------------------------------

    fn parse_top(&mut self) -> PResult<ListNode> {
        let mut root = ListNode::default();
        while self.peek().typ != ItemType::Eof {
            if self.peek().typ == ItemType::LeftDelim {
                let save = self.idx;
                self.next();
                if self.next_non_space().typ == ItemType::Define {
                    self.parse_definition()?;
                    continue;
                }
                self.idx = save;
            }
            match self.text_or_action()? {
                Item2::End => return Err(self.errorf("unexpected {{end}}")),
                Item2::Else => return Err(self.errorf("unexpected {{else}}")),
                Item2::Node(Some(n)) => root.nodes.push(n),
                Item2::Node(None) => {}
            }
        }
        Ok(root)
    }

    fn parse_definition(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let t = self.next_non_space();
        if !matches!(t.typ, ItemType::String | ItemType::RawString) {
            return Err(self.unexpected(&t, CONTEXT));
        }
        let name = self.unquote(t.src())?;
        self.expect(ItemType::RightDelim, CONTEXT)?;
        let saved = std::mem::replace(&mut self.vars, vec![Str::from("$")]);
        let (list, end) = self.item_list()?;
        self.vars = saved;
        if let Item2::Else = end {
            return Err(self.errorf(format_args!("unexpected {{{{else}}}} in {CONTEXT}")));
        }
        self.push_tree(name, list)
    }

    /// Go's `Tree.add`: within one parse, a non-empty definition may not be
    /// redefined by another non-empty one; an empty one never replaces a full one.
    fn push_tree(&mut self, name: String, root: ListNode) -> PResult<()> {
        let tree = Tree {
            name: Str::from(name),
            parse_name: self.parse_name.clone(),
            source: self.source.clone(),
            root,
        };
        match self.trees.iter().position(|t| t.name == tree.name) {
            None => self.trees.push(tree),
            Some(i) if self.trees[i].is_empty() => self.trees[i] = tree,
            Some(_) if !tree.is_empty() => {
                let q = tug_value::fmt::quote(&tree.name);
                return Err(self.errorf(format_args!(
                    "template: multiple definition of template {q}"
                )));
            }
            Some(_) => {}
        }
        Ok(())
    }

    fn item_list(&mut self) -> PResult<(ListNode, Item2)> {
        let mut list = ListNode::default();
        while self.peek_non_space().typ != ItemType::Eof {
            match self.text_or_action()? {
                Item2::Node(Some(n)) => list.nodes.push(n),
                Item2::Node(None) => {}
                other => return Ok((list, other)),
            }
        }
        Err(self.errorf("unexpected EOF"))
    }

    fn text_or_action(&mut self) -> PResult<Item2> {
        let token = self.next_non_space();
        match token.typ {
            ItemType::Text => Ok(Item2::Node(Some(Node::Text(TextNode {
                text: token.src().into(),
            })))),
            ItemType::LeftDelim => {
                // Like Go: set for this action, cleared (not restored) when it ends.
                self.action_line = token.line;
                let r = self.action();
                self.action_line = 0;
                r
            }
            _ => Err(self.unexpected(&token, "input")),
        }
    }

    fn action(&mut self) -> PResult<Item2> {
        let token = self.next_non_space();
        let node = match token.typ {
            ItemType::Block => self.block_control()?,
            ItemType::Break | ItemType::Continue => {
                let is_break = token.typ == ItemType::Break;
                let ctx = if is_break {
                    "{{break}}"
                } else {
                    "{{continue}}"
                };
                let t = self.next_non_space();
                if t.typ != ItemType::RightDelim {
                    return Err(self.unexpected(&t, ctx));
                }
                if self.range_depth == 0 {
                    return Err(self.errorf(format_args!("{ctx} outside {{{{range}}}}")));
                }
                if is_break {
                    Node::Break
                } else {
                    Node::Continue
                }
            }
            ItemType::Else => return self.else_control(),
            ItemType::End => {
                let t = self.expect(ItemType::RightDelim, "end")?;
                let _ = t;
                return Ok(Item2::End);
            }
            ItemType::If => Node::If(Box::new(self.parse_control("if")?)),
            ItemType::Range => Node::Range(Box::new(self.parse_control("range")?)),
            ItemType::With => Node::With(Box::new(self.parse_control("with")?)),
            ItemType::Template => self.template_control()?,
            _ => {
                self.backup();
                let pos = self.peek().pos;
                let pipe = self.pipeline("command", ItemType::RightDelim)?;
                Node::Action(ActionNode { pos, pipe })
            }
        };
        Ok(Item2::Node(Some(node)))
    }

    fn else_control(&mut self) -> PResult<Item2> {
        let peek = self.peek_non_space();
        if matches!(peek.typ, ItemType::If | ItemType::With) {
            return Ok(Item2::Else);
        }
        self.expect(ItemType::RightDelim, "else")?;
        Ok(Item2::Else)
    }

    fn parse_control(&mut self, context: &'static str) -> PResult<BranchNode> {
        self.enter()?;
        let nvars = self.vars.len();
        let r = stacker::maybe_grow(RED_ZONE, SEGMENT, || self.parse_control_inner(context));
        self.vars.truncate(nvars);
        self.depth -= 1;
        r
    }

    fn parse_control_inner(&mut self, context: &'static str) -> PResult<BranchNode> {
        let pipe = self.pipeline(context, ItemType::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let r = self.item_list();
        if context == "range" {
            self.range_depth -= 1;
        }
        let (list, next) = r?;
        let mut else_list = None;
        if let Item2::Else = next {
            let peek = self.peek().typ;
            if context == "if" && peek == ItemType::If {
                self.next();
                let inner = self.parse_control("if")?;
                else_list = Some(ListNode {
                    nodes: vec![Node::If(Box::new(inner))],
                });
            } else if context == "with" && peek == ItemType::With {
                self.next();
                let inner = self.parse_control("with")?;
                else_list = Some(ListNode {
                    nodes: vec![Node::With(Box::new(inner))],
                });
            } else {
                let (l, next) = self.item_list()?;
                if let Item2::Else = next {
                    return Err(self.errorf("expected end; found {{else}}"));
                }
                else_list = Some(l);
            }
        }
        Ok(BranchNode {
            kind: context,
            pos: pipe.pos,
            pipe,
            list,
            else_list,
        })
    }

    fn block_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "block clause";
        let token = self.next_non_space();
        let name = self.template_name(&token, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, ItemType::RightDelim)?;
        let saved = std::mem::replace(&mut self.vars, vec![Str::from("$")]);
        let saved_range = std::mem::replace(&mut self.range_depth, 0);
        self.enter()?;
        let r = self.item_list();
        self.depth -= 1;
        self.vars = saved;
        self.range_depth = saved_range;
        let (list, end) = r?;
        if let Item2::Else = end {
            return Err(self.errorf(format_args!("unexpected {{{{else}}}} in {CONTEXT}")));
        }
        self.push_tree(name.clone(), list)?;
        Ok(Node::Template(Box::new(TemplateNode {
            pos: token.pos,
            name: Str::from(name),
            pipe: Some(pipe),
        })))
    }

    fn template_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "template clause";
        let token = self.next_non_space();
        let name = self.template_name(&token, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().typ != ItemType::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, ItemType::RightDelim)?);
        }
        Ok(Node::Template(Box::new(TemplateNode {
            pos: token.pos,
            name: Str::from(name),
            pipe,
        })))
    }

    fn template_name(&mut self, token: &Item<'_>, context: &str) -> PResult<String> {
        match token.typ {
            ItemType::String | ItemType::RawString => self.unquote(token.src()),
            _ => Err(self.unexpected(token, context)),
        }
    }

    fn unquote(&self, s: &str) -> PResult<String> {
        number::unquote(s).ok_or_else(|| self.errorf("invalid syntax"))
    }

    // ---- pipelines ----------------------------------------------------------------

    fn pipeline(&mut self, context: &str, end: ItemType) -> PResult<PipeNode> {
        let token = self.peek_non_space();
        let mut pipe = PipeNode {
            pos: token.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        self.declarations(&mut pipe, context)?;
        loop {
            let token = self.next_non_space();
            match token.typ {
                t if t == end => {
                    self.check_pipeline(&pipe, context)?;
                    return Ok(pipe);
                }
                ItemType::Bool
                | ItemType::CharConstant
                | ItemType::Complex
                | ItemType::Dot
                | ItemType::Field
                | ItemType::Identifier
                | ItemType::Number
                | ItemType::Nil
                | ItemType::RawString
                | ItemType::String
                | ItemType::Variable
                | ItemType::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return Err(self.unexpected(&token, context)),
            }
        }
    }

    fn declarations(&mut self, pipe: &mut PipeNode, context: &str) -> PResult<()> {
        loop {
            let v = self.peek_non_space();
            if v.typ != ItemType::Variable {
                return Ok(());
            }
            let start = self.idx;
            self.next_non_space();
            let after_var = self.peek();
            let next = self.peek_non_space();
            let var = VarNode {
                pos: v.pos,
                idents: Box::new([Str::from(v.src())]),
            };
            match next.typ {
                ItemType::Assign | ItemType::Declare => {
                    pipe.is_assign = next.typ == ItemType::Assign;
                    self.next_non_space();
                    pipe.decl.push(var);
                    self.vars.push(Str::from(v.src()));
                    return Ok(());
                }
                ItemType::Char if next.val() == "," => {
                    self.next_non_space();
                    pipe.decl.push(var);
                    self.vars.push(Str::from(v.src()));
                    if context == "range" && pipe.decl.len() < 2 {
                        match self.peek_non_space().typ {
                            ItemType::Variable | ItemType::RightDelim | ItemType::RightParen => {
                                continue;
                            }
                            _ => return Err(self.errorf("range can only initialize variables")),
                        }
                    }
                    return Err(self.errorf(format_args!("too many declarations in {context}")));
                }
                _ => {
                    let _ = after_var;
                    self.idx = start;
                    return Ok(());
                }
            }
        }
    }

    fn check_pipeline(&self, pipe: &PipeNode, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return Err(self.errorf(format_args!("missing value for {context}")));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args.first(),
                Some(
                    Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(_) | Arg::String { .. }
                )
            ) {
                return Err(self.errorf(format_args!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<CommandNode> {
        let pos = self.peek_non_space().pos;
        let mut cmd = CommandNode {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(op) = self.operand()? {
                cmd.args.push(op);
            }
            let token = self.next();
            match token.typ {
                ItemType::Space => continue,
                ItemType::RightDelim | ItemType::RightParen => self.backup(),
                ItemType::Pipe => {}
                _ => return Err(self.unexpected(&token, "operand")),
            }
            break;
        }
        if cmd.args.is_empty() {
            return Err(self.errorf("empty command"));
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().typ != ItemType::Field {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek().typ == ItemType::Field {
            let t = self.next();
            fields.push(Str::from(&t.src()[1..]));
        }
        Ok(Some(match node {
            Arg::Field { idents, .. } => {
                let mut all = idents.into_vec();
                all.extend(fields);
                Arg::Field {
                    pos,
                    idents: all.into(),
                }
            }
            Arg::Variable(v) => {
                let mut all = v.idents.into_vec();
                all.extend(fields);
                Arg::Variable(VarNode {
                    pos,
                    idents: all.into(),
                })
            }
            Arg::Bool(..) | Arg::String { .. } | Arg::Number(_) | Arg::Nil(_) | Arg::Dot(_) => {
                let q = tug_value::fmt::quote(&node.to_string());
                return Err(self.errorf(format_args!("unexpected . after term {q}")));
            }
            other => Arg::Chain {
                pos,
                node: Box::new(other),
                fields: fields.into(),
            },
        }))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let token = self.next_non_space();
        let pos = token.pos;
        Ok(Some(match token.typ {
            ItemType::Identifier => {
                if !(self.has_func)(token.src()) {
                    let q = tug_value::fmt::quote(token.src());
                    return Err(self.errorf(format_args!("function {q} not defined")));
                }
                Arg::Identifier {
                    pos,
                    name: Str::from(token.src()),
                }
            }
            ItemType::Dot => Arg::Dot(pos),
            ItemType::Nil => Arg::Nil(pos),
            ItemType::Variable => self.use_var(pos, token.src())?,
            ItemType::Field => Arg::Field {
                pos,
                idents: Box::new([Str::from(&token.src()[1..])]),
            },
            ItemType::Bool => Arg::Bool(pos, token.src() == "true"),
            ItemType::CharConstant | ItemType::Complex | ItemType::Number => {
                let n =
                    number::new_number(pos, token.src(), token.typ).map_err(|m| self.errorf(m))?;
                Arg::Number(Box::new(n))
            }
            ItemType::LeftParen => {
                self.enter()?;
                let p = stacker::maybe_grow(RED_ZONE, SEGMENT, || {
                    self.pipeline("parenthesized pipeline", ItemType::RightParen)
                });
                self.depth -= 1;
                Arg::Pipe(Box::new(p?))
            }
            ItemType::String | ItemType::RawString => {
                let text = self.unquote(token.src())?;
                Arg::String {
                    pos,
                    quoted: Str::from(token.src()),
                    text: Str::from(text),
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }

    fn use_var(&self, pos: usize, name: &str) -> PResult<Arg> {
        if self.vars.iter().any(|v| &**v == name) {
            return Ok(Arg::Variable(VarNode {
                pos,
                idents: Box::new([Str::from(name)]),
            }));
        }
        let q = tug_value::fmt::quote(name);
        Err(self.errorf(format_args!("undefined variable {q}")))
    }
}

/// What `textOrAction` produced: a node, or an `{{end}}`/`{{else}}` marker.
enum Item2 {
    Node(Option<Node>),
    End,
    Else,
}

#[allow(dead_code)]
fn _assert_number_node(_: &NumberNode) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn reprint(text: &str) -> String {
        match parse("t", text, &|f| f == "f") {
            Ok(trees) => trees.last().map(|t| t.root.to_string()).unwrap_or_default(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reprints_like_go() {
        assert_eq!(reprint("{{.a.b | f 1 \"x\"}}"), "{{.a.b | f 1 \"x\"}}");
        assert_eq!(
            reprint("{{ $x := (f .).y }}{{$x}}"),
            "{{$x := (f .).y}}{{$x}}"
        );
        assert_eq!(
            reprint("{{if .a}}A{{else if .b}}B{{else}}C{{end}}"),
            "{{if .a}}A{{else}}{{if .b}}B{{else}}C{{end}}{{end}}"
        );
        assert_eq!(
            reprint("{{range $i, $v := .}}{{break}}{{end}}"),
            "{{range $i, $v := .}}{{break}}{{end}}"
        );
        assert_eq!(reprint("{{template `x` .}}"), "{{template \"x\" .}}");
        assert_eq!(
            reprint("{{ 0x1F }}{{'a'}}{{ nil | f }}"),
            "{{0x1F}}{{'a'}}{{nil | f}}"
        );
    }

    #[test]
    fn positions_of_chained_fields() {
        let trees = parse("t", "{{ .Values.x.y }}", &|_| false).unwrap_or_default();
        let Some(Node::Action(a)) = trees.last().and_then(|t| t.root.nodes.first()) else {
            panic!("no action");
        };
        assert_eq!(a.pipe.cmds[0].args[0].pos(), 10);
    }

    #[test]
    fn parse_errors_carry_go_text() {
        assert_eq!(
            reprint("{{ g }}"),
            "template: t:1: function \"g\" not defined"
        );
        assert_eq!(
            reprint("a\n{{ if }}"),
            "template: t:2: missing value for if"
        );
        assert_eq!(reprint("{{ end }}"), "template: t:1: unexpected {{end}}");
        assert_eq!(
            reprint("{{ $x }}"),
            "template: t:1: undefined variable \"$x\""
        );
        assert_eq!(
            reprint("{{ break }}"),
            "template: t:1: {{break}} outside {{range}}"
        );
        assert_eq!(
            reprint("{{ .a | 1 }}"),
            "template: t:1: non executable command in pipeline stage 2"
        );
        assert_eq!(
            reprint("{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}"),
            "template: t:1: template: multiple definition of template \"a\""
        );
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let deep = format!("{{{{ {}1{} }}}}", "(".repeat(5000), ")".repeat(5000));
        assert!(reprint(&deep).ends_with("max nesting depth exceeded"));
        let ok = format!("{{{{ {}1{} }}}}", "(".repeat(900), ")".repeat(900));
        assert_eq!(reprint(&ok).len(), ok.len() - 2);
        let ifs = format!("{}x{}", "{{if 1}}".repeat(900), "{{end}}".repeat(900));
        assert!(reprint(&ifs).starts_with("{{if 1}}{{if 1}}"));
    }
}
