//! The client: sends and receives 1:1 messages over onion requests, sans-IO.
//!
//! A [`Client`] owns the account's [`Identity`], a [`Transport`] (HTTP, implemented by the host),
//! an [`Env`] (clock and timer) and an RNG, plus its [`ClientState`] (node pool, paths, swarm
//! cache, `last_hash`es, delivered messages, clock offset), which the host persists.
//!
//! - [`Client::send_text`] / [`Client::send`] store a message in the recipient's swarm and its
//!   sync copy in ours; [`Client::prepare`] + [`Client::deliver`] split that so an outbox can
//!   persist the encrypted message and retry it idempotently (same bytes, same hash).
//! - [`Client::poll`] retrieves our swarm from two members and yields each new [`Event`] once.
//!
//! Everything else happens on the way: the node list is fetched from the seed and refreshed,
//! paths are built, tested (guards only) and repaired, swarms are resolved and cached, and
//! failures are retried with backoff (network.md §3, §8). Methods take `&self` (state lives in
//! `RefCell`s, never borrowed across an `.await`), so one client can poll and send
//! concurrently on a single thread; futures are not `Send`.

mod call;
mod config;
mod env;
mod error;
mod events;
mod network;
mod node;
mod path;
mod poll;
mod pool;
mod random;
mod retry;
mod seen;
mod send;
mod state;
mod swarm_cache;
mod transport;

pub use config::{Config, MESSAGE_TTL_MS};
pub use env::Env;
pub use error::ClientError;
pub use events::{Direction, Event, MessageEvent, PollReport, SkipReason, Skipped};
pub use node::{NodeId, NodeRecord};
pub use retry::Backoff;
pub use send::{Outgoing, SendReport, SyncStatus};
pub use state::{ClientState, STATE_VERSION};
pub use transport::{relay_error, HttpReply, Transport, TransportError};

use crate::identity::{Identity, SessionId};
use rand_core::{CryptoRng, RngCore};
use std::cell::{Cell, RefCell};
use std::fmt;

/// A Session client for one account.
pub struct Client<T, E, R> {
    identity: Identity,
    transport: T,
    env: E,
    rng: RefCell<R>,
    state: RefCell<ClientState>,
    config: Config,
    /// Local time of the last clock resync (not persisted: a restart may resync once more).
    last_resync_ms: Cell<Option<u64>>,
}

impl<T, E, R> fmt::Debug for Client<T, E, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("account", &self.identity.session_id())
            .finish_non_exhaustive()
    }
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// A client for `identity`, starting from a saved `state` ([`ClientState::new`] the first
    /// time).
    pub fn new(
        identity: Identity,
        transport: T,
        env: E,
        rng: R,
        state: ClientState,
        config: Config,
    ) -> Self {
        Client {
            identity,
            transport,
            env,
            rng: RefCell::new(rng),
            state: RefCell::new(state),
            config,
            last_resync_ms: Cell::new(None),
        }
    }

    /// Our Session ID.
    pub fn session_id(&self) -> SessionId {
        self.identity.session_id()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A snapshot of the state to persist.
    pub fn state(&self) -> ClientState {
        self.state.borrow().clone()
    }

    /// The host's transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The host's environment.
    pub fn env(&self) -> &E {
        &self.env
    }

    /// Network time now (ms): the local clock corrected by the offset learned from nodes.
    pub fn network_now_ms(&self) -> u64 {
        self.state.borrow().clock.now(self.env.now_ms())
    }

    /// Gets the client ready to talk to the network: node list (from the seed the first time,
    /// refreshed hourly) and paths. Every operation does this itself; calling it first only
    /// moves the wait.
    pub async fn connect(&self) -> Result<(), ClientError> {
        self.ready().await?;
        self.ensure_paths().await
    }
}
