//! Sprig's path functions: `base`, `dir`, `clean`, `ext`, `isAbs` (Go's `path`) and the
//! `os*` variants (Go's `path/filepath`, which on the Unix systems Helm runs on behaves
//! the same: `/` separators, no volume names).

use tug_template::func::{Function, Param};
use tug_value::Value;

use crate::cast::{func, str_arg, string};

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    let s = &[Param::String];
    for (name, os) in [("base", "osBase"), ("dir", "osDir"), ("clean", "osClean")] {
        let f: fn(&str) -> String = match name {
            "base" => base,
            "dir" => dir,
            _ => clean,
        };
        out.push(func(name, s, None, move |a| Ok(string(f(str_arg(a, 0))))));
        out.push(func(os, s, None, move |a| Ok(string(f(str_arg(a, 0))))));
    }
    for name in ["ext", "osExt"] {
        out.push(func(name, s, None, |a| Ok(string(ext(str_arg(a, 0))))));
    }
    for name in ["isAbs", "osIsAbs"] {
        out.push(func(name, s, None, |a| {
            Ok(Value::Bool(str_arg(a, 0).starts_with('/')))
        }));
    }
}

/// `path.Base`.
pub(crate) fn base(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let trimmed = path.trim_end_matches('/');
    let last = match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    };
    if last.is_empty() {
        "/".into()
    } else {
        last.into()
    }
}

/// `path.Dir`.
pub(crate) fn dir(path: &str) -> String {
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    clean(&path[..cut])
}

/// `path.Ext`.
pub(crate) fn ext(path: &str) -> String {
    for (i, b) in path.bytes().enumerate().rev() {
        match b {
            b'/' => break,
            b'.' => return path[i..].into(),
            _ => {}
        }
    }
    String::new()
}

/// `path.Clean`: lexical processing of `.`, `..` and repeated slashes.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let p = path.as_bytes();
    let rooted = p[0] == b'/';
    let n = p.len();
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let (mut r, mut dotdot) = (0, 0);
    if rooted {
        out.push(b'/');
        r = 1;
        dotdot = 1;
    }
    while r < n {
        let empty_or_dot = p[r] == b'/' || (p[r] == b'.' && (r + 1 == n || p[r + 1] == b'/'));
        if empty_or_dot {
            r += 1;
        } else if p[r] == b'.' && p[r + 1] == b'.' && (r + 2 == n || p[r + 2] == b'/') {
            r += 2;
            if out.len() > dotdot {
                let mut w = out.len() - 1;
                while w > dotdot && out[w] != b'/' {
                    w -= 1;
                }
                out.truncate(w);
            } else if !rooted {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(b"..");
                dotdot = out.len();
            }
        } else {
            if (rooted && out.len() != 1) || (!rooted && !out.is_empty()) {
                out.push(b'/');
            }
            while r < n && p[r] != b'/' {
                out.push(p[r]);
                r += 1;
            }
        }
    }
    if out.is_empty() {
        return ".".into();
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        for (input, want) in [
            ("a//b/../c/./d/", "a/c/d"),
            ("", "."),
            ("/../a", "/a"),
            ("../../a/..", "../.."),
            ("/", "/"),
            ("./", "."),
            ("a/..", "."),
            ("abc/def/../../..", ".."),
            ("/abc/def/../..", "/"),
            ("a/b/c/../../d", "a/d"),
        ] {
            assert_eq!(clean(input), want, "{input}");
        }
    }

    #[test]
    fn base_dir_ext() {
        assert_eq!(base("a/b/"), "b");
        assert_eq!(base("//"), "/");
        assert_eq!(dir("a//b"), "a");
        assert_eq!(dir("c"), ".");
        assert_eq!(ext("a.d/b"), "");
        assert_eq!(ext("a."), ".");
    }
}
