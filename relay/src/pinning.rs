//! TLS certificate checks for the two kinds of server the relay talks to.
//!
//! Seed nodes serve self-signed certificates that the official desktop app pins by SHA-256
//! fingerprint; the relay does the same, so a network attacker cannot feed it a node list of its
//! own. Service nodes serve throwaway self-signed certificates that nobody can verify (clients
//! don't either): what protects that traffic is the onion encryption inside it.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error, SignatureScheme};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Accepts exactly the certificates whose SHA-256 fingerprint (over the DER bytes) is pinned,
/// whatever their name or dates, and checks the handshake signature with the certificate's key.
#[derive(Debug)]
pub struct PinnedCerts {
    pins: Vec<[u8; 32]>,
    provider: Arc<CryptoProvider>,
}

impl PinnedCerts {
    /// A verifier for these fingerprints.
    pub fn new(pins: Vec<[u8; 32]>) -> Self {
        PinnedCerts {
            pins,
            provider: Arc::new(rustls::crypto::ring::default_provider()),
        }
    }

    /// Whether a certificate is one of the pinned ones.
    pub fn is_pinned(&self, cert: &[u8]) -> bool {
        let digest: [u8; 32] = Sha256::digest(cert).into();
        self.pins.contains(&digest)
    }

    /// A rustls client configuration that trusts only the pinned certificates.
    pub fn client_config(self) -> rustls::ClientConfig {
        let provider = self.provider.clone();
        let builder = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions();
        // with_safe_default_protocol_versions only fails for a provider without TLS support,
        // which the ring provider is not; fall back to the same call path regardless.
        let builder = match builder {
            Ok(b) => b,
            Err(_) => rustls::ClientConfig::builder(),
        };
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(self))
            .with_no_client_auth()
    }
}

impl ServerCertVerifier for PinnedCerts {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        if self.is_pinned(end_entity.as_ref()) {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(Error::General("certificate is not pinned".into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Parses a fingerprint written as colon-separated hex (`36:EA:0B:…`) or plain hex.
pub fn parse_fingerprint(text: &str) -> Option<[u8; 32]> {
    let hex: String = text.chars().filter(|c| *c != ':').collect();
    let bytes = hex::decode(hex).ok()?;
    bytes.try_into().ok()
}
