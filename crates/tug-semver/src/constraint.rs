//! Version constraints with Masterminds semver v3 grammar and semantics.
//!
//! A constraint string is a list of OR groups separated by `||`; each group is a list
//! of comparators separated by spaces or commas that must all hold. Comparators are
//! `= != > < >= => <= =< ~ ~> ^` (none means `=`) followed by a possibly partial
//! version where `x`, `X` or `*` are wildcards. `A - B` (spaces required) is a hyphen
//! range meaning `>= A, <= B`.
//!
//! Pre-release versions only satisfy a group when one of the group's comparators
//! carries a pre-release itself; then they compare by normal SemVer precedence.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::Error;
use crate::version::{Version, compare_prerelease};

/// The version part of a comparator: wildcards allowed in the numeric parts. The
/// character class deliberately includes `|` as Masterminds' does.
const CV: &str = r"v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?(-([0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*))?(?:\+[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?";
/// Comparison operators, in Masterminds' alternation order (the empty operator is the
/// second alternative).
const OPS: &str = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
/// Go's `\s`: ASCII whitespace without `\v`.
const WS: &str = r"[\t\n\f\r ]";

static CONSTRAINT_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"^{WS}*({OPS}){WS}*({CV}){WS}*$")));
static RANGE_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"{WS}*({CV}){WS}+-{WS}+({CV}){WS}*")));
static FIND_RE: LazyLock<Regex> = LazyLock::new(|| compile(&format!(r"(?:{OPS}){WS}*(?:{CV})")));
static VALID_RE: LazyLock<Regex> = LazyLock::new(|| {
    let one = format!(r"(?:{OPS}){WS}*(?:{CV})");
    compile(&format!(
        r"^{WS}*{one}{WS}*(?:(?:{WS}+|,{WS}*){one}{WS}*)*$"
    ))
});

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("constraint regex: {e}"))
}

/// The comparison a comparator performs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    TildeOrEqual,
    NotEqual,
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    Tilde,
    Caret,
}

impl Op {
    fn from_text(op: &str) -> Op {
        match op {
            "!=" => Op::NotEqual,
            ">" => Op::Greater,
            "<" => Op::Less,
            ">=" | "=>" => Op::GreaterEqual,
            "<=" | "=<" => Op::LessEqual,
            "~" | "~>" => Op::Tilde,
            "^" => Op::Caret,
            _ => Op::TildeOrEqual,
        }
    }
}

/// One comparator such as `>=1.2` or `~1.x`.
#[derive(Clone, Debug)]
struct Comparator {
    op: Op,
    /// The operator as written.
    op_text: String,
    /// The version as written (`1.x`).
    orig: String,
    /// The version with wildcards replaced by zeros.
    con: Version,
    /// Minor (and patch) were wildcards or missing.
    minor_dirty: bool,
    /// Patch was a wildcard or missing.
    patch_dirty: bool,
    /// Any part was a wildcard or missing.
    dirty: bool,
}

/// A parsed constraint string: OR groups of AND-ed comparators.
#[derive(Clone, Debug)]
pub struct Constraints {
    groups: Vec<Group>,
}

#[derive(Clone, Debug)]
struct Group {
    comparators: Vec<Comparator>,
    /// Some comparator carries a pre-release: pre-release versions may match.
    has_pre: bool,
}

impl Constraints {
    /// Parses a constraint string (Masterminds `NewConstraint`).
    pub fn parse(text: &str) -> Result<Constraints, Error> {
        let rewritten = rewrite_ranges(text);
        let mut groups = Vec::new();
        for part in rewritten.split("||") {
            if !VALID_RE.is_match(part) {
                return Err(Error::ImproperConstraint(part.to_string()));
            }
            let mut comparators = Vec::new();
            for m in FIND_RE.find_iter(part) {
                comparators.push(parse_comparator(m.as_str())?);
            }
            let has_pre = comparators.iter().any(|c| !c.con.prerelease().is_empty());
            groups.push(Group {
                comparators,
                has_pre,
            });
        }
        Ok(Constraints { groups })
    }

    /// Whether `version` satisfies the constraints (Masterminds `Check`).
    pub fn matches(&self, version: &Version) -> bool {
        self.groups
            .iter()
            .any(|g| g.comparators.iter().all(|c| c.check(version, g.has_pre)))
    }
}

