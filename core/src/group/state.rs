//! One group as this account knows it (groups-and-config.md §3.9, §3.10): its keys, its two
//! signed configs, the member's auth data, and what an admin still has to store. The engine
//! hands it what a poll of the group's swarm retrieved and stores what it prepares; every
//! rule of the flows lives here.

use super::config::GroupConfigKind;
use super::info::GroupInfo;
use super::keys::GroupKeys;
use super::members::{self, Member, Status};
use super::subaccount::{self, Flags, MemberSigner, AUTH_DATA_LEN, TOKEN_LEN};
use super::{kick, message, AdminKey, GroupError, GroupId, MAX_MEMBERS};
use crate::config::compress::Compressor;
use crate::config::object::ConfigObject;
use crate::config::ConfigError;
use crate::identity::{Identity, SessionId};
use crate::message::receive::{self, Incoming, Item};
use crate::proto::session::Content;
use crate::rpc::namespace;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One item retrieved from a group namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupItem {
    /// Its swarm hash.
    pub hash: String,
    /// The stored bytes.
    pub data: Vec<u8>,
    /// When the swarm stored it (ms).
    pub timestamp_ms: i64,
    /// When the swarm drops it (ms).
    pub expires_ms: u64,
}

/// What one poll of a group brought, by namespace.
#[derive(Debug, Clone, Default)]
pub struct GroupRetrieved {
    /// Keys messages (12).
    pub keys: Vec<GroupItem>,
    /// Info config messages (13).
    pub info: Vec<GroupItem>,
    /// Members config messages (14).
    pub members: Vec<GroupItem>,
    /// Kick notices (−11).
    pub kicks: Vec<GroupItem>,
    /// Group messages (11).
    pub messages: Vec<GroupItem>,
}

impl GroupRetrieved {
    /// Files an item under its namespace; `false` for a namespace groups do not use.
    pub fn add(&mut self, namespace: i16, item: GroupItem) -> bool {
        let list = match namespace {
            namespace::GROUP_KEYS => &mut self.keys,
            namespace::GROUP_INFO => &mut self.info,
            namespace::GROUP_MEMBERS => &mut self.members,
            namespace::REVOKED_RETRIEVABLE_GROUP_MESSAGES => &mut self.kicks,
            namespace::GROUP_MESSAGES => &mut self.messages,
            _ => return false,
        };
        list.push(item);
        true
    }
}

/// The namespaces a group is polled for, in the official apps' order.
pub const POLLED_NAMESPACES: [i16; 5] = [
    namespace::REVOKED_RETRIEVABLE_GROUP_MESSAGES,
    namespace::GROUP_MESSAGES,
    namespace::GROUP_INFO,
    namespace::GROUP_MEMBERS,
    namespace::GROUP_KEYS,
];

/// What absorbing one poll changed.
#[derive(Debug, Clone, Default)]
pub struct Absorbed {
    /// Group messages, interpreted (their direction is [`receive::Direction::Group`]), oldest
    /// first.
    pub events: Vec<Incoming>,
    /// Items that could not be read, with why.
    pub refused: Vec<(String, GroupError)>,
    /// A new key arrived.
    pub keys_changed: bool,
    /// The Info config changed.
    pub info_changed: bool,
    /// The Members config changed.
    pub members_changed: bool,
    /// A kick notice names this account: it is no longer a member.
    pub kicked: bool,
}

/// An invitation or a promotion an admin still has to send one-to-one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsent {
    /// An invitation to this account.
    Invitation(SessionId),
    /// This member's promotion to admin.
    Promotion(SessionId),
}

impl Unsent {
    /// Who it goes to.
    pub fn to(&self) -> &SessionId {
        match self {
            Unsent::Invitation(id) | Unsent::Promotion(id) => id,
        }
    }
}

/// One store of a group push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStore {
    /// The namespace.
    pub namespace: i16,
    /// The bytes.
    pub data: Vec<u8>,
}

/// What an admin stores in one `sequence`, in this order: supplemental keys, the new keys
/// message, Info, Members, kick notices; then deletes what the configs replace and revokes
/// (or restores) member tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPush {
    /// Stores in order.
    pub stores: Vec<GroupStore>,
    /// Swarm hashes the new configs replace.
    pub obsolete: Vec<String>,
    /// Tokens to revoke.
    pub revoke: Vec<[u8; TOKEN_LEN]>,
    /// Tokens to restore (re-added members).
    pub unrevoke: Vec<[u8; TOKEN_LEN]>,
    info_seqno: Option<i64>,
    members_seqno: Option<i64>,
}

