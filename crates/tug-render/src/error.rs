//! Helm's re-formatting of template errors (`pkg/engine`), and this crate's error type.
//!
//! Go's `text/template` reports one flat chain such as
//! `template: a.yaml:1:3: executing "a.yaml" at <include "x" .>: error calling include:
//! template: a.yaml:1:26: executing "x" at <.Values.a.b>: nil pointer evaluating
//! interface {}.b`. Helm walks the Go error chain behind it and prints one frame per
//! distinct template location:
//!
//! ```text
//! a.yaml:1:3
//!   executing "a.yaml" at <include "x" .>:
//!     error calling include:
//! a.yaml:1:26
//!   executing "x" at <.Values.a.b>:
//!     nil pointer evaluating interface {}.b
//! ```
//!
//! A link of the chain that is not a template error (the error a function such as
//! `index` or `tpl` returned) stops the walk and the flat text is kept as it is;
//! `required`/`fail` messages (wrapped in `HELM_ERR_START…HELM_ERR_END`) become
//! `execution error at (<location>): <message>`. Parse errors become
//! `parse error at (<file>:<line>): <message>`.

/// An error from rendering a chart. `Display` is Helm's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A template failed to parse or execute; the text is Helm's.
    #[error("{0}")]
    Template(String),
}

const WARN_START: &str = "HELM_ERR_START";
const WARN_END: &str = "HELM_ERR_END";

/// Helm's `cleanupParseError`: `template: f.yaml:3: msg` → `parse error at (f.yaml:3): msg`.
pub fn parse_error(filename: &str, go: &str) -> String {
    let tokens: Vec<&str> = go.split(": ").collect();
    if tokens.len() == 1 {
        return format!("parse error in ({filename}): {go}");
    }
    format!(
        "parse error at ({}): {}",
        tokens[1],
        tokens[tokens.len() - 1]
    )
}

/// One frame of Helm's trace (`TraceableError`).
#[derive(Debug, PartialEq, Eq)]
struct Frame {
    location: String,
    executed: String,
    message: String,
}

impl Frame {
    fn render(&self, out: &mut String) {
        if !self.location.is_empty() {
            out.push_str(&self.location);
            out.push_str("\n  ");
        }
        if !self.executed.is_empty() {
            out.push_str(&self.executed);
            out.push_str("\n    ");
        }
        if !self.message.is_empty() {
            out.push_str(&self.message);
            out.push('\n');
        }
    }
}

