//! Builds go-yaml v2's node tree from libyaml events: one document, anchors registered
//! when their node starts (so a node can refer to itself), aliases resolved on sight.

use std::collections::HashMap;

use libyaml_safer::{ErrorKind, EventData, Parser, ScalarStyle};

/// Deepest nesting accepted; deeper documents are rejected instead of overflowing the stack.
pub(crate) const MAX_DEPTH: usize = 500;

/// A node of the document tree.
#[derive(Debug)]
pub(crate) enum Node {
    Scalar {
        value: String,
        tag: String,
        /// Plain style without a tag (libyaml's `plain_implicit`).
        implicit: bool,
    },
    Seq(Vec<usize>),
    /// Keys and values alternating.
    Map(Vec<usize>),
    Alias {
        name: String,
        target: usize,
    },
}

/// One parsed document: node arena and the root (`None` for an empty stream).
#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub nodes: Vec<Node>,
    pub root: Option<usize>,
}

/// go-yaml's `parser.fail()`: the line rules depend on the libyaml error kind.
pub(crate) fn syntax_error(e: &libyaml_safer::Error) -> String {
    let problem_line = e.problem_mark().map_or(0, |m| m.line);
    let context_line = e.context_mark().map_or(0, |m| m.line);
    let line = if problem_line != 0 {
        problem_line + u64::from(e.kind() == ErrorKind::Scanner)
    } else {
        context_line
    };
    let msg = e.problem();
    if line != 0 {
        format!("line {line}: {msg}")
    } else {
        msg.to_string()
    }
}

/// Parses the first document of `src`.
pub(crate) fn compose(src: &str) -> Result<Doc, String> {
    let mut input = src.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut doc = Doc::default();
    let mut anchors: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    loop {
        let ev = parser.parse().map_err(|e| syntax_error(&e))?;
        let (node, anchor) = match ev.data {
            EventData::StreamStart { .. } | EventData::DocumentStart { .. } => continue,
            EventData::StreamEnd | EventData::DocumentEnd { .. } => return Ok(doc),
            EventData::SequenceEnd | EventData::MappingEnd => {
                stack.pop();
                continue;
            }
            EventData::Alias { anchor } => {
                let Some(&target) = anchors.get(&anchor) else {
                    return Err(format!("unknown anchor '{anchor}' referenced"));
                };
                (
                    Node::Alias {
                        name: anchor,
                        target,
                    },
                    None,
                )
            }
            EventData::Scalar {
                anchor,
                tag,
                value,
                plain_implicit,
                style,
                ..
            } => {
                if style == ScalarStyle::DoubleQuoted {
                    check_escapes(src, ev.start_mark.index, ev.end_mark.index)?;
                }
                let tag = tag.unwrap_or_default();
                (
                    Node::Scalar {
                        value,
                        tag,
                        implicit: plain_implicit,
                    },
                    anchor,
                )
            }
            EventData::SequenceStart { anchor, .. } => (Node::Seq(Vec::new()), anchor),
            EventData::MappingStart { anchor, .. } => (Node::Map(Vec::new()), anchor),
        };
        let opens = matches!(node, Node::Seq(_) | Node::Map(_));
        let id = doc.nodes.len();
        doc.nodes.push(node);
        if let Some(a) = anchor {
            anchors.insert(a, id);
        }
        match stack.last() {
            Some(&parent) => match &mut doc.nodes[parent] {
                Node::Seq(c) | Node::Map(c) => c.push(id),
                _ => {}
            },
            None => doc.root = Some(id),
        }
        if opens {
            if stack.len() >= MAX_DEPTH {
                return Err(format!("exceeded max depth of {MAX_DEPTH}"));
            }
            stack.push(id);
        }
    }
}

/// go-yaml v2 knows fewer escapes than libyaml 0.2.5: `\/` and `\<TAB>` are errors there.
fn check_escapes(src: &str, start: u64, end: u64) -> Result<(), String> {
    let (start, end) = (start as usize, end as usize);
    let Some(text) = src.as_bytes().get(start..end.min(src.len())) else {
        return Ok(());
    };
    let mut i = 0;
    while i + 1 < text.len() {
        if text[i] == b'\\' {
            if matches!(text[i + 1], b'/' | b'\t') {
                let line = src.as_bytes()[..start + i]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                let msg = "found unknown escape character";
                return Err(if line != 0 {
                    format!("line {}: {msg}", line + 1)
                } else {
                    msg.to_string()
                });
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    Ok(())
}