/// Work an admin queued for the next push.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Queued {
    supplements: Vec<String>,
    kicks: Vec<String>,
    revoke: BTreeSet<String>,
    unrevoke: BTreeSet<String>,
}

#[derive(Serialize, Deserialize)]
struct Dump {
    v: u8,
    keys: String,
    info: String,
    members: String,
    auth: Option<String>,
    queued: Queued,
    kicked: bool,
}

/// One group of this account.
#[derive(Debug)]
pub struct GroupState {
    id: GroupId,
    account: Identity,
    keys: GroupKeys,
    info: ConfigObject,
    members: ConfigObject,
    auth: Option<[u8; AUTH_DATA_LEN]>,
    queued: Queued,
    kicked: bool,
}

fn config_error(_: ConfigError) -> GroupError {
    GroupError::Malformed("group config")
}

fn member_ids(ids: &[SessionId]) -> Result<(), GroupError> {
    if ids.iter().any(|id| !id.is_standard()) {
        return Err(GroupError::Invalid("members are 05 Session IDs"));
    }
    Ok(())
}

/// Whether the admin-signed parts of a control message (member and info changes, content
/// deletions that name others) carry a valid admin signature for `sent_ms`.
fn admin_signed(
    group: &GroupId,
    u: &crate::proto::session::GroupUpdateMessage,
    sent_ms: u64,
) -> bool {
    use super::control::{self, InfoChange, MemberChange, Signed};
    let t = i64::try_from(sent_ms).unwrap_or(i64::MAX);
    if let Some(c) = &u.member_change_message {
        let change = match c.r#type {
            2 => MemberChange::Removed,
            3 => MemberChange::Promoted,
            _ => MemberChange::Added,
        };
        return control::verify(group, &Signed::MemberChange(change), t, &c.admin_signature)
            .is_ok();
    }
    if let Some(c) = &u.info_change_message {
        let change = match c.r#type {
            2 => InfoChange::Avatar,
            3 => InfoChange::Disappearing,
            _ => InfoChange::Name,
        };
        return control::verify(group, &Signed::InfoChange(change), t, &c.admin_signature).is_ok();
    }
    true
}

impl GroupState {
    fn blank(
        id: GroupId,
        account: Identity,
        admin: Option<AdminKey>,
    ) -> Result<GroupState, GroupError> {
        let info = ConfigObject::new_group(id, admin.clone(), GroupConfigKind::Info.domain())
            .map_err(config_error)?;
        let members = ConfigObject::new_group(id, admin.clone(), GroupConfigKind::Members.domain())
            .map_err(config_error)?;
        Ok(GroupState {
            id,
            keys: GroupKeys::new(id, account.clone(), admin)?,
            account,
            info,
            members,
            auth: None,
            queued: Queued::default(),
            kicked: false,
        })
    }

    /// A new group made by `account`, its only admin: `info` set, `others` invited (not
    /// sent yet), and the first key made. Push it, then send the invitations.
    pub fn create(
        account: Identity,
        admin: AdminKey,
        info: &GroupInfo,
        our_name: &str,
        others: &[(SessionId, String)],
    ) -> Result<GroupState, GroupError> {
        let ids: Vec<SessionId> = others.iter().map(|(id, _)| *id).collect();
        member_ids(&ids)?;
        if others.len() + 1 > MAX_MEMBERS {
            return Err(GroupError::Invalid("a group has at most 100 members"));
        }
        let mut g = GroupState::blank(admin.group(), account, Some(admin))?;
        g.info.edit(|d| info.write(d));
        let mut me = Member::new(g.account.session_id());
        me.admin = true;
        me.name = our_name.to_owned();
        g.members.edit(|d| {
            members::set(d, &me);
            for (id, name) in others {
                if *id != me.session_id {
                    let mut m = Member::new(*id);
                    m.name = name.clone();
                    m.invite = Some(Status::NotSent);
                    members::set(d, &m);
                }
            }
        });
        g.rekey()?;
        Ok(g)
    }

