//! Sprig's certificate functions: `buildCustomCert genCA genCAWithKey genSelfSignedCert
//! genSelfSignedCertWithKey genSignedCert genSignedCertWithKey`.
//!
//! They return a `sprig.certificate` struct with `Cert` and `Key` fields (PEM). As in
//! Sprig, certificates carry only a common name as subject, the given IP and DNS
//! subject alternative names, a random 128-bit serial, validity from now for
//! `daysValid` days, key usages digital signature + key encipherment (+ cert sign for
//! CAs), extended key usages server and client auth, and fresh RSA-2048 keys unless a
//! key is passed in.

use std::borrow::Cow;
use std::net::IpAddr;
use std::sync::Arc;

use base64::Engine as _;
use rand::RngCore;
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, SanType,
    SerialNumber,
};
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::{Object, Str, Value, fmt as gofmt};

use super::keys::{PrivateKey, parse_private_key_pem};

/// Go type name of Sprig's certificate struct.
const CERT_TYPE: &str = "sprig.certificate";

/// Registers the certificate functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    use Param::{Int, List, Named, String as S};
    push(out, "buildCustomCert", &[S, S], |a| {
        build_custom(s(a, 0), s(a, 1))
    });
    push(out, "genCA", &[S, Int], |a| {
        ca_cert(s(a, 0), days(a, 1), PrivateKey::rsa(2048).map_err(rsa_err)?)
    });
    push(out, "genCAWithKey", &[S, Int, S], |a| {
        let key =
            parse_private_key_pem(s(a, 2)).map_err(|e| format!("parsing private key: {e}"))?;
        ca_cert(s(a, 0), days(a, 1), key)
    });
    push(out, "genSelfSignedCert", &[S, List, List, Int], |a| {
        let key = PrivateKey::rsa(2048).map_err(rsa_err)?;
        leaf(s(a, 0), &a[1], &a[2], days(a, 3), key, None)
    });
    push(
        out,
        "genSelfSignedCertWithKey",
        &[S, List, List, Int, S],
        |a| {
            let key =
                parse_private_key_pem(s(a, 4)).map_err(|e| format!("parsing private key: {e}"))?;
            leaf(s(a, 0), &a[1], &a[2], days(a, 3), key, None)
        },
    );
    const SIGNED: &[Param] = &[S, List, List, Int, Named(CERT_TYPE)];
    const SIGNED_KEY: &[Param] = &[S, List, List, Int, Named(CERT_TYPE), S];
    push(out, "genSignedCert", SIGNED, |a| {
        let key = PrivateKey::rsa(2048).map_err(rsa_err)?;
        leaf(s(a, 0), &a[1], &a[2], days(a, 3), key, Some(&a[4]))
    });
    push(out, "genSignedCertWithKey", SIGNED_KEY, |a| {
        let key =
            parse_private_key_pem(s(a, 5)).map_err(|e| format!("parsing private key: {e}"))?;
        leaf(s(a, 0), &a[1], &a[2], days(a, 3), key, Some(&a[4]))
    });
}

fn rsa_err(e: String) -> String {
    format!("error generating rsa key: {e}")
}

fn push(
    out: &mut Vec<Function>,
    name: &'static str,
    params: &'static [Param],
    f: fn(&[Value]) -> Result<Value, String>,
) {
    out.push(Function::new(
        name,
        Signature {
            params,
            variadic: None,
        },
        move |_: &mut dyn Context, args: &[Value]| {
            if args.len() < params.len() {
                return Err(FuncError::msg(format!("wrong number of args for {name}")));
            }
            f(args).map_err(FuncError::msg)
        },
    ));
}

fn s(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

fn days(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        _ => 0,
    }
}

/// Sprig's `certificate` struct.
pub(crate) struct Certificate {
    cert: Str,
    key: Str,
}

impl Object for Certificate {
    fn type_name(&self) -> Cow<'static, str> {
        CERT_TYPE.into()
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Cert" => Some(Value::String(self.cert.clone())),
            "Key" => Some(Value::String(self.key.clone())),
            _ => None,
        }
    }

    fn fields(&self) -> Vec<(Str, Value)> {
        vec![
            ("Cert".into(), Value::String(self.cert.clone())),
            ("Key".into(), Value::String(self.key.clone())),
        ]
    }
}

fn cert_value(cert: String, key: String) -> Value {
    Value::Object(Arc::new(Certificate {
        cert: cert.into(),
        key: key.into(),
    }))
}

