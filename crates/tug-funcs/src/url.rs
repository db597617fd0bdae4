//! Sprig's `urlParse` and `urlJoin`, on a port of the parts of Go's `net/url` they use:
//! `url.Parse` (scheme, opaque, authority with userinfo and host, percent-decoded path
//! and fragment, raw query), `URL.String` and the per-component escaping rules.

use tug_template::func::{FuncError, Function, Param};
use tug_value::{Map, Value, fmt as gofmt};

use crate::cast::{func, str_arg};

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    out.push(func("urlParse", &[Param::String], None, |a| {
        let raw = str_arg(a, 0);
        let u = parse(raw).map_err(|e| FuncError::msg(format!("unable to parse url: {e}")))?;
        Ok(Value::Map(u.to_dict()))
    }));
    out.push(func("urlJoin", &[Param::Map], None, |a| {
        url_join(&a[0]).map(Value::from)
    }));
}

/// Which URL component a string belongs to (Go's `encoding` modes).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    UserPassword,
    Fragment,
}

/// The fields of Go's `url.URL` that Sprig reads or writes.
#[derive(Debug, Default)]
struct Url {
    scheme: String,
    opaque: String,
    user: Option<(String, Option<String>)>,
    host: String,
    path: String,
    raw_query: String,
    force_query: bool,
    fragment: String,
}

impl Url {
    fn to_dict(&self) -> Map {
        let d = Map::new();
        let userinfo = self.user.as_ref().map(user_string).unwrap_or_default();
        for (k, v) in [
            ("scheme", self.scheme.clone()),
            ("host", self.host.clone()),
            ("hostname", hostname(&self.host)),
            ("path", self.path.clone()),
            ("query", self.raw_query.clone()),
            ("opaque", self.opaque.clone()),
            ("fragment", self.fragment.clone()),
            ("userinfo", userinfo),
        ] {
            d.insert(k, Value::from(v));
        }
        d
    }

    /// `URL.String`.
    fn to_url_string(&self) -> String {
        let mut buf = String::new();
        if !self.scheme.is_empty() {
            buf.push_str(&self.scheme);
            buf.push(':');
        }
        if !self.opaque.is_empty() {
            buf.push_str(&self.opaque);
        } else {
            if !self.scheme.is_empty() || !self.host.is_empty() || self.user.is_some() {
                if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                    buf.push_str("//");
                }
                if let Some(u) = &self.user {
                    buf.push_str(&user_string(u));
                    buf.push('@');
                }
                buf.push_str(&escape(&self.host, Mode::Host));
            }
            let path = escape(&self.path, Mode::Path);
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                buf.push('/');
            }
            if buf.is_empty() && path.split('/').next().is_some_and(|s| s.contains(':')) {
                buf.push_str("./");
            }
            buf.push_str(&path);
        }
        if self.force_query || !self.raw_query.is_empty() {
            buf.push('?');
            buf.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            buf.push('#');
            buf.push_str(&escape(&self.fragment, Mode::Fragment));
        }
        buf
    }
}

fn user_string((name, password): &(String, Option<String>)) -> String {
    let mut s = escape(name, Mode::UserPassword);
    if let Some(p) = password {
        s.push(':');
        s.push_str(&escape(p, Mode::UserPassword));
    }
    s
}

/// `URL.Hostname`.
fn hostname(host: &str) -> String {
    let mut h = host;
    if let Some(i) = h.rfind(':')
        && valid_optional_port(&h[i..])
    {
        h = &h[..i];
    }
    if h.starts_with('[') && h.ends_with(']') && h.len() >= 2 {
        h = &h[1..h.len() - 1];
    }
    h.to_string()
}

/// `url.Parse`, with Go's `parse "<url>": <reason>` error text.
fn parse(raw: &str) -> Result<Url, String> {
    let (u, frag) = raw.split_once('#').unwrap_or((raw, ""));
    let mut url = parse_no_fragment(u).map_err(|e| format!("parse {}: {e}", gofmt::quote(u)))?;
    if !frag.is_empty() {
        url.fragment = unescape(frag, Mode::Fragment)
            .map_err(|e| format!("parse {}: {e}", gofmt::quote(raw)))?;
    }
    Ok(url)
}

fn parse_no_fragment(raw: &str) -> Result<Url, String> {
    if raw.bytes().any(|b| b < b' ' || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let mut url = Url::default();
    if raw == "*" {
        url.path = "*".into();
        return Ok(url);
    }
    let (scheme, mut rest) = get_scheme(raw)?;
    url.scheme = scheme.to_ascii_lowercase();
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        url.force_query = true;
        rest = &rest[..rest.len() - 1];
    } else if let Some((r, q)) = rest.split_once('?') {
        url.raw_query = q.to_string();
        rest = r;
    }
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            url.opaque = rest.to_string();
            return Ok(url);
        }
        if rest.split('/').next().is_some_and(|s| s.contains(':')) {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let authority = &rest[2..];
        let (authority, tail) = match authority.find('/') {
            Some(i) => (&authority[..i], &authority[i..]),
            None => (authority, ""),
        };
        parse_authority(authority, &mut url)?;
        rest = tail;
    }
    url.path = unescape(rest, Mode::Path)?;
    Ok(url)
}

