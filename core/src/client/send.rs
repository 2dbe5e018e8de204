//! Sending: a one-to-one message's copy in the recipient's swarm and its sync copy in ours
//! (messaging.md §3.5, §5.3; network.md §8.6), and the general store of any bytes in any
//! namespace of any account with any authentication.
//!
//! A message is encrypted once ([`Client::prepare`]) and then stored ([`Client::deliver`]) as
//! often as needed: identical bytes give the identical hash, which nodes store only once, so
//! retries (after a lost reply, a restart, a relay outage) never duplicate it.

use super::call::Wrap;
use super::config::MESSAGE_TTL_MS;
use super::error::{Failure, StoreProof};
use super::node::NodeId;
use super::plan::AccountAuth;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::config::fields::Disappearing;
use crate::identity::SessionId;
use crate::message;
use crate::message::compose::{sync_copy, ContentBuilder};
use crate::message::expiration::store_ttl_ms;
use crate::message::receive::{identity_key, FORGET_MARGIN_MS};
use crate::proto::session::Content;
use crate::rpc::response::{StoreResponse, SubResponse};
use crate::rpc::{self, namespace, StoreMessage};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One encrypted copy and whether a swarm accepted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Copy {
    #[serde(with = "b64")]
    data: Vec<u8>,
    hash: String,
    stored: bool,
    /// The namespace it goes to (0 for one-to-one messages and their sync copies).
    #[serde(default)]
    namespace: i16,
}

/// How far ahead of network time a message may be dated to keep timestamps increasing.
const MAX_LEAD_MS: u64 = 60_000;

fn default_ttl() -> u64 {
    MESSAGE_TTL_MS
}

/// A message encrypted and ready to store; serialisable so that an outbox can keep it across
/// restarts and deliver the very same bytes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    #[serde(with = "session_id_hex")]
    to: SessionId,
    timestamp_ms: u64,
    /// How long the network keeps it (older records: the 14 days every message had).
    #[serde(default = "default_ttl")]
    ttl_ms: u64,
    recipient: Copy,
    sync: Option<Copy>,
    /// How long the network keeps the sync copy, when not `ttl_ms` (a message disappearing
    /// after read: we have read our own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sync_ttl_ms: Option<u64>,
}

impl Outgoing {
    /// The recipient.
    pub fn to(&self) -> &SessionId {
        &self.to
    }

    /// Sent time T (ms, network time), the message's identity together with our Session ID.
    pub fn timestamp_ms(&self) -> u64 {
        self.timestamp_ms
    }

    /// How long the network keeps it (ms).
    pub fn ttl_ms(&self) -> u64 {
        self.ttl_ms
    }

    /// When it expires (network time, ms): after that it can no longer be delivered.
    pub fn expires_ms(&self) -> u64 {
        self.timestamp_ms.saturating_add(self.ttl_ms)
    }

    /// Hash of the recipient's copy (known before sending).
    pub fn hash(&self) -> &str {
        &self.recipient.hash
    }

    /// Hash of the sync copy in our swarm, if there is one (the copy we may later delete).
    pub fn sync_hash(&self) -> Option<&str> {
        self.sync.as_ref().map(|c| c.hash.as_str())
    }

    /// Keeps both copies as long as disappearing `mode` wants (messaging.md §5.6); the
    /// Content must carry the same mode ([`crate::message::expiration::stamp`]).
    pub fn disappearing(mut self, mode: Disappearing) -> Outgoing {
        self.ttl_ms = store_ttl_ms(mode, false);
        let sync = store_ttl_ms(mode, true);
        self.sync_ttl_ms = (sync != self.ttl_ms).then_some(sync);
        self
    }

    /// Whether the recipient's swarm accepted it.
    pub fn is_sent(&self) -> bool {
        self.recipient.stored
    }