/// Reads the `Cert` and `Key` fields of a `sprig.certificate` argument.
fn cert_fields(v: &Value) -> Option<(String, String)> {
    let Value::Object(o) = v else { return None };
    let text = |f: &str| o.field(f).and_then(|v| v.as_str().map(str::to_string));
    Some((text("Cert")?, text("Key")?))
}

fn build_custom(b64cert: &str, b64key: &str) -> Result<Value, String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let cert = b64
        .decode(b64cert)
        .map_err(|_| "unable to decode base64 certificate".to_string())?;
    let key = b64
        .decode(b64key)
        .map_err(|_| "unable to decode base64 private key".to_string())?;
    let cert = String::from_utf8_lossy(&cert).into_owned();
    let key = String::from_utf8_lossy(&key).into_owned();
    let block = pem::parse(cert.trim_start()).map_err(|_| "unable to decode certificate")?;
    x509_parser::parse_x509_certificate(block.contents())
        .map_err(|e| format!("error parsing certificate: decodedCert.Bytes: {e}"))?;
    parse_private_key_pem(&key).map_err(|e| format!("error parsing private key: {e}"))?;
    Ok(cert_value(cert, key))
}

/// The common template of every Sprig certificate.
fn base_params(cn: &str, days: i64) -> Result<CertificateParams, String> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    if !cn.is_empty() {
        dn.push(DnType::CommonName, cn);
    }
    params.distinguished_name = dn;
    let mut serial = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut serial);
    serial[0] &= 0x7f;
    params.serial_number = Some(SerialNumber::from_slice(&serial));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let at = |secs: i64| time::OffsetDateTime::from_unix_timestamp(secs).map_err(|e| e.to_string());
    params.not_before = at(now)?;
    params.not_after = at(now.saturating_add(days.saturating_mul(86_400)))?;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    // Go writes `basicConstraints` (critical, CA:FALSE) but no subject key identifier
    // for non-CA certificates; rcgen's explicit no-CA mode would add one.
    params.is_ca = IsCa::NoCa;
    let mut bc = CustomExtension::from_oid_content(&[2, 5, 29, 19], vec![0x30, 0x00]);
    bc.set_criticality(true);
    params.custom_extensions = vec![bc];
    Ok(params)
}

/// Go's subject key identifier (since Go 1.25): SHA-256 of the public key bits,
/// truncated to 160 bits (RFC 7093 method 1).
fn go_key_id(kp: &KeyPair) -> KeyIdMethod {
    use sha2::Digest as _;
    KeyIdMethod::PreSpecified(sha2::Sha256::digest(kp.public_key_raw())[..20].to_vec())
}

fn key_pair(key: &PrivateKey) -> Result<KeyPair, String> {
    let der = key.to_pkcs8_der()?;
    let alg = match key {
        PrivateKey::Rsa(_) => &rcgen::PKCS_RSA_SHA256,
        PrivateKey::Ec(_) => &rcgen::PKCS_ECDSA_P256_SHA256,
        PrivateKey::Ed(_) => &rcgen::PKCS_ED25519,
    };
    KeyPair::from_pkcs8_der_and_sign_algo(&der.as_slice().into(), alg)
        .map_err(|e| format!("error creating certificate: {e}"))
}

fn ca_cert(cn: &str, days: i64, key: PrivateKey) -> Result<Value, String> {
    let mut params = base_params(cn, days)?;
    params.key_usages.push(KeyUsagePurpose::KeyCertSign);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.custom_extensions.clear();
    let kp = key_pair(&key)?;
    params.key_identifier_method = go_key_id(&kp);
    let cert = params
        .self_signed(&kp)
        .map_err(|e| format!("error creating certificate: {e}"))?;
    Ok(cert_value(cert.pem(), key.to_pem()?))
}

