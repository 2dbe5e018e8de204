//! The groups part (groups v2, groups-and-config.md §3.9): making a group, inviting,
//! removing and promoting members, renaming, leaving and deleting, answering invitations,
//! and sending to a group; and, in the tab that polls, what each poll brings for the
//! account's groups (invitations and promotions arriving one-to-one, each group's keys,
//! configs, kick notices and messages), with what an admin then owes the group's swarm.
//!
//! Every rule of the protocol is core's [`GroupState`]; this part keeps one record per group
//! in storage (its state's dump, loaded before and saved after each change, so that any tab
//! can act), moves bytes through the engine, and turns what happened into the chat's
//! notices. What a screen shows of a group is a [`GroupView`].

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::client::{group_retrieved, Event, PollPlan, PollReport};
use session_core::config::fields::ProfilePic;
use session_core::config::value::Dict;
use session_core::conversation::ConversationId;
use session_core::group::control::updates::{self, Invitation};
use session_core::group::control::{InfoChange, MemberChange};
use session_core::group::info::{GroupInfo, MAX_NAME_BYTES};
use session_core::group::members::{Member, Status};
use session_core::group::state::{Absorbed, GroupState};
use session_core::group::{AdminKey, GroupError, GroupId, MAX_MEMBERS};
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::ContentBuilder;
use session_core::message::receive::Incoming;
use session_core::message::MessageRef;
use session_core::proto::session::{Content, GroupUpdateMessage};
use std::fmt;

use super::outbox::SendError;
use crate::ports::Engine;
use crate::storage::records::AvatarRef;
use crate::storage::repo::NameUpdate;
use crate::storage::{
    GroupNotice, GroupRecord, MessageRecord, MessageStatus, QuoteRecord, StorageError,
};
use crate::t;
use crate::util::log;

/// Why a group action failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroupsError {
    /// The group is not (or no longer) one of ours.
    NotFound,
    /// A name is needed.
    NoName,
    /// The name is longer than a group name may be.
    NameTooLong,
    /// More members than a group may have.
    TooMany,
    /// Not a Session ID of an account.
    BadMember(String),
    /// Only admins can do this.
    NotAdmin,
    /// The protocol refused it.
    Group(GroupError),
    /// Storage failed (nothing was sent).
    Storage(StorageError),
    /// The network failed; the change waits here and goes out with the next poll.
    Network(String),
}

impl fmt::Display for GroupsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            GroupsError::NotFound => t!("groups-error-not-found"),
            GroupsError::NoName => t!("groups-error-no-name"),
            GroupsError::NameTooLong => t!("groups-error-name-max", max = MAX_NAME_BYTES),
            GroupsError::TooMany => t!("groups-error-members-max", max = MAX_MEMBERS),
            GroupsError::BadMember(id) => t!("groups-error-bad-member", id = id),
            GroupsError::NotAdmin => t!("groups-error-not-admin"),
            GroupsError::Group(e) => group_error_text(e),
            GroupsError::Storage(e) => t!("groups-error-storage", error = e.to_string()),
            GroupsError::Network(e) => t!("groups-error-network", error = e),
        };
        f.write_str(&text)
    }
}

/// What the protocol's refusal says to the user.
fn group_error_text(e: &GroupError) -> String {
    match e {
        GroupError::Malformed(what) => t!("groups-error-malformed", what = *what),
        GroupError::Invalid(what) => t!("groups-error-invalid", what = *what),
        GroupError::BadKey => t!("groups-error-bad-key"),
        GroupError::BadSignature => t!("groups-error-bad-signature"),
        GroupError::Decrypt => t!("groups-error-decrypt"),
        GroupError::Decompress => t!("groups-error-decompress"),
        GroupError::NotAdmin => t!("groups-error-only-admin"),
        GroupError::NoKeys => t!("groups-error-no-keys"),
        GroupError::TooLarge { len } => t!("groups-error-too-large", size = *len),
        other => other.to_string(),
    }
}

impl std::error::Error for GroupsError {}

impl From<GroupError> for GroupsError {
    fn from(e: GroupError) -> Self {
        match e {
            GroupError::NotAdmin => GroupsError::NotAdmin,
            other => GroupsError::Group(other),
        }
    }
}

impl From<StorageError> for GroupsError {
    fn from(e: StorageError) -> Self {
        GroupsError::Storage(e)
    }
}

/// Where a member stands, as the members list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberRole {
    /// An admin.
    Admin,
    /// Made an admin; the promotion has not reached them or been accepted.
    PromotionPending,
    /// A member who accepted.
    Joined,
    /// Invited, not accepted yet.
    Invited,
    /// The invitation could not be sent.
    InviteFailed,
    /// Being removed.
    Removing,
}

impl MemberRole {
    fn of(m: &Member) -> MemberRole {
        if m.removed.is_some() {
            MemberRole::Removing
        } else if m.admin && m.promotion.is_some() {
            MemberRole::PromotionPending
        } else if m.admin {
            MemberRole::Admin
        } else {
            match m.invite {
                None => MemberRole::Joined,
                Some(Status::Failed) => MemberRole::InviteFailed,
                Some(_) => MemberRole::Invited,
            }
        }
    }

