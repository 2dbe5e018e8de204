//! Keys messages (namespace 12; groups-and-config.md §3.4) and the group keys an account
//! holds, as the official library's `groups::Keys` keeps them.
//!
//! A full message ("rekey") carries one new key: once for admins (`K`, under a key derived
//! from the group seed) and once per member (`k`, multi-recipient, padded with junk to a
//! multiple of 75 entries so the member count stays hidden). A supplemental message (`+`)
//! hands every current key to members added "with history". Both are signed by the group.
//! Rekeys are deterministic so that two admins rekeying the same state write the same bytes.

use super::multi::{self, Sender};
use super::{AdminKey, GroupError, GroupId};
use crate::config::bt::{self, Reader};
use crate::crypto::drg;
use crate::crypto::ed25519::VerifyKey;
use crate::crypto::hash::blake2b_into;
use crate::crypto::keys::x25519_public;
use crate::identity::{Identity, SessionId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use zeroize::Zeroizing;

/// The `k` list of a full message has a multiple of this many entries.
pub const KEY_MULTIPLE: usize = 75;
/// A generation is dropped once a newer one has existed this long (swarm time, 60 days).
pub const KEY_EXPIRY_MS: i64 = 60 * 24 * 3600 * 1000;
/// One encrypted key: 32 bytes and the tag.
const ENCRYPTED_KEY_LEN: usize = 48;
/// The shortest encrypted key list a supplement may carry (`d1:gi0e1:k32:…1:ti0ee` + tag).
const MIN_SUPPLEMENT_ENTRY: usize = 52 + multi::OVERHEAD;

const SEED_TAG: &str = "SessionGroupKeySeed";
const GEN_TAG: &[u8] = b"SessionGroupKeyGen";
const ADMIN_TAG: &str = "SessionGroupKeyAdminKey";
/// Domain of the per-member keys (upstream comments name another string; §8 gotcha 4).
pub const MEMBER_DOMAIN: &str = "SessionGroupKeyMemberKey";
const JUNK_TAG: &[u8] = b"SessionGroupJunkMembers";

/// One group key: its generation, when the swarm stored the message that carried it, and the
/// 32-byte XChaCha20 key itself. Ordered as the official library orders them.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GroupKey {
    /// The rekey generation (0 for the group's first key).
    pub generation: i64,
    /// Swarm storage time of the keys message, milliseconds.
    pub timestamp_ms: i64,
    /// The key.
    #[serde(with = "hex_key")]
    pub key: [u8; 32],
}

impl std::fmt::Debug for GroupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupKey")
            .field("generation", &self.generation)
            .field("timestamp_ms", &self.timestamp_ms)
            .finish_non_exhaustive()
    }
}

mod hex_key {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(key: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(key))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(d)?;
        let bytes = hex::decode(text).map_err(serde::de::Error::custom)?;
        bytes
            .try_into()
            .map_err(|_| serde::de::Error::custom("a group key is 32 bytes"))
    }
}

/// Who reads a keys message: an account, and the group's key if it is an admin.
#[derive(Debug, Clone, Copy)]
pub struct KeyReader<'a> {
    /// The account.
    pub account: &'a Identity,
    /// The group's key, for admins.
    pub admin: Option<&'a AdminKey>,
}

/// What one keys message gave its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadKeys {
    /// The keys the reader could open (none when the message holds nothing for it).
    pub keys: Vec<GroupKey>,
    /// The keys came through the admin key (`K`).
    pub via_admin: bool,
    /// A supplemental message (`+`) rather than a full one.
    pub supplemental: bool,
    /// The generation the message is about (`G`): a full message's key, or a supplement's
    /// newest.
    pub generation: i64,
}

fn bad(why: &'static str) -> GroupError {
    GroupError::Malformed(why)
}

fn malformed(_: crate::config::ConfigError) -> GroupError {
    bad("keys message")
}

