//! Sprig's crypto group: digests (`sha1sum sha256sum sha512sum adler32sum`), password
//! hashing (`bcrypt htpasswd derivePassword`), `encryptAES`/`decryptAES` (AES-256-CBC
//! as Sprig does it), `genPrivateKey` and the certificate generators (in [`certs`]).
//!
//! Output formats follow Go: lowercase hex digests, adler32 in decimal, `$2a$10$`
//! bcrypt hashes, PEM keys as Go's `pem.Encode` writes them (PKCS#1 for RSA, SEC1 for
//! ECDSA, PKCS#8 for Ed25519).

mod certs;
mod keys;

use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::NoPadding};
use base64::Engine as _;
use hmac::Mac;
use rand::RngCore;
use sha2::Digest;
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::Value;

pub(crate) use keys::generate_private_key;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    string_fn(out, "sha1sum", |s| hex(&sha1::Sha1::digest(s.as_bytes())));
    string_fn(out, "sha256sum", |s| {
        hex(&sha2::Sha256::digest(s.as_bytes()))
    });
    string_fn(out, "sha512sum", |s| {
        hex(&sha2::Sha512::digest(s.as_bytes()))
    });
    string_fn(out, "adler32sum", |s| {
        let mut a = adler2::Adler32::new();
        a.write_slice(s.as_bytes());
        a.checksum().to_string()
    });
    string_fn(out, "bcrypt", bcrypt_hash);
    string_fn(out, "genPrivateKey", generate_private_key);
    push(out, "htpasswd", &[Param::String, Param::String], |a| {
        Ok(htpasswd(s(a, 0), s(a, 1)).into())
    });
    push(
        out,
        "derivePassword",
        &[
            Param::Int,
            Param::String,
            Param::String,
            Param::String,
            Param::String,
        ],
        |a| {
            let counter = match a.first() {
                Some(Value::Int(n) | Value::Int64(n)) => *n as u32,
                _ => 0,
            };
            Ok(derive_password(counter, s(a, 1), s(a, 2), s(a, 3), s(a, 4)).into())
        },
    );
    push(out, "encryptAES", &[Param::String, Param::String], |a| {
        Ok(encrypt_aes(s(a, 0), s(a, 1)).into())
    });
    push(out, "decryptAES", &[Param::String, Param::String], |a| {
        decrypt_aes(s(a, 0), s(a, 1)).map(Value::from)
    });
    certs::register(out);
}

