//! Sprig's random group: `randAlphaNum randAlpha randAscii randNumeric randBytes
//! randInt uuidv4`, drawn from the operating system's cryptographic generator as Sprig's
//! `crypto/rand`-based helpers are (except `randInt`, `math/rand` in Go).

use base64::Engine as _;
use rand::{Rng, RngCore};
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::Value;

const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS: &[u8] = b"0123456789";

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    let alnum: Vec<u8> = [ALPHA, DIGITS].concat();
    let ascii: Vec<u8> = (32u8..127).collect();
    string_fn(out, "randAlphaNum", alnum);
    string_fn(out, "randAlpha", ALPHA.to_vec());
    string_fn(out, "randAscii", ascii);
    string_fn(out, "randNumeric", DIGITS.to_vec());
    out.push(Function::new(
        "randBytes",
        sig(&[Param::Int]),
        |_: &mut dyn Context, args: &[Value]| rand_bytes(int_arg(args, 0)).map(Value::from),
    ));
    out.push(Function::new(
        "randInt",
        sig(&[Param::Int, Param::Int]),
        |_: &mut dyn Context, args: &[Value]| {
            rand_int(int_arg(args, 0), int_arg(args, 1)).map(Value::Int)
        },
    ));
    out.push(Function::new(
        "uuidv4",
        sig(&[]),
        |_: &mut dyn Context, _: &[Value]| Ok(Value::from(uuidv4())),
    ));
}

fn sig(params: &'static [Param]) -> Signature {
    Signature {
        params,
        variadic: None,
    }
}

fn int_arg(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        _ => 0,
    }
}

fn string_fn(out: &mut Vec<Function>, name: &'static str, alphabet: Vec<u8>) {
    out.push(Function::new(
        name,
        sig(&[Param::Int]),
        move |_: &mut dyn Context, args: &[Value]| {
            Ok(Value::from(random_string(int_arg(args, 0), &alphabet)))
        },
    ));
}

/// `count` characters from `alphabet`; a negative count is an error Sprig swallows (`""`).
pub(crate) fn random_string(count: i64, alphabet: &[u8]) -> String {
    let Ok(n) = usize::try_from(count) else {
        return String::new();
    };
    let mut rng = rand::rngs::OsRng;
    (0..n)
        .map(|_| char::from(alphabet[rng.gen_range(0..alphabet.len())]))
        .collect()
}

/// Sprig's `randBytes`: `count` random bytes, base64 (standard, padded).
fn rand_bytes(count: i64) -> Result<String, FuncError> {
    let n = usize::try_from(count)
        .map_err(|_| FuncError::msg("runtime error: makeslice: len out of range"))?;
    let mut buf = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    Ok(base64::engine::general_purpose::STANDARD.encode(buf))
}

/// Sprig's `randInt`: `min <= n < max`; an empty range panics in Go's `Intn`.
fn rand_int(min: i64, max: i64) -> Result<i64, FuncError> {
    let span = max.wrapping_sub(min);
    if span <= 0 {
        return Err(FuncError::msg("invalid argument to Intn"));
    }
    Ok(rand::thread_rng().gen_range(0..span).wrapping_add(min))
}

/// A random (version 4, RFC 4122 variant) UUID in lowercase hyphenated form.
pub(crate) fn uuidv4() -> String {
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_use_their_alphabet() {
        let s = random_string(200, DIGITS);
        assert_eq!(s.len(), 200);
        assert!(s.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(random_string(-1, DIGITS), "");
        assert_eq!(random_string(0, DIGITS), "");
    }

    #[test]
    fn rand_int_range_and_errors() {
        for _ in 0..100 {
            let n = rand_int(-3, 4).unwrap_or(99);
            assert!((-3..4).contains(&n));
        }
        assert_eq!(
            rand_int(5, 5).err().map(|e| e.to_string()).as_deref(),
            Some("invalid argument to Intn")
        );
    }

    #[test]
    fn bytes_and_uuid_shapes() {
        let b = rand_bytes(12).unwrap_or_default();
        assert_eq!(b.len(), 16);
        let u = uuidv4();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
    }
}