/// Reads a keys message stored at `timestamp_ms` as `reader`: checks the group's signature
/// and every rule the official library checks, then opens what the reader can. A message
/// that breaks a rule is an error even when the reader's key would open.
pub fn read_message(
    group: &GroupId,
    reader: KeyReader<'_>,
    data: &[u8],
    timestamp_ms: i64,
) -> Result<ReadKeys, GroupError> {
    let mut r = Reader::new(data);
    r.expect(b'd', "a dict").map_err(malformed)?;
    let mut prev = None;
    let mut nonce: Option<[u8; 24]> = None;
    let mut supplement: Option<Vec<&[u8]>> = None;
    let mut generation: Option<i64> = None;
    let mut admin_key: Option<&[u8]> = None;
    let mut member_keys: Option<Vec<&[u8]>> = None;
    let mut signature: Option<(usize, &[u8])> = None;
    while let Some(key) = r.key(&mut prev).map_err(malformed)? {
        if signature.is_some() {
            return Err(bad("keys after the signature"));
        }
        match key {
            b"#" => {
                let n = r.bytes().map_err(malformed)?;
                nonce = Some(n.try_into().map_err(|_| bad("nonce is not 24 bytes"))?);
            }
            b"+" => {
                r.expect(b'l', "a list").map_err(malformed)?;
                let mut list = Vec::new();
                while !r.at_end() {
                    let entry = r.bytes().map_err(malformed)?;
                    if entry.len() < MIN_SUPPLEMENT_ENTRY {
                        return Err(bad("supplemental key entry too short"));
                    }
                    list.push(entry);
                }
                supplement = Some(list);
            }
            b"G" => generation = Some(r.int().map_err(malformed)?),
            b"K" => admin_key = Some(r.bytes().map_err(malformed)?),
            b"k" => {
                r.expect(b'l', "a list").map_err(malformed)?;
                let mut list = Vec::new();
                while !r.at_end() {
                    let entry = r.bytes().map_err(malformed)?;
                    if entry.len() != ENCRYPTED_KEY_LEN {
                        return Err(bad("member key entry is not 48 bytes"));
                    }
                    list.push(entry);
                }
                member_keys = Some(list);
            }
            b"~" => {
                // The signature covers everything before its own `1:~` key.
                let signed_len = r.pos() - 3;
                signature = Some((signed_len, r.bytes().map_err(malformed)?));
            }
            _ => {
                r.raw_value(1).map_err(malformed)?;
            }
        }
    }
    if !r.is_done() {
        return Err(bad("bytes after the keys message"));
    }
    let nonce = nonce.ok_or(bad("keys message without nonce"))?;
    let generation = generation.ok_or(bad("keys message without generation"))?;
    let (signed_len, sig) = signature.ok_or(GroupError::BadSignature)?;
    let sig: [u8; 64] = sig.try_into().map_err(|_| GroupError::BadSignature)?;

    let opened = if let Some(entries) = supplement {
        let keys = match reader.admin {
            // Admins hold every key already; the official library does not even look.
            Some(_) => Vec::new(),
            None => open_member(group, reader.account, &nonce, entries)
                .map(|plain| parse_key_list(&plain))
                .transpose()?
                .unwrap_or_default(),
        };
        ReadKeys {
            keys,
            via_admin: false,
            supplemental: true,
            generation,
        }
    } else {
        if generation < 0 {
            return Err(bad("negative generation"));
        }
        let admin_key = admin_key.ok_or(bad("full keys message without admin key"))?;
        if admin_key.len() != ENCRYPTED_KEY_LEN {
            return Err(bad("admin key is not 48 bytes"));
        }
        let entries = member_keys.ok_or(bad("full keys message without member keys"))?;
        if entries.len() % KEY_MULTIPLE != 0 {
            return Err(bad("member key list not padded to a multiple of 75"));
        }
        let (key, via_admin) = match reader.admin {
            Some(admin) => {
                let k = admin.seed_hash(ADMIN_TAG);
                let plain = multi::open(&k, &nonce, admin_key).ok_or(GroupError::Decrypt)?;
                (Some(plain), true)
            }
            None => (open_member(group, reader.account, &nonce, entries), false),
        };
        let keys = match key {
            Some(k) => vec![GroupKey {
                generation,
                timestamp_ms,
                key: k.try_into().map_err(|_| bad("a group key is 32 bytes"))?,
            }],
            None => Vec::new(),
        };
        ReadKeys {
            keys,
            via_admin,
            supplemental: false,
            generation,
        }
    };
    VerifyKey::parse(group.ed25519())
        .and_then(|vk| vk.verify(&data[..signed_len], &sig))
        .map_err(|_| GroupError::BadSignature)?;
    Ok(opened)
}

