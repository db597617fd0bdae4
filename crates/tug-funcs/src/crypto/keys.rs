//! Private keys as Sprig handles them: generation (`genPrivateKey`), parsing of PEM
//! input (Sprig's `parsePrivateKeyPEM`) and PEM output in the block types Go's
//! `pemBlockForKey` chooses (`RSA PRIVATE KEY` PKCS#1, `EC PRIVATE KEY` SEC1,
//! `PRIVATE KEY` PKCS#8 for Ed25519).

use ed25519_dalek::pkcs8::{EncodePrivateKey as _, KeypairBytes};
use p256::pkcs8::LineEnding;
use rand::rngs::OsRng;
use rsa::pkcs1::{DecodeRsaPrivateKey as _, EncodeRsaPrivateKey as _};

/// A private key of one of the algorithms Sprig generates.
pub(crate) enum PrivateKey {
    /// RSA (PKCS#1 PEM).
    Rsa(Box<rsa::RsaPrivateKey>),
    /// ECDSA on P-256 (SEC1 PEM).
    Ec(p256::SecretKey),
    /// Ed25519 (PKCS#8 PEM).
    Ed(ed25519_dalek::SigningKey),
}

impl PrivateKey {
    /// A fresh RSA key of `bits` bits.
    pub(crate) fn rsa(bits: usize) -> Result<PrivateKey, String> {
        rsa::RsaPrivateKey::new(&mut OsRng, bits)
            .map(|k| PrivateKey::Rsa(Box::new(k)))
            .map_err(|e| e.to_string())
    }

    /// Go's `pem.EncodeToMemory(pemBlockForKey(key))`.
    pub(crate) fn to_pem(&self) -> Result<String, String> {
        match self {
            PrivateKey::Rsa(k) => k
                .to_pkcs1_pem(LineEnding::LF)
                .map(|s| s.to_string())
                .map_err(|e| e.to_string()),
            PrivateKey::Ec(k) => k
                .to_sec1_pem(LineEnding::LF)
                .map(|s| s.to_string())
                .map_err(|e| e.to_string()),
            PrivateKey::Ed(k) => ed25519_v1(k)
                .to_pkcs8_pem(LineEnding::LF)
                .map(|s| s.to_string())
                .map_err(|e| e.to_string()),
        }
    }

    /// The key as PKCS#8 DER (what the certificate signer consumes).
    pub(crate) fn to_pkcs8_der(&self) -> Result<Vec<u8>, String> {
        let doc = match self {
            PrivateKey::Rsa(k) => k.to_pkcs8_der(),
            PrivateKey::Ec(k) => k.to_pkcs8_der(),
            PrivateKey::Ed(k) => ed25519_v1(k).to_pkcs8_der(),
        };
        doc.map(|d| d.as_bytes().to_vec())
            .map_err(|e| e.to_string())
    }
}

/// Go marshals Ed25519 keys as PKCS#8 v1 (no public key).
fn ed25519_v1(k: &ed25519_dalek::SigningKey) -> KeypairBytes {
    KeypairBytes {
        secret_key: k.to_bytes(),
        public_key: None,
    }
}

/// Sprig's `genPrivateKey`: `rsa` (default, 4096 bits), `ecdsa` (P-256), `ed25519`,
/// `dsa` (L2048N256, slow as in Go).
pub(crate) fn generate_private_key(kind: &str) -> String {
    let key = match kind {
        "" | "rsa" => PrivateKey::rsa(4096),
        "ecdsa" => Ok(PrivateKey::Ec(p256::SecretKey::random(&mut OsRng))),
        "ed25519" => Ok(PrivateKey::Ed(ed25519_dalek::SigningKey::generate(
            &mut OsRng,
        ))),
        "dsa" => return dsa_private_key_pem(),
        _ => return format!("Unknown type {kind}"),
    };
    match key.and_then(|k| k.to_pem()) {
        Ok(pem) => pem,
        Err(e) => format!("failed to generate private key: {e}"),
    }
}