    /// Its label.
    pub fn label(self) -> String {
        match self {
            MemberRole::Admin => t!("groups-role-admin"),
            MemberRole::PromotionPending => t!("groups-role-promotion-pending"),
            MemberRole::Joined => t!("groups-role-member"),
            MemberRole::Invited => t!("groups-role-invited"),
            MemberRole::InviteFailed => t!("groups-role-invite-failed"),
            MemberRole::Removing => t!("groups-role-removing"),
        }
    }

    /// Its name in the page (`data-role`), the same in every language.
    pub fn tag(self) -> &'static str {
        match self {
            MemberRole::Admin => "Admin",
            MemberRole::PromotionPending => "Admin (pending)",
            MemberRole::Joined => "Member",
            MemberRole::Invited => "Invited",
            MemberRole::InviteFailed => "Invite failed",
            MemberRole::Removing => "Removing",
        }
    }
}

/// One member as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    /// Their account.
    pub id: SessionId,
    /// Their name in the group (may be empty).
    pub name: String,
    /// Where they stand.
    pub role: MemberRole,
    /// This is us.
    pub me: bool,
}

/// A group as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupView {
    /// The group.
    pub id: GroupId,
    /// Its conversation.
    pub conv: ConversationId,
    /// Its name (the invitation's until the group's own info arrives).
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its picture.
    pub picture: Option<AvatarRef>,
    /// We are an admin.
    pub admin: bool,
    /// An invitation we have not answered.
    pub invited: bool,
    /// Who invited us.
    pub inviter: Option<SessionId>,
    /// We were removed.
    pub kicked: bool,
    /// Its admins deleted it.
    pub destroyed: bool,
    /// The members, admins first, then by name.
    pub members: Vec<MemberView>,
}

impl GroupView {
    /// Whether we can still write to it.
    pub fn writable(&self) -> bool {
        !self.kicked && !self.destroyed
    }
}

/// What the part works with.
pub type GroupsParts = super::parts::SessionParts;

/// The groups part.
pub struct Groups {
    parts: GroupsParts,
    identity: Identity,
    me: SessionId,
    /// Bumped whenever a group changes here: screens showing a group read it again.
    changed: RwSignal<u64>,
    /// The groups the last plan polls (and how: as admin or member), to notice a change.
    planned: std::cell::RefCell<Vec<(String, bool)>>,
}

impl fmt::Debug for Groups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Groups").finish_non_exhaustive()
    }
}

/// One group loaded from storage.
struct Loaded {
    record: GroupRecord,
    state: GroupState,
}

fn parse_member(text: &str) -> Result<SessionId, GroupsError> {
    SessionId::parse_standard(text.trim()).map_err(|_| GroupsError::BadMember(text.to_owned()))
}

/// The conversation of a group.
pub fn conversation(id: &GroupId) -> ConversationId {
    ConversationId::Group(id.session_id())
}

/// The group of a conversation, when it is one.
pub fn group_of(conv: &ConversationId) -> Option<GroupId> {
    match conv {
        ConversationId::Group(id) => GroupId::from_session_id(id).ok(),
        _ => None,
    }
}

/// What a group control message shows as, by its author.
pub fn notice_of(update: &GroupUpdateMessage) -> Option<GroupNotice> {
    let ids = |list: &[String]| -> Vec<SessionId> {
        list.iter()
            .filter_map(|s| SessionId::parse_standard(s).ok())
            .collect()
    };
    if let Some(c) = &update.member_change_message {
        let members = ids(&c.member_session_ids);
        return Some(match c.r#type {
            2 => GroupNotice::Removed { members },
            3 => GroupNotice::Promoted { members },
            _ => GroupNotice::Added { members },
        });
    }
    if let Some(c) = &update.info_change_message {
        return Some(match c.r#type {
            2 => GroupNotice::NewPicture,
            3 => GroupNotice::Timer {
                seconds: c.updated_expiration.unwrap_or(0),
            },
            _ => GroupNotice::Renamed {
                name: c.updated_name.clone().unwrap_or_default(),
            },
        });
    }
    if update.member_left_notification_message.is_some() {
        return Some(GroupNotice::Left);
    }
    if update
        .invite_response
        .as_ref()
        .is_some_and(|r| r.is_approved)
    {
        return Some(GroupNotice::Joined);
    }
    None
}