/// Helm's `reformatExecErrorMsg` applied to Go's flat execution error text.
pub fn exec_error(filename: &str, go: &str) -> String {
    let tokens: Vec<&str> = go.splitn(3, ": ").collect();
    if tokens.len() != 3 {
        return format!("execution error in ({filename}): {go}");
    }
    if let Some(start) = tokens[2].find(WARN_START) {
        let rest = &tokens[2][start + WARN_START.len()..];
        if let Some(end) = rest.rfind(WARN_END) {
            return format!("execution error at ({}): {}", tokens[1], &rest[..end]);
        }
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut current = Some(go);
    while let Some(text) = current {
        let Some((frame, next)) = parse_link(text) else {
            return go.to_string();
        };
        if !frames.contains(&frame) {
            frames.push(frame);
        }
        current = next;
    }
    let mut out = String::new();
    for f in &frames {
        f.render(&mut out);
    }
    out.trim().to_string()
}

/// Parses one template-error link; returns the frame and the text of the next link.
/// `None` when the text is not a template error (Helm then keeps the flat text).
fn parse_link(text: &str) -> Option<(Frame, Option<&str>)> {
    let body = text.strip_prefix("template: ")?;
    if body.starts_with("no template ") && body.contains(" associated with template ") {
        let frame = Frame {
            location: String::new(),
            executed: String::new(),
            message: text.into(),
        };
        return Some((frame, None));
    }
    let (location, executed, msg) = match body.find(": executing ") {
        Some(i) => {
            let after = &body[i + ": executing ".len()..];
            let at = after.find(" at ")?;
            let node_and_msg = &after[at + " at ".len()..];
            let colon = node_and_msg.find(": ")?;
            let executed = format!("executing {} at {}:", &after[..at], &node_and_msg[..colon]);
            (&body[..i], executed, &node_and_msg[colon + 2..])
        }
        None => {
            let colon = body.find(": ")?;
            (&body[..colon], String::new(), &body[colon + 2..])
        }
    };
    if location.is_empty() || msg.is_empty() {
        return None;
    }
    let message = match msg[1..].find(" template:") {
        Some(i) => &msg[..i + 1],
        None => msg,
    };
    let frame = Frame {
        location: location.into(),
        executed,
        message: message.into(),
    };
    // The chain continues past a function-call wrapper only into another template
    // error; an ordinary function error ends Helm's walk with the flat text.
    if let Some(rest) = msg.strip_prefix("error calling ") {
        let inner = rest.split_once(": ").map(|(_, inner)| inner)?;
        if !inner.starts_with("template: ") {
            return None;
        }
        return Some((frame, Some(inner)));
    }
    Some((frame, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected texts are what Helm v4.2.3 printed for these templates (see
    // tools/oracle); the inputs are Go's flat error strings for the same failures.
    #[test]
    fn direct_error_becomes_one_frame() {
        let go = "template: c/templates/t.yaml:1:10: executing \"c/templates/t.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b";
        assert_eq!(
            exec_error("c/templates/t.yaml", go),
            "c/templates/t.yaml:1:10\n  executing \"c/templates/t.yaml\" at <.Values.a.b.c>:\n    nil pointer evaluating interface {}.b"
        );
    }

    #[test]
    fn include_chain_becomes_frames() {
        let go = "template: c/templates/t.yaml:1:91: executing \"c/templates/t.yaml\" at <include \"x\" .>: error calling include: template: c/templates/t.yaml:1:63: executing \"x\" at <include \"y\" .>: error calling include: template: c/templates/t.yaml:1:26: executing \"y\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b";
        assert_eq!(
            exec_error("c/templates/t.yaml", go),
            "c/templates/t.yaml:1:91\n  executing \"c/templates/t.yaml\" at <include \"x\" .>:\n    error calling include:\nc/templates/t.yaml:1:63\n  executing \"x\" at <include \"y\" .>:\n    error calling include:\nc/templates/t.yaml:1:26\n  executing \"y\" at <.Values.a.b.c>:\n    nil pointer evaluating interface {}.b"
        );
    }

    #[test]
    fn missing_include_target() {
        let go = "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\"";
        assert_eq!(
            exec_error("c/templates/t.yaml", go),
            "c/templates/t.yaml:1:3\n  executing \"c/templates/t.yaml\" at <include \"nope\" .>:\n    error calling include:\ntemplate: no template \"nope\" associated with template \"gotpl\""
        );
    }

    #[test]
    fn function_errors_keep_the_flat_text() {
        for go in [
            "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <index (list 1) 5>: error calling index: index out of range: 5",
            "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <div 1 0>: error calling div: runtime error: integer divide by zero",
            "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <tpl \"{{ .Values.a.b.c }}\" .>: error calling tpl: error during tpl function execution for \"{{ .Values.a.b.c }}\": template: gotpl:1:10: executing \"gotpl\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b",
        ] {
            assert_eq!(exec_error("c/templates/t.yaml", go), go);
        }
    }

    #[test]
    fn required_and_fail() {
        let go = "template: c/templates/t.yaml:1:45: executing \"c/templates/t.yaml\" at <include \"x\" .>: error calling include: template: c/templates/t.yaml:1:17: executing \"x\" at <fail \"boom\">: error calling fail: HELM_ERR_STARTboomHELM_ERR_END";
        assert_eq!(
            exec_error("c/templates/t.yaml", go),
            "execution error at (c/templates/t.yaml:1:45): boom"
        );
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            parse_error(
                "c/templates/t.yaml",
                "template: c/templates/t.yaml:2: missing value for if"
            ),
            "parse error at (c/templates/t.yaml:2): missing value for if"
        );
    }
}
