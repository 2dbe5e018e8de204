//! An opened profile: its lock, keys and state, with a client built on them for one network.

use crate::env::TokioEnv;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::{Profile, ProfileLock, StoredState};
use rand_core::OsRng;
use session_core::client::{
    Client, ClientError, Delivery, MemoryOutbox, OutboxEntry, SyncStatus, Transport,
};

/// The client a command works with: the account's keys, the network's transport, tokio's
/// clock, the OS random generator.
pub(crate) type CliClient<'c, T> = Client<&'c T, TokioEnv, OsRng>;

/// A profile in use by this command (the lock is held until it is dropped).
pub(crate) struct Account<'c, T> {
    profile: &'c Profile,
    _lock: ProfileLock,
    stored: StoredState,
    network: &'c str,
    /// The client, starting from the saved state.
    pub(crate) client: CliClient<'c, T>,
    /// Messages whose delivery is unfinished.
    pub(crate) outbox: MemoryOutbox,
}

impl<'c, T: Transport> Account<'c, T> {
    /// Locks the profile and loads the account and its state for `conn`'s network.
    pub(crate) async fn open(
        profile: &'c Profile,
        conn: &'c Connection<T>,
    ) -> Result<Self, CliError> {
        let lock = profile.lock().await?;
        let identity = profile.load_identity()?;
        let stored = profile.load_state()?;
        let (state, outbox) = stored.network(&conn.network)?;
        let client = Client::new(
            identity,
            &conn.transport,
            TokioEnv,
            OsRng,
            state,
            conn.config.clone(),
        );
        Ok(Account {
            profile,
            _lock: lock,
            stored,
            network: &conn.network,
            client,
            outbox: MemoryOutbox::new(outbox),
        })
    }

    /// Writes the client's state and the outbox (atomically).
    pub(crate) fn save(&mut self) -> Result<(), CliError> {
        self.stored
            .set_network(self.network, &self.client.state(), &self.outbox.entries());
        self.profile.save_state(&self.stored)
    }

    /// Stores again what earlier commands left undelivered: a `send` interrupted before it
    /// finished (its message was never reported, so it is delivered now), or a sync copy that
    /// failed. Messages past their lifetime are dropped. Reports on stderr.
    pub(crate) async fn flush_outbox(&mut self) -> Result<(), CliError> {
        let before: Vec<OutboxEntry> = self.outbox.entries();
        if before.is_empty() {
            return Ok(());
        }
        let Ok(report) = self.client.flush_outbox(&self.outbox).await;
        for (hash, delivery) in &report.outcomes {
            let Some(entry) = before.iter().find(|e| e.hash() == hash) else {
                continue;
            };
            let to = entry.outgoing.to();
            match delivery {
                Delivery::Sent(r) if !entry.outgoing.is_sent() => eprintln!(
                    "note: delivered message {} to {to}, left over from an interrupted send",
                    r.hash
                ),
                Delivery::Sent(r) => {
                    if let SyncStatus::Stored(sync) = &r.sync {
                        eprintln!("note: stored the sync copy {sync} of message {}", r.hash);
                    }
                }
                Delivery::Expired => {
                    eprintln!("note: message {hash} to {to} failed: it expired before it could be delivered")
                }
                Delivery::Failed(e) => {
                    eprintln!("note: message {hash} to {to} is still undelivered: {e}")
                }
                _ => {}
            }
        }
        self.save()
    }

    /// Saves what the client learned even though the operation failed (dead nodes, clock),
    /// and turns the failure into the command's error.
    pub(crate) fn fail(&mut self, what: &str, e: ClientError) -> CliError {
        match self.save() {
            Ok(()) => CliError::context(what, e),
            Err(save) => CliError(format!("{what}: {e} (and {save})")),
        }
    }
}
