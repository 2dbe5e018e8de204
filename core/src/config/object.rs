//! One config of this device (groups-and-config.md §1.15, §1.16): its current message,
//! whether it waits to be pushed, which swarm messages hold it and which are obsolete. Local
//! changes go through [`ConfigObject::edit`], swarm messages through [`ConfigObject::merge`],
//! pushes through [`ConfigObject::push`] and [`ConfigObject::confirm_pushed`]; a dump keeps it
//! between runs. The engine does the I/O.
//!
//! A user config (namespaces 2–5) is encrypted under the account's seed and wrapped; a group
//! config (13, 14) is encrypted under the group's current key, never wrapped, and signed by
//! the group: only an admin can change or merge it, and every message read must carry a
//! valid group signature (§1.8).

use super::body::{self, Opened};
use super::compress::Compressor;
use super::convo_info_volatile;
use super::encrypt::Domain;
use super::message::{hash_bytes, ConfigMessage, MergeOutcome, MutableConfigMessage};
use super::multipart::{Added, Reassembler};
use super::value::Dict;
use super::wrap;
use super::ConfigError;
use crate::group::{AdminKey, GroupId};
use crate::identity::Identity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use zeroize::Zeroizing;

/// Where a config stands with the swarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfigState {
    /// What the swarm holds.
    Clean,
    /// Changed here; needs a push.
    Dirty,
    /// Pushed; waiting for the swarm's confirmation.
    Waiting,
}

/// What one push stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    /// The revision pushed.
    pub seqno: i64,
    /// The messages to store, in order (several when the config is split in parts); none
    /// when the swarm already holds this revision and the push only deletes obsolete ones.
    pub messages: Vec<Vec<u8>>,
    /// Swarm hashes of messages this revision replaces: delete them in the same request.
    pub obsolete: Vec<String>,
}

/// The current message: fixed (as received or pushed) or a revision being edited.
#[derive(Debug, Clone)]
enum Current {
    Fixed(ConfigMessage),
    Mutable(MutableConfigMessage),
}

/// Whose keys seal a config.
#[derive(Debug, Clone)]
enum Keyring {
    /// A user config: the account's seed is the key.
    Account {
        account: Identity,
        key: Zeroizing<[u8; 32]>,
    },
    /// A group config: the group's keys (newest first) and, for admins, the group key.
    Group {
        group: GroupId,
        admin: Option<AdminKey>,
        keys: Vec<[u8; 32]>,
    },
}

/// One config of an account or of a group.
#[derive(Debug, Clone)]
pub struct ConfigObject {
    domain: Domain,
    keyring: Keyring,
    current: Current,
    state: ConfigState,
    current_hashes: Vec<String>,
    obsolete: BTreeSet<String>,
    parts: Reassembler,
    needs_dump: bool,
    library_merge_diff: bool,
}

/// The dump format (local only): the state, the serialized message and the hashes.
#[derive(Serialize, Deserialize)]
struct Dump {
    v: u8,
    state: ConfigState,
    message: String,
    current: Vec<String>,
    obsolete: Vec<String>,
}

impl ConfigObject {
    /// A fresh, empty config (seqno 0) of `domain`, a user config, for `account`.
    pub fn new(account: &Identity, domain: Domain) -> Result<ConfigObject, ConfigError> {
        if !domain.is_wrapped() {
            return Err(ConfigError::InvalidValue {
                field: "config kind",
                reason: "not a user config",
            });
        }
        Ok(ConfigObject::with_keyring(
            domain,
            Keyring::Account {
                account: account.clone(),
                key: account.ed25519_seed(),
            },
        ))
    }

    /// A fresh, empty group config (Info or Members) of `group`; an admin when `admin` is the
    /// group's key. Its keys come from [`ConfigObject::set_group_keys`].
    pub fn new_group(
        group: GroupId,
        admin: Option<AdminKey>,
        domain: Domain,
    ) -> Result<ConfigObject, ConfigError> {
        if domain.is_wrapped() {
            return Err(ConfigError::InvalidValue {
                field: "config kind",
                reason: "not a group config",
            });
        }
        if admin.as_ref().is_some_and(|a| a.group() != group) {
            return Err(ConfigError::InvalidValue {
                field: "group key",
                reason: "not this group's",
            });
        }
        Ok(ConfigObject::with_keyring(
            domain,
            Keyring::Group {
                group,
                admin,
                keys: Vec::new(),
            },
        ))
    }