fn open_member(
    group: &GroupId,
    account: &Identity,
    nonce: &[u8; 24],
    entries: Vec<&[u8]>,
) -> Option<Vec<u8>> {
    let group_x = group.x25519().ok()?;
    multi::decrypt(
        entries,
        nonce,
        account.x25519_secret(),
        &account.x25519_public(),
        &group_x,
        MEMBER_DOMAIN,
    )
}

/// `l d1:g i…e 1:k 32:… 1:t i…e e … e`, as a supplement carries it.
fn parse_key_list(plain: &[u8]) -> Result<Vec<GroupKey>, GroupError> {
    let bad_list = |_| bad("supplemental key list");
    let mut r = Reader::new(plain);
    r.expect(b'l', "a list").map_err(bad_list)?;
    let mut out = Vec::new();
    while !r.at_end() {
        r.expect(b'd', "a dict").map_err(bad_list)?;
        let mut prev = None;
        let (mut g, mut k, mut t) = (None, None, None);
        while let Some(key) = r.key(&mut prev).map_err(bad_list)? {
            match key {
                b"g" => g = Some(r.int().map_err(bad_list)?),
                b"k" => k = Some(r.bytes().map_err(bad_list)?),
                b"t" => t = Some(r.int().map_err(bad_list)?),
                _ => {
                    r.raw_value(2).map_err(bad_list)?;
                }
            }
        }
        out.push(GroupKey {
            generation: g.ok_or(bad("supplemental key without generation"))?,
            timestamp_ms: t.ok_or(bad("supplemental key without time"))?,
            key: k
                .ok_or(bad("supplemental key without key"))?
                .try_into()
                .map_err(|_| bad("supplemental key is not 32 bytes"))?,
        });
    }
    Ok(out)
}

fn put_key_list(keys: &[GroupKey]) -> Vec<u8> {
    let mut out = vec![b'l'];
    for k in keys {
        out.push(b'd');
        bt::put_bytes(&mut out, b"g");
        bt::put_int(&mut out, k.generation);
        bt::put_bytes(&mut out, b"k");
        bt::put_bytes(&mut out, &k.key);
        bt::put_bytes(&mut out, b"t");
        bt::put_int(&mut out, k.timestamp_ms);
        out.push(b'e');
    }
    out.push(b'e');
    out
}

/// The X25519 keys of members, skipping IDs that are not `05` accounts.
fn member_x25519(ids: &[SessionId]) -> Vec<[u8; 32]> {
    ids.iter()
        .filter(|id| id.is_standard())
        .map(|id| *id.key())
        .collect()
}