impl Groups {
    /// The groups of `profile`'s account.
    pub fn new(parts: GroupsParts) -> Groups {
        let identity = parts.profile.identity().clone();
        Groups {
            me: identity.session_id(),
            identity,
            parts,
            changed: RwSignal::new(0),
            planned: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Bumped whenever a group changes in this tab.
    pub fn changed(&self) -> ReadSignal<u64> {
        self.changed.read_only()
    }

    fn bump(&self) {
        self.changed.update(|n| *n = n.wrapping_add(1));
    }

    fn load_one(&self, record: GroupRecord) -> Option<Loaded> {
        let id = GroupId::parse(&record.id).ok()?;
        let admin = record
            .admin_seed
            .as_deref()
            .and_then(|s| hex::decode(s).ok())
            .and_then(|seed| AdminKey::for_group(&seed, &id).ok());
        let dump = hex::decode(&record.dump).ok()?;
        match GroupState::load(self.identity.clone(), id, admin, &dump) {
            Ok(state) => Some(Loaded { record, state }),
            Err(e) => {
                log::error(&format!("skipped the unreadable group {}: {e}", record.id));
                None
            }
        }
    }

    async fn all(&self) -> Result<Vec<Loaded>, GroupsError> {
        // A read says nothing of whether writes work: storage health hears writes only.
        let records = self.parts.store.load_groups().await;
        Ok(records?
            .into_iter()
            .filter(|r| !r.left)
            .filter_map(|r| self.load_one(r))
            .collect())
    }

    async fn one(&self, id: &GroupId) -> Result<Loaded, GroupsError> {
        let hex = id.to_hex();
        self.all()
            .await?
            .into_iter()
            .find(|g| g.record.id == hex)
            .ok_or(GroupsError::NotFound)
    }

    async fn save(&self, g: &mut Loaded) -> Result<(), GroupsError> {
        g.record.dump = hex::encode(g.state.dump());
        g.record.admin_seed = g.state.admin_key().map(|k| hex::encode(&k.seed()[..]));
        let saved = self.parts.store.save_group(&g.record).await;
        self.parts.storage.note(&saved);
        saved?;
        self.bump();
        Ok(())
    }

    /// The plan every poll follows: our account, then each group we still belong to.
    pub async fn refresh_plan(&self) {
        let Ok(groups) = self.all().await else {
            return;
        };
        self.parts
            .network
            .client()
            .set_poll_plan(self.plan(&groups));
    }

    fn plan(&self, groups: &[Loaded]) -> PollPlan {
        *self.planned.borrow_mut() = Self::polled(groups);
        let mut plan = PollPlan::own_account(self.me);
        for g in groups.iter().filter(|g| !g.state.is_gone()) {
            if let Err(e) = plan.add_group(&self.me, &g.state) {
                log::warn(&format!("group {} is not polled: {e}", g.record.id));
            }
        }
        plan
    }

    fn polled(groups: &[Loaded]) -> Vec<(String, bool)> {
        groups
            .iter()
            .filter(|g| !g.state.is_gone())
            .map(|g| (g.record.id.clone(), g.state.is_admin()))
            .collect()
    }

    /// Every group, as shown.
    pub async fn views(&self) -> Vec<GroupView> {
        self.all()
            .await
            .map(|list| list.iter().map(|g| self.view_of(g)).collect())
            .unwrap_or_default()
    }

    /// One group, as shown.
    pub async fn view(&self, id: &GroupId) -> Option<GroupView> {
        self.one(id).await.ok().map(|g| self.view_of(&g))
    }

    fn view_of(&self, g: &Loaded) -> GroupView {
        let info = g.state.info();
        let mut members: Vec<MemberView> = g
            .state
            .members()
            .iter()
            .map(|m| MemberView {
                id: m.session_id,
                name: m.name.clone(),
                role: MemberRole::of(m),
                me: m.session_id == self.me,
            })
            .collect();
        members.sort_by(|a, b| {
            let rank =
                |r: MemberRole| !matches!(r, MemberRole::Admin | MemberRole::PromotionPending);
            (rank(a.role), a.name.to_lowercase(), a.id).cmp(&(
                rank(b.role),
                b.name.to_lowercase(),
                b.id,
            ))
        });
        GroupView {
            id: *g.state.id(),
            conv: conversation(g.state.id()),
            name: info.name.unwrap_or_else(|| g.record.name.clone()),
            description: info.description.unwrap_or_default(),
            picture: info.pic.as_ref().map(|p| AvatarRef::new(&p.url, &p.key)),
            admin: g.state.is_admin(),
            invited: g.record.invited,
            inviter: g
                .record
                .inviter
                .as_deref()
                .and_then(|s| SessionId::parse_standard(s).ok()),
            kicked: g.state.is_gone() && !info.destroyed,
            destroyed: info.destroyed,
            members,
        }
    }

    /// A member's name as we know it: our nickname or their display name, else nothing.
    fn name_for(&self, id: &SessionId) -> String {
        self.parts
            .views
            .summary(&ConversationId::Direct(*id))
            .and_then(|c| c.settings.nickname.clone().or(c.name.clone()))
            .unwrap_or_default()
    }

    fn my_name(&self) -> String {
        self.parts
            .profile
            .outgoing()
            .map(|p| p.display_name)
            .unwrap_or_default()
    }

    /// Stores a notice in the group's chat (and its name on the list).
    async fn notice(
        &self,
        id: &GroupId,
        author: SessionId,
        notice: GroupNotice,
        name: Option<&str>,
    ) {
        let now = self.parts.clock.now_ms();
        let conv = conversation(id);
        let msg = MessageRecord {
            group_notice: Some(notice),
            ..MessageRecord::new(
                conv.clone(),
                author,
                now,
                String::new(),
                author == self.me,
                MessageStatus::Sent,
                now,
            )
        };
        let names: Vec<NameUpdate> = name
            .map(|n| NameUpdate {
                conv: conv.clone(),
                name: n.to_owned(),
                updated_s: now / 1000,
                picture: None,
            })
            .into_iter()
            .collect();
        let stored = self
            .parts
            .store
            .store_messages(&[msg], &names, &[], None)
            .await;
        self.parts.storage.note(&stored);
        self.parts.views.after_change(vec![conv]).await;
    }

    /// Pushes what an admin's group owes its swarm, then sends the invitations and
    /// promotions not sent yet (recording how each went, and pushing that too).
    async fn deliver(&self, g: &mut Loaded) -> Result<(), GroupsError> {
        let client = self.parts.network.client();
        self.push(&*client, &mut g.state).await?;
        if !g.state.is_admin() {
            return Ok(());
        }
        let unsent = g.state.unsent();
        for what in &unsent {
            let now = i64::try_from(client.network_now_ms()).unwrap_or(i64::MAX);
            let content = g.state.unsent_content(what, now)?;
            let ok = self.send_direct(&*client, what.to(), content, now).await;
            g.state.sent(what, ok)?;
        }
        if !unsent.is_empty() {
            self.save(g).await?;
            self.push(&*client, &mut g.state).await?;
        }
        Ok(())
    }

    /// A one-to-one control message at `sent_ms` (its admin signature covers that time).
    async fn send_direct(
        &self,
        client: &dyn Engine,
        to: &SessionId,
        content: Content,
        sent_ms: i64,
    ) -> bool {
        let t = u64::try_from(sent_ms).unwrap_or(0);
        match client.prepare_at(to, content, t) {
            Ok(out) => match client.deliver(out).await {
                Ok(_) => true,
                Err(e) => {
                    log::warn(&format!("group: could not reach {to}: {e}"));
                    false
                }
            },
            Err(e) => {
                log::warn(&format!("group: could not prepare for {to}: {e}"));
                false
            }
        }
    }

    async fn push(&self, client: &dyn Engine, state: &mut GroupState) -> Result<(), GroupsError> {
        let now = i64::try_from(client.network_now_ms()).unwrap_or(i64::MAX);
        let Some(push) = state.prepare_push(None, now)? else {
            return Ok(());
        };
        let Some(admin) = state.admin_key().cloned() else {
            return Ok(());
        };
        match client.push_group(&admin, &push).await {
            Ok(hashes) => {
                state.confirm_push(&push, &hashes, now);
                Ok(())
            }
            Err(e) => {
                state.push_failed(&push);
                Err(GroupsError::Network(e.to_string()))
            }
        }
    }

    /// Sends `content` to the group at a fresh time; the time and stored hash.
    async fn send_group(
        &self,
        state: &GroupState,
        content: Content,
    ) -> Result<(u64, String), GroupsError> {
        let t = self.parts.network.client().reserve_timestamp();
        self.send_group_at(state, content, t).await
    }

    /// A sent time for a control message whose admin signature covers it.
    fn control_time(&self) -> (u64, i64) {
        let t = self.parts.network.client().reserve_timestamp();
        (t, i64::try_from(t).unwrap_or(i64::MAX))
    }

    /// Sends `content` to the group at `t` (the time its admin signature names, if any).
    async fn send_group_at(
        &self,
        state: &GroupState,
        content: Content,
        t: u64,
    ) -> Result<(u64, String), GroupsError> {
        let client = self.parts.network.client();
        let hash = client
            .send_group(state, &content, t)
            .await
            .map_err(|e| GroupsError::Network(e.to_string()))?;
        Ok((t, hash))
    }

    /// Makes a group named `name` with `members` (Session IDs), invites them and opens its
    /// chat. Network failures leave the group made here, its pushes and invitations going
    /// out with the next polls.
    pub async fn create(
        &self,
        name: &str,
        description: &str,
        members: &[String],
    ) -> Result<GroupId, GroupsError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(GroupsError::NoName);
        }
        if name.len() > MAX_NAME_BYTES {
            return Err(GroupsError::NameTooLong);
        }
        let mut ids: Vec<SessionId> = Vec::new();
        for m in members {
            let id = parse_member(m)?;
            if id != self.me && !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.len() + 1 > MAX_MEMBERS {
            return Err(GroupsError::TooMany);
        }
        let others: Vec<(SessionId, String)> =
            ids.iter().map(|id| (*id, self.name_for(id))).collect();
        let key = AdminKey::generate(&mut OsRng);
        let info = GroupInfo {
            name: Some(name.to_owned()),
            description: Some(description.trim().to_owned()).filter(|d| !d.is_empty()),
            created: Some(i64::try_from(self.parts.clock.now_ms() / 1000).unwrap_or(0)),
            ..GroupInfo::default()
        };
        let state =
            GroupState::create(self.identity.clone(), key, &info, &self.my_name(), &others)?;
        let id = *state.id();
        let mut g = Loaded {
            record: GroupRecord {
                id: id.to_hex(),
                admin_seed: None,
                dump: String::new(),
                invited: false,
                inviter: None,
                name: name.to_owned(),
                left: false,
                respond: false,
            },
            state,
        };
        self.save(&mut g).await?;
        self.notice(&id, self.me, GroupNotice::Created, Some(name))
            .await;
        self.refresh_plan().await;
        let delivered = self.deliver(&mut g).await;
        if delivered.is_ok() && !ids.is_empty() {
            self.announce(&g, MemberChange::Added, &ids).await;
        }
        self.save(&mut g).await?;
        self.parts.views.open_chat(conversation(&id)).await;
        // Made either way: what the network did not take goes out with the next polls.
        if let Err(e) = delivered {
            log::warn(&format!("group {id}: {e}"));
        }
        Ok(id)
    }

    /// Adds `members` (admins only): invited, and given a new key.
    pub async fn add(&self, id: &GroupId, members: &[String]) -> Result<(), GroupsError> {
        let mut g = self.one(id).await?;
        let mut ids = Vec::new();
        for m in members {
            let sid = parse_member(m)?;
            if sid != self.me && !ids.contains(&sid) {
                ids.push(sid);
            }
        }
        let added: Vec<(SessionId, String)> = ids.iter().map(|i| (*i, self.name_for(i))).collect();
        g.state.add_members(&added, false).map_err(|e| match e {
            GroupError::Invalid(_) if g.state.members().len() + added.len() > MAX_MEMBERS => {
                GroupsError::TooMany
            }
            other => other.into(),
        })?;
        self.members_changed(
            &mut g,
            GroupNotice::Added {
                members: ids.clone(),
            },
            MemberChange::Added,
            &ids,
        )
        .await
    }

    /// After a change of members here: saved, noticed in the chat, pushed with the
    /// invitations or promotions it calls for, and announced to the group.
    async fn members_changed(
        &self,
        g: &mut Loaded,
        notice: GroupNotice,
        change: MemberChange,
        ids: &[SessionId],
    ) -> Result<(), GroupsError> {
        self.save(g).await?;
        let id = *g.state.id();
        self.notice(&id, self.me, notice, None).await;
        let delivered = self.deliver(g).await;
        self.announce(g, change, ids).await;
        self.save(g).await?;
        delivered
    }

    async fn announce(&self, g: &Loaded, change: MemberChange, ids: &[SessionId]) {
        let Some(admin) = g.state.admin_key().cloned() else {
            return;
        };
        let (t, now) = self.control_time();
        let content = updates::member_change(&admin, change, ids, false, now);
        if let Err(e) = self.send_group_at(&g.state, content, t).await {
            log::warn(&format!("group: {e}"));
        }
    }

    /// Removes `members` (admins only): they are told, their access revoked, and a new key
    /// leaves them out.
    pub async fn remove(&self, id: &GroupId, members: &[SessionId]) -> Result<(), GroupsError> {
        let mut g = self.one(id).await?;
        g.state.remove_members(members)?;
        let notice = GroupNotice::Removed {
            members: members.to_vec(),
        };
        self.members_changed(&mut g, notice, MemberChange::Removed, members)
            .await
    }

    /// Makes `member` an admin (admins only): they get the group's key.
    pub async fn promote(&self, id: &GroupId, member: &SessionId) -> Result<(), GroupsError> {
        let mut g = self.one(id).await?;
        g.state.promote(member)?;
        let notice = GroupNotice::Promoted {
            members: vec![*member],
        };
        self.members_changed(&mut g, notice, MemberChange::Promoted, &[*member])
            .await
    }

    /// Changes the group's name and description (admins only).
    pub async fn edit_info(
        &self,
        id: &GroupId,
        name: &str,
        description: &str,
    ) -> Result<(), GroupsError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(GroupsError::NoName);
        }
        if name.len() > MAX_NAME_BYTES {
            return Err(GroupsError::NameTooLong);
        }
        let mut g = self.one(id).await?;
        let mut info = g.state.info();
        let renamed = info.name.as_deref() != Some(name);
        info.name = Some(name.to_owned());
        info.description = Some(description.trim().to_owned()).filter(|d| !d.is_empty());
        g.state.set_info(&info)?;
        self.save(&mut g).await?;
        if renamed {
            self.notice(
                id,
                self.me,
                GroupNotice::Renamed {
                    name: name.to_owned(),
                },
                Some(name),
            )
            .await;
        }
        let delivered = self.deliver(&mut g).await;
        if renamed {
            if let Some(admin) = g.state.admin_key().cloned() {
                let (t, now) = self.control_time();
                let content = updates::info_change(&admin, InfoChange::Name, Some(name), None, now);
                if let Err(e) = self.send_group_at(&g.state, content, t).await {
                    log::warn(&format!("group: {e}"));
                }
            }
        }
        self.save(&mut g).await?;
        delivered
    }

    /// Sets (or with `None` removes) the group's picture (admins only): `picture` was
    /// uploaded encrypted already ([`super::avatars::Avatars::choose_picture`]).
    pub async fn set_picture(
        &self,
        id: &GroupId,
        picture: Option<AvatarRef>,
    ) -> Result<(), GroupsError> {
        let mut g = self.one(id).await?;
        let mut info = g.state.info();
        info.pic = picture.as_ref().and_then(|r| {
            Some(ProfilePic {
                url: r.url.clone(),
                key: *r.key_bytes()?,
            })
        });
        g.state.set_info(&info)?;
        self.save(&mut g).await?;
        self.show_picture(id, picture).await;
        self.notice(id, self.me, GroupNotice::NewPicture, None)
            .await;
        let delivered = self.deliver(&mut g).await;
        if let Some(admin) = g.state.admin_key().cloned() {
            let (t, now) = self.control_time();
            let content = updates::info_change(&admin, InfoChange::Avatar, None, None, now);
            if let Err(e) = self.send_group_at(&g.state, content, t).await {
                log::warn(&format!("group: {e}"));
            }
        }
        self.save(&mut g).await?;
        delivered
    }

    /// The list shows `picture` for the group.
    async fn show_picture(&self, id: &GroupId, picture: Option<AvatarRef>) {
        let conv = conversation(id);
        let summary = self.parts.views.summary(&conv);
        let name = summary.and_then(|s| s.name).unwrap_or_default();
        let now = self.parts.clock.now_ms();
        // A picture travels with the name (an empty name changes only the picture).
        let names = [NameUpdate {
            conv: conv.clone(),
            name,
            updated_s: now / 1000,
            picture,
        }];
        let stored = self
            .parts
            .store
            .store_messages(&[], &names, &[], None)
            .await;
        self.parts.storage.note(&stored);
        self.parts.views.after_change(vec![conv]).await;
    }

    /// Leaves the group: the admins are told and the group is forgotten here. The last
    /// admin deletes it for everyone instead.
    pub async fn leave(&self, id: &GroupId) -> Result<(), GroupsError> {
        let g = self.one(id).await?;
        let admins = g.state.members().iter().filter(|m| m.admin).count();
        if g.state.is_admin() && admins <= 1 {
            return self.delete(id).await;
        }
        if !g.state.is_gone() && !g.record.invited {
            self.send_group(&g.state, updates::member_left_notification())
                .await?;
            self.send_group(&g.state, updates::member_left()).await?;
        }
        self.forget(g).await
    }

    /// Deletes the group for everyone (admins only), then forgets it here.
    pub async fn delete(&self, id: &GroupId) -> Result<(), GroupsError> {
        let mut g = self.one(id).await?;
        let mut info = g.state.info();
        info.destroyed = true;
        g.state.set_info(&info)?;
        self.save(&mut g).await?;
        self.deliver(&mut g).await?;
        self.forget(g).await
    }

    async fn forget(&self, g: Loaded) -> Result<(), GroupsError> {
        let conv = conversation(g.state.id());
        // A tombstone until the account's settings forget the group as well.
        let mut record = g.record;
        record.left = true;
        let saved = self.parts.store.save_group(&record).await;
        self.parts.storage.note(&saved);
        saved?;
        if self.parts.views.open_conversation().as_ref() == Some(&conv) {
            self.parts.views.close_chat();
        }
        let cleared = self.parts.store.clear_conversation(&conv, true).await;
        self.parts.storage.note(&cleared);
        self.bump();
        self.refresh_plan().await;
        self.parts.views.after_change(vec![conv]).await;
        Ok(())
    }

    /// Accepts an invitation: the admins are told, and the group is ours.
    pub async fn accept(&self, id: &GroupId) -> Result<(), GroupsError> {
        let mut g = self.one(id).await?;
        if !g.record.invited {
            return Ok(());
        }
        g.record.invited = false;
        g.record.respond = true;
        self.save(&mut g).await?;
        let conv = conversation(id);
        let accepted = self.parts.store.accept_request(&conv).await;
        self.parts.storage.note(&accepted);
        self.respond(&mut g).await;
        self.parts.views.after_change(vec![conv]).await;
        Ok(())
    }

    /// Tells the group we accepted its invitation, once we hold a key to write with.
    async fn respond(&self, g: &mut Loaded) {
        if !g.record.respond || g.state.keys().encryption_key().is_none() {
            return;
        }
        let profile = self.parts.profile.outgoing();
        match self
            .send_group(&g.state, updates::invite_response(profile.as_ref()))
            .await
        {
            Ok(_) => {
                g.record.respond = false;
                if let Err(e) = self.save(g).await {
                    log::error(&format!("group: {e}"));
                }
            }
            Err(e) => log::warn(&format!("group: the acceptance waits: {e}")),
        }
    }

    /// Declines an invitation: the group is forgotten (nothing is sent, as in the official
    /// apps).
    pub async fn decline(&self, id: &GroupId) -> Result<(), GroupsError> {
        let g = self.one(id).await?;
        self.forget(g).await
    }

    /// Sends a message that acts on others (a reaction) to the group of `conv`.
    pub async fn send_control(
        &self,
        conv: &ConversationId,
        content: Content,
    ) -> Result<(), GroupsError> {
        let id = group_of(conv).ok_or(GroupsError::NotFound)?;
        let g = self.one(&id).await?;
        self.send_group(&g.state, content).await.map(drop)
    }

    /// Sends `text` (as a reply to `quote`) to the group of `conv`: shown at once as sending,
    /// then sent or failed.
    pub async fn send_text(
        &self,
        conv: &ConversationId,
        text: &str,
        quote: Option<QuoteRecord>,
    ) -> Result<(), SendError> {
        let mut content = ContentBuilder::text(text);
        if let Some(q) = &quote {
            content = content.reply_to(&MessageRef::new(q.author, q.ts));
        }
        if let Some(profile) = self.parts.profile.outgoing() {
            content = content.profile(&profile);
        }
        let msg = MessageRecord {
            quote,
            ..MessageRecord::new(
                conv.clone(),
                self.me,
                0,
                text.to_owned(),
                true,
                MessageStatus::Sending,
                self.parts.clock.now_ms(),
            )
        };
        self.send_content(msg, content.build()).await
    }

    /// Sends a message already made (attachments uploaded) to its group: shown as sending,
    /// then sent or failed. A zero timestamp in `msg` takes a fresh one.
    pub async fn send_content(
        &self,
        mut msg: MessageRecord,
        content: Content,
    ) -> Result<(), SendError> {
        let id = group_of(&msg.conv).ok_or_else(|| SendError::Unsupported(msg.conv.clone()))?;
        let g = self
            .one(&id)
            .await
            .map_err(|_| SendError::Unsupported(msg.conv.clone()))?;
        if g.record.invited {
            let _ = self.accept(&id).await;
        }
        let client = self.parts.network.client();
        if msg.ts == 0 {
            msg.ts = client.reserve_timestamp();
        }
        msg.status = MessageStatus::Sending;
        let stored = self.parts.store.store_outgoing(&msg, None).await;
        self.parts.storage.note(&stored);
        stored.map_err(SendError::Save)?;
        self.parts.views.after_change(vec![msg.conv.clone()]).await;
        self.parts.views.scroll_to_end();
        match client.send_group(&g.state, &content, msg.ts).await {
            Ok(hash) => {
                msg.status = MessageStatus::Sent;
                msg.hash = Some(hash.clone());
                msg.own_hash = Some(hash);
            }
            Err(e) => {
                log::warn(&format!("group message not sent: {e}"));
                msg.status = MessageStatus::Failed;
            }
        }
        let saved = self.parts.store.save_message(&msg, None).await;
        self.parts.storage.note(&saved);
        self.parts.views.after_change(vec![msg.conv.clone()]).await;
        Ok(())
    }

    /// After a poll, in the tab that polls: invitations and promotions that arrived
    /// one-to-one, then each group's share of the poll; the group messages join `report` as
    /// events for the usual storing, and admins push what they owe. Returns the
    /// conversations whose notices or names changed.
    pub async fn after_poll(&self, client: &dyn Engine, report: &mut PollReport) {
        let Ok(mut groups) = self.all().await else {
            return;
        };
        let mut plan_changed = false;
        for event in &report.events {
            let Event::Direct(Incoming::Message(m)) = event else {
                continue;
            };
            let t = i64::try_from(m.timestamp_ms).unwrap_or(i64::MAX);
            if let Some(invite) = updates::read_invite(&m.content, &self.me, t) {
                match invite {
                    Ok(inv) => {
                        if self.join(&mut groups, inv, m.from).await {
                            plan_changed = true;
                        }
                    }
                    Err(e) => log::warn(&format!("refused a group invitation: {e}")),
                }
            }
            if let Some(Ok(key)) = updates::read_promotion(&m.content) {
                let gid = key.group();
                if let Some(g) = groups.iter_mut().find(|g| *g.state.id() == gid) {
                    let from_member = g.state.members().iter().any(|x| x.session_id == m.from);
                    if from_member
                        && !g.state.is_admin()
                        && g.state.promoted(&key.seed()[..]).is_ok()
                    {
                        let _ = self.save(g).await;
                        plan_changed = true;
                    }
                }
            }
        }
        let now = i64::try_from(client.network_now_ms()).unwrap_or(i64::MAX);
        let mut extra = Vec::new();
        for g in groups.iter_mut().filter(|g| !g.state.is_gone()) {
            let retrieved = group_retrieved(report, g.state.id());
            let empty = retrieved.keys.is_empty()
                && retrieved.info.is_empty()
                && retrieved.members.is_empty()
                && retrieved.kicks.is_empty()
                && retrieved.messages.is_empty();
            if empty && !g.state.needs_push() {
                continue;
            }
            let absorbed = g.state.absorb(retrieved, now);
            self.after_absorb(g, &absorbed).await;
            if g.state.is_gone() {
                plan_changed = true;
            }
            for e in absorbed.events {
                let update = match &e {
                    Incoming::Message(m) => m
                        .content
                        .data_message
                        .as_ref()
                        .and_then(|d| d.group_update_message.clone()),
                    _ => None,
                };
                match (update, &e) {
                    (Some(u), Incoming::Message(m)) => {
                        if m.from != self.me {
                            if let Some(n) = notice_of(&u) {
                                let name = match &n {
                                    GroupNotice::Renamed { name } => Some(name.clone()),
                                    _ => None,
                                };
                                self.notice(g.state.id(), m.from, n, name.as_deref()).await;
                            }
                        }
                    }
                    _ => extra.push(Event::Direct(e)),
                }
            }
            if !g.record.invited {
                self.respond(g).await;
            }
            if g.state.is_admin() && g.state.needs_push() {
                if let Err(e) = self.deliver(g).await {
                    log::warn(&format!("group {}: {e}", g.record.id));
                }
            }
            if let Err(e) = self.save(g).await {
                log::error(&format!("could not save group {}: {e}", g.record.id));
            }
        }
        report.events.extend(extra);
        // Groups joined on another device (through the account's settings) or in another tab.
        plan_changed |= Self::polled(&groups) != *self.planned.borrow();
        if plan_changed {
            client.set_poll_plan(self.plan(&groups));
        }
    }

    /// Notices of what a poll did to a group: kicked, deleted, renamed.
    async fn after_absorb(&self, g: &Loaded, absorbed: &Absorbed) {
        let id = *g.state.id();
        let info = g.state.info();
        if absorbed.kicked {
            self.notice(&id, self.me, GroupNotice::Kicked, None).await;
        } else if info.destroyed && absorbed.info_changed {
            self.notice(&id, self.me, GroupNotice::Destroyed, None)
                .await;
        } else if absorbed.info_changed {
            if let Some(name) = info.name {
                // The list shows the group's own name from now on.
                let conv = conversation(&id);
                let now = self.parts.clock.now_ms();
                let names = [NameUpdate {
                    conv: conv.clone(),
                    name,
                    updated_s: now / 1000,
                    picture: None,
                }];
                let stored = self
                    .parts
                    .store
                    .store_messages(&[], &names, &[], None)
                    .await;
                self.parts.storage.note(&stored);
                self.parts.views.after_change(vec![conv]).await;
            }
        }
    }

    /// Joins a group we were invited to (a request until accepted); whether it is new.
    async fn join(&self, groups: &mut Vec<Loaded>, inv: Invitation, from: SessionId) -> bool {
        let hex = inv.group.to_hex();
        if groups
            .iter()
            .any(|g| g.record.id == hex && !g.state.is_gone())
        {
            return false;
        }
        let state = match GroupState::join(self.identity.clone(), inv.group, &inv.auth) {
            Ok(s) => s,
            Err(e) => {
                log::warn(&format!("refused a group invitation: {e}"));
                return false;
            }
        };
        let mut g = Loaded {
            record: GroupRecord {
                id: hex.clone(),
                admin_seed: None,
                dump: String::new(),
                invited: true,
                inviter: Some(from.to_hex()),
                name: inv.name.clone(),
                left: false,
                respond: false,
            },
            state,
        };
        if self.save(&mut g).await.is_err() {
            return false;
        }
        self.notice(&inv.group, from, GroupNotice::Invited, Some(&inv.name))
            .await;
        // From a contact we talk with, the invitation is accepted at once (as the official
        // apps do for approved contacts); from anyone else it waits as a request.
        let known = self
            .parts
            .views
            .summary(&ConversationId::Direct(from))
            .is_some_and(|c| !c.is_request() && !c.settings.blocked && (c.listed || c.count > 0));
        if known {
            // The group is told once its keys arrived (its next poll).
            g.record.invited = false;
            g.record.respond = true;
            if self.save(&mut g).await.is_ok() {
                let accepted = self
                    .parts
                    .store
                    .accept_request(&conversation(&inv.group))
                    .await;
                self.parts.storage.note(&accepted);
            }
        }
        groups.retain(|x| x.record.id != hex);
        groups.push(g);
        true
    }
}

