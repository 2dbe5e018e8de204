//! Requests to servers through onion requests (v4): the file server, community servers, any
//! server with an X25519 key and an `/oxen/v4/lsrpc` endpoint (network.md §4.6, §4.8, §7).
//!
//! The path is the same as for a node; only the last hop differs: it POSTs our layer to the
//! server, which answers an HTTP status of its own inside the encrypted v4 reply. That status is
//! the server's business (a 404 is an answer, not a failure), so the storage-RPC rules (421,
//! node strikes) do not apply: only a clock complaint (425) and a server that is down or
//! overloaded (502–504) are retried.

use super::call::{Attempts, Outcome, Step};
use super::error::Failure;
use super::retry::PathFault;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::onion::v4::{V4Request, V4Response};
use crate::onion::{self, Destination};
use rand_core::{CryptoRng, RngCore};
use std::fmt;

/// The endpoint every v4 server listens on.
pub const V4_TARGET: &str = "/oxen/v4/lsrpc";

/// How the last hop reaches the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Plain HTTP: the onion layer already encrypts the request (the file server's way).
    Http,
    /// HTTPS.
    Https,
}

impl Scheme {
    /// `http` or `https`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// The scheme's default port.
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A server reachable through onion requests.
#[derive(Clone, PartialEq, Eq)]
pub struct Server {
    /// How the last hop connects.
    pub scheme: Scheme,
    /// Host name or IP address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// The key requests are encrypted to.
    pub x25519: [u8; 32],
}

impl Server {
    /// Its base URL (`http://host[:port]`, the port only when not the default).
    pub fn url(&self) -> String {
        if self.port == self.scheme.default_port() {
            format!("{}://{}", self.scheme.as_str(), self.host)
        } else {
            format!("{}://{}:{}", self.scheme.as_str(), self.host, self.port)
        }
    }

    fn destination(&self) -> Destination {
        Destination::Server {
            host: self.host.clone(),
            target: V4_TARGET.to_owned(),
            protocol: self.scheme.as_str().to_owned(),
            port: self.port,
            x25519: self.x25519,
        }
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Server({}, {})", self.url(), hex::encode(self.x25519))
    }
}

/// An HTTP request for a server: method, endpoint, headers and body, as v4 carries them.
pub type ServerRequest = V4Request;

/// A server's answer: its own status, headers (lower-case names) and body.
pub type ServerReply = V4Response;

/// Builds the request of one attempt from the network time (for headers that sign a time).
pub type BuildServerRequest<'a> = dyn FnMut(u64) -> Result<ServerRequest, ClientError> + 'a;

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Sends a request to `server` through an onion path and returns the server's answer,
    /// whatever its status, retrying over other paths when the path fails, after a clock
    /// resync when the server refuses our time (425), and when the server is down or busy
    /// (502–504). The request is rebuilt by `build(network_now_ms)` for every attempt.
    pub async fn call_server(
        &self,
        server: &Server,
        build: &mut BuildServerRequest<'_>,
    ) -> Result<ServerReply, ClientError> {
        self.ready().await?;
        let dest = server.destination();
        let mut a = Attempts::default();
        self.retrying(&mut a, async |a, _| {
            let route = {
                let st = self.state.borrow();
                let mut rng = self.rng.borrow_mut();
                self.path_avoiding(&st, None, &a.failed_guards, &mut *rng)
            };
            let Some((path, hops)) = route else {
                return Err(ClientError::NotEnoughNodes {
                    needed: self.config.path_hops,
                    available: self.state.borrow().pool.len(),
                });
            };
            let payload = build(self.network_now_ms())?.encode();
            let outcome = self
                .send_once(&hops, &dest, &payload, onion::decode_server_reply)
                .await?;
            Ok(match outcome {
                Outcome::Reply(reply) => {
                    self.path_worked(&path);
                    self.server_reply(reply, a).await
                }
                // The reply was garbled on the way back (or by a hop): another path may do.
                Outcome::BadReply(e) => {
                    if let Some(g) = path.guard() {
                        self.strike_path(&g);
                        a.failed_guards.push(g);
                    }
                    Step::Retry(Failure::Reply(e))
                }
                Outcome::NoAnswer(e) => self.no_answer(e, &path, a),
                // A status that names no node comes from the last hop or the server itself:
                // the server's trouble, not the path's (striking would tear down good paths
                // while a server is offline or has another key). A refusal (a server that
                // cannot decrypt answers 400) is final; a failure to reach it (502, 504) is
                // tried over another path, without penalty.
                Outcome::Path(PathFault::Path | PathFault::PathAndRelays, status, text) => {
                    if (400..500).contains(&status) {
                        Step::Fail(ClientError::Rejected {
                            status,
                            message: text,
                        })
                    } else {
                        a.failed_guards.extend(path.guard());
                        Step::Retry(Failure::Path { status })
                    }
                }
                Outcome::Path(fault, status, _) => {
                    self.path_fault(fault, status, None, &path, a).await
                }
            })
        })
        .await
    }

    /// Judges the server's own status.
    async fn server_reply(&self, reply: ServerReply, a: &mut Attempts) -> Step<ServerReply> {
        match reply.code {
            425 => self.clock_error(None, 425, a).await,
            502..=504 => Step::Retry(Failure::Server { status: reply.code }),
            _ => Step::Done(reply),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onion::v4;
    use serde_json::Value;

    #[test]
    fn urls_leave_out_default_ports() {
        let mut s = Server {
            scheme: Scheme::Http,
            host: "filev2.getsession.org".into(),
            port: 80,
            x25519: [0; 32],
        };
        assert_eq!(s.url(), "http://filev2.getsession.org");
        s.port = 8080;
        assert_eq!(s.url(), "http://filev2.getsession.org:8080");
        s.scheme = Scheme::Https;
        s.port = 443;
        assert_eq!(s.url(), "https://filev2.getsession.org");
    }

    #[test]
    fn requests_encode_as_v4() {
        let r = ServerRequest::post("/file", "application/octet-stream", b"hello".to_vec());
        let back = v4::decode_request(&r.encode()).unwrap();
        assert_eq!(back.method, "POST");
        assert_eq!(back.endpoint, "/file");
        assert_eq!(back.body.as_deref(), Some(&b"hello"[..]));
        assert_eq!(
            back.headers.get("Content-Type").and_then(Value::as_str),
            Some("application/octet-stream")
        );
        let g = v4::decode_request(&ServerRequest::get("/file/abc").encode()).unwrap();
        assert_eq!((g.method.as_str(), g.body), ("GET", None));
    }
}
