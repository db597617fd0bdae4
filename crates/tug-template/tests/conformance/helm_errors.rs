//! Helm's rewriting of Go template errors (`pkg/engine` in Helm v4.2).
//!
//! Helm only has the error *values*; the harness only has their text, so the chain Helm
//! walks with `errors.Unwrap` is rebuilt from the text: an `ExecError` whose message is
//! `error calling <fn>: <inner>` wraps `<inner>` (Go formats function errors with `%w`);
//! any other message ends the chain. The three patterns Helm matches are simulated
//! exactly, including their non-greedy groups and `.` not matching a newline.

/// One frame of Helm's trace.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Helm's message for a parse error whose Go text is `go` (`cleanupParseError`).
pub fn parse_error(file: &str, go: &str) -> String {
    let tokens: Vec<&str> = go.split(": ").collect();
    if tokens.len() == 1 {
        return format!("parse error in ({file}): {go}");
    }
    format!(
        "parse error at ({}): {}",
        tokens[1],
        tokens[tokens.len() - 1]
    )
}

/// Helm's message for an execution error whose Go text is `go`.
pub fn exec_error(file: &str, go: &str) -> String {
    let tokens: Vec<&str> = go.splitn(3, ": ").collect();
    if tokens.len() != 3 {
        return format!("execution error in ({file}): {go}");
    }
    if let Some(msg) = warn_payload(tokens[2]) {
        return format!("execution error at ({}): {msg}", tokens[1]);
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut current = Some(go);
    while let Some(text) = current {
        let (frame, next) = if let Some(f) = match_exec(text) {
            (f, unwrap_function_error(text))
        } else if let Some(f) = match_without_template(text) {
            (f, None)
        } else if match_no_template(text) {
            let f = Frame {
                location: String::new(),
                executed: String::new(),
                message: text.to_string(),
            };
            (f, None)
        } else {
            return go.to_string();
        };
        if frames.last() != Some(&frame) {
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

/// The text between Helm's `required`/`fail` markers (`(?s)` greedy group).
fn warn_payload(s: &str) -> Option<&str> {
    let start = s.find(crate::helm::WARN_START)? + crate::helm::WARN_START.len();
    let end = s[start..].rfind(crate::helm::WARN_END)? + start;
    Some(&s[start..end])
}

/// Byte offsets where `pat` occurs in `s`, at or after `from`.
fn positions<'a>(s: &'a str, pat: &'a str, from: usize) -> impl Iterator<Item = usize> + 'a {
    s.match_indices(pat)
        .map(|(i, _)| i)
        .filter(move |&i| i >= from)
}

/// The byte length of the first character (a `.+` group needs at least one).
fn one_char(s: &str) -> usize {
    s.chars().next().map_or(usize::MAX, char::len_utf8)
}

/// `^template: (?U).+: executing (?U).+ at (?U).+: (?U).+( template:.*)?$`
fn match_exec(s: &str) -> Option<Frame> {
    if s.contains('\n') {
        return None;
    }
    let rest = s.strip_prefix("template: ")?;
    for i in positions(rest, ": executing ", one_char(rest)) {
        let r2 = &rest[i + ": executing ".len()..];
        for j in positions(r2, " at ", one_char(r2)) {
            let r3 = &r2[j + " at ".len()..];
            for k in positions(r3, ": ", one_char(r3)) {
                let r4 = &r3[k + 2..];
                if r4.is_empty() {
                    continue;
                }
                let m = positions(r4, " template:", one_char(r4))
                    .next()
                    .unwrap_or(r4.len());
                return Some(Frame {
                    location: rest[..i].to_string(),
                    executed: format!("executing {} at {}:", &r2[..j], &r3[..k]),
                    message: r4[..m].to_string(),
                });
            }
        }
    }
    None
}

/// `^template: (?U).+: (.*)( template:.*)?$`
fn match_without_template(s: &str) -> Option<Frame> {
    if s.contains('\n') {
        return None;
    }
    let rest = s.strip_prefix("template: ")?;
    let i = positions(rest, ": ", one_char(rest)).next()?;
    Some(Frame {
        location: rest[..i].to_string(),
        executed: String::new(),
        message: rest[i + 2..].to_string(),
    })
}

/// `^template: no template (.*) associated with template (.*)?$`
fn match_no_template(s: &str) -> bool {
    !s.contains('\n')
        && s.strip_prefix("template: no template ")
            .is_some_and(|r| r.contains(" associated with template "))
}

/// The error a Go `ExecError` wraps: for `… at <node>: error calling fn: inner`, `inner`.
fn unwrap_function_error(s: &str) -> Option<&str> {
    let at = s.find(" at <")?;
    let call = s[at..].find(">: error calling ")? + at + ">: error calling ".len();
    let colon = s[call..].find(": ")? + call;
    Some(&s[colon + 2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &str = "conf/templates/case.yaml";

    #[test]
    fn parse_error_keeps_location_and_last_part() {
        assert_eq!(
            parse_error(
                F,
                "template: conf/templates/case.yaml:3: function \"foo\" not defined"
            ),
            "parse error at (conf/templates/case.yaml:3): function \"foo\" not defined"
        );
        assert_eq!(
            parse_error(
                F,
                "template: conf/templates/case.yaml:1: bad number syntax: \"0x\""
            ),
            "parse error at (conf/templates/case.yaml:1): \"0x\""
        );
    }

    #[test]
    fn plain_exec_error_becomes_a_trace() {
        let go = "template: conf/templates/case.yaml:1:10: executing \"conf/templates/case.yaml\" at <.Values.q.r>: nil pointer evaluating interface {}.r";
        assert_eq!(
            exec_error(F, go),
            "conf/templates/case.yaml:1:10\n  executing \"conf/templates/case.yaml\" at <.Values.q.r>:\n    nil pointer evaluating interface {}.r"
        );
    }

    #[test]
    fn function_error_stays_raw() {
        let go = "template: conf/templates/case.yaml:1:3: executing \"conf/templates/case.yaml\" at <eq .Values.x 1>: error calling eq: incompatible types for comparison: float64 and int";
        assert_eq!(exec_error(F, go), go);
    }

    #[test]
    fn include_chain_is_unwrapped() {
        let go = "template: conf/templates/case.yaml:2:38: executing \"conf/templates/case.yaml\" at <include \"x\" .>: error calling include: template: conf/templates/case.yaml:2:21: executing \"x\" at <.q.r>: nil pointer evaluating interface {}.r";
        assert_eq!(
            exec_error(F, go),
            "conf/templates/case.yaml:2:38\n  executing \"conf/templates/case.yaml\" at <include \"x\" .>:\n    error calling include:\nconf/templates/case.yaml:2:21\n  executing \"x\" at <.q.r>:\n    nil pointer evaluating interface {}.r"
        );
        let go = "template: conf/templates/case.yaml:1:3: executing \"conf/templates/case.yaml\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\"";
        assert_eq!(
            exec_error(F, go),
            "conf/templates/case.yaml:1:3\n  executing \"conf/templates/case.yaml\" at <include \"nope\" .>:\n    error calling include:\ntemplate: no template \"nope\" associated with template \"gotpl\""
        );
    }

    #[test]
    fn required_and_fail_use_the_outer_location() {
        let go = "template: conf/templates/case.yaml:2:39: executing \"conf/templates/case.yaml\" at <include \"h\" .Values>: error calling include: template: conf/templates/case.yaml:2:3: executing \"h\" at <required \"need .x\" .x>: error calling required: HELM_ERR_STARTneed .xHELM_ERR_END";
        assert_eq!(
            exec_error(F, go),
            "execution error at (conf/templates/case.yaml:2:39): need .x"
        );
    }

    #[test]
    fn multi_line_messages_defeat_the_patterns() {
        let go = "template: a:1:3: executing \"a\" at <x>: line1\nline2";
        assert_eq!(exec_error(F, go), go);
    }
}