impl fmt::Display for Constraints {
    /// Masterminds' `String()`: comparators as written, space separated, groups joined
    /// by ` || `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                f.write_str(" || ")?;
            }
            for (j, c) in g.comparators.iter().enumerate() {
                if j > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{}{}", c.op_text, c.orig)?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for Constraints {
    type Err = Error;

    fn from_str(s: &str) -> Result<Constraints, Error> {
        Constraints::parse(s)
    }
}

/// Rewrites every `A - B` hyphen range into `>= A, <= B `.
fn rewrite_ranges(text: &str) -> String {
    let mut out = text.to_string();
    for caps in RANGE_RE.captures_iter(text) {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        let from = caps.get(1).map_or("", |m| m.as_str());
        // Group 2 of the second CV is the 7th capture after the first CV's five groups.
        let to = caps.get(7).map_or("", |m| m.as_str());
        out = out.replacen(whole, &format!(">= {from}, <= {to} "), 1);
    }
    out
}

fn is_x(s: &str) -> bool {
    matches!(s, "x" | "X" | "*")
}

fn parse_comparator(text: &str) -> Result<Comparator, Error> {
    let caps = CONSTRAINT_RE
        .captures(text)
        .ok_or_else(|| Error::ImproperConstraint(text.to_string()))?;
    let part = |i: usize| caps.get(i).map_or("", |m| m.as_str());
    let (op_text, orig) = (part(1), part(2));
    let (major, minor, patch, pre) = (part(3), part(4), part(5), part(6));
    let minor_digits = minor.trim_start_matches('.');
    let patch_digits = patch.trim_start_matches('.');
    let (mut minor_dirty, mut patch_dirty, mut dirty) = (false, false, false);
    let ver = if is_x(major) {
        dirty = true;
        format!("0.0.0{pre}")
    } else if is_x(minor_digits) || minor.is_empty() {
        (minor_dirty, dirty) = (true, true);
        format!("{major}.0.0{pre}")
    } else if is_x(patch_digits) || patch.is_empty() {
        (patch_dirty, dirty) = (true, true);
        format!("{major}{minor}.0{pre}")
    } else {
        orig.to_string()
    };
    let con = Version::parse(&ver).map_err(|_| Error::ConstraintParser)?;
    Ok(Comparator {
        op: Op::from_text(op_text),
        op_text: op_text.to_string(),
        orig: orig.to_string(),
        con,
        minor_dirty,
        patch_dirty,
        dirty,
    })
}

impl Comparator {
    fn check(&self, v: &Version, include_pre: bool) -> bool {
        if !v.prerelease().is_empty() && !include_pre {
            return false;
        }
        match self.op {
            Op::TildeOrEqual if self.dirty => self.tilde(v),
            Op::TildeOrEqual => v == &self.con,
            Op::NotEqual => self.not_equal(v),
            Op::Greater => self.greater(v),
            Op::Less => v < &self.con,
            Op::GreaterEqual => v >= &self.con,
            Op::LessEqual => self.less_equal(v),
            Op::Tilde => self.tilde(v),
            Op::Caret => self.caret(v),
        }
    }

    fn not_equal(&self, v: &Version) -> bool {
        let c = &self.con;
        if self.dirty {
            if c.major() != v.major() {
                return true;
            }
            if c.minor() != v.minor() && !self.minor_dirty {
                return true;
            }
            if self.minor_dirty {
                return false;
            }
            if c.patch() != v.patch() && !self.patch_dirty {
                return true;
            }
            if self.patch_dirty {
                if !v.prerelease().is_empty() || !c.prerelease().is_empty() {
                    return compare_prerelease(v.prerelease(), c.prerelease()).is_ne();
                }
                return false;
            }
        }
        v != c
    }

    fn greater(&self, v: &Version) -> bool {
        let c = &self.con;
        if !self.dirty {
            return v > c;
        }
        if v.major() != c.major() {
            return v.major() > c.major();
        }
        if self.minor_dirty {
            return false;
        }
        if self.patch_dirty {
            return v.minor() > c.minor();
        }
        v > c
    }

    fn less_equal(&self, v: &Version) -> bool {
        let c = &self.con;
        if !self.dirty {
            return v <= c;
        }
        if v.major() > c.major() {
            return false;
        }
        !(v.major() == c.major() && v.minor() > c.minor() && !self.minor_dirty)
    }