fn s(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

fn push(
    out: &mut Vec<Function>,
    name: &'static str,
    params: &'static [Param],
    f: fn(&[Value]) -> Result<Value, FuncError>,
) {
    out.push(Function::new(
        name,
        Signature {
            params,
            variadic: None,
        },
        move |_: &mut dyn Context, args: &[Value]| f(args),
    ));
}

fn string_fn(out: &mut Vec<Function>, name: &'static str, f: fn(&str) -> String) {
    out.push(Function::new(
        name,
        Signature {
            params: &[Param::String],
            variadic: None,
        },
        move |_: &mut dyn Context, args: &[Value]| Ok(Value::from(f(s(args, 0)))),
    ));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Go's `bcrypt.GenerateFromPassword` at the default cost 10, `$2a$` prefix; Sprig
/// returns the error text instead of failing.
pub(crate) fn bcrypt_hash(input: &str) -> String {
    if input.len() > 72 {
        return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
            .to_string();
    }
    match bcrypt::hash_with_result(input, 10) {
        Ok(parts) => parts.format_for_version(bcrypt::Version::TwoA),
        Err(e) => format!("failed to encrypt string with bcrypt: {e}"),
    }
}

/// Sprig's `htpasswd`: `user:bcrypt(password)`; a `:` in the user name is refused.
pub(crate) fn htpasswd(user: &str, password: &str) -> String {
    if user.contains(':') {
        return format!("invalid username: {user}");
    }
    format!("{user}:{}", bcrypt_hash(password))
}

/// The key Sprig derives from an AES password: its bytes, zero-padded or cut to 32.
fn aes_key(password: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    let n = password.len().min(32);
    key[..n].copy_from_slice(&password.as_bytes()[..n]);
    key
}

type Enc = cbc::Encryptor<aes::Aes256>;
type Dec = cbc::Decryptor<aes::Aes256>;

/// Sprig's `encryptAES`: PKCS#7-style padding, random IV prepended, base64.
pub(crate) fn encrypt_aes(password: &str, plaintext: &str) -> String {
    // Sprig returns an empty string for an empty plaintext (Helm v4.2.3 shows this).
    if plaintext.is_empty() {
        return String::new();
    }
    let mut content = plaintext.as_bytes().to_vec();
    let pad = 16 - content.len() % 16;
    content.extend(std::iter::repeat_n(pad as u8, pad));
    let mut iv = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut iv);
    let len = content.len();
    let enc = Enc::new(&aes_key(password).into(), &iv.into());
    let cipher = enc
        .encrypt_padded_mut::<NoPadding>(&mut content, len)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let mut out = iv.to_vec();
    out.extend(cipher);
    base64::engine::general_purpose::STANDARD.encode(out)
}

/// Sprig's `decryptAES`, including the Go runtime panics its unchecked slicing causes.
pub(crate) fn decrypt_aes(password: &str, crypt64: &str) -> Result<String, FuncError> {
    let crypt = base64::engine::general_purpose::STANDARD
        .decode(crypt64)
        .map_err(|e| FuncError::msg(go_base64_error(crypt64, &e)))?;
    if crypt.is_empty() {
        return Ok(String::new());
    }
    if crypt.len() < 16 {
        return Err(FuncError::msg(format!(
            "runtime error: slice bounds out of range [:16] with capacity {}",
            crypt.len()
        )));
    }
    let (iv, body) = crypt.split_at(16);
    if body.len() % 16 != 0 {
        return Err(FuncError::msg("crypto/cipher: input not full blocks"));
    }
    if body.is_empty() {
        return Err(FuncError::msg("runtime error: index out of range [-1]"));
    }
    let mut buf = body.to_vec();
    let iv: [u8; 16] = iv.try_into().unwrap_or([0; 16]);
    let dec = Dec::new(&aes_key(password).into(), &iv.into());
    let plain = dec
        .decrypt_padded_mut::<NoPadding>(&mut buf)
        .map_err(|_| FuncError::msg("crypto/cipher: input not full blocks"))?;
    let pad = usize::from(plain[plain.len() - 1]);
    let end = plain.len() as i64 - pad as i64;
    if end < 0 {
        return Err(FuncError::msg(format!(
            "runtime error: slice bounds out of range [:{end}]"
        )));
    }
    Ok(String::from_utf8_lossy(&plain[..end as usize]).into_owned())
}

/// Go's `base64.CorruptInputError` text: the offset of the first bad byte.
fn go_base64_error(input: &str, err: &base64::DecodeError) -> String {
    let offset = match err {
        base64::DecodeError::InvalidByte(i, _) | base64::DecodeError::InvalidLastSymbol(i, _) => *i,
        // An incomplete final quantum is reported at its first byte.
        _ => input.len() - input.len() % 4,
    };
    format!("illegal base64 data at input byte {offset}")
}

/// Character classes of the Master Password templates.
fn template_chars(c: u8) -> &'static [u8] {
    match c {
        b'V' => b"AEIOU",
        b'C' => b"BCDFGHJKLMNPQRSTVWXYZ",
        b'v' => b"aeiou",
        b'c' => b"bcdfghjklmnpqrstvwxyz",
        b'A' => b"AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        b'a' => b"AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        b'n' => b"0123456789",
        b'o' => b"@&%?,=[]_:-+*$#!'^~;()/.",
        b'x' => b"AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
        _ => b"",
    }
}

/// The Master Password templates of each password type.
fn password_templates(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "maximum" => &["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long" => &[
            "CvcvnoCvcvCvcv",
            "CvcvCvcvnoCvcv",
            "CvcvCvcvCvcvno",
            "CvccnoCvcvCvcv",
            "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv",
            "CvcvCvccnoCvcv",
            "CvcvCvccCvcvno",
            "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc",
            "CvcvCvcvCvccno",
            "CvccnoCvccCvcv",
            "CvccCvccnoCvcv",
            "CvccCvccCvcvno",
            "CvcvnoCvccCvcc",
            "CvcvCvccnoCvcc",
            "CvcvCvccCvccno",
            "CvccnoCvcvCvcc",
            "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium" => &["CvcnoCvc", "CvcCvcno"],
        "short" => &["Cvcn"],
        "basic" => &["aaanaaan", "aannaaan", "aaannaaa"],
        "pin" => &["nnnn"],
        _ => return None,
    })
}