fn leaf(
    cn: &str,
    ips: &Value,
    dns: &Value,
    days: i64,
    key: PrivateKey,
    ca: Option<&Value>,
) -> Result<Value, String> {
    let mut params = base_params(cn, days)?;
    params.subject_alt_names = sans(ips, dns)?;
    let kp = key_pair(&key)?;
    let cert = match ca {
        None => params.self_signed(&kp),
        Some(ca) => {
            let (ca_cert, ca_key) = cert_fields(ca).ok_or("unable to decode certificate")?;
            let block =
                pem::parse(ca_cert.trim_start()).map_err(|_| "unable to decode certificate")?;
            x509_parser::parse_x509_certificate(block.contents())
                .map_err(|e| format!("error parsing certificate: decodedSignerCert.Bytes: {e}"))?;
            let signer = parse_private_key_pem(&ca_key)
                .map_err(|e| format!("error parsing private key: {e}"))?;
            let issuer = Issuer::from_ca_cert_pem(&ca_cert, key_pair(&signer)?)
                .map_err(|e| format!("error parsing certificate: {e}"))?;
            // Go copies the signer's subject key identifier into the leaf.
            params.use_authority_key_identifier_extension = true;
            params.signed_by(&kp, &issuer)
        }
    }
    .map_err(|e| format!("error creating certificate: {e}"))?;
    Ok(cert_value(cert.pem(), key.to_pem()?))
}

/// Subject alternative names in Go's order (DNS names, then IP addresses), validated
/// in Sprig's order (IPs first) with its messages.
fn sans(ips: &Value, dns: &Value) -> Result<Vec<SanType>, String> {
    let mut addrs = Vec::new();
    for ip in ips
        .as_list()
        .map(|l| l.items().to_vec())
        .unwrap_or_default()
    {
        let Some(text) = ip.as_str() else {
            return Err(format!(
                "error parsing ip: {} is not a string",
                gofmt::format_value(&ip)
            ));
        };
        let addr: IpAddr = text
            .parse()
            .map_err(|_| format!("error parsing ip: {text}"))?;
        addrs.push(SanType::IpAddress(addr));
    }
    let mut out = Vec::new();
    for name in dns
        .as_list()
        .map(|l| l.items().to_vec())
        .unwrap_or_default()
    {
        let Some(text) = name.as_str() else {
            return Err(format!(
                "error processing alternate dns name: {} is not a string",
                gofmt::format_value(&name)
            ));
        };
        let ia5 = text.to_string().try_into().map_err(|e| format!("{e}"))?;
        out.push(SanType::DnsName(ia5));
    }
    out.extend(addrs);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::*;

    fn parse(v: &Value) -> (String, String) {
        cert_fields(v).unwrap_or_default()
    }

    #[test]
    fn ca_and_signed_cert_have_sprig_shape() {
        let key = PrivateKey::Ec(p256::SecretKey::random(&mut rand::rngs::OsRng));
        let ca = ca_cert("my-ca", 10, key).unwrap_or_else(|e| panic!("{e}"));
        let (ca_pem, ca_key) = parse(&ca);
        assert!(ca_key.starts_with("-----BEGIN EC PRIVATE KEY-----"));
        let block = ::pem::parse(&ca_pem).unwrap_or_else(|e| panic!("{e}"));
        let (_, x) = parse_x509_certificate(block.contents()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.subject().to_string(), "CN=my-ca");
        assert!(x.is_ca());
        let span = x.validity().not_after.timestamp() - x.validity().not_before.timestamp();
        assert_eq!(span, 10 * 86_400);

        let ips = Value::list(vec!["10.0.0.1".into()]);
        let dns = Value::list(vec!["a.example".into()]);
        let leaf_key = PrivateKey::Ed(ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng));
        let cert =
            leaf("svc", &ips, &dns, 1, leaf_key, Some(&ca)).unwrap_or_else(|e| panic!("{e}"));
        let (pem_text, _) = parse(&cert);
        let block = ::pem::parse(&pem_text).unwrap_or_else(|e| panic!("{e}"));
        let (_, x) = parse_x509_certificate(block.contents()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.issuer().to_string(), "CN=my-ca");
        let san = x
            .subject_alternative_name()
            .ok()
            .flatten()
            .map(|s| format!("{:?}", s.value.general_names))
            .unwrap_or_default();
        assert_eq!(san, r#"[DNSName("a.example"), IPAddress([10, 0, 0, 1])]"#);
    }

    #[test]
    fn san_errors_follow_sprig() {
        let bad = Value::list(vec![Value::Int(5)]);
        assert_eq!(
            sans(&bad, &Value::Nil).err().as_deref(),
            Some("error parsing ip: 5 is not a string")
        );
        let bad = Value::list(vec!["x".into()]);
        assert_eq!(
            sans(&bad, &Value::Nil).err().as_deref(),
            Some("error parsing ip: x")
        );
    }
}