    /// A group this account was invited to, with the admin's auth data (checked).
    pub fn join(account: Identity, id: GroupId, auth: &[u8]) -> Result<GroupState, GroupError> {
        subaccount::verify(&id, &account, auth, false, false)?;
        let mut g = GroupState::blank(id, account, None)?;
        g.auth = Some(
            auth.try_into()
                .map_err(|_| GroupError::Invalid("auth data"))?,
        );
        Ok(g)
    }

    /// A group of which this account holds the key (an admin restoring from its configs).
    pub fn join_as_admin(account: Identity, admin: AdminKey) -> Result<GroupState, GroupError> {
        GroupState::blank(admin.group(), account, Some(admin))
    }

    /// The group.
    pub fn id(&self) -> &GroupId {
        &self.id
    }

    /// The group's key, for admins.
    pub fn admin_key(&self) -> Option<&AdminKey> {
        self.keys.admin()
    }

    /// Whether this account is an admin.
    pub fn is_admin(&self) -> bool {
        self.keys.admin().is_some()
    }

    /// A member's auth data (as given in the invitation).
    pub fn auth_data(&self) -> Option<&[u8; AUTH_DATA_LEN]> {
        self.auth.as_ref()
    }

    /// The signer a member polls and stores with; `None` for admins (they sign as the group).
    pub fn member_signer(&self) -> Option<MemberSigner> {
        match (&self.auth, self.is_admin()) {
            (Some(auth), false) => MemberSigner::new(&self.account, auth).ok(),
            _ => None,
        }
    }

    /// The keys held.
    pub fn keys(&self) -> &GroupKeys {
        &self.keys
    }

    /// The shared information.
    pub fn info(&self) -> GroupInfo {
        GroupInfo::read(self.info.data())
    }

    /// The members, in ID order.
    pub fn members(&self) -> Vec<Member> {
        members::list(self.members.data())
    }

    /// This account was removed (a kick notice named it), or the group was destroyed.
    pub fn is_gone(&self) -> bool {
        self.kicked || self.info().destroyed
    }

    /// Hashes of the messages to keep alive (keys and configs).
    pub fn active_hashes(&self) -> Vec<String> {
        let mut out: Vec<String> = self.keys.active_hashes().into_iter().collect();
        out.extend(self.info.current_hashes().iter().cloned());
        out.extend(self.members.current_hashes().iter().cloned());
        out
    }

    fn sync_config_keys(&mut self) {
        let keys = self.keys.decryption_keys();
        self.info.set_group_keys(keys.clone());
        self.members.set_group_keys(keys);
    }

    fn rekey(&mut self) -> Result<(), GroupError> {
        let ids: Vec<SessionId> = self.members().iter().map(|m| m.session_id).collect();
        self.keys.rekey(&ids)?;
        self.sync_config_keys();
        Ok(())
    }

    fn require_admin(&self) -> Result<AdminKey, GroupError> {
        self.keys.admin().cloned().ok_or(GroupError::NotAdmin)
    }