    /// What is stored of it, with `sync` saying what became of the sync copy.
    fn report(&self, sync: SyncStatus) -> SendReport {
        SendReport {
            hash: self.recipient.hash.clone(),
            timestamp_ms: self.timestamp_ms,
            sync,
        }
    }

    /// Whether nothing remains to store.
    pub fn is_complete(&self) -> bool {
        self.recipient.stored && self.sync.as_ref().is_none_or(|c| c.stored)
    }
}

/// What became of the sync copy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyncStatus {
    /// Stored in our swarm with this hash.
    Stored(String),
    /// The recipient has the message but our other devices will not see it; deliver the same
    /// [`Outgoing`] again later to retry only the sync copy.
    Failed(ClientError),
    /// No sync copy: a note to self, or content that is not synced.
    NotNeeded,
}

/// A delivered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendReport {
    /// Hash of the recipient's copy.
    pub hash: String,
    /// Sent time T (ms).
    pub timestamp_ms: u64,
    /// The sync copy.
    pub sync: SyncStatus,
}

/// Bytes to store in a swarm.
#[derive(Debug, Clone)]
pub struct StoreRequest<'a> {
    /// The account (`05`) or group (`03`) whose swarm stores it.
    pub account: SessionId,
    /// The namespace.
    pub namespace: i16,
    /// The bytes.
    pub data: &'a [u8],
    /// How long the network keeps it (ms): at most 14 days in public inboxes, 30 elsewhere.
    pub ttl_ms: u64,
    /// How the store is signed ([`AccountAuth::Public`] for public inboxes such as another
    /// user's namespace 0).
    pub auth: AccountAuth,
}

