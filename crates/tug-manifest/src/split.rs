//! Helm's `releaseutil.SplitManifests`: one rendered file → its YAML documents.
//!
//! The separator is Go's `(?:^|\s*\n)---\s*` on the file with leading whitespace removed:
//! whitespace before a `---` line and everything blank after it belong to the separator,
//! so a document keeps no trailing blank lines *before* a separator but the last document
//! of a file keeps its trailing whitespace. A `---` directly after a separator's
//! whitespace is not a separator (the regex already consumed its newline) and stays in
//! the next document. Text after `---` on the same line starts the next document.

/// Go's `\s` in RE2: `[\t\n\f\r ]`.
fn is_re_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Splits a rendered file into documents, in order, dropping empty ones.
pub fn split_manifests(content: &str) -> Vec<&str> {
    let text = content.trim_start();
    let b = text.as_bytes();
    let mut docs = Vec::new();
    let mut start = 0;
    let mut i = 0;
    if b.starts_with(b"---") {
        // `^---\s*` at the very start.
        let end = skip_space(b, 3);
        push_doc(&mut docs, &text[0..0]);
        start = end;
        i = end;
    }
    while i < b.len() {
        if let Some((sep_start, sep_end)) = separator_at(b, i) {
            push_doc(&mut docs, &text[start..sep_start]);
            start = sep_end;
            i = sep_end;
        } else {
            i += 1;
        }
    }
    push_doc(&mut docs, &text[start..]);
    docs
}

fn push_doc<'a>(docs: &mut Vec<&'a str>, d: &'a str) {
    if !d.is_empty() {
        docs.push(d);
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_re_space(b[i]) {
        i += 1;
    }
    i
}

/// Leftmost match of `\s*\n---\s*` starting at `i` (RE2 leftmost-first semantics: the
/// match starts at the first whitespace byte from which a `\n---` can be reached).
fn separator_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    if !is_re_space(b[i]) {
        return None;
    }
    // Greedy `\s*` then backtrack to the last `\n` that is followed by `---`.
    let mut j = i;
    while j < b.len() && is_re_space(b[j]) {
        j += 1;
    }
    let mut k = j;
    while k > i {
        k -= 1;
        if b[k] == b'\n' && b[k + 1..].starts_with(b"---") {
            return Some((i, skip_space(b, k + 4)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_helm() {
        let f = "\n\n  \na: 1\n  y\n\n\n---   \n\n---\n\n  kind: S\n\n\n";
        assert_eq!(
            split_manifests(f),
            vec!["a: 1\n  y", "---\n\n  kind: S\n\n\n"]
        );
    }

    #[test]
    fn separator_text_starts_next_doc() {
        assert_eq!(
            split_manifests("a: 1\n---foo: 2\n"),
            vec!["a: 1", "foo: 2\n"]
        );
        assert_eq!(split_manifests("---\nk: v"), vec!["k: v"]);
        assert_eq!(split_manifests("a\n---\n---\n"), vec!["a", "---\n"]);
    }

    #[test]
    fn indented_dashes_do_not_split() {
        assert_eq!(
            split_manifests("x: |\n    ---inner\n"),
            vec!["x: |\n    ---inner\n"]
        );
        assert!(split_manifests("  \n ").is_empty());
    }
}
