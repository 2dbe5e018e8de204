//! Self-signed TLS certificates (one per server, kept in its directory) and rustls configs.

use crate::error::Error;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::net::Ipv4Addr;
use std::path::Path;
use std::sync::Arc;
use tokio_rustls::TlsAcceptor;

/// Loads `dir/tls.crt.der` + `dir/tls.key.der`, creating a self-signed pair for `ip` if absent.
pub(crate) fn acceptor(dir: &Path, ip: Ipv4Addr) -> Result<TlsAcceptor, Error> {
    std::fs::create_dir_all(dir)?;
    let cert_path = dir.join("tls.crt.der");
    let key_path = dir.join("tls.key.der");
    let (cert, key) = if cert_path.exists() && key_path.exists() {
        (std::fs::read(&cert_path)?, std::fs::read(&key_path)?)
    } else {
        let names = vec!["localhost".to_owned(), ip.to_string()];
        let ck =
            rcgen::generate_simple_self_signed(names).map_err(|e| Error::Tls(e.to_string()))?;
        let cert = ck.cert.der().to_vec();
        let key = ck.key_pair.serialize_der();
        crate::layout::write_private(&key_path, &key)?;
        std::fs::write(&cert_path, &cert)?;
        (cert, key)
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
        )
        .map_err(|e| Error::Tls(e.to_string()))?;
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(cfg)))
}