/// A full keys message: the key of `generation` for `members` (every member, admins
/// included; sorted and de-duplicated here). Returns the message and its key.
pub fn build_rekey(
    admin: &AdminKey,
    members: &[SessionId],
    generation: i64,
) -> Result<(Vec<u8>, [u8; 32]), GroupError> {
    let mut ids: Vec<SessionId> = members.to_vec();
    ids.sort();
    ids.dedup();
    let h2 = admin.seed_hash(SEED_TAG);
    let mut h1 = Zeroizing::new([0u8; 56]);
    let gen_text = generation.to_string();
    let hexes: Vec<String> = ids.iter().map(SessionId::to_hex).collect();
    let mut parts: Vec<&[u8]> = hexes.iter().map(String::as_bytes).collect();
    parts.push(gen_text.as_bytes());
    parts.push(&h2[..]);
    blake2b_into(&mut h1[..], GEN_TAG, &[], &[], &parts).map_err(|_| GroupError::BadKey)?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&h1[..32]);
    let mut nonce = [0u8; 24];
    nonce.copy_from_slice(&h1[32..]);

    let admin_k = admin.seed_hash(ADMIN_TAG);
    let admin_entry = multi_seal(&admin_k, &nonce, &key)?;

    let group_x_secret = admin.x25519_secret();
    let group_x = x25519_public(&group_x_secret);
    let sender = Sender {
        secret: &group_x_secret,
        public: &group_x,
    };
    let mut entries = multi::encrypt(
        &[&key],
        &member_x25519(&ids),
        &nonce,
        &sender,
        MEMBER_DOMAIN,
    )?;
    let short = entries.len() % KEY_MULTIPLE;
    if short != 0 {
        let n_junk = KEY_MULTIPLE - short;
        let mut seed = Zeroizing::new([0u8; 32]);
        let mut group_sk = Zeroizing::new([0u8; 64]);
        group_sk[..32].copy_from_slice(&admin.seed()[..]);
        group_sk[32..].copy_from_slice(admin.group().ed25519());
        blake2b_into(&mut seed[..], JUNK_TAG, &[], &[], &[&h1[..], &group_sk[..]])
            .map_err(|_| GroupError::BadKey)?;
        let mut junk = vec![0u8; ENCRYPTED_KEY_LEN * n_junk];
        drg::fill(&seed, &mut junk);
        entries.extend(junk.chunks(ENCRYPTED_KEY_LEN).map(<[u8]>::to_vec));
    }

    let mut out = vec![b'd'];
    bt::put_bytes(&mut out, b"#");
    bt::put_bytes(&mut out, &nonce);
    bt::put_bytes(&mut out, b"G");
    bt::put_int(&mut out, generation);
    bt::put_bytes(&mut out, b"K");
    bt::put_bytes(&mut out, &admin_entry);
    bt::put_bytes(&mut out, b"k");
    out.push(b'l');
    for e in &entries {
        bt::put_bytes(&mut out, e);
    }
    out.push(b'e');
    sign_and_close(admin, &mut out);
    Ok((out, key))
}

fn multi_seal(key: &[u8; 32], nonce: &[u8; 24], msg: &[u8]) -> Result<Vec<u8>, GroupError> {
    use chacha20poly1305::aead::{Aead, KeyInit};
    chacha20poly1305::XChaCha20Poly1305::new(key.into())
        .encrypt(chacha20poly1305::XNonce::from_slice(nonce), msg)
        .map_err(|_| GroupError::BadKey)
}

fn sign_and_close(admin: &AdminKey, out: &mut Vec<u8>) {
    let sig = admin.sign(out);
    bt::put_bytes(out, b"~");
    bt::put_bytes(out, &sig);
    out.push(b'e');
}

/// A supplemental keys message giving `keys` (ascending) to `recipients`, in that order.
pub fn build_supplement(
    admin: &AdminKey,
    recipients: &[SessionId],
    keys: &[GroupKey],
) -> Result<Vec<u8>, GroupError> {
    let newest = keys.last().ok_or(GroupError::NoKeys)?.generation;
    let list = put_key_list(keys);
    let h2 = admin.seed_hash(SEED_TAG);
    let hexes: Vec<String> = recipients.iter().map(SessionId::to_hex).collect();
    let mut parts: Vec<&[u8]> = hexes.iter().map(String::as_bytes).collect();
    parts.push(&list);
    parts.push(&h2[..]);
    let mut nonce = [0u8; 24];
    blake2b_into(&mut nonce, GEN_TAG, &[], &[], &parts).map_err(|_| GroupError::BadKey)?;

    let group_x_secret = admin.x25519_secret();
    let group_x = x25519_public(&group_x_secret);
    let sender = Sender {
        secret: &group_x_secret,
        public: &group_x,
    };
    let entries = multi::encrypt(
        &[&list],
        &member_x25519(recipients),
        &nonce,
        &sender,
        MEMBER_DOMAIN,
    )?;
    if entries.is_empty() {
        return Err(GroupError::Invalid(
            "no valid recipient for supplemental keys",
        ));
    }
    let mut out = vec![b'd'];
    bt::put_bytes(&mut out, b"#");
    bt::put_bytes(&mut out, &nonce);
    bt::put_bytes(&mut out, b"+");
    out.push(b'l');
    for e in &entries {
        bt::put_bytes(&mut out, e);
    }
    out.push(b'e');
    bt::put_bytes(&mut out, b"G");
    bt::put_int(&mut out, newest);
    sign_and_close(admin, &mut out);
    Ok(out)
}

/// A rekey made here and not yet seen back from the swarm: its key is used at once.
#[derive(Clone, Serialize, Deserialize)]
struct Pending {
    generation: i64,
    #[serde(with = "hex_key")]
    key: [u8; 32],
    message: String,
}

