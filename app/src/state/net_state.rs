//! Network health as the user sees it, derived from the client's errors.

use session_core::client::ClientError;

use crate::t;

/// What the banner says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetState {
    /// Starting up: no answer yet.
    Connecting,
    /// Polling works.
    Online,
    /// The browser says it has no network.
    Offline,
    /// The relay does not answer.
    RelayUnreachable,
    /// The relay answers but the Session network does not.
    NetworkUnreachable,
    /// The network rejects our clock.
    ClockSkew,
}

impl NetState {
    /// The state after a failed operation; `relay_answered` is whether the transport's last
    /// request got any HTTP answer (errors after retries do not always say).
    pub fn from_error(
        e: &ClientError,
        browser_online: bool,
        relay_answered: Option<bool>,
    ) -> NetState {
        if !browser_online {
            return NetState::Offline;
        }
        if relay_answered == Some(false) {
            return NetState::RelayUnreachable;
        }
        match e {
            e if e.is_link_down() => NetState::RelayUnreachable,
            ClientError::ClockOutOfSync { .. } => NetState::ClockSkew,
            _ => NetState::NetworkUnreachable,
        }
    }

    /// The banner's text; `None` when all is well.
    pub fn banner(self) -> Option<String> {
        match self {
            NetState::Online | NetState::Connecting => None,
            NetState::Offline => Some(t!("home-banner-offline")),
            NetState::RelayUnreachable => Some(t!("home-banner-relay")),
            NetState::NetworkUnreachable => Some(t!("home-banner-network")),
            NetState::ClockSkew => Some(t!("home-banner-clock")),
        }
    }

    /// Short code for tab messages.
    pub fn code(self) -> &'static str {
        match self {
            NetState::Connecting => "connecting",
            NetState::Online => "online",
            NetState::Offline => "offline",
            NetState::RelayUnreachable => "relay",
            NetState::NetworkUnreachable => "network",
            NetState::ClockSkew => "clock",
        }
    }

    /// The state of a code.
    pub fn from_code(code: &str) -> Option<NetState> {
        Some(match code {
            "connecting" => NetState::Connecting,
            "online" => NetState::Online,
            "offline" => NetState::Offline,
            "relay" => NetState::RelayUnreachable,
            "network" => NetState::NetworkUnreachable,
            "clock" => NetState::ClockSkew,
            _ => return None,
        })
    }
}
