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
    /// The last literal/folded scalar and the byte offset where it ends.
    pub block_at_eof: Option<(usize, usize)>,
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
    // libyaml reads CR LF and a lone CR as one line break `\n`; libyaml-safer 0.3.0 can
    // panic on a CR at the end of its look-ahead, so the breaks are normalised first.
    let mut text = if src.contains('\r') {
        src.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        src.to_string()
    };
    // libyaml-safer 0.3.0 takes any leading 0xEF byte for a BOM and rejects text that
    // starts with a character in U+F000..U+FFFF; a real BOM in front is skipped as usual.
    if text.starts_with(|c: char| ('\u{f000}'..='\u{ffff}').contains(&c))
        && !text.starts_with('\u{feff}')
    {
        text.insert(0, '\u{feff}');
    }
    // libyaml-safer 0.3.0 also panics on a block scalar running into the end of the
    // input; a final line break avoids that, and `block_at_eof` undoes its effect.
    let eof = text.len();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut doc = compose_normalised(&text)?;
    if eof < text.len()
        && let Some(id) = doc
            .block_at_eof
            .take_if(|&mut (_, end)| end >= eof)
            .map(|x| x.0)
        && let Some(Node::Scalar { value, .. }) = doc.nodes.get_mut(id)
        && value.ends_with('\n')
    {
        value.pop();
    }
    Ok(doc)
}

fn compose_normalised(src: &str) -> Result<Doc, String> {
    // libyaml-safer 0.3.0 panics on a `\` that ends the input inside a double-quoted
    // scalar. With a line break appended that scalar is an error instead; any other
    // context for the backslash parses safely as it is.
    if src.ends_with('\\') {
        compose_events(&format!("{src}\n"))?;
    }
    if flow_tag_before_comma(src) {
        return Err("did not find expected whitespace or line break".into());
    }
    compose_events(src)
}

/// libyaml-safer 0.3.0 also panics on a tag directly followed by `,` in a flow
/// collection (`[!t,x]`); go-yaml reads such tags differently anyway. Deliberately
/// conservative (no panic may slip through): any `[`/`{` earlier in the text counts as
/// flow context, and quotes and comments are not skipped.
fn flow_tag_before_comma(src: &str) -> bool {
    let b = src.as_bytes();
    let Some(first_flow) = b.iter().position(|c| matches!(c, b'[' | b'{')) else {
        return false;
    };
    (first_flow..b.len()).any(|i| {
        let prev = if i == 0 { b' ' } else { b[i - 1] };
        if b[i] != b'!' || !(prev.is_ascii_whitespace() || b"[{,:".contains(&prev)) {
            return false;
        }
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && !b",[]{}".contains(&b[j]) {
            j += 1;
        }
        b.get(j) == Some(&b',')
    })
}

fn compose_events(src: &str) -> Result<Doc, String> {
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
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    doc.block_at_eof = Some((doc.nodes.len(), ev.end_mark.index as usize));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_that_panic_libyaml_safer_are_errors() {
        assert!(compose("| \r [").is_ok());
        assert!(compose("''\"\\\"\\").is_err());
        assert!(compose("a: \"x\\").is_err());
        assert!(compose("[!t,x]").is_err());
        assert!(compose("{!t,x: 1}").is_err());
    }

    #[test]
    fn block_scalar_at_end_of_input_keeps_its_value() {
        let value = |src: &str| match compose(src).ok().map(|d| d.nodes) {
            Some(nodes) => match nodes.last() {
                Some(Node::Scalar { value, .. }) => value.clone(),
                _ => String::from("?"),
            },
            None => String::from("error"),
        };
        assert_eq!(value("a: |\n  x"), "x");
        assert_eq!(value("a: |\n  x\n"), "x\n");
        assert_eq!(value("a: |-\n  x"), "x");
        assert_eq!(value("a: >\n  x\n  y"), "x y");
        assert_eq!(value("a: |\r\n  x\r\n"), "x\n");
    }

    #[test]
    fn leading_character_from_the_bom_block_is_not_a_bom() {
        assert!(compose("\u{fd7f}: 1\n").is_ok());
        assert!(compose("\u{ff21}").is_ok());
        assert!(compose("\u{feff}a: 1\n").is_ok());
    }

    #[test]
    fn lookalikes_still_parse() {
        assert!(compose("a: x\\").is_ok());
        assert!(compose("a: \"x !t y\"\nb: [1]\n").is_ok());
        assert!(compose("a: [!t x, y]\n").is_ok());
    }
}
