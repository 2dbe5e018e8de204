//! An opened profile: its lock, keys and state, with a client built on them for one network.

use crate::config_sync::{now_ms, reconcile_name, NameSync, Zstd};
use crate::env::TokioEnv;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::{Profile, ProfileFile, ProfileLock, StoredState};
use rand_core::OsRng;
use session_core::client::{
    is_user_config, Client, ClientError, Delivery, MemoryOutbox, OutboxEntry, PollError, PollPlan,
    PollReport, SyncStatus, Transport,
};
use session_core::config::{contacts, AccountConfigs, Domain};
use session_core::identity::SessionId;
use std::cell::RefCell;

/// How often the current config messages get their 30 days back.
const EXTEND_EVERY_MS: u64 = 24 * 3600 * 1000;

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
    /// The account's user configs on this network.
    pub(crate) configs: RefCell<AccountConfigs>,
    /// The account's groups on this network.
    pub(crate) groups: Vec<crate::groups::CliGroup>,
    identity: session_core::identity::Identity,
    us: SessionId,
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
        let dumps: Vec<(Domain, Vec<u8>)> = stored
            .networks
            .get(&conn.network)
            .map(|n| {
                n.configs
                    .iter()
                    .filter_map(|(ns, dump)| {
                        Some((Domain::from_namespace(*ns)?, hex::decode(dump).ok()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (configs, unreadable) = AccountConfigs::load(&identity, &dumps);
        for e in unreadable {
            eprintln!(
                "note: the saved {} config is unreadable ({}); it is fetched again",
                e.domain, e.error
            );
        }
        let us = identity.session_id();
        let groups = crate::groups::load(&identity, stored.networks.get(&conn.network));
        let client = Client::new(
            identity.clone(),
            &conn.transport,
            TokioEnv,
            OsRng,
            state,
            conn.config.clone(),
        );
        client.set_poll_plan(crate::groups::plan(us, &groups));
        Ok(Account {
            profile,
            _lock: lock,
            stored,
            network: &conn.network,
            client,
            outbox: MemoryOutbox::new(outbox),
            configs: RefCell::new(configs),
            groups,
            identity,
            us,
        })
    }

    /// The account's keys.
    pub(crate) fn identity(&self) -> &session_core::identity::Identity {
        &self.identity
    }

    /// Polls our account and every group we are still in from now on.
    pub(crate) fn refresh_plan(&self) {
        self.client
            .set_poll_plan(crate::groups::plan(self.us, &self.groups));
    }

    /// After a poll (and its configs): the groups joined on other devices, then each group's
    /// share of the poll (see [`crate::groups::after_poll`]); the groups are recorded in the
    /// account's UserGroups and polled from now on.
    pub(crate) async fn absorb_groups(&mut self, report: &PollReport) -> crate::groups::GroupPoll {
        let elsewhere =
            crate::groups::joined_elsewhere(&self.configs.borrow(), &self.identity, &self.groups);
        self.groups.extend(elsewhere);
        let profile = self
            .profile
            .load_profile()
            .ok()
            .flatten()
            .map(|p| p.to_profile());
        let out = crate::groups::after_poll(
            &self.client,
            &self.identity,
            profile.as_ref(),
            &mut self.groups,
            report,
        )
        .await;
        {
            let mut configs = self.configs.borrow_mut();
            for g in &self.groups {
                crate::groups::record_in_config(&mut configs, g, false);
            }
        }
        self.refresh_plan();
        if let Err(e) = self.client.sync_configs(&self.configs, Some(&Zstd)).await {
            eprintln!("note: the account's groups could not be synced yet: {e}");
        }
        out
    }

    /// The group `id`, or an error naming it.
    pub(crate) fn group_index(&self, id: &session_core::group::GroupId) -> Result<usize, CliError> {
        self.groups
            .iter()
            .position(|g| g.state.id() == id)
            .ok_or_else(|| CliError(format!("this profile is not in the group {id}")))
    }

    /// The network's name (`local`, `mainnet`).
    pub(crate) fn network(&self) -> &str {
        self.network
    }

    /// Our Session ID.
    pub(crate) fn us(&self) -> SessionId {
        self.us
    }

    /// Writes the client's state, the outbox and the configs (atomically).
    pub(crate) fn save(&mut self) -> Result<(), CliError> {
        self.stored
            .set_network(self.network, &self.client.state(), &self.outbox.entries());
        let net = self
            .stored
            .networks
            .entry(self.network.to_owned())
            .or_default();
        for (domain, dump) in self.configs.borrow_mut().take_dumps() {
            net.configs.insert(domain.namespace(), hex::encode(dump));
        }
        crate::groups::store(net, &mut self.groups);
        self.profile.save_state(&self.stored)
    }

    /// Records `to` as an approved contact after we wrote to them (as the official apps do),
    /// and pushes the change. Only once the configs were fetched from this network: a device
    /// that has not merged them yet must not write over them. Best effort.
    pub(crate) async fn note_contact(&mut self, to: &SessionId) {
        let polled = self
            .stored
            .networks
            .get(self.network)
            .is_some_and(|n| n.configs_polled);
        if !polled || *to == self.us {
            return;
        }
        let now_s = now_ms() / 1000;
        if let Some(config) = self.configs.borrow_mut().get_mut(Domain::Contacts) {
            config.edit(|d| {
                let mut c = contacts::get_or_new(d, to);
                c.approved = true;
                if c.created == 0 {
                    c.created = now_s;
                }
                contacts::set(d, &c);
            });
        }
        if let Err(e) = self.client.sync_configs(&self.configs, Some(&Zstd)).await {
            eprintln!("note: the new contact could not be synced yet: {e}");
        }
    }

    /// Polls the account's configs alone (not its inbox, whose messages stay for `receive`).
    pub(crate) async fn fetch_configs(&mut self) -> Result<PollReport, CliError> {
        let plan = self.client.poll_plan();
        self.client.set_poll_plan(PollPlan::own_configs(self.us));
        let report = self.client.poll().await;
        self.client.set_poll_plan(plan);
        report.map_err(|e| self.fail("fetching the account's settings failed", e))
    }

    /// After a poll: merges the configs it brought (before its messages are handled), keeps
    /// the display name in step with them, pushes what changed, and now and then keeps the
    /// config messages alive. Pushing is best effort: what fails goes out with the next poll.
    pub(crate) async fn sync_configs(&mut self, report: &PollReport) -> Result<(), CliError> {
        let us = self.us;
        let complete = !report.errors.iter().any(|e| match e {
            PollError::Namespace {
                account, namespace, ..
            } => *account == us && is_user_config(*namespace),
            PollError::Account { account, .. } => *account == us,
            _ => false,
        });
        self.client
            .absorb_configs(&mut self.configs.borrow_mut(), report);
        let now = u64::try_from(now_ms()).unwrap_or(0);
        let net = self
            .stored
            .networks
            .entry(self.network.to_owned())
            .or_default();
        if complete {
            net.configs_polled = true;
            net.configs_synced_ms = Some(now);
        }
        if !net.configs_polled {
            return Ok(());
        }
        let local = self.profile.load_profile()?;
        let synced = net.name_synced.clone();
        match reconcile_name(
            &mut self.configs.borrow_mut(),
            local.as_ref(),
            synced.as_deref(),
        )? {
            NameSync::Same | NameSync::Pushed => net.name_synced = local.map(|l| l.display_name),
            NameSync::Adopted(name) => {
                self.profile
                    .save_profile(&ProfileFile::new(&name, now / 1000))?;
                net.name_synced = Some(name);
            }
        }
        if let Err(e) = self.client.sync_configs(&self.configs, Some(&Zstd)).await {
            eprintln!("note: the account's settings could not be pushed yet: {e}");
        }
        let due = net
            .configs_extended_ms
            .is_none_or(|t| now.saturating_sub(t) >= EXTEND_EVERY_MS);
        if due {
            let hashes = self.configs.borrow().active_hashes();
            match self.client.extend_configs(&hashes).await {
                Ok(()) => {
                    let net = self
                        .stored
                        .networks
                        .entry(self.network.to_owned())
                        .or_default();
                    net.configs_extended_ms = Some(now);
                }
                Err(e) => eprintln!("note: the account's settings could not be renewed yet: {e}"),
            }
        }
        Ok(())
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
