//! Sending a 1:1 message: the recipient's copy in their swarm, the sync copy in ours
//! (messaging.md §3.5, §5.3; network.md §8.6).
//!
//! A message is encrypted once ([`Client::prepare`]) and then stored ([`Client::deliver`]) as
//! often as needed: identical bytes give the identical hash, which nodes store only once, so
//! retries (after a lost reply, a restart, a relay outage) never duplicate it.

use super::call::{Target, Wrap};
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::message;
use crate::proto::session::{Content, DataMessage};
use crate::rpc::{self, StoreMessage};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One encrypted copy and whether a swarm accepted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Copy {
    #[serde(with = "b64")]
    data: Vec<u8>,
    hash: String,
    stored: bool,
}

/// A message encrypted and ready to store; serialisable so that an outbox can keep it across
/// restarts and deliver the very same bytes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    #[serde(with = "session_id_hex")]
    to: SessionId,
    timestamp_ms: u64,
    recipient: Copy,
    sync: Option<Copy>,
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

    /// Hash of the recipient's copy (known before sending).
    pub fn hash(&self) -> &str {
        &self.recipient.hash
    }

    /// Hash of the sync copy in our swarm, if there is one (the copy we may later delete).
    pub fn sync_hash(&self) -> Option<&str> {
        self.sync.as_ref().map(|c| c.hash.as_str())
    }

    /// Whether the recipient's swarm accepted it.
    pub fn is_sent(&self) -> bool {
        self.recipient.stored
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

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Sends a text message to `to` (and its sync copy to our other devices).
    pub async fn send_text(&self, to: &SessionId, text: &str) -> Result<SendReport, ClientError> {
        let content = Content {
            data_message: Some(DataMessage {
                body: Some(text.to_owned()),
                ..DataMessage::default()
            }),
            ..Content::default()
        };
        self.send(to, content).await
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
        if !to.is_standard() {
            return Err(ClientError::InvalidRecipient(format!(
                "{to} is not a 05 Session ID"
            )));
        }
        let us = self.identity.session_id();
        let t = self.next_timestamp();
        let mut rng = self.rng.borrow_mut();
        let seal = |to: &SessionId, content: &Content, rng: &mut R| {
            let data = message::encode_for_recipient(&self.identity, to, content, t, rng)?;
            let hash = rpc::message_hash(to.as_bytes(), 0, &data);
            Ok::<_, ClientError>(Copy {
                data,
                hash,
                stored: false,
            })
        };
        let recipient = seal(to, &content, &mut rng)?;
        let sync = match &content.data_message {
            Some(dm) if *to != us => {
                let mut copy = content.clone();
                copy.data_message = Some(DataMessage {
                    sync_target: Some(to.to_hex()),
                    profile: None,
                    profile_key: None,
                    ..dm.clone()
                });
                Some(seal(&us, &copy, &mut rng)?)
            }
            _ => None,
        };
        Ok(Outgoing {
            to: *to,
            timestamp_ms: t,
            recipient,
            sync,
        })
    }

    /// Stores whatever of `out` is not stored yet: the recipient's copy (failing the whole
    /// call if it cannot be stored), then the sync copy (whose failure is only reported).
    /// Safe to repeat with the same `out`, also after a restart: nodes de-duplicate by hash.
    pub async fn deliver(&self, out: &mut Outgoing) -> Result<SendReport, ClientError> {
        self.ready().await?;
        let us = self.identity.session_id();
        if !out.recipient.stored {
            self.store(&out.to, &out.recipient.data).await?;
            out.recipient.stored = true;
            if out.to == us {
                self.mark_own(&out.recipient.hash, out.timestamp_ms);
            }
        }
        let sync = match out.sync.as_mut() {
            None => SyncStatus::NotNeeded,
            Some(copy) if copy.stored => SyncStatus::Stored(copy.hash.clone()),
            Some(copy) => match self.store(&us, &copy.data).await {
                Ok(()) => {
                    copy.stored = true;
                    let hash = copy.hash.clone();
                    self.mark_own(&hash, out.timestamp_ms);
                    SyncStatus::Stored(hash)
                }
                Err(e) => SyncStatus::Failed(e),
            },
        };
        Ok(SendReport {
            hash: out.recipient.hash.clone(),
            timestamp_ms: out.timestamp_ms,
            sync,
        })
    }

    /// Network time now, but strictly after the previous message's: receivers drop a second
    /// message with the same `(sender, T)` as a duplicate.
    fn next_timestamp(&self) -> u64 {
        let now = self.network_now_ms();
        let mut st = self.state.borrow_mut();
        let t = now.max(st.last_sent_ms.saturating_add(1));
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
            .saturating_add(DAY_MS);
        let us = self.identity.session_id().to_hex();
        let mut st = self.state.borrow_mut();
        st.seen.add_hash(hash, until);
        st.seen.add_id(&us, timestamp_ms, until);
    }

    /// Stores `data` in namespace 0 of `account`'s swarm, resolving the swarm and following
    /// moves; `timestamp` is the network time of each attempt.
    async fn store(&self, account: &SessionId, data: &[u8]) -> Result<(), ClientError> {
        let ttl = self.config.message_ttl_ms;
        let mut build = |now: u64, _: &super::NodeId| {
            let msg = StoreMessage {
                account: account.as_bytes(),
                namespace: 0,
                data,
                timestamp_ms: now,
                ttl_ms: ttl,
                sig_timestamp_ms: None,
            };
            Ok(vec![rpc::store(&msg, None)?])
        };
        let mut result = Err(ClientError::NoSwarm("not resolved".into()));
        for round in 0..2 {
            self.ensure_swarm(account, round > 0).await?;
            result = self
                .call(Target::Swarm(account), &[], Wrap::Sequence, &mut build)
                .await;
            if !matches!(result, Err(ClientError::NoSwarm(_))) {
                break;
            }
        }
        result.map(|_| ())
    }
}

/// A day of margin on top of a message's lifetime before forgetting it was seen.
pub(crate) const DAY_MS: u64 = 24 * 60 * 60 * 1000;

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
