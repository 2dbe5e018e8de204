//! A real server on a loopback port and a signing HTTP client.

#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde_json::Value;
use session_core::community::auth::{sign_request_with_nonce, AuthMode, SogsRequest};
use session_core::crypto::blinding;
use session_core::identity::Identity;
use session_sogs::Sogs;
use std::sync::Arc;

#[derive(Debug)]
pub struct Server {
    pub sogs: Arc<Sogs>,
    pub base: String,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn account(n: u8) -> Identity {
    Identity::from_seed(&[n; 16])
}

pub fn now_s() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

pub async fn start() -> Server {
    start_with(|_| {}).await
}

/// Like [`start`], with `setup` run on the server before its routes (and periodic sweep) start.
pub async fn start_with(setup: impl FnOnce(&Sogs)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let sogs = Arc::new(Sogs::open(dir.path()).unwrap());
    setup(&sogs);
    session_sogs::admin::create_room(&sogs, "lobby", "Lobby", Some("Say hi")).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = session_sogs::router(sogs.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Server {
        sogs,
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        _dir: dir,
    }
}

/// How to sign a request in tests.
#[derive(Clone, Copy)]
pub struct Signing<'a> {
    pub who: &'a Identity,
    pub mode: AuthMode,
    pub ts: u64,
    pub nonce: [u8; 16],
}

impl<'a> Signing<'a> {
    pub fn new(who: &'a Identity) -> Self {
        let mut nonce = [0u8; 16];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut nonce);
        Signing {
            who,
            mode: AuthMode::Blinded,
            ts: now_s(),
            nonce,
        }
    }
}

impl Server {
    pub fn pk(&self) -> [u8; 32] {
        self.sogs.public_key()
    }

    /// The account's `15…` ID on this server.
    pub fn blinded_id(&self, who: &Identity) -> String {
        let pair = blinding::blind15_key_pair(&*who.ed25519_seed(), &self.pk()).unwrap();
        hex::encode(pair.blind15_id())
    }

    /// A post body signed by `who`'s blinded key, as clients sign it.
    pub fn post_body(&self, who: &Identity, data: &[u8]) -> Value {
        let sig = blinding::blind15_sign(&*who.ed25519_seed(), &self.pk(), data).unwrap();
        serde_json::json!({"data": B64.encode(data), "signature": B64.encode(sig)})
    }

    pub fn auth_headers(
        &self,
        s: Signing<'_>,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Vec<(String, String)> {
        let h = sign_request_with_nonce(
            &*s.who.ed25519_seed(),
            &self.pk(),
            s.mode,
            &SogsRequest {
                method,
                target,
                body,
            },
            s.ts,
            &s.nonce,
        )
        .unwrap();
        h.pairs()
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    pub async fn raw(
        &self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Answer {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut rb = self.client.request(m, format!("{}{}", self.base, target));
        for (k, v) in headers {
            rb = rb.header(k, v);
        }
        if !body.is_empty() {
            rb = rb.header("content-type", "application/json").body(body);
        }
        let r = rb.send().await.unwrap();
        Answer {
            status: r.status().as_u16(),
            body: r.bytes().await.unwrap().to_vec(),
        }
    }

    /// A request signed per `s` (or unsigned when `None`).
    pub async fn call(
        &self,
        s: Option<Signing<'_>>,
        method: &str,
        target: &str,
        body: Option<&Value>,
    ) -> Answer {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let headers = match s {
            Some(s) => self.auth_headers(s, method, target, &bytes),
            None => Vec::new(),
        };
        self.raw(method, target, &headers, bytes).await
    }

    /// A request signed by `who` (blinded, fresh nonce, current time).
    pub async fn as_user(
        &self,
        who: &Identity,
        method: &str,
        target: &str,
        body: Option<&Value>,
    ) -> Answer {
        self.call(Some(Signing::new(who)), method, target, body)
            .await
    }
}