/// The keys an account holds for one group (the official library's `groups::Keys`):
/// every generation it could open, sorted, the swarm messages that keep them alive, and a
/// pending rekey of its own.
#[derive(Clone)]
pub struct GroupKeys {
    group: GroupId,
    account: Identity,
    admin: Option<AdminKey>,
    keys: Vec<GroupKey>,
    active: BTreeMap<i64, BTreeSet<String>>,
    pending: Option<Pending>,
}

impl std::fmt::Debug for GroupKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupKeys")
            .field("group", &self.group)
            .field("admin", &self.admin.is_some())
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, Deserialize)]
struct Dump {
    v: u8,
    keys: Vec<GroupKey>,
    active: BTreeMap<i64, BTreeSet<String>>,
    pending: Option<Pending>,
}

impl GroupKeys {
    /// No keys yet, for `account` in `group` (an admin when `admin` is the group's key).
    pub fn new(
        group: GroupId,
        account: Identity,
        admin: Option<AdminKey>,
    ) -> Result<GroupKeys, GroupError> {
        if admin.as_ref().is_some_and(|a| a.group() != group) {
            return Err(GroupError::BadKey);
        }
        Ok(GroupKeys {
            group,
            account,
            admin,
            keys: Vec::new(),
            active: BTreeMap::new(),
            pending: None,
        })
    }

    /// The group.
    pub fn group(&self) -> &GroupId {
        &self.group
    }

    /// The group's key, when this account is an admin.
    pub fn admin(&self) -> Option<&AdminKey> {
        self.admin.as_ref()
    }

    /// Becomes an admin (after a promotion). The seed must be the group's.
    pub fn load_admin_key(&mut self, seed: &[u8]) -> Result<(), GroupError> {
        if self.admin.is_none() {
            self.admin = Some(AdminKey::for_group(seed, &self.group)?);
        }
        Ok(())
    }

    /// The keys held, oldest first.
    pub fn keys(&self) -> &[GroupKey] {
        &self.keys
    }

    /// The key new messages and configs are encrypted with: a pending rekey's, else the
    /// newest.
    pub fn encryption_key(&self) -> Option<[u8; 32]> {
        self.pending
            .as_ref()
            .map(|p| p.key)
            .or_else(|| self.keys.last().map(|k| k.key))
    }

    /// Every key to try when decrypting: the pending one, then newest to oldest.
    pub fn decryption_keys(&self) -> Vec<[u8; 32]> {
        self.pending
            .iter()
            .map(|p| p.key)
            .chain(self.keys.iter().rev().map(|k| k.key))
            .collect()
    }

    /// The newest generation held (or pending).
    pub fn generation(&self) -> Option<i64> {
        let held = self.keys.last().map(|k| k.generation);
        match (&self.pending, held) {
            (Some(p), Some(h)) => Some(p.generation.max(h)),
            (Some(p), None) => Some(p.generation),
            (None, h) => h,
        }
    }

    /// The rekey message waiting to be stored, if any.
    pub fn pending_message(&self) -> Option<Vec<u8>> {
        self.pending
            .as_ref()
            .and_then(|p| hex::decode(&p.message).ok())
    }

    /// Swarm hashes of keys messages still needed (their expiry should be extended).
    pub fn active_hashes(&self) -> BTreeSet<String> {
        self.active.values().flatten().cloned().collect()
    }

    /// Two different keys share the newest generation (two admins rekeyed at once): an admin
    /// must rekey again.
    pub fn needs_rekey(&self) -> bool {
        if self.admin.is_none() || self.keys.len() < 2 {
            return false;
        }
        let n = self.keys.len();
        self.keys[n - 1].generation == self.keys[n - 2].generation
    }

