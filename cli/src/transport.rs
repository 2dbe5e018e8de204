//! The native [`Transport`]: onion bytes over HTTPS with reqwest and rustls.
//!
//! Two routes, as the client library expects (see `session_core::client::transport`):
//!
//! - **through a relay** (`--relay URL`): `POST {relay}/relay/v1/onion/{guard ed25519 hex}` and
//!   `POST {relay}/relay/v1/seed`, copying the relay's `x-relay-error` header into
//!   [`HttpReply::relay_error`]; the relay's own certificate, if it speaks HTTPS, is checked
//!   against the usual web roots;
//! - **direct** (`--seed URL`): `POST https://{ip}:{port}/onion_req/v2` to the guard itself, as
//!   the desktop app does. Service nodes serve throwaway self-signed certificates that nobody can
//!   verify; the onion layers inside are what protects the request. The seed, however, is the
//!   root of trust for the node list, and the live network's seeds must be checked against
//!   pinned certificates: this transport does not pin, so it accepts a seed only on this
//!   machine's loopback interface (a local network). Use a relay to reach the live network.

use crate::output::CliError;
use serde_json::Value;
use session_core::client::{HttpReply, NodeRecord, RelayReason, Transport, TransportError};
use std::error::Error as _;
use std::net::IpAddr;
use std::time::Duration;

/// Deadline of one onion request (each hop waits up to 30 s for the next, but a client that
/// waits that long for one path gives up on the whole operation; 25 s is the desktop's order).
pub const ONION_TIMEOUT: Duration = Duration::from_secs(25);
/// Deadline of a seed request.
pub const SEED_TIMEOUT: Duration = Duration::from_secs(15);
/// Deadline of the relay's `/relay/v1/info`.
pub const INFO_TIMEOUT: Duration = Duration::from_secs(10);
/// Deadline to open a TCP connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Header a relay sets on the errors it makes itself.
const RELAY_ERROR_HEADER: &str = "x-relay-error";

#[derive(Debug, Clone)]
enum Route {
    /// Base URL of the relay, without a trailing slash.
    Relay(String),
    /// Full URL of a loopback seed's JSON-RPC endpoint.
    Direct(String),
}

/// Sends the client's onion and seed requests from this machine.
#[derive(Debug, Clone)]
pub struct NativeTransport {
    route: Route,
    http: reqwest::Client,
}

impl NativeTransport {
    /// Through the relay at `url` (`http://` or `https://`, e.g. `http://127.0.0.1:8080`).
    pub fn relay(url: &str) -> Result<Self, CliError> {
        let parsed = parse_url("--relay", url)?;
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(CliError(format!(
                "--relay {url}: give the relay's base URL, without query or fragment"
            )));
        }
        let base = parsed.as_str().trim_end_matches('/').to_owned();
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|e| CliError::context("cannot set up HTTPS", describe(&e)))?;
        Ok(NativeTransport {
            route: Route::Relay(base),
            http,
        })
    }

    /// Directly to the nodes, bootstrapping from the seed at `url` (a local network's seed,
    /// e.g. `https://127.0.0.1:PORT/`; `json_rpc` is appended unless present). The seed must
    /// be on loopback: see the module documentation.
    pub fn direct(url: &str) -> Result<Self, CliError> {
        let mut parsed = parse_url("--seed", url)?;
        if parsed.scheme() != "https" {
            return Err(CliError(format!("--seed {url}: a seed speaks https")));
        }
        if !is_loopback_host(parsed.host_str().unwrap_or_default()) {
            return Err(CliError(format!(
                "--seed {url}: direct mode only trusts a seed on this machine (a local \
                 network), because the live network's seeds must be checked against pinned \
                 certificates, which this client does not do yet; use --relay for the live \
                 network"
            )));
        }
        if !parsed.path().ends_with("json_rpc") {
            let path = format!("{}/json_rpc", parsed.path().trim_end_matches('/'));
            parsed.set_path(&path);
        }
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .danger_accept_invalid_certs(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|e| CliError::context("cannot set up HTTPS", describe(&e)))?;
        Ok(NativeTransport {
            route: Route::Direct(parsed.to_string()),
            http,
        })
    }

    /// The relay's base URL, when going through one.
    pub fn relay_url(&self) -> Option<&str> {
        match &self.route {
            Route::Relay(base) => Some(base),
            Route::Direct(_) => None,
        }
    }

    /// The seed's JSON-RPC URL, in direct mode.
    pub fn seed_url(&self) -> Option<&str> {
        match &self.route {
            Route::Relay(_) => None,
            Route::Direct(seed) => Some(seed),
        }
    }

    /// The relay's `GET /relay/v1/info` (`{"network": "local"|"mainnet", …}`).
    pub async fn relay_info(&self) -> Result<Value, CliError> {
        let Route::Relay(base) = &self.route else {
            return Err(CliError("not connected through a relay".into()));
        };
        let unreachable = |e: reqwest::Error| {
            CliError(format!(
                "cannot reach the relay at {base}: {}",
                describe(&e)
            ))
        };
        let resp = self
            .http
            .get(format!("{base}/relay/v1/info"))
            .timeout(INFO_TIMEOUT)
            .send()
            .await
            .map_err(unreachable)?;
        let status = resp.status();
        let body = resp.bytes().await.map_err(unreachable)?;
        if !status.is_success() {
            return Err(CliError(format!(
                "{base} does not look like a Session relay (GET /relay/v1/info answered {status})"
            )));
        }
        serde_json::from_slice(&body).map_err(|_| {
            CliError(format!(
                "{base} does not look like a Session relay (/relay/v1/info is not JSON)"
            ))
        })
    }
}

