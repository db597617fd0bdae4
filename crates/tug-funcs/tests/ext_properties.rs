//! Property checks for the non-deterministic "funcs-ext" functions, run through the
//! template engine with `tug_funcs::helm()`: certificates parse and carry the requested
//! subject, SANs, validity and CA flag; keys are the PEM types Go writes; bcrypt and
//! htpasswd hashes verify; AES decrypts Go's ciphertexts and round-trips its own; random
//! strings use their alphabets; `helm_with` switches DNS and lint behaviour.

use std::sync::Arc;

use tug_funcs::{HelmOptions, Lookup};
use tug_template::{MissingKey, Templates};
use tug_value::{Map, Value};
use x509_parser::prelude::*;

fn render_with(functions: Vec<tug_template::func::Function>, tpl: &str) -> Result<String, String> {
    let mut set = Templates::new();
    set.add_functions(functions);
    set.set_missing_key(MissingKey::Zero);
    set.parse("t", tpl).map_err(|e| e.to_string())?;
    set.execute("t", &Value::Map(Map::new()))
        .map_err(|e| e.to_string())
}

fn render(tpl: &str) -> String {
    render_with(tug_funcs::helm(), tpl).unwrap_or_else(|e| panic!("{tpl}: {e}"))
}

/// Parses the first PEM block of `text` as an X.509 certificate and hands it to `check`.
fn with_cert(text: &str, check: impl FnOnce(&X509Certificate<'_>)) {
    let block = ::pem::parse(text).unwrap_or_else(|e| panic!("PEM: {e}\n{text}"));
    assert_eq!(block.tag(), "CERTIFICATE");
    let (_, cert) = parse_x509_certificate(block.contents()).unwrap_or_else(|e| panic!("{e}"));
    check(&cert);
}

fn has_ext(cert: &X509Certificate<'_>, oid: &str) -> bool {
    cert.extensions()
        .iter()
        .any(|e| e.oid.to_id_string() == oid)
}

fn san_text(cert: &X509Certificate<'_>) -> String {
    cert.subject_alternative_name()
        .ok()
        .flatten()
        .map(|s| format!("{:?}", s.value.general_names))
        .unwrap_or_default()
}

#[test]
fn gen_ca_is_a_ca_with_the_requested_subject_and_validity() {
    let cert = render(r#"{{ (genCA "my-ca" 30).Cert }}"#);
    with_cert(&cert, |c| {
        assert_eq!(c.subject().to_string(), "CN=my-ca");
        assert_eq!(c.issuer().to_string(), "CN=my-ca");
        assert!(c.is_ca());
        let days =
            (c.validity().not_after.timestamp() - c.validity().not_before.timestamp()) / 86_400;
        assert_eq!(days, 30);
        assert!(c.validity().is_valid());
    });
    let key = render(r#"{{ (genCA "my-ca" 30).Key }}"#);
    assert!(key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
}

#[test]
fn self_signed_and_signed_certs_carry_sans_and_issuer() {
    let cert = render(
        r#"{{ (genSelfSignedCert "svc" (list "10.1.2.3" "::1") (list "a.example" "b.example") 5).Cert }}"#,
    );
    with_cert(&cert, |c| {
        assert_eq!(c.subject().to_string(), "CN=svc");
        assert!(!c.is_ca());
        let sans = san_text(c);
        // Go's order: DNS names first, then IP addresses.
        assert_eq!(
            sans,
            "[DNSName(\"a.example\"), DNSName(\"b.example\"), IPAddress([10, 1, 2, 3]), \
             IPAddress([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])]"
        );
    });
    let out = render(
        r#"{{ $ca := genCA "root" 3 }}{{ $c := genSignedCert "leaf" nil (list "x.example") 2 $ca }}{{ $c.Cert }}{{ $ca.Cert }}"#,
    );
    let split = out
        .find("-----END CERTIFICATE-----\n")
        .map_or(0, |i| i + 26);
    let (leaf, root) = out.split_at(split);
    with_cert(leaf, |c| {
        assert_eq!(c.subject().to_string(), "CN=leaf");
        assert_eq!(c.issuer().to_string(), "CN=root");
        assert!(san_text(c).contains("x.example"));
        // Like Go: basicConstraints CA:FALSE (critical), an authority key identifier, no
        // subject key identifier.
        assert!(!c.is_ca());
        assert!(has_ext(c, "2.5.29.19") && has_ext(c, "2.5.29.35"));
        assert!(!has_ext(c, "2.5.29.14"));
    });
    with_cert(root, |c| {
        assert!(c.is_ca());
        assert!(has_ext(c, "2.5.29.14"), "CA has a subject key identifier");
        assert!(
            !has_ext(c, "2.5.29.35"),
            "self-signed: no authority key identifier"
        );
    });
}

#[test]
fn custom_keys_are_kept_in_go_pem_form() {
    let key = render(r#"{{ genPrivateKey "ecdsa" }}"#);
    assert!(key.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    let tpl = format!(
        r#"{{{{ (genSelfSignedCertWithKey "k" nil nil 1 "{}").Key }}}}"#,
        key.replace('\n', "\\n")
    );
    assert_eq!(render(&tpl), key);
    let ed = render(r#"{{ genPrivateKey "ed25519" }}"#);
    assert!(ed.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    // Go writes PKCS#8 v1 (no public key): 48 bytes of DER.
    let der = ::pem::parse(&ed).map(|p| p.contents().len()).unwrap_or(0);
    assert_eq!(der, 48);
}

#[test]
fn bcrypt_and_htpasswd_verify() {
    let hash = render(r#"{{ bcrypt "s3cret" }}"#);
    assert!(hash.starts_with("$2a$10$"));
    assert!(bcrypt::verify("s3cret", &hash).unwrap_or(false));
    let line = render(r#"{{ htpasswd "admin" "pw" }}"#);
    let (user, hash) = line.split_once(':').unwrap_or_default();
    assert_eq!(user, "admin");
    assert!(bcrypt::verify("pw", hash).unwrap_or(false));
}

/// Go-made interop fixtures (`tools/oracle/funcs/ext_gen.py`): a CA and AES
/// ciphertexts from Helm v4.2.3.
fn go_fixtures() -> serde_json::Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/goldens/ext/go_fixtures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn key_id(cert: &X509Certificate<'_>, authority: bool) -> Option<Vec<u8>> {
    cert.extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(id) if !authority => Some(id.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(a) if authority => {
                a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            _ => None,
        })
}

/// Go's subject key identifier: truncated SHA-256 of the public key bits (RFC 7093).
fn go_key_id(bits: &[u8]) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(bits)[..20].to_vec()
}

#[test]
fn go_ca_signs_tug_leaf() {
    let fx = go_fixtures();
    let cert = fx["ca"]["Cert"].as_str().unwrap_or_default();
    let key = fx["ca"]["Key"].as_str().unwrap_or_default();
    let tpl = format!(
        r#"{{{{ $ca := buildCustomCert ({} | b64enc) ({} | b64enc) }}}}{{{{ (genSignedCert "leaf" nil (list "svc.local") 1 $ca).Cert }}}}"#,
        quoted(cert),
        quoted(key)
    );
    let leaf = render(&tpl);
    let mut ca_skid = None;
    with_cert(cert, |ca| {
        ca_skid = key_id(ca, false);
        // Go's method (since Go 1.25), which tug copies: SHA-256 of the public key
        // bits, truncated to 160 bits.
        let bits = ca.public_key().subject_public_key.data.to_vec();
        assert_eq!(ca_skid, Some(go_key_id(&bits)));
    });
    with_cert(&leaf, |c| {
        assert_eq!(c.issuer().to_string(), "CN=go-ca");
        assert_eq!(key_id(c, true), ca_skid, "leaf AKID is Go's CA SKID");
    });
}

#[test]
fn tug_ca_key_id_is_computed_like_go() {
    let cert = render(r#"{{ (genCA "c" 1).Cert }}"#);
    with_cert(&cert, |c| {
        let bits = c.public_key().subject_public_key.data.to_vec();
        assert_eq!(key_id(c, false), Some(go_key_id(&bits)));
    });
}

#[test]
fn aes_interoperates_with_go() {
    let fx = go_fixtures();
    let cases = fx["aes"].as_array().cloned().unwrap_or_default();
    assert!(cases.len() >= 8);
    for case in cases {
        let part = |i: usize| case[i].as_str().unwrap_or_default().to_string();
        let (key, plain, cipher) = (part(0), part(1), part(2));
        let tpl = format!("{{{{ decryptAES {} {} }}}}", quoted(&key), quoted(&cipher));
        assert_eq!(render(&tpl), plain, "Go ciphertext {cipher}");
    }
    for plain in [
        "",
        "x",
        "exactly16bytes!!",
        "ünïcødé and more text than one block",
    ] {
        let tpl = format!(
            r#"{{{{ encryptAES "a-long-password-longer-than-32-bytes" "{plain}" | decryptAES "a-long-password-longer-than-32-bytes" }}}}"#
        );
        assert_eq!(render(&tpl), plain);
    }
}

#[test]
fn random_strings_use_their_alphabets() {
    let check = |f: &str, ok: fn(char) -> bool| {
        let s = render(&format!("{{{{ {f} 200 }}}}"));
        assert_eq!(s.chars().count(), 200, "{f}");
        assert!(s.chars().all(ok), "{f}: {s}");
    };
    check("randAlphaNum", |c| c.is_ascii_alphanumeric());
    check("randAlpha", |c| c.is_ascii_alphabetic());
    check("randNumeric", |c| c.is_ascii_digit());
    check("randAscii", |c| (' '..='~').contains(&c));
    assert_ne!(render("{{ uuidv4 }}"), render("{{ uuidv4 }}"));
}

struct FixedLookup;

impl Lookup for FixedLookup {
    fn lookup(&self, api: &str, kind: &str, ns: &str, name: &str) -> Result<Value, String> {
        if name == "boom" {
            return Err("the server is unavailable".into());
        }
        let m = Map::new();
        m.insert("id", Value::from(format!("{api}/{kind}/{ns}/{name}")));
        Ok(Value::Map(m))
    }
}

#[test]
fn helm_with_options() {
    let opts = HelmOptions {
        lookup: Arc::new(FixedLookup),
        enable_dns: true,
        lint_mode: true,
    };
    let fns = tug_funcs::helm_with(opts);
    let out = render_with(fns.clone(), r#"{{ (lookup "v1" "Pod" "ns" "p").id }}"#);
    assert_eq!(out.as_deref(), Ok("v1/Pod/ns/p"));
    let err = render_with(fns.clone(), r#"{{ lookup "v1" "Pod" "ns" "boom" }}"#);
    assert!(err.is_err_and(|e| e.ends_with("error calling lookup: the server is unavailable")));
    let lint = render_with(fns.clone(), r#"[{{ required "x" nil }}][{{ fail "f" }}]"#);
    assert_eq!(lint.as_deref(), Ok("[][]"));
    let dns = render_with(fns, r#"{{ getHostByName "127.0.0.1" }}"#);
    assert_eq!(dns.as_deref(), Ok("127.0.0.1"));
    let offline = render_with(tug_funcs::helm(), r#"{{ getHostByName "127.0.0.1" }}"#);
    assert_eq!(offline.as_deref(), Ok(""));
}
