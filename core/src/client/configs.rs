//! Moving the account's user configs (groups-and-config.md §1.15): one push stores every
//! changed config and deletes the messages they replace, in one `sequence`; a stored message
//! counts when a swarm member proves it; active configs are kept alive with `expire`. What to
//! push and how to merge is [`crate::config::AccountConfigs`]'s; this only moves the bytes.

use super::call::Wrap;
use super::events::{Event, PollReport};
use super::node::NodeId;
use super::plan::{AccountAuth, Decoder, PollEntry, PollPlan};
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::config::Compressor;
use crate::config::{AccountConfigs, Domain, PendingPush, CONFIG_TTL_MS, USER_CONFIGS};
use crate::rpc::response::SubResponse;
use crate::rpc::{self, namespace, Auth, ExpireMode, Expiry, StoreMessage};
use rand_core::{CryptoRng, RngCore};
use std::cell::RefCell;

impl PollPlan {
    /// Our own account as desktop polls it: the inbox, then the configs (2, 3, 5, 4).
    pub fn own_account(us: crate::identity::SessionId) -> PollPlan {
        let mut plan = PollPlan::inbox(us);
        add_config_rows(&mut plan, us);
        plan
    }

    /// Our configs alone (a restored device fetching its settings without touching the inbox).
    pub fn own_configs(us: crate::identity::SessionId) -> PollPlan {
        let mut plan = PollPlan::new();
        add_config_rows(&mut plan, us);
        plan
    }
}

fn add_config_rows(plan: &mut PollPlan, us: crate::identity::SessionId) {
    for ns in [
        namespace::USER_PROFILE,
        namespace::CONTACTS,
        namespace::USER_GROUPS,
        namespace::CONVO_INFO_VOLATILE,
    ] {
        // Our own rows, each signed with our key: they cannot clash or be refused.
        let _ = plan.add(
            PollEntry::new(us, ns, AccountAuth::Identity, Decoder::Raw),
            &us,
        );
    }
}

/// Whether `namespace` holds one of our user configs.
pub fn is_user_config(namespace: i16) -> bool {
    USER_CONFIGS.iter().any(|d| d.namespace() == namespace)
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Merges the config messages a poll brought (our namespaces 2–5) into `configs`: call it
    /// before handling the poll's messages, which may depend on them (§1.16). Returns the
    /// configs whose data changed.
    pub fn absorb_configs(&self, configs: &mut AccountConfigs, report: &PollReport) -> Vec<Domain> {
        let us = self.identity.session_id();
        let now = i64::try_from(self.network_now_ms()).unwrap_or(i64::MAX);
        let mut changed = Vec::new();
        for event in &report.events {
            let Event::Retrieved(batch) = event else {
                continue;
            };
            if batch.account != us || !is_user_config(batch.namespace) {
                continue;
            }
            let items: Vec<(String, Vec<u8>)> = batch
                .items
                .iter()
                .map(|m| (m.hash.clone(), m.data.clone()))
                .collect();
            if configs.merge(batch.namespace, &items, now) {
                changed.extend(Domain::from_namespace(batch.namespace));
            }
        }
        changed
    }

    /// Stores a push of our configs and deletes what it replaces, in one request to our swarm.
    /// Returns the hash of each stored message (in `pending.stores` order) once a member of
    /// our swarm proved every store.
    pub async fn push_configs(&self, pending: &PendingPush) -> Result<Vec<String>, ClientError> {
        self.ready().await?;
        let us = self.identity.session_id();
        let auth = Auth::Owner(self.identity.signing_key());
        let hashes: Vec<String> = pending
            .stores
            .iter()
            .map(|s| rpc::message_hash(us.as_bytes(), s.domain.namespace(), &s.data))
            .collect();
        // Hashes come from the swarm; one that is not a hash could only make every push fail.
        let obsolete: Vec<&str> = pending
            .obsolete
            .iter()
            .map(String::as_str)
            .filter(|h| rpc::is_valid_hash(h))
            .collect();
        if pending.stores.is_empty() && obsolete.is_empty() {
            return Ok(Vec::new());
        }
        let mut build = |now: u64, _: &NodeId| {
            let mut requests = pending
                .stores
                .iter()
                .map(|s| {
                    let msg = StoreMessage {
                        account: us.as_bytes(),
                        namespace: s.domain.namespace(),
                        data: &s.data,
                        timestamp_ms: now,
                        ttl_ms: CONFIG_TTL_MS,
                        sig_timestamp_ms: None,
                    };
                    rpc::store(&msg, Some(&auth))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if !obsolete.is_empty() {
                requests.push(rpc::delete(us.as_bytes(), &obsolete, false, &auth)?);
            }
            Ok(requests)
        };
        let mut check = |_: &NodeId, results: &[SubResponse]| {
            for (i, hash) in hashes.iter().enumerate() {
                self.store_proof(&us, hash, results.get(i..).unwrap_or_default())?;
            }
            Ok(())
        };
        self.call_swarm(&us, &[], Wrap::Sequence, &mut build, Some(&mut check))
            .await?;
        Ok(hashes)
    }

    /// Pushes every config of `configs` that needs it and confirms what the swarm stored (the
    /// configs are borrowed only around the network call, never across it). `Ok(false)`:
    /// nothing to push. A failed push leaves the configs to push again.
    pub async fn sync_configs(
        &self,
        configs: &RefCell<AccountConfigs>,
        compressor: Option<&dyn Compressor>,
    ) -> Result<bool, ClientError> {
        let now = i64::try_from(self.network_now_ms()).unwrap_or(i64::MAX);
        let pending = configs
            .borrow_mut()
            .prepare_push(compressor, now)
            .map_err(ClientError::Config)?;
        let Some(pending) = pending else {
            return Ok(false);
        };
        match self.push_configs(&pending).await {
            Ok(hashes) => {
                configs.borrow_mut().confirm(&pending, &hashes);
                Ok(true)
            }
            Err(e) => {
                configs.borrow_mut().push_failed(&pending);
                Err(e)
            }
        }
    }

    /// Extends the life of our current config messages to 30 days from now (§1.15 step 5).
    pub async fn extend_configs(&self, hashes: &[String]) -> Result<(), ClientError> {
        if hashes.is_empty() {
            return Ok(());
        }
        self.ready().await?;
        let us = self.identity.session_id();
        let auth = Auth::Owner(self.identity.signing_key());
        let mut build = |now: u64, _: &NodeId| {
            let until = now.saturating_add(CONFIG_TTL_MS);
            Ok(vec![rpc::expire(
                us.as_bytes(),
                hashes,
                Expiry::At(until),
                ExpireMode::Extend,
                &auth,
            )?])
        };
        self.call_swarm(&us, &[], Wrap::Batch, &mut build, None)
            .await?;
        Ok(())
    }
}
