//! The client engine: onion calls to nodes and servers, polling and storing, sans-IO.
//!
//! A [`Client`] owns the account's [`Identity`], a [`Transport`] (HTTP, implemented by the host),
//! an [`Env`] (clock and timer) and an RNG, plus its [`ClientState`] (node pool, paths, swarm
//! cache, `last_hash`es, what was delivered, clock offset), which the host persists.
//!
//! - [`Client::poll`] follows a [`PollPlan`]: rows of (account, namespace, authentication,
//!   decoder), one batched request per swarm, each namespace's new items handed to the decoder
//!   its row names (our inbox to [`crate::message::receive`]); events come out once each.
//! - [`Client::store`] stores bytes in any namespace of any account with any authentication;
//!   [`Client::prepare`] + [`Client::deliver`] encrypt a one-to-one message once and store it
//!   (and its sync copy) idempotently; [`Client::flush_outbox`] delivers a host's outbox.
//! - [`Client::call_server`] reaches a server (file server, community) through onion v4.
//!
//! Everything else happens on the way: the node list is fetched from the seed and refreshed,
//! paths are built, tested (guards only) and repaired, swarms are resolved and cached, and
//! failures are retried with backoff (network.md §3, §8). Methods take `&self` (state lives in
//! `RefCell`s, never borrowed across an `.await`), so one client can poll and send
//! concurrently on a single thread; futures are not `Send`.

mod call;
mod communities;
mod config;
mod configs;
mod decode;
mod delete;
mod env;
mod error;
mod events;
mod files;
mod groups;
mod network;
mod node;
mod ons;
mod outbox;
mod path;
mod plan;
mod poll;
mod pool;
mod random;
mod retry;
mod send;
mod server;
mod state;
mod swarm_cache;
mod transport;

pub use communities::community_destination;
pub use config::{Config, MESSAGE_TTL_MS};
pub use configs::is_user_config;
pub use env::Env;
pub use error::{
    BootstrapError, ClientError, Failure, RemoteText, StateError, StoreProof, SwarmChange,
    SwarmError,
};
pub use events::{Event, PollError, PollReport, RetrievedBatch, SkipReason, Skipped};
pub use files::file_server_destination;
pub use groups::{group_auth, group_retrieved};
pub use node::{NodeId, NodeRecord};
pub use outbox::{Delivery, FlushReport, MemoryOutbox, OutboxEntry, OutboxStore};
pub use plan::{max_sizes, AccountAuth, Decoder, PlanError, PollEntry, PollPlan, Subaccount};
pub use retry::Backoff;
pub use send::{Outgoing, SendReport, StoreRequest, Stored, SyncStatus};
pub use server::{BuildServerRequest, Scheme, Server, ServerReply, ServerRequest, V4_TARGET};
pub use state::{ClientState, STATE_VERSION};
pub use transport::{HttpReply, RelayReason, Transport, TransportError};

use crate::identity::{Identity, SessionId};
use rand_core::{CryptoRng, RngCore};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
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
    /// What [`Client::poll`] polls.
    plan: RefCell<plan::PollPlan>,
    /// Outbox entries being delivered now (by hash), so two flushes do not both try one.
    in_flight: RefCell<HashSet<String>>,
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
        let plan = plan::PollPlan::inbox(identity.session_id());
        Client {
            identity,
            transport,
            env,
            rng: RefCell::new(rng),
            state: RefCell::new(state),
            config,
            last_resync_ms: Cell::new(None),
            plan: RefCell::new(plan),
            in_flight: RefCell::new(HashSet::new()),
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
