//! The network part: which network the relay serves (and its file server), the client engine
//! for it (replaced when the network or the saved state changes), and the network's health
//! as the banner and the onion path in Settings show it.

use leptos::prelude::*;
use session_core::attachment::file_server::FileServer;
use session_core::client::{ClientError, ClientState};
use session_core::community::url::JoinLink;
use session_core::identity::SessionId;
use session_core::proto::session::Content;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::net_state::NetState;
use super::tabs::Tabs;
use crate::net::info::NetworkKind;
use crate::net::tabs::TabMessage;
use crate::ports::{Clock, Engine, Engines, Platform, Ports, Relay, Store};
use crate::t;
use crate::util::log;

/// The first wait before asking the relay again what it serves.
pub const INFO_RETRY_MS: u64 = 1_000;
/// The longest wait between those attempts.
pub const INFO_MAX_RETRY_MS: u64 = 15_000;
/// How often a wait for the network checks whether it is known.
const KNOWN_CHECK_MS: u64 = 250;

/// One hop of the onion path, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopView {
    /// "ip:port".
    pub address: String,
    /// Start of the node's Ed25519 key.
    pub key_prefix: String,
}

/// The network part.
pub struct Network {
    relay: Rc<dyn Relay>,
    engines: Rc<dyn Engines>,
    store: Rc<dyn Store>,
    clock: Rc<dyn Clock>,
    platform: Rc<dyn Platform>,
    tabs: Rc<Tabs>,
    client: RefCell<Rc<dyn Engine>>,
    kind: Cell<Option<NetworkKind>>,
    file_server: RefCell<Option<FileServer>>,
    offered_rooms: RwSignal<Vec<JoinLink>>,
    /// Network health (the banner).
    pub health: RwSignal<NetState>,
    /// The onion path in use.
    pub path: RwSignal<Vec<HopView>>,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("kind", &self.kind.get())
            .finish_non_exhaustive()
    }
}

impl Network {
    /// The part, with a client for the network the relay served last time (mainnet until
    /// one is known) starting from `state`.
    pub fn new(
        ports: &Ports,
        tabs: Rc<Tabs>,
        kind: Option<NetworkKind>,
        state: ClientState,
    ) -> Network {
        let client = ports
            .engines
            .make(state, kind.unwrap_or(NetworkKind::Mainnet));
        Network {
            relay: ports.relay.clone(),
            engines: ports.engines.clone(),
            store: ports.store.clone(),
            clock: ports.clock.clone(),
            platform: ports.platform.clone(),
            tabs,
            client: RefCell::new(client),
            kind: Cell::new(kind),
            file_server: RefCell::new(None),
            offered_rooms: RwSignal::new(Vec::new()),
            health: RwSignal::new(NetState::Connecting),
            path: RwSignal::new(Vec::new()),
        }
    }

    /// The current client. Work in flight on a replaced one finishes normally.
    pub fn client(&self) -> Rc<dyn Engine> {
        self.client.borrow().clone()
    }

    /// Stores `content` for `to` at once, outside the outbox, for what is worthless later and
    /// never retried (read receipts; typing indicators, kept `ttl_ms`): a failure is logged.
    pub async fn send_now(&self, to: &SessionId, content: Content, ttl_ms: Option<u64>) {
        let client = self.client();
        let prepared = match ttl_ms {
            Some(ttl) => client.prepare_ttl(to, content, ttl),
            None => client.prepare(to, content),
        };
        let sent = match prepared {
            Ok(out) => client.deliver(out).await.map(drop),
            Err(e) => Err(e),
        };
        if let Err(e) = sent {
            log::info(&format!("not sent (not retried): {e}"));
        }
    }

    /// Continues from `state` (saved by another tab, or the last one that was stored).
    pub fn restart(&self, state: ClientState) {
        let kind = self.kind.get().unwrap_or(NetworkKind::Mainnet);
        *self.client.borrow_mut() = self.engines.make(state, kind);
    }

    /// The network the relay serves, once known.
    pub fn kind(&self) -> Option<NetworkKind> {
        self.kind.get()
    }

    /// The file server the relay named, if any.
    pub fn file_server(&self) -> Option<FileServer> {
        self.file_server.borrow().clone()
    }

    /// The community rooms the relay offers (shown on the new conversation screen).
    pub fn offered_rooms(&self) -> RwSignal<Vec<JoinLink>> {
        self.offered_rooms
    }

    /// Asks the relay what it serves until it answers (waiting 1 s, 2 s, … up to 15 s
    /// between attempts); while nothing is known the banner says why. A network other than
    /// the remembered one gets a new client (keeping the state) and is remembered.
    pub async fn discover(&self) {
        let mut delay = INFO_RETRY_MS;
        loop {
            match self.relay.info().await {
                Ok(info) => {
                    match info.file_server {
                        Ok(server) => *self.file_server.borrow_mut() = server,
                        Err(e) => log::warn(&format!("relay info: file server ignored: {e}")),
                    }
                    self.offered_rooms.set(info.communities);
                    if self.kind.get() != Some(info.network) {
                        self.kind.set(Some(info.network));
                        self.restart(self.client().state());
                        if let Err(e) = self.store.save_network(info.network).await {
                            log::error(&format!("could not save the network: {e}"));
                        }
                    }
                    return;
                }
                Err(e) => {
                    log::warn(&format!("relay info: {e}"));
                    if self.kind.get().is_none() {
                        self.report(if self.platform.is_online() {
                            NetState::RelayUnreachable
                        } else {
                            NetState::Offline
                        });
                    }
                    self.clock.sleep(delay).await;
                    delay = (delay * 2).min(INFO_MAX_RETRY_MS);
                }
            }
        }
    }

    /// Waits until the network is known, up to `max_ms` (`None`: forever); `false` if it
    /// is still unknown.
    pub async fn wait_known(&self, max_ms: Option<u64>) -> bool {
        let start = self.clock.now_ms();
        while self.kind.get().is_none() {
            if max_ms.is_some_and(|m| self.clock.now_ms().saturating_sub(start) >= m) {
                return false;
            }
            self.clock.sleep(KNOWN_CHECK_MS).await;
        }
        true
    }

    /// The health a failure shows.
    pub fn health_after(&self, e: &ClientError) -> NetState {
        NetState::from_error(e, self.platform.is_online(), self.relay.answered())
    }

    /// Shows `state`; the polling tab tells the others, which show what it sees.
    pub fn report(&self, state: NetState) {
        self.show(state);
        if self.tabs.is_leader() {
            self.tabs.post(&TabMessage::Net {
                state: state.code().into(),
            });
        }
    }

    /// Shows `state` (as the polling tab saw it).
    pub fn show(&self, state: NetState) {
        if self.health.get_untracked() != state {
            self.health.set(state);
        }
    }

    /// Shows the first onion path of the current client.
    pub fn update_path(&self) {
        let hops = path_view(&self.client().state());
        if self.path.get_untracked() != hops {
            self.path.set(hops);
        }
    }
}

/// The hops of the first path in `state`.
pub fn path_view(state: &ClientState) -> Vec<HopView> {
    let nodes = state.nodes();
    state
        .paths()
        .first()
        .map(|path| {
            path.iter()
                .map(|id| HopView {
                    address: nodes
                        .iter()
                        .find(|n| n.ed25519 == *id)
                        .map(|n| format!("{}:{}", n.ip, n.port))
                        .unwrap_or_else(|| t!("home-onion-unknown-address")),
                    key_prefix: id.to_hex().chars().take(10).collect(),
                })
                .collect()
        })
        .unwrap_or_default()
}