/// What reconciling the account's UserGroups config with the stored groups decided.
#[derive(Debug, Default)]
pub struct GroupsSync {
    /// Groups another device of the account joined or made: new records to store.
    pub joined: Vec<GroupRecord>,
    /// Groups left here that the config no longer names: their tombstones can go.
    pub forgotten: Vec<GroupRecord>,
}

/// Keeps UserGroups (`g`, groups-and-config.md §2.4) and the stored groups in step, both ways:
/// every group here is written there (its key for admins, the auth data for members, its
/// name, whether the invitation is unanswered, whether we were removed or it was deleted);
/// groups left here are erased there; and groups there but not here (another device's) are
/// joined from what the record holds. Records of other clients' keys are kept.
pub fn reconcile_user_groups(
    data: &mut Dict,
    records: &[GroupRecord],
    identity: &Identity,
    now_s: i64,
) -> GroupsSync {
    use session_core::config::user_groups::{self as ug, Removed};
    let mut sync = GroupsSync::default();
    for r in records {
        let Ok(id) = GroupId::parse(&r.id) else {
            continue;
        };
        let sid = id.session_id();
        if r.left {
            ug::erase(data, b"g", &sid);
            sync.forgotten.push(r.clone());
            continue;
        }
        let admin = r
            .admin_seed
            .as_deref()
            .and_then(|s| hex::decode(s).ok())
            .and_then(|seed| AdminKey::for_group(&seed, &id).ok());
        let state = hex::decode(&r.dump)
            .ok()
            .and_then(|d| GroupState::load(identity.clone(), id, admin.clone(), &d).ok());
        let mut g = ug::get_group(data, &sid).unwrap_or_else(|| ug::Group::new(sid));
        let info = state.as_ref().map(GroupState::info).unwrap_or_default();
        g.name = info.name.clone().unwrap_or_else(|| r.name.clone());
        g.admin_seed = admin.map(|k| *k.seed());
        g.auth_data = state.as_ref().and_then(|s| s.auth_data().copied());
        g.membership.invited = r.invited;
        if g.membership.joined_at == 0 {
            g.membership.joined_at = now_s;
        }
        g.removed = match &state {
            Some(s) if info.destroyed => Removed::Destroyed,
            Some(s) if s.is_gone() => Removed::Kicked,
            _ => Removed::No,
        };
        ug::set_group(data, &g);
    }
    for g in ug::all(data).groups {
        let hex = g.id.to_hex();
        if records.iter().any(|r| r.id == hex) || g.removed != Removed::No {
            continue;
        }
        let Ok(id) = GroupId::from_session_id(&g.id) else {
            continue;
        };
        let state = match (g.admin_seed, g.auth_data) {
            (Some(seed), _) => {
                GroupState::join_as_admin(identity.clone(), AdminKey::from_seed(&seed))
            }
            (None, Some(auth)) => GroupState::join(identity.clone(), id, &auth),
            (None, None) => continue,
        };
        let Ok(mut state) = state else {
            continue;
        };
        sync.joined.push(GroupRecord {
            id: hex,
            admin_seed: g.admin_seed.map(hex::encode),
            dump: hex::encode(state.dump()),
            invited: g.membership.invited,
            inviter: None,
            name: g.name.clone(),
            left: false,
            respond: false,
        });
    }
    sync
}