    fn with_keyring(domain: Domain, keyring: Keyring) -> ConfigObject {
        ConfigObject {
            domain,
            keyring,
            current: Current::Fixed(ConfigMessage::blank()),
            state: ConfigState::Clean,
            current_hashes: Vec::new(),
            obsolete: BTreeSet::new(),
            parts: Reassembler::new(),
            needs_dump: false,
            library_merge_diff: false,
        }
    }

    /// The group keys to open messages with (newest first; the first also seals pushes).
    /// No effect on a user config.
    pub fn set_group_keys(&mut self, new_keys: Vec<[u8; 32]>) {
        if let Keyring::Group { keys, .. } = &mut self.keyring {
            if *keys != new_keys {
                // (Setting the keys of a restored or new config is not a rekey.)
                let rekeyed = !keys.is_empty() && keys.first() != new_keys.first();
                *keys = new_keys;
                // A new key means the current revision must go out again under it (as the
                // official library re-pushes Info and Members after a rekey).
                if rekeyed && self.can_write() && self.seqno() > 0 {
                    self.force_dirty();
                }
            }
        }
    }

    /// Becomes a group admin (after a promotion). No effect on a user config.
    pub fn set_group_admin(&mut self, key: AdminKey) {
        if let Keyring::Group { group, admin, .. } = &mut self.keyring {
            if key.group() == *group {
                *admin = Some(key);
            }
        }
    }

    /// Whether this device may change and push it: always for user configs, only for admins
    /// of a group.
    pub fn can_write(&self) -> bool {
        match &self.keyring {
            Keyring::Account { .. } => true,
            Keyring::Group { admin, .. } => admin.is_some(),
        }
    }

    /// An empty config whose current revision is `seqno` (0 is a fresh config): its next
    /// change is revision `seqno + 1`. For tools that rebuild a given revision.
    pub fn starting_at(
        account: &Identity,
        domain: Domain,
        seqno: i64,
    ) -> Result<ConfigObject, ConfigError> {
        let mut config = ConfigObject::new(account, domain)?;
        if seqno != 0 {
            config.current = Current::Fixed(MutableConfigMessage::new(seqno).to_message(None));
        }
        Ok(config)
    }

    /// Makes merges write the diff the official library (2025-01) writes when a device with no
    /// unpushed change merges: every value of the merge as if newly assigned, where §1.7 says
    /// the merge's diff is empty. Those bytes are the library's, but such a merge outranks a
    /// concurrent change of a lower revision and undoes it (`config_sync` shows the schedule),
    /// so the engine keeps the empty diff; tools that must print the library's bytes use this.
    pub fn with_library_merge_diff(mut self) -> ConfigObject {
        self.library_merge_diff = true;
        self
    }

    /// Which config this is.
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// Where it stands with the swarm.
    pub fn state(&self) -> ConfigState {
        self.state
    }

    /// The current revision.
    pub fn seqno(&self) -> i64 {
        match &self.current {
            Current::Fixed(m) => m.seqno(),
            Current::Mutable(m) => m.seqno(),
        }
    }

    /// The current data.
    pub fn data(&self) -> &Dict {
        match &self.current {
            Current::Fixed(m) => m.data(),
            Current::Mutable(m) => m.data(),
        }
    }

    /// The serialized current message (§1.3), signed for a group admin.
    pub fn serialized(&mut self) -> Vec<u8> {
        let admin = match &self.keyring {
            Keyring::Group {
                admin: Some(admin), ..
            } => Some(admin.clone()),
            _ => None,
        };
        let sign = admin.as_ref().map(crate::group::config::signer);
        let signer = sign.as_ref().map(|s| s as &dyn Fn(&[u8]) -> [u8; 64]);
        match &mut self.current {
            Current::Fixed(m) => m.serialize(signer),
            Current::Mutable(m) => m.serialize(signer),
        }
    }

    /// Swarm hashes of the messages the current revision came from (to keep alive).
    pub fn current_hashes(&self) -> &[String] {
        &self.current_hashes
    }

