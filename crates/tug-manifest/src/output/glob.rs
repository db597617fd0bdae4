//! A port of Go's `path/filepath.Match` (Unix separator): `*` and `?` never match `/`,
//! `[...]` classes with ranges and `^` negation, `\` escapes. A malformed pattern is
//! `syntax error in pattern` (Go's `ErrBadPattern`).

use crate::Error;

/// Reports whether `name` matches the shell pattern `pattern`.
pub fn matches(mut pattern: &str, mut name: &str) -> Result<bool, Error> {
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // Trailing `*` matches the rest unless it holds a separator.
            return Ok(!name.contains('/'));
        }
        let (t, ok) = match_chunk(chunk, name)?;
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if star {
            // Try the chunk at every later position (not crossing `/`).
            let mut i = 0;
            while i < name.len() && name.as_bytes()[i] != b'/' {
                i += name[i..].chars().next().map_or(1, char::len_utf8);
                let (t, ok) = match_chunk(chunk, &name[i..])?;
                if ok {
                    if pattern.is_empty() && !t.is_empty() {
                        continue;
                    }
                    name = t;
                    continue 'pattern;
                }
            }
        }
        // Go validates the rest of the pattern before reporting no match.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, "")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Splits off leading stars and the chunk up to the next unescaped, unbracketed `*`.
fn scan_chunk(mut pattern: &str) -> (bool, &str, &str) {
    let mut star = false;
    while let Some(p) = pattern.strip_prefix('*') {
        pattern = p;
        star = true;
    }
    let b = pattern.as_bytes();
    let mut in_range = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if i + 1 < b.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (star, &pattern[..i], &pattern[i..])
}

/// Matches `chunk` against the start of `s`; returns the rest of `s`.
fn match_chunk<'a>(mut chunk: &str, mut s: &'a str) -> Result<(&'a str, bool), Error> {
    let mut failed = false;
    while !chunk.is_empty() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match chunk.as_bytes()[0] {
            b'[' => {
                let r = if failed {
                    '\0'
                } else {
                    s.chars().next().unwrap_or('\0')
                };
                if !failed {
                    s = &s[r.len_utf8()..];
                }
                chunk = &chunk[1..];
                let negated = chunk.starts_with('^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut n = 0;
                loop {
                    if n > 0 && chunk.starts_with(']') {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = get_esc(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if let Some(rest) = chunk.strip_prefix('-') {
                        let (h, rest) = get_esc(rest)?;
                        hi = h;
                        chunk = rest;
                    }
                    if lo <= r && r <= hi {
                        matched = true;
                    }
                    n += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    match s.chars().next() {
                        Some('/') | None => failed = true,
                        Some(c) => s = &s[c.len_utf8()..],
                    }
                }
                chunk = &chunk[1..];
            }
            b'\\' => {
                chunk = &chunk[1..];
                let Some(c) = chunk.chars().next() else {
                    return Err(Error::BadPattern);
                };
                if !failed {
                    if s.starts_with(c) {
                        s = &s[c.len_utf8()..];
                    } else {
                        failed = true;
                    }
                }
                chunk = &chunk[c.len_utf8()..];
            }
            _ => {
                let c = chunk.chars().next().unwrap_or('\0');
                if !failed {
                    if s.starts_with(c) {
                        s = &s[c.len_utf8()..];
                    } else {
                        failed = true;
                    }
                }
                chunk = &chunk[c.len_utf8()..];
            }
        }
    }
    if failed {
        return Ok(("", false));
    }
    Ok((s, true))
}

/// One possibly escaped character inside a class.
fn get_esc(chunk: &str) -> Result<(char, &str), Error> {
    let mut chunk = chunk;
    if chunk.is_empty() || chunk.starts_with('-') || chunk.starts_with(']') {
        return Err(Error::BadPattern);
    }
    if let Some(rest) = chunk.strip_prefix('\\') {
        chunk = rest;
        if chunk.is_empty() {
            return Err(Error::BadPattern);
        }
    }
    let c = chunk.chars().next().ok_or(Error::BadPattern)?;
    let rest = &chunk[c.len_utf8()..];
    if rest.is_empty() {
        return Err(Error::BadPattern);
    }
    Ok((c, rest))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn go_match_table() {
        let ok = |p: &str, n: &str| matches(p, n).unwrap();
        assert!(ok("abc", "abc"));
        assert!(ok("*", "abc"));
        assert!(ok("*c", "abc"));
        assert!(!ok("a*", "ab/c"));
        assert!(ok("a*/b", "abc/b"));
        assert!(!ok("a*/b", "a/c/b"));
        assert!(ok("a*b*c*d*e*/f", "axbxcxdxe/f"));
        assert!(ok("a*b?c*x", "abxbbxdbxebxczzx"));
        assert!(!ok("a*b?c*x", "abxbbxdbxebxczzy"));
        assert!(ok("ab[c]", "abc"));
        assert!(ok("ab[b-d]", "abc"));
        assert!(!ok("ab[^c]", "abc"));
        assert!(ok("ab[^e-g]", "abc"));
        assert!(ok("a\\*b", "a*b"));
        assert!(!ok("a?b", "a/b"));
        assert!(ok("templates/*.yaml", "templates/a.yaml"));
        assert!(matches("[", "a").is_err());
        assert!(matches("a[", "a").is_err());
        assert!(matches("[a-", "a").is_err());
        assert!(matches("*x[", "xxx").is_err());
    }
}
