//! `.helmignore` rules (Helm's `pkg/ignore`): gitignore-like, one pattern per line,
//! `#` comments, `!` negation, trailing `/` for directories only, leading `/` anchors
//! at the chart root, patterns without `/` match the base name; `**` is rejected.
//! Helm always adds `templates/.?*` (hidden files under `templates/`).
//!
//! Helm's negation is peculiar and reproduced as is: a `!p` rule *ignores* every path
//! that does not match `p` and lets later rules decide for paths that do.

use tug_manifest::output::glob_match;

/// The file name of ignore rules in a chart directory.
pub const HELM_IGNORE: &str = ".helmignore";

#[derive(Debug, Clone)]
struct Pattern {
    rule: String,
    negate: bool,
    must_dir: bool,
    kind: MatchKind,
}

#[derive(Debug, Clone, Copy)]
enum MatchKind {
    /// Leading `/`: match the whole path against the rule without the slash.
    Rooted,
    /// Contains `/`: match the whole path.
    Path,
    /// No `/`: match the base name.
    Base,
}

/// A parsed set of ignore rules.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    patterns: Vec<Pattern>,
}

impl Rules {
    /// No rules.
    pub fn empty() -> Rules {
        Rules::default()
    }

    /// Parses `.helmignore` text; errors are Helm's (`double-star (**) syntax is not
    /// supported`, `syntax error in pattern`).
    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut r = Rules::default();
        for line in text.lines() {
            r.add(line)?;
        }
        Ok(r)
    }

    /// Adds Helm's implicit rules (`templates/.?*`).
    pub fn add_defaults(&mut self) {
        // A constant, valid rule.
        let _ = self.add("templates/.?*");
    }

    /// Adds one rule line.
    pub fn add(&mut self, rule: &str) -> Result<(), String> {
        let rule = rule.trim();
        if rule.is_empty() || rule.starts_with('#') {
            return Ok(());
        }
        if rule.contains("**") {
            return Err("double-star (**) syntax is not supported".into());
        }
        glob_match(rule, "abc").map_err(|e| e.to_string())?;
        let mut rule = rule;
        let negate = rule.starts_with('!');
        if negate {
            rule = &rule[1..];
        }
        let must_dir = rule.ends_with('/');
        if must_dir {
            rule = &rule[..rule.len() - 1];
        }
        let (kind, rule) = if let Some(r) = rule.strip_prefix('/') {
            (MatchKind::Rooted, r)
        } else if rule.contains('/') {
            (MatchKind::Path, rule)
        } else {
            (MatchKind::Base, rule)
        };
        self.patterns.push(Pattern {
            rule: rule.to_string(),
            negate,
            must_dir,
            kind,
        });
        Ok(())
    }

    /// Whether `path` (relative, `/`-separated) is ignored.
    pub fn ignore(&self, path: &str, is_dir: bool) -> bool {
        if path.is_empty() || path == "." || path == "./" {
            return false;
        }
        for p in &self.patterns {
            if p.negate {
                if p.must_dir && !is_dir {
                    return true;
                }
                if !p.matches(path) {
                    return true;
                }
                continue;
            }
            if p.must_dir && !is_dir {
                continue;
            }
            if p.matches(path) {
                return true;
            }
        }
        false
    }
}

impl Pattern {
    fn matches(&self, path: &str) -> bool {
        let name = match self.kind {
            MatchKind::Rooted | MatchKind::Path => path,
            MatchKind::Base => path.rsplit('/').next().unwrap_or(path),
        };
        glob_match(&self.rule, name).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helm_ignore_table() {
        let r = Rules::parse("# c\n\n*.bak\n/rootonly.txt\ndocs/*.md\nsecret/\n").unwrap();
        assert!(r.ignore("a.bak", false));
        assert!(r.ignore("x/y/a.bak", false));
        assert!(r.ignore("rootonly.txt", false));
        assert!(!r.ignore("sub/rootonly.txt", false));
        assert!(r.ignore("docs/a.md", false));
        assert!(!r.ignore("docs/x/a.md", false));
        assert!(r.ignore("secret", true));
        assert!(!r.ignore("secret", false));
        assert!(!r.ignore("values.yaml", false));
    }

    #[test]
    fn defaults_hide_dotfiles_in_templates() {
        let mut r = Rules::empty();
        r.add_defaults();
        assert!(r.ignore("templates/.hidden.yaml", false));
        assert!(!r.ignore("templates/a.yaml", false));
        assert!(!r.ignore(".helmignore", false));
    }

    #[test]
    fn errors_and_negation() {
        assert_eq!(
            Rules::parse("a/**/b").unwrap_err(),
            "double-star (**) syntax is not supported"
        );
        assert!(Rules::parse("[").is_err());
        let r = Rules::parse("!keep.txt").unwrap();
        assert!(r.ignore("other.txt", false));
        assert!(!r.ignore("keep.txt", false));
    }
}