impl Transport for NativeTransport {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        match &self.route {
            Route::Relay(base) => {
                let url = format!("{base}/relay/v1/onion/{}", guard.ed25519.to_hex());
                self.post(&url, "application/octet-stream", body, ONION_TIMEOUT)
                    .await
            }
            Route::Direct(_) => {
                let url = format!("https://{}/onion_req/v2", host_port(&guard.ip, guard.port));
                match self
                    .post(&url, "application/octet-stream", body, ONION_TIMEOUT)
                    .await
                {
                    Ok(reply) => Ok(reply),
                    // The client library's contract: failing to reach the guard blames the
                    // guard, as the relay's node-unreachable / node-timeout answers do.
                    Err(TransportError::Timeout) => {
                        Ok(HttpReply::relay(504, RelayReason::NodeTimeout))
                    }
                    Err(_) => Ok(HttpReply::relay(502, RelayReason::NodeUnreachable)),
                }
            }
        }
    }

    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError> {
        let url = match &self.route {
            Route::Relay(base) => format!("{base}/relay/v1/seed"),
            Route::Direct(seed) => seed.clone(),
        };
        self.post(&url, "application/json", body, SEED_TIMEOUT)
            .await
    }
}

impl NativeTransport {
    async fn post(
        &self,
        url: &str,
        content_type: &str,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<HttpReply, TransportError> {
        let resp = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| link_error(&e))?;
        let status = resp.status().as_u16();
        let relay_error = match &self.route {
            Route::Relay(_) => resp
                .headers()
                .get(RELAY_ERROR_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(RelayReason::from_header),
            Route::Direct(_) => None,
        };
        let body = resp.bytes().await.map_err(|e| link_error(&e))?;
        Ok(HttpReply {
            status,
            body: body.to_vec(),
            relay_error,
        })
    }
}

fn link_error(e: &reqwest::Error) -> TransportError {
    if e.is_timeout() {
        TransportError::Timeout
    } else if e.is_connect() {
        TransportError::Unreachable
    } else if e.is_body() || e.is_decode() {
        TransportError::Malformed
    } else {
        TransportError::Aborted
    }
}

/// An error and its causes on one line (reqwest's own text alone says little).
pub(crate) fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

fn parse_url(flag: &str, url: &str) -> Result<reqwest::Url, CliError> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|e| CliError(format!("{flag} {url} is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(CliError(format!(
            "{flag} {url}: expected an http:// or https:// URL"
        )));
    }
    Ok(parsed)
}

/// Whether a URL host is this machine's loopback interface.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn host_port(ip: &str, port: u16) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_mode_trusts_only_a_loopback_seed() {
        let local = NativeTransport::direct("https://127.0.0.1:4433/").unwrap();
        assert_eq!(local.seed_url(), Some("https://127.0.0.1:4433/json_rpc"));
        let explicit = NativeTransport::direct("https://[::1]:4433/json_rpc").unwrap();
        assert_eq!(explicit.seed_url(), Some("https://[::1]:4433/json_rpc"));
        let remote = NativeTransport::direct("https://seed1.getsession.org:4443/").unwrap_err();
        assert!(remote.0.contains("--relay"), "{remote}");
        assert!(NativeTransport::direct("http://127.0.0.1:4433/").is_err());
    }

    #[test]
    fn relay_urls_are_normalised_and_checked() {
        let t = NativeTransport::relay("http://127.0.0.1:8080/").unwrap();
        assert_eq!(t.relay_url(), Some("http://127.0.0.1:8080"));
        assert!(NativeTransport::relay("ftp://example.org").is_err());
        assert!(NativeTransport::relay("not a url").is_err());
        assert!(NativeTransport::relay("http://127.0.0.1:8080/?x=1").is_err());
    }

    #[test]
    fn loopback_hosts() {
        for h in [
            "127.0.0.1",
            "127.8.9.10",
            "::1",
            "[::1]",
            "localhost",
            "LOCALHOST",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in ["10.0.0.1", "example.org", "", "::"] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn ipv6_node_addresses_are_bracketed() {
        assert_eq!(host_port("::1", 22021), "[::1]:22021");
        assert_eq!(host_port("10.1.2.3", 22021), "10.1.2.3:22021");
    }
}