    /// Absorbs one poll, in the official order: keys, Info, Members, kick notices, messages.
    pub fn absorb(&mut self, retrieved: GroupRetrieved, now_ms: i64) -> Absorbed {
        let mut out = Absorbed::default();
        let mut keys = retrieved.keys;
        keys.sort_by_key(|k| k.timestamp_ms);
        for item in keys {
            match self
                .keys
                .load_message(&item.hash, &item.data, item.timestamp_ms)
            {
                Ok(added) => out.keys_changed |= added,
                Err(e) => out.refused.push((item.hash, e)),
            }
        }
        if out.keys_changed {
            self.sync_config_keys();
        }
        let pairs = |items: Vec<GroupItem>| -> Vec<(String, Vec<u8>)> {
            items.into_iter().map(|i| (i.hash, i.data)).collect()
        };
        let before = (self.info.seqno(), self.members.seqno());
        if !retrieved.info.is_empty() {
            self.info.merge(&pairs(retrieved.info), now_ms);
        }
        if !retrieved.members.is_empty() {
            self.members.merge(&pairs(retrieved.members), now_ms);
        }
        out.info_changed = self.info.seqno() != before.0;
        out.members_changed = self.members.seqno() != before.1;

        let generation = self.keys.generation().unwrap_or(0);
        for item in &retrieved.kicks {
            if kick::read(&self.id, &self.account, &item.data).is_some_and(|g| g >= generation) {
                self.kicked = true;
                out.kicked = true;
            }
        }

        let us = self.account.session_id();
        let keys = self.keys.decryption_keys();
        let mut opened = Vec::new();
        for item in retrieved.messages {
            match message::open_content(&self.id, &keys, &item.data) {
                Ok(m) => opened.push((item, m)),
                Err(e) => out.refused.push((item.hash, e)),
            }
        }
        opened.sort_by(|(a, x), (b, y)| (x.timestamp_ms, &a.hash).cmp(&(y.timestamp_ms, &b.hash)));
        for (item, m) in opened {
            let from = m.sender;
            let update = m
                .content
                .data_message
                .as_ref()
                .and_then(|d| d.group_update_message.clone());
            // Admins keep each member's name as their own messages give it (the member list is
            // where every member learns the others' names).
            if let Some(dm) = &m.content.data_message {
                if let Some(p) = crate::message::profile::profile_of(
                    dm.profile.as_ref(),
                    dm.profile_key.as_deref(),
                ) {
                    self.admin_learns_name(from, &p.display_name);
                }
            }
            if let Some(u) = &update {
                // Changes told in the admins' name must carry their signature of that time.
                if !admin_signed(&self.id, u, m.timestamp_ms) {
                    out.refused.push((item.hash, GroupError::BadSignature));
                    continue;
                }
                self.admin_handles(from, u);
            }
            let entry = Item {
                hash: item.hash.clone(),
                data: Vec::new(),
                expires_ms: item.expires_ms,
            };
            match receive::interpret(&us, Some(self.id.session_id()), entry, m) {
                Ok(event) => out.events.push(event),
                Err(_) => out
                    .refused
                    .push((item.hash, GroupError::Malformed("group message"))),
            }
        }
        self.admin_own_record();
        // Removals another admin marked, or that members asked for by leaving.
        if self.is_admin() {
            let pending: Vec<SessionId> = self
                .members()
                .iter()
                .filter(|m| m.removed.is_some())
                .map(|m| m.session_id)
                .collect();
            if !pending.is_empty() {
                let _ = self.remove_members(&pending);
            } else if self.keys.needs_rekey() {
                let _ = self.rekey();
            }
        }
        out
    }

    /// An admin records `name` for a member whose record says another.
    fn admin_learns_name(&mut self, from: SessionId, name: &str) {
        if !self.is_admin() {
            return;
        }
        if let Some(mut m) = members::get(self.members.data(), &from) {
            if m.name != name && m.removed.is_none() {
                m.name = name.to_owned();
                self.members.edit(|d| members::set(d, &m));
            }
        }
    }

    /// An admin's own record says it is an admin with nothing pending (a promotion merged
    /// with an older list may have brought back the "sent" status).
    fn admin_own_record(&mut self) {
        if !self.is_admin() {
            return;
        }
        let me = self.account.session_id();
        if let Some(mut m) = members::get(self.members.data(), &me) {
            if !m.admin || m.promotion.is_some() || m.invite.is_some() {
                m.admin = true;
                m.promotion = None;
                m.invite = None;
                self.members.edit(|d| members::set(d, &m));
            }
        }
    }

    /// What admins do with a member's control message: a member who left is removed, an
    /// accepted invitation clears the invite status.
    fn admin_handles(&mut self, from: SessionId, u: &crate::proto::session::GroupUpdateMessage) {
        if !self.is_admin() || from == self.account.session_id() {
            return;
        }
        if u.member_left_message.is_some() {
            if let Some(mut m) = members::get(self.members.data(), &from) {
                m.removed = Some(members::Removal::Member);
                self.members.edit(|d| members::set(d, &m));
            }
        }
        if u.invite_response.as_ref().is_some_and(|r| r.is_approved) {
            if let Some(mut m) = members::get(self.members.data(), &from) {
                if m.invite.is_some() {
                    m.invite = None;
                    m.supplement = false;
                    self.members.edit(|d| members::set(d, &m));
                }
            }
        }
    }