const MP_SEED: &str = "com.lyndir.masterpassword";

/// Sprig's `derivePassword`: the Master Password algorithm (scrypt N=32768 r=8 p=2 over
/// the user name, HMAC-SHA256 over the site and counter, then a character template).
pub(crate) fn derive_password(
    counter: u32,
    kind: &str,
    password: &str,
    user: &str,
    site: &str,
) -> String {
    let Some(templates) = password_templates(kind) else {
        return format!("cannot find password template {kind}");
    };
    let mut salt = MP_SEED.as_bytes().to_vec();
    salt.extend((user.len() as u32).to_be_bytes());
    salt.extend(user.as_bytes());
    let mut key = [0u8; 64];
    let derived = scrypt::Params::new(15, 8, 2, 64)
        .map_err(|e| e.to_string())
        .and_then(|p| {
            scrypt::scrypt(password.as_bytes(), &salt, &p, &mut key).map_err(|e| e.to_string())
        });
    if let Err(e) = derived {
        return format!("failed to derive password: {e}");
    }
    let mut msg = MP_SEED.as_bytes().to_vec();
    msg.extend((site.len() as u32).to_be_bytes());
    msg.extend(site.as_bytes());
    msg.extend(counter.to_be_bytes());
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key) else {
        return "failed to derive password: bad key".to_string();
    };
    mac.update(&msg);
    let seed = mac.finalize().into_bytes();
    let template = templates[usize::from(seed[0]) % templates.len()];
    template
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let chars = template_chars(c);
            char::from(chars[usize::from(seed[i + 1]) % chars.len()])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_go() {
        assert_eq!(
            hex(&sha256::digest("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut a = adler2::Adler32::new();
        a.write_slice(b"abc");
        assert_eq!(a.checksum().to_string(), "38600999");
    }

    mod sha256 {
        pub fn digest(s: &str) -> Vec<u8> {
            use sha2::Digest;
            sha2::Sha256::digest(s.as_bytes()).to_vec()
        }
    }

    #[test]
    fn bcrypt_and_htpasswd_verify() {
        let h = bcrypt_hash("secret");
        assert!(h.starts_with("$2a$10$"));
        assert!(bcrypt::verify("secret", &h).unwrap_or(false));
        let line = htpasswd("u", "p");
        let hash = line.strip_prefix("u:").unwrap_or("");
        assert!(bcrypt::verify("p", hash).unwrap_or(false));
        assert_eq!(htpasswd("u:x", "p"), "invalid username: u:x");
        assert!(bcrypt_hash(&"a".repeat(80)).ends_with("password length exceeds 72 bytes"));
    }

    #[test]
    fn aes_round_trip_and_go_ciphertext() {
        let c = encrypt_aes("k", "hello");
        assert_eq!(decrypt_aes("k", &c).ok().as_deref(), Some("hello"));
        // Produced by Helm v4.2.3: encryptAES "k" "hello".
        let go = "UZn58KxLueyRvJwhj6BB27t1wp4f4uO6zL06WfULn4o=";
        assert_eq!(decrypt_aes("k", go).ok().as_deref(), Some("hello"));
        let err = |c: &str| {
            decrypt_aes("k", c)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(err("abc"), "illegal base64 data at input byte 0");
        assert_eq!(
            err("YWJj"),
            "runtime error: slice bounds out of range [:16] with capacity 3"
        );
        assert_eq!(
            err("AAAAAAAAAAAAAAAAAAAAAA=="),
            "runtime error: index out of range [-1]"
        );
    }

    #[test]
    fn derive_password_matches_helm() {
        // Produced by Helm v4.2.3.
        assert_eq!(
            derive_password(1, "long", "password", "user", "example.com"),
            "ZedaFaxcZaso9*"
        );
        assert_eq!(
            derive_password(1, "nope", "p", "u", "s"),
            "cannot find password template nope"
        );
    }
}
