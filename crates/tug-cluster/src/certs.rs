//! The cluster's PKI and kubeconfig: a CA created on first start, a server certificate for
//! the loopback names, an admin client certificate (`CN=admin, O=system:masters`) and a
//! bearer token, stored 0600 under `DIR/pki`.

use crate::error::ClusterError;
use base64::Engine;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use serde_json::json;
use std::path::{Path, PathBuf};

/// PEM material of a cluster.
#[derive(Debug, Clone)]
pub struct Pki {
    pub ca_cert: String,
    pub server_cert: String,
    pub server_key: String,
    pub admin_cert: String,
    pub admin_key: String,
    pub token: String,
}

fn cert_err(e: rcgen::Error) -> ClusterError {
    ClusterError::Cert(e.to_string())
}

fn write_private(path: &Path, text: &str) -> Result<(), ClusterError> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    opts.mode(0o600);
    let tmp = path.with_extension("tmp");
    let mut f = opts.open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(tmp, path)?;
    Ok(())
}

fn pki_dir(dir: &Path) -> PathBuf {
    dir.join("pki")
}

/// Loads the PKI of `dir`, creating it on first start.
pub fn ensure(dir: &Path) -> Result<Pki, ClusterError> {
    let p = pki_dir(dir);
    let names = [
        "ca.crt",
        "server.crt",
        "server.key",
        "admin.crt",
        "admin.key",
        "token",
    ];
    if names.iter().all(|n| p.join(n).exists()) {
        let r = |n: &str| std::fs::read_to_string(p.join(n));
        return Ok(Pki {
            ca_cert: r("ca.crt")?,
            server_cert: r("server.crt")?,
            server_key: r("server.key")?,
            admin_cert: r("admin.crt")?,
            admin_key: r("admin.key")?,
            token: r("token")?.trim().to_string(),
        });
    }
    std::fs::create_dir_all(&p)?;
    let pki = generate()?;
    write_private(&p.join("ca.crt"), &pki.ca_cert)?;
    write_private(&p.join("server.crt"), &pki.server_cert)?;
    write_private(&p.join("server.key"), &pki.server_key)?;
    write_private(&p.join("admin.crt"), &pki.admin_cert)?;
    write_private(&p.join("admin.key"), &pki.admin_key)?;
    write_private(&p.join("token"), &pki.token)?;
    Ok(pki)
}

/// Creates a fresh CA, server and admin certificates and a token.
pub fn generate() -> Result<Pki, ClusterError> {
    let ca_key = KeyPair::generate().map_err(cert_err)?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(cert_err)?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "tug-cluster-ca");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::CrlSign,
    ];
    let ca_cert = ca.self_signed(&ca_key).map_err(cert_err)?;
    let issuer = Issuer::new(ca, ca_key);

    let server_key = KeyPair::generate().map_err(cert_err)?;
    let mut sp = CertificateParams::new(vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ])
    .map_err(cert_err)?;
    sp.distinguished_name
        .push(DnType::CommonName, "tug-cluster-apiserver");
    sp.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_cert = sp.signed_by(&server_key, &issuer).map_err(cert_err)?;

    let admin_key = KeyPair::generate().map_err(cert_err)?;
    let mut ap = CertificateParams::new(Vec::<String>::new()).map_err(cert_err)?;
    ap.distinguished_name.push(DnType::CommonName, "admin");
    ap.distinguished_name
        .push(DnType::OrganizationName, "system:masters");
    ap.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let admin_cert = ap.signed_by(&admin_key, &issuer).map_err(cert_err)?;

    Ok(Pki {
        ca_cert: ca_cert.pem(),
        server_cert: server_cert.pem(),
        server_key: server_key.serialize_pem(),
        admin_cert: admin_cert.pem(),
        admin_key: admin_key.serialize_pem(),
        token: crate::util::token(),
    })
}

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
}

/// A kubeconfig (JSON, which kubectl and Helm read as YAML) for `server` with context `name`.
pub fn kubeconfig(pki: &Pki, server: &str, name: &str) -> String {
    let user = format!("{name}-admin");
    let cfg = json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": name, "cluster": {"server": server, "certificate-authority-data": b64(&pki.ca_cert)}}],
        "users": [{"name": user, "user": {
            "client-certificate-data": b64(&pki.admin_cert),
            "client-key-data": b64(&pki.admin_key),
        }}],
        "contexts": [{"name": name, "context": {"cluster": name, "user": user, "namespace": "default"}}],
        "current-context": name,
        "preferences": {},
    });
    serde_json::to_string_pretty(&cfg).unwrap_or_default() + "\n"
}

/// Writes `DIR/kubeconfig` atomically (0600).
pub fn write_kubeconfig(dir: &Path, text: &str) -> Result<PathBuf, ClusterError> {
    let path = dir.join("kubeconfig");
    write_private(&path, text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pki_is_created_once_and_reloaded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = ensure(dir.path()).expect("create");
        let b = ensure(dir.path()).expect("reload");
        assert_eq!(a.ca_cert, b.ca_cert);
        assert_eq!(a.token, b.token);
        assert!(a.server_key.contains("PRIVATE KEY"));
        let kc = kubeconfig(&a, "https://127.0.0.1:1", "tug");
        let v: serde_json::Value = serde_json::from_str(&kc).expect("json");
        assert_eq!(v["current-context"], "tug");
    }
}