    /// Adds members (admins only): invited, not sent yet; with `history` they also get every
    /// key held so far. A new key follows either way. Returns their auth data, to send in
    /// the invitations.
    pub fn add_members(
        &mut self,
        added: &[(SessionId, String)],
        history: bool,
    ) -> Result<Vec<(SessionId, [u8; AUTH_DATA_LEN])>, GroupError> {
        let admin = self.require_admin()?;
        let ids: Vec<SessionId> = added.iter().map(|(id, _)| *id).collect();
        member_ids(&ids)?;
        let existing: BTreeSet<SessionId> = self.members().iter().map(|m| m.session_id).collect();
        let fresh: Vec<&(SessionId, String)> = added
            .iter()
            .filter(|(id, _)| !existing.contains(id))
            .collect();
        if existing.len() + fresh.len() > MAX_MEMBERS {
            return Err(GroupError::Invalid("a group has at most 100 members"));
        }
        self.members.edit(|d| {
            for (id, name) in &fresh {
                let mut m = Member::new(*id);
                m.name = name.clone();
                m.invite = Some(Status::NotSent);
                m.supplement = history;
                members::set(d, &m);
            }
        });
        if history && !fresh.is_empty() && !self.keys.keys().is_empty() {
            let ids: Vec<SessionId> = fresh.iter().map(|(id, _)| *id).collect();
            let supp = self.keys.supplement(&ids)?;
            self.queued.supplements.push(hex::encode(supp));
        }
        let mut out = Vec::new();
        for (id, _) in &fresh {
            let token = subaccount::token(&admin, id, Flags::member())?;
            self.queued.unrevoke.insert(hex::encode(token));
            self.queued.revoke.remove(&hex::encode(token));
            out.push((*id, subaccount::issue(&admin, id, Flags::member())?));
        }
        self.rekey()?;
        Ok(out)
    }

    /// The auth data of a member (admins only), to send an invitation again.
    pub fn auth_for(&self, member: &SessionId) -> Result<[u8; AUTH_DATA_LEN], GroupError> {
        subaccount::issue(&self.require_admin()?, member, Flags::member())
    }

    /// The invitations and promotions not sent yet (admins send them one-to-one, then record
    /// how it went with [`GroupState::sent`]).
    pub fn unsent(&self) -> Vec<Unsent> {
        let me = self.account.session_id();
        self.members()
            .into_iter()
            .filter(|m| m.session_id != me)
            .filter_map(|m| {
                if m.promotion == Some(Status::NotSent) {
                    Some(Unsent::Promotion(m.session_id))
                } else if m.invite == Some(Status::NotSent) && !m.admin {
                    Some(Unsent::Invitation(m.session_id))
                } else {
                    None
                }
            })
            .collect()
    }

    /// The one-to-one message of `what`, sent at `sent_ms` (the time its signature names).
    pub fn unsent_content(&self, what: &Unsent, sent_ms: i64) -> Result<Content, GroupError> {
        let admin = self.require_admin()?;
        let name = self.info().name.unwrap_or_default();
        Ok(match what {
            Unsent::Invitation(id) => {
                let auth = self.auth_for(id)?;
                super::control::updates::invite(&admin, &name, id, &auth, sent_ms)
            }
            Unsent::Promotion(_) => super::control::updates::promote(&admin, &name),
        })
    }

    /// Records whether sending `what` worked.
    pub fn sent(&mut self, what: &Unsent, ok: bool) -> Result<(), GroupError> {
        let status = if ok { Status::Sent } else { Status::Failed };
        match what {
            Unsent::Invitation(id) => self.set_status(id, Some(status), None),
            Unsent::Promotion(id) => self.set_status(id, None, Some(status)),
        }
    }

    /// Records where an invitation (or promotion) stands (admins only).
    pub fn set_status(
        &mut self,
        member: &SessionId,
        invite: Option<Status>,
        promotion: Option<Status>,
    ) -> Result<(), GroupError> {
        self.require_admin()?;
        let Some(mut m) = members::get(self.members.data(), member) else {
            return Err(GroupError::Invalid("not a member"));
        };
        if invite.is_some() {
            m.invite = invite;
        }
        if promotion.is_some() {
            m.promotion = promotion;
        }
        self.members.edit(|d| members::set(d, &m));
        Ok(())
    }

    /// Removes members (admins only): a kick notice names them at the current generation,
    /// their tokens are revoked, their records erased, and a new key leaves them out.
    pub fn remove_members(&mut self, removed: &[SessionId]) -> Result<(), GroupError> {
        let admin = self.require_admin()?;
        let me = self.account.session_id();
        let gone: Vec<SessionId> = removed.iter().copied().filter(|id| *id != me).collect();
        if gone.is_empty() {
            return Ok(());
        }
        let generation = self.keys.generation().unwrap_or(0);
        let notice = kick::build_with_nonce(&admin, &gone, generation, &self.kick_nonce(&gone))?;
        self.queued.kicks.push(hex::encode(notice));
        for id in &gone {
            if let Ok(token) = subaccount::token(&admin, id, Flags::member()) {
                self.queued.revoke.insert(hex::encode(token));
                self.queued.unrevoke.remove(&hex::encode(token));
            }
        }
        self.members.edit(|d| {
            for id in &gone {
                members::erase(d, id);
            }
        });
        self.rekey()
    }

