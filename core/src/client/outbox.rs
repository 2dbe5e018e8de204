//! The outbox: messages encrypted once and waiting to be stored, delivered by the engine,
//! kept by the host. The host only stores entries ([`OutboxStore`]); when to deliver, in which
//! order, what a failure means and when a message has expired are decided here, the same for
//! every host.
//!
//! Delivery is idempotent (the same bytes give the same hash, which nodes store once), so an
//! entry may be delivered again after a crash, a lost reply or a reload without duplicating it.

use super::send::{Outgoing, SendReport};
use super::transport::Transport;
use super::{Client, ClientError, Env};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::convert::Infallible;

/// A message waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The encrypted message and what of it is stored already.
    pub outgoing: Outgoing,
    /// Delivery attempts so far.
    #[serde(default)]
    pub attempts: u32,
    /// When it was put in the outbox (local ms).
    #[serde(default)]
    pub created_ms: u64,
}

impl OutboxEntry {
    /// A new entry for a prepared message.
    pub fn new(outgoing: Outgoing, now_ms: u64) -> OutboxEntry {
        OutboxEntry {
            outgoing,
            attempts: 0,
            created_ms: now_ms,
        }
    }

    /// The message's hash, which names the entry.
    pub fn hash(&self) -> &str {
        self.outgoing.hash()
    }

    /// Whether nothing remains to store: the host removes the entry.
    pub fn is_complete(&self) -> bool {
        self.outgoing.is_complete()
    }
}

/// What one delivery attempt of an entry came to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delivery {
    /// The recipient's swarm has it. The entry stays only while its sync copy is missing
    /// ([`OutboxEntry::is_complete`]).
    Sent(SendReport),
    /// Not stored yet; the entry stays for a later flush. (When the network was found down,
    /// the entries after the first are not even tried and carry the same error.)
    Failed(ClientError),
    /// Its lifetime ended before any swarm stored it: it can never be delivered. The host
    /// drops the entry and shows the message as failed for good.
    Expired,
}

/// Where the host keeps its outbox.
#[allow(async_fn_in_trait)]
pub trait OutboxStore {
    /// Why the host's storage failed.
    type Error;

    /// Every entry waiting (any order).
    async fn pending(&self) -> Result<Vec<OutboxEntry>, Self::Error>;

    /// Saves what an attempt did to `entry` (its new state), with the outcome: the host
    /// removes the entry when it is complete or expired, keeps it otherwise, and updates
    /// what it shows of the message.
    async fn record(&self, entry: &OutboxEntry, delivery: &Delivery) -> Result<(), Self::Error>;
}

/// What a flush did, entry by entry (by hash), oldest message first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlushReport {
    /// Each entry handled and its outcome.
    pub outcomes: Vec<(String, Delivery)>,
}

impl FlushReport {
    /// The outcome for the entry with this hash, if it was handled.
    pub fn outcome(&self, hash: &str) -> Option<&Delivery> {
        self.outcomes
            .iter()
            .find(|(h, _)| h == hash)
            .map(|(_, d)| d)
    }
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Delivers the outbox, oldest message first, recording each outcome with the host as it
    /// comes. Entries another flush is delivering right now are left to it. Once the network
    /// turns out to be unavailable, the remaining entries are recorded as failed with that
    /// error without being tried (each try would take the full retry time).
    pub async fn flush_outbox<S: OutboxStore>(&self, store: &S) -> Result<FlushReport, S::Error> {
        let mut entries = store.pending().await?;
        entries.sort_by(|a, b| {
            (a.outgoing.timestamp_ms(), a.hash()).cmp(&(b.outgoing.timestamp_ms(), b.hash()))
        });
        let mut report = FlushReport::default();
        let mut unavailable: Option<ClientError> = None;
        for mut entry in entries {
            let hash = entry.hash().to_owned();
            if !self.in_flight.borrow_mut().insert(hash.clone()) {
                continue;
            }
            let delivery = match &unavailable {
                Some(e) => Delivery::Failed(e.clone()),
                None => self.attempt(&mut entry).await,
            };
            if let Delivery::Failed(e) = &delivery {
                if !e.is_specific_to_request() {
                    unavailable.get_or_insert_with(|| e.clone());
                }
            }
            let recorded = store.record(&entry, &delivery).await;
            self.in_flight.borrow_mut().remove(&hash);
            recorded?;
            report.outcomes.push((hash, delivery));
        }
        Ok(report)
    }

    /// One delivery attempt of an entry (a complete one is only reported).
    async fn attempt(&self, entry: &mut OutboxEntry) -> Delivery {
        if !entry.is_complete() {
            entry.attempts = entry.attempts.saturating_add(1);
        }
        match self.deliver(&mut entry.outgoing).await {
            Ok(report) => Delivery::Sent(report),
            Err(ClientError::Expired { .. }) => Delivery::Expired,
            Err(e) => Delivery::Failed(e),
        }
    }
}

/// An outbox held in memory (a host that saves it as a whole, as the CLI does, or a test):
/// entries are kept until complete or expired.
#[derive(Debug, Default)]
pub struct MemoryOutbox {
    entries: RefCell<Vec<OutboxEntry>>,
}

impl MemoryOutbox {
    /// An outbox holding `entries`.
    pub fn new(entries: Vec<OutboxEntry>) -> MemoryOutbox {
        MemoryOutbox {
            entries: RefCell::new(entries),
        }
    }

    /// Adds an entry.
    pub fn push(&self, entry: OutboxEntry) {
        self.entries.borrow_mut().push(entry);
    }

    /// Removes the entry with this hash, returning it.
    pub fn remove(&self, hash: &str) -> Option<OutboxEntry> {
        let mut entries = self.entries.borrow_mut();
        let i = entries.iter().position(|e| e.hash() == hash)?;
        Some(entries.remove(i))
    }

    /// The entries now.
    pub fn entries(&self) -> Vec<OutboxEntry> {
        self.entries.borrow().clone()
    }
}

impl OutboxStore for MemoryOutbox {
    type Error = Infallible;

    async fn pending(&self) -> Result<Vec<OutboxEntry>, Infallible> {
        Ok(self.entries())
    }

    async fn record(&self, entry: &OutboxEntry, delivery: &Delivery) -> Result<(), Infallible> {
        let mut entries = self.entries.borrow_mut();
        entries.retain(|e| e.hash() != entry.hash());
        let done = entry.is_complete() || matches!(delivery, Delivery::Expired);
        if !done {
            entries.push(entry.clone());
        }
        Ok(())
    }
}
