//! Semantic versions and version constraints exactly as Helm sees them: a port of the
//! behaviour of Masterminds semver v3.5.0 (chart dependency ranges, `--version`,
//! `kubeVersion`, Sprig's `semver` and `semverCompare`).
//!
//! It differs from Cargo's `semver` crate on purpose: versions are lenient (`v1.2` is
//! 1.2.0), constraints accept space- or comma-separated AND groups, `||`, hyphen ranges,
//! `!=` and wildcards anywhere, and pre-releases match whenever a comparator of the
//! group names one.
//!
//! ```
//! use tug_semver::{Constraints, Version};
//! let c = Constraints::parse(">=1.2, <2 || ~3.1").unwrap();
//! assert!(c.matches(&Version::parse("v1.4").unwrap()));
//! assert!(!c.matches(&Version::parse("2.0.0").unwrap()));
//! ```

mod constraint;
mod version;

pub use constraint::Constraints;
pub use version::Version;

/// A parse error; `Display` is Masterminds' error text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The text is not a version.
    #[error("invalid semantic version")]
    InvalidSemVer,
    /// Strict parsing of an empty string.
    #[error("version string empty")]
    EmptyString,
    /// Strict parsing: a numeric part has other characters (or a `v` prefix).
    #[error("invalid characters in version")]
    InvalidCharacters,
    /// A numeric part (strict parsing) or pre-release identifier has a leading zero.
    #[error("version segment starts with 0")]
    SegmentStartsZero,
    /// A pre-release identifier has characters outside `[0-9A-Za-z-]`.
    #[error("invalid prerelease string")]
    InvalidPrerelease,
    /// A metadata identifier has characters outside `[0-9A-Za-z-]`.
    #[error("invalid metadata string")]
    InvalidMetadata,
    /// A numeric part does not fit in 64 bits.
    #[error(
        "error parsing version segment: strconv.ParseUint: parsing \"{0}\": value out of range"
    )]
    SegmentOutOfRange(String),
    /// A constraint group does not follow the grammar.
    #[error("improper constraint: {}", go_quote(.0))]
    ImproperConstraint(String),
    /// A comparator matched the grammar but its version does not parse.
    #[error("constraint parser error")]
    ConstraintParser,
}

/// Go's `strconv.Quote` for the texts that reach error messages.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