    /// A nonce for a kick notice that two admins processing the same removal agree on.
    fn kick_nonce(&self, gone: &[SessionId]) -> [u8; 24] {
        let mut parts: Vec<Vec<u8>> = gone.iter().map(|id| id.as_bytes().to_vec()).collect();
        parts.push(self.keys.generation().unwrap_or(0).to_be_bytes().to_vec());
        let views: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        crate::crypto::hash::blake2b_n::<24>(&views)
    }

    /// Marks a member as an admin whose promotion is not sent yet (admins only); send them
    /// the group's seed.
    pub fn promote(&mut self, member: &SessionId) -> Result<(), GroupError> {
        self.require_admin()?;
        let Some(mut m) = members::get(self.members.data(), member) else {
            return Err(GroupError::Invalid("not a member"));
        };
        m.admin = true;
        m.invite = None;
        m.promotion = Some(Status::NotSent);
        self.members.edit(|d| members::set(d, &m));
        Ok(())
    }

    /// This account was promoted: it holds the group's key from now on.
    pub fn promoted(&mut self, seed: &[u8]) -> Result<(), GroupError> {
        let key = AdminKey::for_group(seed, &self.id)?;
        self.keys.load_admin_key(seed)?;
        self.info.set_group_admin(key.clone());
        self.members.set_group_admin(key);
        let me = self.account.session_id();
        let mut m = members::get(self.members.data(), &me).unwrap_or_else(|| Member::new(me));
        m.admin = true;
        m.invite = None;
        m.promotion = None;
        self.members.edit(|d| members::set(d, &m));
        Ok(())
    }

    /// Changes the shared information (admins only).
    pub fn set_info(&mut self, info: &GroupInfo) -> Result<(), GroupError> {
        self.require_admin()?;
        self.info.edit(|d| info.write(d));
        Ok(())
    }

    /// Whether an admin has something to store.
    pub fn needs_push(&self) -> bool {
        self.is_admin()
            && (self.keys.pending_message().is_some()
                || self.info.needs_push()
                || self.members.needs_push()
                || !self.queued.supplements.is_empty()
                || !self.queued.kicks.is_empty()
                || !self.queued.revoke.is_empty()
                || !self.queued.unrevoke.is_empty())
    }

    /// What an admin stores next, or `None` when nothing waits.
    pub fn prepare_push(
        &mut self,
        compressor: Option<&dyn Compressor>,
        now_ms: i64,
    ) -> Result<Option<GroupPush>, GroupError> {
        if !self.needs_push() {
            return Ok(None);
        }
        let mut stores = Vec::new();
        let decode = |list: &[String]| -> Vec<Vec<u8>> {
            list.iter().filter_map(|h| hex::decode(h).ok()).collect()
        };
        for s in decode(&self.queued.supplements) {
            stores.push(GroupStore {
                namespace: namespace::GROUP_KEYS,
                data: s,
            });
        }
        if let Some(k) = self.keys.pending_message() {
            stores.push(GroupStore {
                namespace: namespace::GROUP_KEYS,
                data: k,
            });
        }
        let mut obsolete = Vec::new();
        let mut seqnos = [None, None];
        for (i, config) in [&mut self.info, &mut self.members].into_iter().enumerate() {
            if config.needs_push() {
                let push = config.push(compressor, now_ms).map_err(config_error)?;
                seqnos[i] = Some(push.seqno);
                let ns = config.domain().namespace();
                stores.extend(push.messages.into_iter().map(|data| GroupStore {
                    namespace: ns,
                    data,
                }));
                obsolete.extend(push.obsolete);
            }
        }
        for k in decode(&self.queued.kicks) {
            stores.push(GroupStore {
                namespace: namespace::REVOKED_RETRIEVABLE_GROUP_MESSAGES,
                data: k,
            });
        }
        let tokens = |set: &BTreeSet<String>| -> Vec<[u8; TOKEN_LEN]> {
            set.iter()
                .filter_map(|h| hex::decode(h).ok()?.try_into().ok())
                .collect()
        };
        Ok(Some(GroupPush {
            stores,
            obsolete,
            revoke: tokens(&self.queued.revoke),
            unrevoke: tokens(&self.queued.unrevoke),
            info_seqno: seqnos[0],
            members_seqno: seqnos[1],
        }))
    }