    fn tilde(&self, v: &Version) -> bool {
        let c = &self.con;
        if v < c {
            return false;
        }
        if c.major() == 0
            && c.minor() == 0
            && c.patch() == 0
            && !self.minor_dirty
            && !self.patch_dirty
        {
            return true;
        }
        if v.major() != c.major() {
            return false;
        }
        v.minor() == c.minor() || self.minor_dirty
    }

    fn caret(&self, v: &Version) -> bool {
        let c = &self.con;
        if v < c {
            return false;
        }
        if c.major() > 0 || self.minor_dirty {
            return v.major() == c.major();
        }
        if v.major() > 0 {
            return false;
        }
        if c.minor() > 0 || self.patch_dirty {
            return v.minor() == c.minor();
        }
        if v.minor() > 0 {
            return false;
        }
        c.patch() == v.patch()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(c: &str, v: &str) -> bool {
        let cs = Constraints::parse(c).unwrap_or_else(|e| panic!("{c}: {e}"));
        let ver = Version::parse(v).unwrap_or_else(|e| panic!("{v}: {e}"));
        cs.matches(&ver)
    }

    #[test]
    fn basic_operators() {
        let table = [
            ("=2.0.0", "1.2.3", false),
            ("2.0.0", "2.0.0", true),
            ("!=4.1", "4.1.0", false),
            ("!=4.1", "5.1.0", true),
            (">1.1", "1.1.1", false),
            (">1.1", "1.2.0", true),
            (">11", "11.1.0", false),
            ("<=1.1", "1.1.1", true),
            ("<=1.1", "1.2.0", false),
            ("<1.1", "1.0.9", true),
            (">=1.1", "4.1.0", true),
            ("<2.x", "1.9.9", true),
            ("<=2.x", "2.9.9", true),
            ("<=2.x", "3.0.0", false),
            ("*", "4.5.6", true),
            ("*", "1.2.3-alpha", false),
            ("2.*", "2.4.0", true),
            ("1.2.x", "1.2.9", true),
            ("1.2.x", "1.3.0", false),
        ];
        for (c, v, want) in table {
            assert_eq!(check(c, v), want, "{c} vs {v}");
        }
    }

    #[test]
    fn tilde_and_caret() {
        let table = [
            ("~1.2.3", "1.2.4", true),
            ("~1.2.3", "1.3.0", false),
            ("~1", "1.9.0", true),
            ("~1", "2.0.0", false),
            ("~>1.2", "1.2.9", true),
            ("^1.2.3", "1.9.9", true),
            ("^1.2.3", "2.0.0", false),
            ("^0.2.3", "0.2.9", true),
            ("^0.2.3", "0.3.0", false),
            ("^0.0.3", "0.0.3", true),
            ("^0.0.3", "0.0.4", false),
            ("^0.0", "0.0.9", true),
            ("^0.0", "0.1.0", false),
            ("^0", "0.9.0", true),
            ("^0", "1.0.0", false),
        ];
        for (c, v, want) in table {
            assert_eq!(check(c, v), want, "{c} vs {v}");
        }
    }

    #[test]
    fn groups_ranges_and_prereleases() {
        assert!(check(">1.0 <2.0, !=1.5", "1.6.0"));
        assert!(check("1.2 - 1.4.5", "1.4.5"));
        assert!(!check("1.2 - 1.4.5", "1.4.6"));
        assert!(check("<1 || >=3", "3.1.0"));
        assert!(check(">=1.2.3-0", "1.3.0-beta.1"));
        assert!(check(">=1.2.3-0 <2", "1.3.0-beta.1"));
        assert!(!check(">=1.2.3", "1.3.0-beta.1"));
        assert!(check("1.2.3-beta", "1.2.3-beta"));
    }

    #[test]
    fn parse_errors() {
        let err = |s: &str| Constraints::parse(s).map(|_| ()).unwrap_err().to_string();
        assert_eq!(err("foo"), "improper constraint: \"foo\"");
        assert_eq!(err(""), "improper constraint: \"\"");
        assert_eq!(err("1.2.3 || foo"), "improper constraint: \" foo\"");
        assert_eq!(err("1|2"), "constraint parser error");
        assert_eq!(err("1.2.3-01"), "constraint parser error");
        assert_eq!(err("> 1.2.3,,<2"), "improper constraint: \"> 1.2.3,,<2\"");
    }

    #[test]
    fn display_keeps_written_form() {
        let c = Constraints::parse(">= 1.2, <2.x || ~3").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.to_string(), ">=1.2 <2.x || ~3");
    }
}