fn get_scheme(raw: &str) -> Result<(&str, &str), String> {
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => {}
            b':' if i == 0 => return Err("missing protocol scheme".into()),
            b':' => return Ok((&raw[..i], &raw[i + 1..])),
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

fn parse_authority(authority: &str, url: &mut Url) -> Result<(), String> {
    let at = authority.rfind('@');
    let host_part = at.map_or(authority, |i| &authority[i + 1..]);
    url.host = parse_host(host_part)?;
    let Some(i) = at else {
        return Ok(());
    };
    let userinfo = &authority[..i];
    if !userinfo.bytes().all(valid_userinfo_byte) {
        return Err("net/url: invalid userinfo".into());
    }
    url.user = Some(match userinfo.split_once(':') {
        None => (unescape(userinfo, Mode::UserPassword)?, None),
        Some((name, password)) => (
            unescape(name, Mode::UserPassword)?,
            Some(unescape(password, Mode::UserPassword)?),
        ),
    });
    Ok(())
}

fn valid_userinfo_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-._:~!$&'()*+,;=%@".contains(&c) || c >= 0x80
}

fn parse_host(host: &str) -> Result<String, String> {
    if host.starts_with('[') {
        let Some(i) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let port = &host[i + 1..];
        if !valid_optional_port(port) {
            return Err(format!("invalid port {} after host", gofmt::quote(port)));
        }
    } else if let Some(i) = host.rfind(':') {
        let port = &host[i..];
        if !valid_optional_port(port) {
            return Err(format!("invalid port {} after host", gofmt::quote(port)));
        }
    }
    unescape(host, Mode::Host)
}

fn valid_optional_port(port: &str) -> bool {
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(digits) => digits.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// Go's `shouldEscape`.
fn should_escape(c: u8, mode: Mode) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if mode == Mode::Host && b"!$&'()*+,;=:[]<>\"".contains(&c) {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => {
            return match mode {
                Mode::Path => c == b'?',
                Mode::UserPassword => matches!(c, b'@' | b'/' | b'?' | b':'),
                Mode::Fragment => false,
                Mode::Host => true,
            };
        }
        _ => {}
    }
    !(mode == Mode::Fragment && matches!(c, b'!' | b'(' | b')' | b'*'))
}

/// Go's `escape` (percent-encodes with upper-case hex).
fn escape(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if should_escape(c, mode) {
            out.push_str(&format!("%{c:02X}"));
        } else {
            out.push(char::from(c));
        }
    }
    out
}

/// Go's `unescape`, with its `invalid URL escape` / `invalid character … in host name`
/// errors.
fn unescape(s: &str, mode: Mode) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |j: usize| b.get(j).and_then(|&c| char::from(c).to_digit(16));
                let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) else {
                    let end = (i + 3).min(b.len());
                    let bad = String::from_utf8_lossy(&b[i..end]);
                    return Err(format!("invalid URL escape {}", gofmt::quote(&bad)));
                };
                if mode == Mode::Host && hi < 8 && &s[i..i + 3] != "%25" {
                    return Err(format!("invalid URL escape {}", gofmt::quote(&s[i..i + 3])));
                }
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            c => {
                if mode == Mode::Host && c < 0x80 && should_escape(c, mode) {
                    let bad = char::from(c).to_string();
                    return Err(format!(
                        "invalid character {} in host name",
                        gofmt::quote(&bad)
                    ));
                }
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Sprig's `urlJoin`: builds a URL from the dict's `scheme`, `host`, `path`, `query`,
/// `opaque`, `fragment` and `userinfo` entries (each must be a string).
fn url_join(d: &Value) -> Result<String, FuncError> {
    let get = |k: &str| -> Result<String, FuncError> {
        match d.as_map().and_then(|m| m.get(k)) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.to_string()),
            Some(Value::Nil) => Err(FuncError::msg(
                "runtime error: invalid memory address or nil pointer dereference",
            )),
            Some(v) => Err(FuncError::msg(format!(
                "unable to parse {k} key, must be of type string, but {} found",
                v.type_name()
            ))),
        }
    };
    let mut url = Url {
        scheme: get("scheme")?,
        host: get("host")?,
        path: get("path")?,
        raw_query: get("query")?,
        opaque: get("opaque")?,
        fragment: get("fragment")?,
        ..Url::default()
    };
    let userinfo = get("userinfo")?;
    if !userinfo.is_empty() {
        let temp = parse(&format!("proto://{userinfo}@host"))
            .map_err(|e| FuncError::msg(format!("unable to parse userinfo in dict: {e}")))?;
        url.user = temp.user;
    }
    Ok(url.to_url_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_splits_components() {
        let u = parse("https://user:pa%20ss@example.com:8080/a%2Fb/c?x=1&y=2#frag").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.host, "example.com:8080");
        assert_eq!(hostname(&u.host), "example.com");
        assert_eq!(u.path, "/a/b/c");
        assert_eq!(u.raw_query, "x=1&y=2");
        assert_eq!(u.user.as_ref().map(user_string).unwrap(), "user:pa%20ss");
    }

    #[test]
    fn parse_errors_follow_go() {
        assert!(
            parse(":foo")
                .unwrap_err()
                .ends_with("missing protocol scheme")
        );
        assert!(
            parse("http://x/%zz")
                .unwrap_err()
                .ends_with("invalid URL escape \"%zz\"")
        );
    }

    #[test]
    fn string_escapes_per_component() {
        let u = Url {
            scheme: "https".into(),
            host: "example.com".into(),
            path: "/a b?".into(),
            fragment: "f g".into(),
            ..Url::default()
        };
        assert_eq!(u.to_url_string(), "https://example.com/a%20b%3F#f%20g");
        let rel = Url {
            path: "a:b".into(),
            ..Url::default()
        };
        assert_eq!(rel.to_url_string(), "./a:b");
    }
}
