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

/// Sprig's `genPrivateKey`: `rsa` (default, 4096 bits), `ecdsa` (P-256), `ed25519`.
/// DSA is not supported by tug.
pub(crate) fn generate_private_key(kind: &str) -> String {
    let key = match kind {
        "" | "rsa" => PrivateKey::rsa(4096),
        "ecdsa" => Ok(PrivateKey::Ec(p256::SecretKey::random(&mut OsRng))),
        "ed25519" => Ok(PrivateKey::Ed(ed25519_dalek::SigningKey::generate(
            &mut OsRng,
        ))),
        "dsa" => Err("dsa keys are not supported by tug".to_string()),
        _ => return format!("Unknown type {kind}"),
    };
    match key.and_then(|k| k.to_pem()) {
        Ok(pem) => pem,
        Err(e) => format!("failed to generate private key: {e}"),
    }
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
    fn parse_errors_follow_sprig() {
        let err = |s: &str| parse_private_key_pem(s).err().unwrap_or_default();
        assert_eq!(err("junk"), "no PEM data in input");
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            "no private key data in PEM block of type CERTIFICATE"
        );
    }
}
