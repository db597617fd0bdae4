//! The glob dialect of `.Files.Glob` (gobwas/glob with `/` as separator).
//!
//! `*` matches within one path segment, `**` across segments, `?` one non-separator
//! character, `[abc]` / `[!a-z]` character classes, `{a,b}` alternatives and `\` escapes.

/// A compiled pattern.
pub(crate) struct Glob {
    alts: Vec<Vec<Tok>>,
}

#[derive(Clone, Debug)]
enum Tok {
    Lit(char),
    Any,
    Super,
    One,
    Class {
        negated: bool,
        items: Vec<(char, char)>,
    },
}

impl Glob {
    /// Matches everything (`**`).
    pub(crate) fn any() -> Glob {
        Glob {
            alts: vec![vec![Tok::Super]],
        }
    }

    /// Compiles `pattern`; `None` when it is malformed.
    pub(crate) fn new(pattern: &str) -> Option<Glob> {
        let chars: Vec<char> = pattern.chars().collect();
        let alts = expand(&chars)?;
        let alts = alts
            .iter()
            .map(|a| tokenize(a))
            .collect::<Option<Vec<_>>>()?;
        Some(Glob { alts })
    }

    /// Whether `name` matches.
    pub(crate) fn matches(&self, name: &str) -> bool {
        let s: Vec<char> = name.chars().collect();
        self.alts.iter().any(|toks| match_here(toks, &s))
    }
}

/// Expands `{a,b}` alternatives into plain patterns.
fn expand(p: &[char]) -> Option<Vec<Vec<char>>> {
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '\\' => i += 2,
            '{' => {
                let (end, parts) = split_braces(p, i)?;
                let mut out = Vec::new();
                for part in parts {
                    let mut q = p[..i].to_vec();
                    q.extend_from_slice(&part);
                    q.extend_from_slice(&p[end + 1..]);
                    out.extend(expand(&q)?);
                }
                return Some(out);
            }
            '}' => return None,
            _ => i += 1,
        }
    }
    Some(vec![p.to_vec()])
}

fn split_braces(p: &[char], open: usize) -> Option<(usize, Vec<Vec<char>>)> {
    let mut depth = 0;
    let mut parts = vec![Vec::new()];
    let mut i = open + 1;
    while i < p.len() {
        let c = p[i];
        match c {
            '\\' if i + 1 < p.len() => {
                parts.last_mut()?.extend_from_slice(&p[i..i + 2]);
                i += 2;
                continue;
            }
            '{' => depth += 1,
            '}' if depth == 0 => return Some((i, parts)),
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(Vec::new());
                i += 1;
                continue;
            }
            _ => {}
        }
        parts.last_mut()?.push(c);
        i += 1;
    }
    None
}

fn tokenize(p: &[char]) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '\\' => {
                out.push(Tok::Lit(*p.get(i + 1)?));
                i += 2;
            }
            '*' if p.get(i + 1) == Some(&'*') => {
                out.push(Tok::Super);
                i += 2;
            }
            '*' => {
                out.push(Tok::Any);
                i += 1;
            }
            '?' => {
                out.push(Tok::One);
                i += 1;
            }
            '[' => {
                let (tok, next) = class(p, i)?;
                out.push(tok);
                i = next;
            }
            ']' => return None,
            c => {
                out.push(Tok::Lit(c));
                i += 1;
            }
        }
    }
    Some(out)
}

fn class(p: &[char], open: usize) -> Option<(Tok, usize)> {
    let mut i = open + 1;
    let negated = p.get(i) == Some(&'!');
    if negated {
        i += 1;
    }
    let mut items = Vec::new();
    while i < p.len() && p[i] != ']' {
        let lo = p[i];
        if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|c| *c != ']') {
            items.push((lo, p[i + 2]));
            i += 3;
        } else {
            items.push((lo, lo));
            i += 1;
        }
    }
    if i >= p.len() || items.is_empty() {
        return None;
    }
    Some((Tok::Class { negated, items }, i + 1))
}

fn match_here(toks: &[Tok], s: &[char]) -> bool {
    let Some((first, rest)) = toks.split_first() else {
        return s.is_empty();
    };
    match first {
        Tok::Lit(c) => s.first() == Some(c) && match_here(rest, &s[1..]),
        Tok::One => s.first().is_some_and(|c| *c != '/') && match_here(rest, &s[1..]),
        Tok::Class { negated, items } => {
            s.first().is_some_and(|c| {
                let inside = items.iter().any(|(lo, hi)| lo <= c && c <= hi);
                inside != *negated
            }) && match_here(rest, &s[1..])
        }
        Tok::Any => (0..=s.len())
            .take_while(|&n| n == 0 || s[n - 1] != '/')
            .any(|n| match_here(rest, &s[n..])),
        Tok::Super => (0..=s.len()).any(|n| match_here(rest, &s[n..])),
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    fn m(p: &str, s: &str) -> bool {
        Glob::new(p).expect("valid pattern").matches(s)
    }

    #[test]
    fn star_stays_in_segment() {
        assert!(m("*.yaml", "a.yaml"));
        assert!(!m("*.yaml", "dir/a.yaml"));
        assert!(m("**.yaml", "dir/a.yaml"));
        assert!(m("dir/**", "dir/x/y"));
        assert!(m("files/*", "files/a"));
    }

    #[test]
    fn classes_alternatives_and_escapes() {
        assert!(m("a[0-9].txt", "a5.txt"));
        assert!(!m("a[!0-9].txt", "a5.txt"));
        assert!(m("{a,b}.txt", "b.txt"));
        assert!(m(r"\*.txt", "*.txt"));
        assert!(!m(r"\*.txt", "x.txt"));
        assert!(m("?.txt", "x.txt"));
        assert!(Glob::new("[").is_none());
        assert!(Glob::new("{a").is_none());
    }
}