    /// Whether a push is due: changed here, pushed and not yet confirmed, or holding obsolete
    /// swarm messages to delete (a merge that adopted another device's revision finds them;
    /// without a push they would stay in the swarm until the next change here).
    pub fn needs_push(&self) -> bool {
        self.state != ConfigState::Clean || (!self.obsolete.is_empty() && self.can_push())
    }

    /// Whether this device may push: always for a user config, only for a group's admin.
    fn can_push(&self) -> bool {
        !matches!(self.keyring, Keyring::Group { admin: None, .. })
    }

    /// Whether something changed since the last [`ConfigObject::dump`].
    pub fn needs_dump(&self) -> bool {
        self.needs_dump
    }

    fn set_state(&mut self, state: ConfigState) {
        if self.state == ConfigState::Clean {
            self.obsolete.extend(self.current_hashes.drain(..));
        }
        self.state = state;
        self.needs_dump = true;
    }

    /// Changes the data with `change`. Only a real change starts a new revision: the first
    /// change after a push increments the seqno, later ones join that revision.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Dict) -> R) -> R {
        let mut data = self.data().clone();
        let out = change(&mut data);
        data.prune();
        let mut now = self.data().clone();
        now.prune();
        if data == now {
            return out;
        }
        if self.state != ConfigState::Dirty {
            self.set_state(ConfigState::Dirty);
            self.current = Current::Mutable(match &mut self.current {
                Current::Fixed(m) => m.increment(),
                Current::Mutable(m) => m.increment(None),
            });
        }
        self.needs_dump = true;
        if let Current::Mutable(m) = &mut self.current {
            *m.data_mut() = data;
        }
        out
    }

    /// Changes the data with `change`, keeping the change only when it succeeds: a failed
    /// change leaves nothing half-written.
    pub fn try_edit<R, E>(
        &mut self,
        change: impl FnOnce(&mut Dict) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut scratch = self.data().clone();
        let out = change(&mut scratch)?;
        self.edit(|d| *d = scratch);
        Ok(out)
    }

    /// Makes a new revision even without a change (for a tool that must push a given seqno).
    pub fn force_dirty(&mut self) {
        if self.state != ConfigState::Dirty {
            self.set_state(ConfigState::Dirty);
            self.current = Current::Mutable(match &mut self.current {
                Current::Fixed(m) => m.increment(),
                Current::Mutable(m) => m.increment(None),
            });
        }
    }

    /// The messages to store for the current revision (compressed with `compressor` when
    /// that is shorter, padded, encrypted, wrapped), and the obsolete hashes to delete with
    /// them. `now_ms` drives the pruning of stale read states (ConvoInfoVolatile).
    pub fn push(
        &mut self,
        compressor: Option<&dyn Compressor>,
        now_ms: i64,
    ) -> Result<Push, ConfigError> {
        if self.domain == Domain::ConvoInfoVolatile {
            self.edit(|d| convo_info_volatile::prune_stale(d, now_ms));
        }
        let seqno = self.seqno();
        let messages = if self.state == ConfigState::Clean && self.can_push() {
            // The swarm holds this revision: only obsolete messages go.
            Vec::new()
        } else {
            self.sealed(compressor, seqno)?
        };
        if self.state == ConfigState::Dirty {
            self.set_state(ConfigState::Waiting);
        }
        let obsolete = std::mem::take(&mut self.obsolete).into_iter().collect();
        Ok(Push {
            seqno,
            messages,
            obsolete,
        })
    }

    /// The current revision as the messages to store (§1.3–§1.5).
    fn sealed(
        &mut self,
        compressor: Option<&dyn Compressor>,
        seqno: i64,
    ) -> Result<Vec<Vec<u8>>, ConfigError> {
        let serialized = self.serialized();
        let messages = match &self.keyring {
            Keyring::Account { account, key } => {
                let sealed = body::seal(&serialized, key, self.domain, compressor)?;
                wrap::wrap_for_push(account, self.domain, seqno, sealed)?
            }
            Keyring::Group {
                admin: Some(_),
                keys,
                ..
            } => {
                let key = keys.first().ok_or(ConfigError::InvalidValue {
                    field: "group key",
                    reason: "no group key held yet",
                })?;
                body::seal(&serialized, key, self.domain, compressor)?.into_messages()
            }
            Keyring::Group { admin: None, .. } => {
                return Err(ConfigError::InvalidValue {
                    field: "group config",
                    reason: "only an admin can push it",
                })
            }
        };
        if let Some(big) = messages.iter().find(|m| m.len() > body::MAX_MESSAGE_SIZE) {
            return Err(ConfigError::TooLarge { len: big.len() });
        }
        Ok(messages)
    }

    /// Hands back obsolete hashes of a push that failed, for the next push to delete.
    pub fn keep_obsolete(&mut self, hashes: &[String]) {
        self.obsolete.extend(hashes.iter().cloned());
        self.needs_dump = true;
    }

    /// The swarm stored revision `seqno` under `hashes`. Ignored when the config changed since
    /// that push (the newer revision still needs its own).
    pub fn confirm_pushed(&mut self, seqno: i64, hashes: Vec<String>) {
        if self.state == ConfigState::Waiting && seqno == self.seqno() {
            self.set_state(ConfigState::Clean);
            self.current_hashes = hashes;
        }
    }

    /// Merges messages retrieved from the swarm (`(swarm hash, data)`, in one call per poll)
    /// into this config (§1.7, §1.16). Returns the hashes of the messages that were read
    /// (unreadable ones are left alone: they may come from a newer client). Parts of a large
    /// config are held until their set is complete.
    pub fn merge(&mut self, messages: &[(String, Vec<u8>)], now_ms: i64) -> Vec<String> {
        let mut hashes: Vec<Vec<String>> = Vec::new();
        let mut confs: Vec<Vec<u8>> = Vec::new();
        let mine = self.seqno() != 0 || self.state == ConfigState::Dirty;
        // An unpushed edit, kept to replay should the merge drop its revision.
        let edit = match (&mut self.current, self.state) {
            (Current::Mutable(m), ConfigState::Dirty) => Some((m.diff(), m.data().clone())),
            _ => None,
        };
        if mine {
            hashes.push(self.current_hashes.clone());
            confs.push(self.serialized());
        }
        let now = u64::try_from(now_ms).unwrap_or(0);
        for (hash, data) in messages {
            let opened = match &self.keyring {
                Keyring::Account { account, key } => {
                    let raw = wrap::unwrap_incoming(account, self.domain, data);
                    body::open(&raw, std::slice::from_ref(&**key), self.domain)
                }
                Keyring::Group { keys, .. } => body::open(data, keys, self.domain),
            };
            match opened {
                Ok(Opened::Message(m)) => {
                    hashes.push(vec![hash.clone()]);
                    confs.push(m);
                }
                Ok(Opened::Part(part)) => {
                    if let Ok(Added::Complete(set)) = self.parts.add(hash, part, now) {
                        if let Ok(m) = body::decode_body(&set.body) {
                            hashes.push(set.hashes);
                            confs.push(m);
                        }
                    }
                }
                Err(_) => {}
            }
        }
        let first_incoming = usize::from(mine);
        if confs.len() == first_incoming {
            return Vec::new();
        }
        let views: Vec<&[u8]> = confs.iter().map(Vec::as_slice).collect();
        let (verify, admin) = match &self.keyring {
            Keyring::Account { .. } => (None, None),
            Keyring::Group { group, admin, .. } => {
                (Some(crate::group::config::verifier(group)), admin.clone())
            }
        };
        let sign = admin.as_ref().map(crate::group::config::signer);
        let verifier = verify
            .as_ref()
            .map(|v| v as &dyn Fn(&[u8], &[u8; 64]) -> bool);
        let signer = sign.as_ref().map(|s| s as &dyn Fn(&[u8]) -> [u8; 64]);
        let Ok(result) = ConfigMessage::merge(&views, verifier, signer) else {
            return Vec::new();
        };
        let bad: BTreeSet<usize> = result.unparsable.iter().map(|(i, _)| *i).collect();
        let chosen = match result.outcome {
            MergeOutcome::Unmerged(i) => Some(i),
            MergeOutcome::Merged => None,
        };
        // Every input that did not become the result is obsolete, except copies of the result
        // itself: another device may have stored the very bytes we hold (a merge both made),
        // and deleting that message would delete the current config.
        let message = result.message;
        let dropped = edit.filter(|_| {
            let ours = (self.seqno(), hash_bytes(&confs[0]));
            result.redundant.contains(&0) && !message.lagged().contains_key(&ours)
        });
        let copies: BTreeSet<usize> = (0..confs.len())
            .filter(|&i| hash_bytes(&confs[i]) == *message.hash())
            .collect();
        for (i, h) in hashes.iter().enumerate() {
            if Some(i) != chosen && !bad.contains(&i) && !copies.contains(&i) {
                self.obsolete
                    .extend(h.iter().filter(|h| !h.is_empty()).cloned());
            }
        }
        let old_seqno = self.seqno();
        if message.seqno() != old_seqno {
            match chosen {
                None => {
                    // A new merged revision: ours to push, with the empty diff of §1.7.
                    let clean = self.state != ConfigState::Dirty;
                    self.current = Current::Mutable(if clean && self.library_merge_diff {
                        message.retain_seqno_from_empty()
                    } else {
                        message.retain_seqno()
                    });
                    self.set_state(ConfigState::Dirty);
                }
                Some(0) if mine && self.state == ConfigState::Dirty => {}
                Some(i) => {
                    self.current = Current::Fixed(message);
                    self.set_state(ConfigState::Clean);
                    self.current_hashes = hashes[i].clone();
                }
            }
        }
        if self.state == ConfigState::Clean {
            for i in &copies {
                for h in &hashes[*i] {
                    if !h.is_empty() && !self.current_hashes.contains(h) {
                        self.current_hashes.push(h.clone());
                    }
                }
            }
        }
        // The library drops a revision LAG or more behind the newest, even an unpushed one
        // here (a device offline while others kept changing): its edit is replayed on top.
        if let Some((diff, source)) = dropped {
            let mut next = match std::mem::replace(
                &mut self.current,
                Current::Fixed(ConfigMessage::blank()),
            ) {
                Current::Fixed(m) => m.increment(),
                Current::Mutable(m) => m,
            };
            next.replay(&diff, &source);
            self.current = Current::Mutable(next);
            self.set_state(ConfigState::Dirty);
        }
        self.needs_dump = true;
        hashes
            .into_iter()
            .enumerate()
            .skip(first_incoming)
            .filter(|(i, _)| !bad.contains(i))
            .flat_map(|(_, h)| h)
            .collect()
    }

    /// A local dump of this config, to restore it with [`ConfigObject::load`].
    pub fn dump(&mut self) -> Vec<u8> {
        self.needs_dump = false;
        let message = match &mut self.current {
            Current::Fixed(m) => m.serialize(None),
            Current::Mutable(m) => m.serialize(None),
        };
        let dump = Dump {
            v: 1,
            state: self.state,
            message: hex::encode(message),
            current: self.current_hashes.clone(),
            obsolete: self.obsolete.iter().cloned().collect(),
        };
        serde_json::to_vec(&dump).unwrap_or_default()
    }

    /// A config restored from its dump. A revision dumped before it was pushed comes back as
    /// the next revision, still to push (its seqno may have gone out already).
    pub fn load(
        account: &Identity,
        domain: Domain,
        dump: &[u8],
    ) -> Result<ConfigObject, ConfigError> {
        ConfigObject::new(account, domain)?.restore(dump)
    }

    /// A group config restored from its dump (keys are set again afterwards).
    pub fn load_group(
        group: GroupId,
        admin: Option<AdminKey>,
        domain: Domain,
        dump: &[u8],
    ) -> Result<ConfigObject, ConfigError> {
        ConfigObject::new_group(group, admin, domain)?.restore(dump)
    }

    fn restore(mut self, dump: &[u8]) -> Result<ConfigObject, ConfigError> {
        let d: Dump = serde_json::from_slice(dump).map_err(|_| ConfigError::Dump("not JSON"))?;
        if d.v != 1 {
            return Err(ConfigError::Dump("unknown version"));
        }
        let bytes = hex::decode(&d.message).map_err(|_| ConfigError::Dump("message not hex"))?;
        let message = ConfigMessage::parse(&bytes, None)?;
        self.current = match d.state {
            ConfigState::Dirty => Current::Mutable(message.increment()),
            _ => Current::Fixed(message),
        };
        self.state = d.state;
        self.current_hashes = d.current;
        self.obsolete = d.obsolete.into_iter().collect();
        Ok(self)
    }
}
