//! Seed certificates are pinned: a seed whose certificate is not the pinned one is not believed,
//! checked with real TLS against the local network's seed.

mod common;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use session_relay::seed::{SeedClient, SeedEndpoint, SeedError, SeedTrust};
use session_relay::{Limits, Network};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Accepts anything and remembers the certificate it was shown.
#[derive(Debug, Default)]
struct Recorder(Mutex<Option<Vec<u8>>>);

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.0.lock().unwrap() = Some(end_entity.to_vec());
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }
    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        rustls::crypto::ring::default_provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

async fn seed_certificate(url: &str) -> Vec<u8> {
    let url = reqwest::Url::parse(url).unwrap();
    let addr = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
    let recorder = Arc::new(Recorder::default());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .dangerous()
    .with_custom_certificate_verifier(recorder.clone())
    .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let name = ServerName::try_from("localhost").unwrap();
    let _tls = connector.connect(name, tcp).await.unwrap();
    let cert = recorder.0.lock().unwrap().clone();
    cert.expect("a certificate was presented")
}

#[tokio::test]
async fn only_the_pinned_certificate_is_trusted() {
    let t = common::start(None, Limits::default()).await;
    let seed_url = format!(
        "{}json_rpc",
        t.relay.local_network().unwrap().net().seed_url()
    );
    let cert = seed_certificate(&seed_url).await;
    let right: [u8; 32] = Sha256::digest(&cert).into();
    let mut wrong = right;
    wrong[0] ^= 1;

    let pinned = |pin: [u8; 32]| {
        SeedClient::new(
            vec![SeedEndpoint {
                url: seed_url.clone(),
                trust: SeedTrust::Pinned(vec![pin]),
            }],
            Duration::from_secs(5),
            Limits::default().max_seed_reply_bytes,
        )
        .unwrap()
    };
    let nodes = pinned(right)
        .fetch_nodes(Network::Local)
        .await
        .expect("pinned certificate accepted");
    assert_eq!(nodes.len(), 12);
    let err = pinned(wrong)
        .fetch_nodes(Network::Local)
        .await
        .expect_err("other certificate refused");
    assert!(matches!(err, SeedError::Unreachable(_)), "{err}");
    t.relay.shutdown().await;
}