/// A fresh DSA key (L2048N256) as Sprig writes it: the OpenSSL `DSA PRIVATE KEY`
/// structure `SEQUENCE { 0, p, q, g, y, x }`.
fn dsa_private_key_pem() -> String {
    let components = dsa::Components::generate(&mut OsRng, dsa::KeySize::DSA_2048_256);
    let key = dsa::SigningKey::generate(&mut OsRng, components);
    let c = key.verifying_key().components();
    let mut body = der_int(&[0]);
    for n in [c.p(), c.q(), c.g(), key.verifying_key().y(), key.x()] {
        body.extend(der_int(&n.to_bytes_be()));
    }
    let der = der_tlv(0x30, &body);
    ::pem::encode_config(
        &::pem::Pem::new("DSA PRIVATE KEY", der),
        ::pem::EncodeConfig::new().set_line_ending(::pem::LineEnding::LF),
    )
}

/// DER INTEGER of a non-negative big-endian magnitude.
fn der_int(magnitude: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = magnitude.iter().copied().skip_while(|&b| b == 0).collect();
    let mut content = if trimmed.is_empty() { vec![0] } else { trimmed };
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    der_tlv(0x02, &content)
}

fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// Sprig's `parsePrivateKeyPEM`, with its error texts where tug can reproduce them.
pub(crate) fn parse_private_key_pem(text: &str) -> Result<PrivateKey, String> {
    let block = pem::parse(text.trim_start()).map_err(|_| "no PEM data in input".to_string())?;
    let tag = block.tag();
    let der = block.contents();
    if tag == "PRIVATE KEY" {
        return parse_pkcs8(der).map_err(|e| format!("decoding PEM as PKCS#8: {e}"));
    }
    let Some(kind) = tag.strip_suffix(" PRIVATE KEY") else {
        return Err(format!("no private key data in PEM block of type {tag}"));
    };
    match kind {
        "RSA" => rsa::RsaPrivateKey::from_pkcs1_der(der)
            .map(|k| PrivateKey::Rsa(Box::new(k)))
            .map_err(|e| format!("parsing RSA private key from PEM: {e}")),
        "EC" => p256::SecretKey::from_sec1_der(der)
            .map(PrivateKey::Ec)
            .map_err(|e| format!("parsing EC private key from PEM: {e}")),
        _ => Err(format!("invalid private key type {tag}")),
    }
}

fn parse_pkcs8(der: &[u8]) -> Result<PrivateKey, String> {
    use rsa::pkcs8::DecodePrivateKey as _;
    if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
        return Ok(PrivateKey::Rsa(Box::new(k)));
    }
    if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
        return Ok(PrivateKey::Ec(k));
    }
    KeypairBytes::from_pkcs8_der(der)
        .map(|kp| PrivateKey::Ed(ed25519_dalek::SigningKey::from_bytes(&kp.secret_key)))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_parse_back() {
        for kind in ["ecdsa", "ed25519"] {
            let pem = generate_private_key(kind);
            assert!(pem.starts_with("-----BEGIN "), "{pem}");
            assert!(pem.ends_with("-----\n"));
            let parsed = parse_private_key_pem(&pem);
            assert!(parsed.is_ok(), "{kind}");
        }
        assert!(generate_private_key("ecdsa").starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
        assert!(generate_private_key("ed25519").starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert_eq!(generate_private_key("foo"), "Unknown type foo");
    }

    #[test]
    fn der_integers_follow_asn1() {
        assert_eq!(der_int(&[0]), vec![2, 1, 0]);
        assert_eq!(der_int(&[0, 0x7f]), vec![2, 1, 0x7f]);
        assert_eq!(der_int(&[0x80]), vec![2, 2, 0, 0x80]);
        assert_eq!(der_tlv(0x30, &[0; 200])[..3], [0x30, 0x81, 200]);
    }

    #[test]
    #[ignore = "DSA parameter generation takes about a minute in debug builds"]
    fn dsa_keys_have_openssl_layout() {
        let pem = generate_private_key("dsa");
        assert!(
            pem.starts_with("-----BEGIN DSA PRIVATE KEY-----\n"),
            "{pem}"
        );
        let der = ::pem::parse(&pem)
            .map(|p| p.contents().to_vec())
            .unwrap_or_default();
        assert_eq!(der[0], 0x30);
        assert!(der.len() > 800);
    }

    #[test]
    fn parse_errors_follow_sprig() {
        let err = |s: &str| parse_private_key_pem(s).err().unwrap_or_default();
        assert_eq!(err("junk"), "no PEM data in input");
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            "no private key data in PEM block of type CERTIFICATE"
        );
    }
}
