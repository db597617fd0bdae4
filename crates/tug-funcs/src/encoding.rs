//! Sprig's `b64enc`, `b64dec`, `b32enc`, `b32dec`: Go's `encoding/base64` and
//! `encoding/base32` standard (padded) encodings. Decoding errors are not template
//! errors: the function returns Go's error text (`illegal base64 data at input byte 3`)
//! as its result, exactly as Sprig does.

use tug_template::func::{Function, Param};

use crate::cast::{func, str_arg, string};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    let s = &[Param::String];
    out.push(func("b64enc", s, None, |a| {
        Ok(string(b64_encode(str_arg(a, 0).as_bytes())))
    }));
    out.push(func("b64dec", s, None, |a| {
        Ok(string(text_or_error(
            b64_decode(str_arg(a, 0).as_bytes()),
            64,
        )))
    }));
    out.push(func("b32enc", s, None, |a| {
        Ok(string(b32_encode(str_arg(a, 0).as_bytes())))
    }));
    out.push(func("b32dec", s, None, |a| {
        Ok(string(text_or_error(
            b32_decode(str_arg(a, 0).as_bytes()),
            32,
        )))
    }));
}

fn text_or_error(r: Result<Vec<u8>, usize>, base: u32) -> String {
    match r {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(at) => format!("illegal base{base} data at input byte {at}"),
    }
}

/// `base64.StdEncoding.EncodeToString`.
pub(crate) fn b64_encode(src: &[u8]) -> String {
    let mut out = String::with_capacity(src.len().div_ceil(3) * 4);
    for chunk in src.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[(v >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    B64.iter().position(|&x| x == c).map(|p| p as u32)
}

/// `base64.StdEncoding.DecodeString`; `Err(offset)` is Go's `CorruptInputError`.
pub(crate) fn b64_decode(src: &[u8]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    while si < src.len() {
        let (next, bytes, err) = b64_quantum(src, si);
        out.extend_from_slice(&bytes);
        if let Some(at) = err {
            return Err(at);
        }
        si = next;
    }
    Ok(out)
}

/// Go's `decodeQuantum`: one group of four symbols (newlines skipped).
fn b64_quantum(src: &[u8], mut si: usize) -> (usize, Vec<u8>, Option<usize>) {
    let mut dbuf = [0u32; 4];
    let mut dlen = 4;
    let mut err = None;
    let mut j = 0;
    while j < 4 {
        if si == src.len() {
            if j == 0 {
                return (si, Vec::new(), None);
            }
            return (si, Vec::new(), Some(si - j));
        }
        let c = src[si];
        si += 1;
        if let Some(v) = b64_value(c) {
            dbuf[j] = v;
            j += 1;
            continue;
        }
        if c == b'\n' || c == b'\r' {
            continue;
        }
        if c != b'=' || j < 2 {
            return (si, Vec::new(), Some(si - 1));
        }
        if j == 2 {
            si = skip_newlines(src, si);
            if si == src.len() {
                return (si, Vec::new(), Some(src.len()));
            }
            if src[si] != b'=' {
                return (si, Vec::new(), Some(si - 1));
            }
            si += 1;
        }
        si = skip_newlines(src, si);
        if si < src.len() {
            err = Some(si);
        }
        dlen = j;
        break;
    }
    let v = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
    let bytes = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    (si, bytes[..dlen - 1].to_vec(), err)
}

fn skip_newlines(src: &[u8], mut si: usize) -> usize {
    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
        si += 1;
    }
    si
}

/// `base32.StdEncoding.EncodeToString`.
pub(crate) fn b32_encode(src: &[u8]) -> String {
    let mut out = String::with_capacity(src.len().div_ceil(5) * 8);
    for chunk in src.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let v = buf.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                out.push(char::from(B32[(v >> (35 - 5 * i) & 31) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `base32.StdEncoding.DecodeString` (newlines stripped first, as Go does).
pub(crate) fn b32_decode(raw: &[u8]) -> Result<Vec<u8>, usize> {
    let src: Vec<u8> = raw
        .iter()
        .copied()
        .filter(|&c| c != b'\n' && c != b'\r')
        .collect();
    let olen = src.len();
    let mut rest: &[u8] = &src;
    let mut out = Vec::new();
    let mut end = false;
    while !rest.is_empty() && !end {
        let mut dbuf = [0u64; 8];
        let mut dlen = 8;
        let mut j = 0;
        while j < 8 {
            let Some((&c, tail)) = rest.split_first() else {
                return Err(olen - j);
            };
            rest = tail;
            if c == b'=' && j >= 2 && rest.len() < 8 {
                if rest.len() + j < 7 {
                    return Err(olen);
                }
                for k in 0..7 - j {
                    if rest.len() > k && rest[k] != b'=' {
                        return Err(olen - rest.len() + k - 1);
                    }
                }
                dlen = j;
                end = true;
                if matches!(dlen, 1 | 3 | 6) {
                    return Err(olen - rest.len() - 1);
                }
                break;
            }
            match B32.iter().position(|&x| x == c) {
                Some(v) => dbuf[j] = v as u64,
                None => return Err(olen - rest.len() - 1),
            }
            j += 1;
        }
        let v = dbuf.iter().fold(0u64, |acc, &d| acc << 5 | d);
        let bytes = [
            (v >> 32) as u8,
            (v >> 24) as u8,
            (v >> 16) as u8,
            (v >> 8) as u8,
            v as u8,
        ];
        let n = match dlen {
            8 => 5,
            7 => 4,
            5 => 3,
            4 => 2,
            2 => 1,
            _ => 0,
        };
        out.extend_from_slice(&bytes[..n]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip_and_errors() {
        assert_eq!(b64_encode(b"hello"), "aGVsbG8=");
        assert_eq!(b64_encode(b"ab"), "YWI=");
        assert_eq!(b64_decode(b"aGVs\nbG8=").unwrap(), b"hello");
        assert_eq!(b64_decode(b"YQ"), Err(0));
        assert_eq!(b64_decode(b"a==="), Err(1));
        assert_eq!(b64_decode(b"aGV*bG8="), Err(3));
        assert_eq!(b64_decode(b"YWI=YQ=="), Err(4));
    }

    #[test]
    fn base32_round_trip_and_errors() {
        assert_eq!(b32_encode(b"hello"), "NBSWY3DP");
        assert_eq!(b32_encode(b"a"), "ME======");
        assert_eq!(b32_decode(b"ME======").unwrap(), b"a");
        assert_eq!(b32_decode(b"NBSW\nY3DP").unwrap(), b"hello");
        assert_eq!(b32_decode(b"ME"), Err(0));
        assert_eq!(b32_decode(b"me======"), Err(0));
    }
}