    /// Loads one keys message retrieved from the swarm (`hash`, stored at `timestamp_ms`).
    /// Returns whether it gave a new key.
    pub fn load_message(
        &mut self,
        hash: &str,
        data: &[u8],
        timestamp_ms: i64,
    ) -> Result<bool, GroupError> {
        let reader = KeyReader {
            account: &self.account,
            admin: self.admin.as_ref(),
        };
        let read = read_message(&self.group, reader, data, timestamp_ms)?;
        if let (Some(p), Some(first)) = (&self.pending, read.keys.first()) {
            if self.admin.is_some() && (first.generation > p.generation || first.key == p.key) {
                self.pending = None;
            }
        }
        if read.keys.is_empty() {
            self.active
                .entry(read.generation)
                .or_default()
                .insert(hash.to_owned());
            self.remove_expired();
            return Ok(false);
        }
        let mut added = false;
        for key in read.keys {
            added |= self.insert(hash, key);
        }
        Ok(added)
    }

    fn insert(&mut self, hash: &str, key: GroupKey) -> bool {
        // A key already held for its generation only keeps the message alive (timestamps of
        // the same key may differ between messages).
        if self
            .keys
            .iter()
            .any(|k| k.generation == key.generation && k.key == key.key)
        {
            self.active
                .entry(key.generation)
                .or_default()
                .insert(hash.to_owned());
            return false;
        }
        let at = self.keys.partition_point(|k| *k < key);
        if self.keys.len() >= 2 && at == 0 {
            let (front, back) = (&self.keys[0], &self.keys[self.keys.len() - 1]);
            if key.generation < front.generation
                && front.timestamp_ms + KEY_EXPIRY_MS < back.timestamp_ms
            {
                return false;
            }
        }
        self.active
            .entry(key.generation)
            .or_default()
            .insert(hash.to_owned());
        self.keys.insert(at, key);
        self.remove_expired();
        true
    }

    /// Drops every generation a newer one has outlived by more than [`KEY_EXPIRY_MS`].
    fn remove_expired(&mut self) {
        if self.keys.len() >= 2 {
            let newest = self.keys[self.keys.len() - 1].timestamp_ms;
            let mut keep_from = 0;
            let mut i = 0;
            while i < self.keys.len() {
                let mut j = i + 1;
                while j < self.keys.len() && self.keys[j].generation == self.keys[i].generation {
                    j += 1;
                }
                if j == self.keys.len() {
                    break;
                }
                if self.keys[j].timestamp_ms + KEY_EXPIRY_MS < newest {
                    keep_from = j;
                } else {
                    break;
                }
                i = j;
            }
            self.keys.drain(..keep_from);
        }
        match self.keys.first() {
            Some(first) => {
                let oldest = first.generation;
                self.active.retain(|g, _| *g >= oldest);
            }
            None => self.active.clear(),
        }
    }

    /// A rekey for `members` (admins only): the new key is pending, and used at once, until
    /// the message comes back from the swarm. Returns the message to store first.
    pub fn rekey(&mut self, members: &[SessionId]) -> Result<Vec<u8>, GroupError> {
        let admin = self.admin.as_ref().ok_or(GroupError::NotAdmin)?;
        let generation = self.keys.last().map_or(0, |k| k.generation + 1);
        let (message, key) = build_rekey(admin, members, generation)?;
        self.pending = Some(Pending {
            generation,
            key,
            message: hex::encode(&message),
        });
        Ok(message)
    }

    /// A supplemental message giving every held key to `recipients` (admins only).
    pub fn supplement(&self, recipients: &[SessionId]) -> Result<Vec<u8>, GroupError> {
        let admin = self.admin.as_ref().ok_or(GroupError::NotAdmin)?;
        build_supplement(admin, recipients, &self.keys)
    }

    /// A local dump, restored with [`GroupKeys::load`].
    pub fn dump(&self) -> Vec<u8> {
        serde_json::to_vec(&Dump {
            v: 1,
            keys: self.keys.clone(),
            active: self.active.clone(),
            pending: self.pending.clone(),
        })
        .unwrap_or_default()
    }

    /// Restores a dump.
    pub fn load(
        group: GroupId,
        account: Identity,
        admin: Option<AdminKey>,
        dump: &[u8],
    ) -> Result<GroupKeys, GroupError> {
        let d: Dump =
            serde_json::from_slice(dump).map_err(|_| GroupError::Malformed("keys dump"))?;
        if d.v != 1 || d.keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err(GroupError::Malformed("keys dump"));
        }
        let mut keys = GroupKeys::new(group, account, admin)?;
        keys.keys = d.keys;
        keys.active = d.active;
        keys.pending = d.pending;
        Ok(keys)
    }
}
