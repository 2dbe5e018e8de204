//! Community servers (messaging.md §7): the engine signs the community module's requests with
//! the network time of each attempt and sends them through [`Client::call_server`], so they get
//! onion paths, retries and the clock resync of every server call.

use super::server::{Scheme, Server, ServerReply};
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::community::api::ApiRequest;
use crate::community::auth::AuthMode;
use crate::community::url::JoinLink;
use crate::identity::Identity;
use rand_core::{CryptoRng, RngCore};

/// The onion destination of a community's server (its normalised `scheme://host[:port]` and
/// the key its link carries).
pub fn community_destination(link: &JoinLink) -> Server {
    let (scheme, authority) = match link.server().split_once("://") {
        Some(("https", rest)) => (Scheme::Https, rest),
        Some((_, rest)) => (Scheme::Http, rest),
        None => (Scheme::Http, link.server()),
    };
    // A port follows the last ':' unless that ':' is inside an IPv6 literal's brackets.
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.contains(']') => (h, p.parse().unwrap_or(scheme.default_port())),
        _ => (authority, scheme.default_port()),
    };
    Server {
        scheme,
        host: host.to_owned(),
        port,
        x25519: link.key().0,
    }
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Sends one community API request as `account` (blinded on servers that blind), signed
    /// afresh for every attempt, and returns the server's answer whatever its status.
    pub async fn community_call(
        &self,
        account: &Identity,
        link: &JoinLink,
        mode: AuthMode,
        request: &ApiRequest,
    ) -> Result<ServerReply, ClientError> {
        let server = community_destination(link);
        self.call_server(&server, &mut |now_ms| {
            let mut rng = self.rng.borrow_mut();
            request
                .to_v4(account, link.key(), mode, now_ms / 1000, &mut *rng)
                .map_err(ClientError::CommunityAuth)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::url::ServerKey;

    #[test]
    fn destinations_follow_the_link() {
        let key = ServerKey([4; 32]);
        let cases = [
            ("http://127.0.0.1:8088", Scheme::Http, "127.0.0.1", 8088),
            (
                "https://sogs.example.org",
                Scheme::Https,
                "sogs.example.org",
                443,
            ),
            (
                "http://sogs.example.org",
                Scheme::Http,
                "sogs.example.org",
                80,
            ),
            ("http://[::1]:9000", Scheme::Http, "[::1]", 9000),
            ("https://[::1]", Scheme::Https, "[::1]", 443),
        ];
        for (server, scheme, host, port) in cases {
            let link = JoinLink::new(server, "lobby", key).unwrap();
            let d = community_destination(&link);
            assert_eq!(
                (d.scheme, d.host.as_str(), d.port),
                (scheme, host, port),
                "{server}"
            );
            assert_eq!(d.x25519, [4; 32]);
        }
    }
}