    /// The swarm stored `push` under `hashes` (one per store, in order).
    pub fn confirm_push(&mut self, push: &GroupPush, hashes: &[String], now_ms: i64) {
        let mut info_hashes = Vec::new();
        let mut member_hashes = Vec::new();
        for (store, hash) in push.stores.iter().zip(hashes) {
            match store.namespace {
                namespace::GROUP_INFO => info_hashes.push(hash.clone()),
                namespace::GROUP_MEMBERS => member_hashes.push(hash.clone()),
                namespace::GROUP_KEYS => {
                    // Our own keys message: its key is no longer pending.
                    let _ = self.keys.load_message(hash, &store.data, now_ms);
                }
                _ => {}
            }
        }
        if let Some(s) = push.info_seqno {
            self.info.confirm_pushed(s, info_hashes);
        }
        if let Some(s) = push.members_seqno {
            self.members.confirm_pushed(s, member_hashes);
        }
        self.sync_config_keys();
        let stored: BTreeSet<String> = push.stores.iter().map(|s| hex::encode(&s.data)).collect();
        self.queued.supplements.retain(|s| !stored.contains(s));
        self.queued.kicks.retain(|s| !stored.contains(s));
        for t in &push.revoke {
            self.queued.revoke.remove(&hex::encode(t));
        }
        for t in &push.unrevoke {
            self.queued.unrevoke.remove(&hex::encode(t));
        }
    }

    /// A push failed: its obsolete hashes wait for the next one (the rest stays queued).
    pub fn push_failed(&mut self, push: &GroupPush) {
        self.info.keep_obsolete(&push.obsolete);
    }

    /// Encrypts `content` as a group message sent at `timestamp_ms`, under the newest key.
    pub fn seal(
        &self,
        content: &Content,
        timestamp_ms: u64,
        compressor: Option<&dyn Compressor>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<Vec<u8>, GroupError> {
        if self.is_gone() {
            return Err(GroupError::Invalid("no longer a member of this group"));
        }
        let key = self.keys.encryption_key().ok_or(GroupError::NoKeys)?;
        message::seal_content(
            &self.account,
            &self.id,
            &key,
            content,
            timestamp_ms,
            compressor,
            rng,
        )
    }

    /// A local dump, restored with [`GroupState::load`].
    pub fn dump(&mut self) -> Vec<u8> {
        let dump = Dump {
            v: 1,
            keys: hex::encode(self.keys.dump()),
            info: hex::encode(self.info.dump()),
            members: hex::encode(self.members.dump()),
            auth: self.auth.map(hex::encode),
            queued: self.queued.clone(),
            kicked: self.kicked,
        };
        serde_json::to_vec(&dump).unwrap_or_default()
    }

    /// Restores a dump for `account` (an admin when `admin` is given).
    pub fn load(
        account: Identity,
        id: GroupId,
        admin: Option<AdminKey>,
        dump: &[u8],
    ) -> Result<GroupState, GroupError> {
        let bad = |_| GroupError::Malformed("group dump");
        let d: Dump =
            serde_json::from_slice(dump).map_err(|_| GroupError::Malformed("group dump"))?;
        if d.v != 1 {
            return Err(GroupError::Malformed("group dump version"));
        }
        let keys = GroupKeys::load(
            id,
            account.clone(),
            admin.clone(),
            &hex::decode(&d.keys).map_err(|_| GroupError::Malformed("group dump"))?,
        )?;
        let load = |text: &str, kind: GroupConfigKind| {
            let bytes = hex::decode(text).map_err(|_| GroupError::Malformed("group dump"))?;
            ConfigObject::load_group(id, admin.clone(), kind.domain(), &bytes).map_err(bad)
        };
        let mut g = GroupState {
            id,
            info: load(&d.info, GroupConfigKind::Info)?,
            members: load(&d.members, GroupConfigKind::Members)?,
            keys,
            account,
            auth: d.auth.and_then(|a| hex::decode(a).ok()?.try_into().ok()),
            queued: d.queued,
            kicked: d.kicked,
        };
        g.sync_config_keys();
        Ok(g)
    }
}
