//! The engine's error type.
//!
//! `Display` is exactly Go's error string (`template: a.yaml:3: function "foo" not
//! defined`, `template: a.yaml:1:10: executing "a.yaml" at <.Values.x.y>: nil pointer
//! evaluating interface {}.y`). The alternate form (`{:#}`) appends the offending source
//! line and a caret under the column, for humans.

use std::fmt;

/// What went wrong, broadly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The template text does not parse.
    #[error("parse error")]
    Parse,
    /// Execution failed (bad field, function error, comparison, …).
    #[error("execution error")]
    Exec,
    /// The named template does not exist in the set.
    #[error("template not found")]
    NotFound,
    /// A safety limit (recursion depth, output size) was exceeded.
    #[error("limit exceeded")]
    Limit,
}

/// An error from parsing or executing a template.
pub struct Error {
    repr: Box<Repr>,
}

struct Repr {
    kind: ErrorKind,
    message: String,
    excerpt: Option<Excerpt>,
}

/// The source line an error points at, for the alternate display.
struct Excerpt {
    location: String,
    line_text: String,
    col: usize,
}

impl Error {
    /// An error whose Go text is `message`.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            repr: Box::new(Repr {
                kind,
                message: message.into(),
                excerpt: None,
            }),
        }
    }

    /// Attaches the source excerpt shown by `{:#}`: `source` is the whole template
    /// text, `offset` the byte offset pointed at.
    pub(crate) fn with_excerpt(mut self, location: String, source: &str, offset: usize) -> Error {
        let offset = offset.min(source.len());
        let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let col = source[start..offset].chars().count();
        self.repr.excerpt = Some(Excerpt {
            location,
            line_text: source[start..end].to_string(),
            col,
        });
        self
    }

    /// The broad class of the error.
    pub fn kind(&self) -> ErrorKind {
        self.repr.kind
    }

    /// Go's error text (same as `Display`).
    pub fn message(&self) -> &str {
        &self.repr.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr.message)?;
        if f.alternate()
            && let Some(ex) = &self.repr.excerpt
        {
            write!(f, "\n  --> {}\n   | {}\n   | ", ex.location, ex.line_text)?;
            for _ in 0..ex.col {
                f.write_str(" ")?;
            }
            f.write_str("^")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.repr.kind)
            .field("message", &self.repr.message)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_plain_and_alternate_has_caret() {
        let e = Error::new(ErrorKind::Exec, "boom").with_excerpt("a:2:3".into(), "x\nab{{x}}\n", 4);
        assert_eq!(e.to_string(), "boom");
        assert_eq!(
            format!("{e:#}"),
            "boom\n  --> a:2:3\n   | ab{{x}}\n   |   ^"
        );
    }

    #[test]
    fn error_is_small() {
        assert_eq!(std::mem::size_of::<Error>(), 8);
    }
}
