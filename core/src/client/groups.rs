//! Moving a group's bytes (groups-and-config.md §3.9, §3.10): its rows in the poll plan
//! (signed as the group by admins, with the sub-account by members), what a poll retrieved
//! for it, an admin's push in one `sequence`, and group messages stored in namespace 11.
//! Every rule is [`crate::group::state::GroupState`]'s; this only moves bytes.

use super::call::Wrap;
use super::events::{Event, PollReport};
use super::node::NodeId;
use super::plan::{AccountAuth, Decoder, PlanError, PollEntry, PollPlan, Subaccount};
use super::send::{StoreRequest, Stored};
use super::transport::Transport;
use super::{Client, ClientError, Env, MESSAGE_TTL_MS};
use crate::config::{Compressor, CONFIG_TTL_MS};
use crate::group::state::{GroupItem, GroupPush, GroupRetrieved, GroupState, POLLED_NAMESPACES};
use crate::group::{AdminKey, GroupId};
use crate::identity::SessionId;
use crate::proto::session::Content;
use crate::rpc::response::SubResponse;
use crate::rpc::{self, namespace, Auth, StoreMessage};
use rand_core::{CryptoRng, RngCore};
use std::cell::RefCell;
use std::rc::Rc;

/// How this account signs requests to a group's swarm.
pub fn group_auth(group: &GroupState) -> Option<AccountAuth> {
    if let Some(admin) = group.admin_key() {
        return Some(AccountAuth::Owner(Rc::new(admin.signing_key().clone())));
    }
    let signer = group.member_signer()?;
    Some(AccountAuth::Subaccount(Rc::new(Subaccount {
        token: *signer.token(),
        token_signature: *signer.token_signature(),
        signer: Box::new(signer),
    })))
}

impl PollPlan {
    /// Adds a group's namespaces (−11, 11, 13, 14, 12), replacing rows it had.
    pub fn add_group(&mut self, us: &SessionId, group: &GroupState) -> Result<(), PlanError> {
        let id = group.id().session_id();
        self.remove_account(&id);
        let Some(auth) = group_auth(group) else {
            return Ok(());
        };
        for ns in POLLED_NAMESPACES {
            self.add(PollEntry::new(id, ns, auth.clone(), Decoder::Raw), us)?;
        }
        Ok(())
    }
}

/// What a poll retrieved for `group`.
pub fn group_retrieved(report: &PollReport, group: &GroupId) -> GroupRetrieved {
    let id = group.session_id();
    let mut out = GroupRetrieved::default();
    for event in &report.events {
        let Event::Retrieved(batch) = event else {
            continue;
        };
        if batch.account != id {
            continue;
        }
        for m in &batch.items {
            out.add(
                batch.namespace,
                GroupItem {
                    hash: m.hash.clone(),
                    data: m.data.clone(),
                    timestamp_ms: i64::try_from(m.timestamp).unwrap_or(i64::MAX),
                    expires_ms: m.expiration,
                },
            );
        }
    }
    out
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Stores an admin's push in one request to the group's swarm: every store (each proven
    /// by a swarm member), then the deletion of obsolete configs and token (un)revocations.
    /// Returns the hash of each store.
    pub async fn push_group(
        &self,
        admin: &AdminKey,
        push: &GroupPush,
    ) -> Result<Vec<String>, ClientError> {
        self.ready().await?;
        let id = admin.group().session_id();
        let auth = Auth::Owner(admin.signing_key());
        let hashes: Vec<String> = push
            .stores
            .iter()
            .map(|s| rpc::message_hash(id.as_bytes(), s.namespace, &s.data))
            .collect();
        let obsolete: Vec<&str> = push
            .obsolete
            .iter()
            .map(String::as_str)
            .filter(|h| rpc::is_valid_hash(h))
            .collect();
        if push.stores.is_empty()
            && obsolete.is_empty()
            && push.revoke.is_empty()
            && push.unrevoke.is_empty()
        {
            return Ok(Vec::new());
        }
        let mut build = |now: u64, _: &NodeId| {
            let mut requests = Vec::new();
            for s in &push.stores {
                let ttl_ms = if s.namespace == namespace::REVOKED_RETRIEVABLE_GROUP_MESSAGES {
                    MESSAGE_TTL_MS
                } else {
                    CONFIG_TTL_MS
                };
                let msg = StoreMessage {
                    account: id.as_bytes(),
                    namespace: s.namespace,
                    data: &s.data,
                    timestamp_ms: now,
                    ttl_ms,
                    sig_timestamp_ms: None,
                };
                requests.push(rpc::store(&msg, Some(&auth))?);
            }
            if !obsolete.is_empty() {
                requests.push(rpc::delete(id.as_bytes(), &obsolete, false, &auth)?);
            }
            if !push.revoke.is_empty() {
                requests.push(rpc::revoke_subaccount(
                    id.as_bytes(),
                    &push.revoke,
                    now,
                    admin.signing_key(),
                )?);
            }
            if !push.unrevoke.is_empty() {
                requests.push(rpc::unrevoke_subaccount(
                    id.as_bytes(),
                    &push.unrevoke,
                    now,
                    admin.signing_key(),
                )?);
            }
            Ok(requests)
        };
        let mut check = |_: &NodeId, results: &[SubResponse]| {
            for (i, hash) in hashes.iter().enumerate() {
                self.store_proof(&id, hash, results.get(i..).unwrap_or_default())?;
            }
            Ok(())
        };
        self.call_swarm(&id, &[], Wrap::Sequence, &mut build, Some(&mut check))
            .await?;
        Ok(hashes)
    }

    /// Pushes what an admin's group has waiting and confirms it. `Ok(false)`: nothing to
    /// push (or not an admin). The group is borrowed only around the network call.
    pub async fn sync_group(
        &self,
        group: &RefCell<GroupState>,
        compressor: Option<&dyn Compressor>,
    ) -> Result<bool, ClientError> {
        let now = i64::try_from(self.network_now_ms()).unwrap_or(i64::MAX);
        let push = group
            .borrow_mut()
            .prepare_push(compressor, now)
            .map_err(ClientError::Group)?;
        let Some(push) = push else {
            return Ok(false);
        };
        let admin = group.borrow().admin_key().cloned();
        let Some(admin) = admin else {
            return Ok(false);
        };
        match self.push_group(&admin, &push).await {
            Ok(hashes) => {
                group.borrow_mut().confirm_push(&push, &hashes, now);
                Ok(true)
            }
            Err(e) => {
                group.borrow_mut().push_failed(&push);
                Err(e)
            }
        }
    }

    /// Encrypts `content` for the group and stores it in namespace 11 (as the group for an
    /// admin, with the sub-account for a member).
    pub async fn send_group(
        &self,
        group: &GroupState,
        content: &Content,
        timestamp_ms: u64,
        compressor: Option<&dyn Compressor>,
    ) -> Result<Stored, ClientError> {
        let data = group
            .seal(
                content,
                timestamp_ms,
                compressor,
                &mut *self.rng.borrow_mut(),
            )
            .map_err(ClientError::Group)?;
        let auth = group_auth(group).ok_or(ClientError::Group(
            crate::group::GroupError::Invalid("no way to write to this group"),
        ))?;
        self.store(&StoreRequest {
            account: group.id().session_id(),
            namespace: namespace::GROUP_MESSAGES,
            data: &data,
            ttl_ms: MESSAGE_TTL_MS,
            auth,
        })
        .await
    }
}