/// Bytes a swarm stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Their hash.
    pub hash: String,
    /// The member that answered.
    pub node: NodeId,
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Sends a text message (without a profile) to `to`, and its sync copy to our other
    /// devices.
    pub async fn send_text(&self, to: &SessionId, text: &str) -> Result<SendReport, ClientError> {
        self.send(to, ContentBuilder::text(text).build()).await
    }

    /// Sends any Content to `to`: [`Client::prepare`] then [`Client::deliver`] (after
    /// connecting when possible, so that the timestamp comes from an already corrected clock).
    pub async fn send(&self, to: &SessionId, content: Content) -> Result<SendReport, ClientError> {
        self.ready().await?;
        // Best effort: building paths also samples the network's time; `deliver` retries it.
        let _ = self.ensure_paths().await;
        let mut out = self.prepare(to, content)?;
        self.deliver(&mut out).await
    }

    /// Encrypts a message for `to` with the current network time as its timestamp T, and, for
    /// a visible message to someone else, the sync copy for our own swarm (same T, our profile
    /// removed, `syncTarget` = `to`). Nothing is sent yet.
    pub fn prepare(&self, to: &SessionId, content: Content) -> Result<Outgoing, ClientError> {
        let t = self.next_timestamp();
        self.prepare_at(to, content, t)
    }

    /// Takes the timestamp T of a message whose Content is built later (one with attachments
    /// to upload first): the message is shown and ordered at T from the moment it is written,
    /// as the official apps do. Pass it to [`Client::prepare_at`].
    pub fn reserve_timestamp(&self) -> u64 {
        self.next_timestamp()
    }

    /// [`Client::prepare`] for something short-lived: the network keeps it `ttl_ms` (a typing
    /// indicator's [`TYPING_TTL_MS`](crate::message::control::TYPING_TTL_MS), say).
    pub fn prepare_ttl(
        &self,
        to: &SessionId,
        content: Content,
        ttl_ms: u64,
    ) -> Result<Outgoing, ClientError> {
        let mut out = self.prepare(to, content)?;
        out.ttl_ms = ttl_ms.min(self.config.message_ttl_ms);
        Ok(out)
    }

    /// [`Client::prepare`] with a timestamp from [`Client::reserve_timestamp`].
    pub fn prepare_at(
        &self,
        to: &SessionId,
        content: Content,
        t: u64,
    ) -> Result<Outgoing, ClientError> {
        let to = to
            .require_standard()
            .map_err(ClientError::InvalidRecipient)?;
        let us = self.identity.session_id();
        let mut rng = self.rng.borrow_mut();
        let seal = |to: &SessionId, content: &Content, rng: &mut R| {
            let data = message::encode_for_recipient(&self.identity, to, content, t, rng)?;
            let hash = rpc::message_hash(to.as_bytes(), namespace::DEFAULT, &data);
            Ok::<_, ClientError>(Copy {
                data,
                hash,
                stored: false,
                namespace: namespace::DEFAULT,
            })
        };
        let recipient = seal(&to, &content, &mut rng)?;
        let sync = match sync_copy(&content, &to, &us) {
            Some(copy) => Some(seal(&us, &copy, &mut rng)?),
            None => None,
        };
        Ok(Outgoing {
            to,
            timestamp_ms: t,
            ttl_ms: self.config.message_ttl_ms,
            recipient,
            sync,
            sync_ttl_ms: None,
        })
    }

    /// Stores whatever of `out` is not stored yet: the recipient's copy (failing the whole
    /// call if it cannot be stored), then the sync copy (whose failure is only reported).
    /// Safe to repeat with the same `out`, also after a restart: nodes de-duplicate by hash.
    /// A message whose lifetime has ended is not stored any more: [`ClientError::Expired`]
    /// when the recipient never got it; a sync copy still missing is given up.
    pub async fn deliver(&self, out: &mut Outgoing) -> Result<SendReport, ClientError> {
        if self.network_now_ms() >= out.expires_ms() {
            let expired = ClientError::Expired {
                timestamp_ms: out.timestamp_ms,
                ttl_ms: out.ttl_ms,
            };
            if !out.recipient.stored {
                return Err(expired);
            }
            if out.sync.take_if(|c| !c.stored).is_some() {
                return Ok(out.report(SyncStatus::Failed(expired)));
            }
        }
        if out.is_complete() {
            // Nothing left to store: no need for the network.
            return Ok(out.report(match &out.sync {
                Some(c) => SyncStatus::Stored(c.hash.clone()),
                None => SyncStatus::NotNeeded,
            }));
        }
        self.ready().await?;
        let us = self.identity.session_id();
        if !out.recipient.stored {
            self.store_copy(&out.to, &out.recipient, out.ttl_ms).await?;
            out.recipient.stored = true;
            if out.to == us {
                self.mark_own(&out.recipient.hash, out.timestamp_ms);
            }
        }
        let sync = match out.sync.as_mut() {
            None => SyncStatus::NotNeeded,
            Some(copy) if copy.stored => SyncStatus::Stored(copy.hash.clone()),
            Some(copy) => match self
                .store_copy(&us, copy, out.sync_ttl_ms.unwrap_or(out.ttl_ms))
                .await
            {
                Ok(()) => {
                    copy.stored = true;
                    let hash = copy.hash.clone();
                    self.mark_own(&hash, out.timestamp_ms);
                    SyncStatus::Stored(hash)
                }
                Err(e) => SyncStatus::Failed(e),
            },
        };
        Ok(out.report(sync))
    }

    /// Network time now, but strictly after the previous message's: receivers drop a second
    /// message with the same `(sender, T)` as a duplicate. A previous time more than a minute
    /// ahead (from a clock since corrected) is not followed: every later message would be
    /// dated in the future.
    fn next_timestamp(&self) -> u64 {
        let now = self.network_now_ms();
        let mut st = self.state.borrow_mut();
        let next = st.last_sent_ms.saturating_add(1);
        let t = if next <= now.saturating_add(MAX_LEAD_MS) {
            now.max(next)
        } else {
            now
        };
        st.last_sent_ms = t;
        t
    }

    /// What we stored in our own swarm is not news to this device.
    fn mark_own(&self, hash: &str, timestamp_ms: u64) {
        let until = self
            .env
            .now_ms()
            .max(timestamp_ms)
            .saturating_add(self.config.message_ttl_ms)
            .saturating_add(FORGET_MARGIN_MS);
        let us = self.identity.session_id();
        let mut st = self.state.borrow_mut();
        st.seen.hashes.insert(hash, until);
        st.seen.ids.insert(&identity_key(&us, timestamp_ms), until);
    }

    /// Stores one copy of a message in `account`'s public inbox.
    async fn store_copy(
        &self,
        account: &SessionId,
        copy: &Copy,
        ttl_ms: u64,
    ) -> Result<(), ClientError> {
        let request = StoreRequest {
            account: *account,
            namespace: copy.namespace,
            data: &copy.data,
            ttl_ms,
            auth: AccountAuth::Public,
        };
        self.store(&request).await.map(drop)
    }

    /// Whether a store's answer proves that a member of `account`'s swarm (by the node list,
    /// or the cached swarm when the list names none) stored the message `hash` (network.md
    /// §5.4: each member signs the hash string with its Ed25519 key).
    pub(super) fn store_proof(
        &self,
        account: &SessionId,
        hash: &str,
        results: &[SubResponse],
    ) -> Result<(), Failure> {
        let response = results
            .first()
            .ok_or(Failure::Unproven(StoreProof::Missing))?
            .parse::<StoreResponse>()
            .map_err(|e| Failure::Unproven(StoreProof::Unreadable(e)))?;
        if response.hash != hash {
            return Err(Failure::Unproven(StoreProof::WrongHash));
        }
        let members = self.swarm_members(account);
        let proven = response
            .proven_by(hash)
            .iter()
            .any(|key| members.contains(&NodeId(*key)));
        if proven {
            Ok(())
        } else {
            Err(Failure::Unproven(StoreProof::Unsigned))
        }
    }

    /// The members of `account`'s swarm: by the node list, or the cached swarm when the list
    /// names none.
    pub(super) fn swarm_members(&self, account: &SessionId) -> Vec<NodeId> {
        self.listed_swarm(account).unwrap_or_else(|| {
            self.state
                .borrow()
                .swarms
                .members(&account.to_hex())
                .to_vec()
        })
    }

    /// Stores bytes in a namespace of an account's swarm, resolving the swarm and following
    /// moves; every attempt is signed afresh (for signed namespaces) with the network time.
    pub async fn store(&self, req: &StoreRequest<'_>) -> Result<Stored, ClientError> {
        self.ready().await?;
        let auth = req.auth.rpc(&self.identity);
        let mut build = |now: u64, _: &NodeId| {
            let msg = StoreMessage {
                account: req.account.as_bytes(),
                namespace: req.namespace,
                data: req.data,
                timestamp_ms: now,
                ttl_ms: req.ttl_ms,
                sig_timestamp_ms: None,
            };
            Ok(vec![rpc::store(&msg, auth.as_ref())?])
        };
        // A request that cannot be built (unsigned, wrong key, too large) fails before any
        // network traffic.
        build(self.network_now_ms(), &NodeId([0; 32]))?;
        let hash = rpc::message_hash(req.account.as_bytes(), req.namespace, req.data);
        // Stored means proven: a member of the account's swarm signed the message's hash.
        let mut check =
            |_: &NodeId, results: &[SubResponse]| self.store_proof(&req.account, &hash, results);
        let answer = self
            .call_swarm(
                &req.account,
                &[],
                Wrap::Sequence,
                &mut build,
                Some(&mut check),
            )
            .await?;
        Ok(Stored {
            hash,
            node: answer.node,
        })
    }
}

mod b64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        STANDARD
            .decode(s)
            .map_err(|_| serde::de::Error::custom("expected base64"))
    }
}

mod session_id_hex {
    use super::*;

    pub fn serialize<S: Serializer>(v: &SessionId, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_hex())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SessionId, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|e| serde::de::Error::custom(format!("invalid Session ID: {e}")))
    }
}
