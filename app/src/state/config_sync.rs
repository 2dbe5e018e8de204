//! Keeping this browser in step with the account's other devices through its user configs
//! (groups-and-config.md §1.15–§1.16): after each poll, in the tab that polls, the configs the
//! poll brought are merged before its messages are stored; what they say is applied here (our
//! display name and avatar, contacts' names, avatars and nicknames, approved contacts listed,
//! how far each conversation was read); what changed here goes into them (a new display name
//! or avatar, conversations read, people we wrote to); and whatever changed is pushed. The
//! configs' dumps are kept in storage between runs.
//!
//! The mapping between the configs and the stored records is plain functions
//! ([`synced_conversations`], [`synced_avatars`], [`record_local_changes`],
//! [`reconcile_name`], [`reconcile_avatar`]) with tests of their own; [`ConfigSync`] moves the
//! data.

use session_core::client::{is_user_config, PollError, PollReport};
use session_core::config::contacts;
use session_core::config::convo_info_volatile::{self as civ, Convo, ReadState};
use session_core::config::fields::{NotifyMode, ProfilePic};
use session_core::config::user_profile::{self, UserProfile};
use session_core::config::value::Dict;
use session_core::config::{AccountConfigs, Domain};
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::ports::{Clock, Engine, Store};
use crate::storage::records::AvatarRef;
use crate::storage::repo::NameUpdate;
use crate::storage::{
    ConvSettings, ConversationRecord, ExpireSetting, Notify, ProfileRecord, SyncedConversation,
};
use crate::util::log;

/// How often the current config messages get their 30 days back.
pub const EXTEND_EVERY_MS: u64 = 24 * 3600 * 1000;

/// The app's notify choice of a config's notify mode, and back.
fn notify_of(mode: NotifyMode) -> Notify {
    match mode {
        NotifyMode::All => Notify::All,
        NotifyMode::Disabled => Notify::Off,
        NotifyMode::MentionsOnly => Notify::MentionsOnly,
        _ => Notify::Default,
    }
}

fn mode_of(notify: Notify) -> NotifyMode {
    match notify {
        Notify::Default => NotifyMode::Default,
        Notify::All => NotifyMode::All,
        Notify::Off => NotifyMode::Disabled,
        Notify::MentionsOnly => NotifyMode::MentionsOnly,
    }
}

/// What the account's settings say of conversations, to apply to the stored summaries:
/// contacts (their name; listed when approved and not blocked; priority, mute, notify,
/// blocked and our nickname), Note to Self's priority, and the read state and "marked
/// unread" of one-to-one chats and Note to Self.
pub fn synced_conversations(configs: &AccountConfigs, me: &SessionId) -> Vec<SyncedConversation> {
    let conv_of = |id: &SessionId| {
        if id == me {
            ConversationId::NoteToSelf
        } else {
            ConversationId::Direct(*id)
        }
    };
    let blank = |conv: ConversationId| SyncedConversation {
        conv,
        name: None,
        settings: ConvSettings::default(),
        last_read_ms: None,
        listed: false,
    };
    let mut out: BTreeMap<ConversationId, SyncedConversation> = BTreeMap::new();
    if let Some(c) = configs.get(Domain::Contacts) {
        for contact in contacts::all(c.data()) {
            let conv = conv_of(&contact.session_id);
            let settings = ConvSettings {
                priority: contact.priority,
                marked_unread: false,
                mute_until_s: contact.mute_until,
                notify: notify_of(contact.notify),
                blocked: contact.blocked,
                nickname: Some(contact.nickname).filter(|n| !n.trim().is_empty()),
                expire: ExpireSetting::of(contact.disappearing),
            };
            out.insert(
                conv.clone(),
                SyncedConversation {
                    conv,
                    name: Some(contact.name).filter(|n| !n.trim().is_empty()),
                    settings,
                    last_read_ms: None,
                    listed: contact.approved && !contact.blocked,
                },
            );
        }
    }
    // Note to Self is always said, so that its pin follows the settings both ways.
    if let Some(c) = configs.get(Domain::UserProfile) {
        out.entry(ConversationId::NoteToSelf)
            .or_insert_with(|| blank(ConversationId::NoteToSelf))
            .settings
            .priority = UserProfile::read(c.data()).nts_priority;
    }
    if let Some(c) = configs.get(Domain::ConvoInfoVolatile) {
        for (id, entry) in civ::all(c.data()).one_to_one {
            let read = u64::try_from(entry.state.last_read_ms)
                .ok()
                .filter(|r| *r > 0);
            let conv = conv_of(&id);
            let sync = out.entry(conv.clone()).or_insert_with(|| blank(conv));
            sync.last_read_ms = read;
            sync.settings.marked_unread = entry.state.unread;
        }
    }
    out.into_values().collect()
}

/// The contacts' avatars the account's settings keep (`p`/`q`, with the time `t` of the
/// profile they came with when a 2025+ app wrote it), as profile updates without a name:
/// applied by the same rule as an avatar that comes with a message. A contact without an
/// avatar and without a time says nothing (it may just not have been written yet).
pub fn synced_avatars(configs: &AccountConfigs, me: &SessionId) -> Vec<NameUpdate> {
    let Some(c) = configs.get(Domain::Contacts) else {
        return Vec::new();
    };
    contacts::all(c.data())
        .into_iter()
        .filter(|contact| contact.session_id != *me)
        .filter_map(|contact| {
            let t = c
                .data()
                .dict(b"c")
                .and_then(|all| all.dict(contact.session_id.as_bytes()))
                .map_or(0, |d| d.int_or_zero(b"t"));
            let picture = contact.pic.as_ref().map(|p| AvatarRef::new(&p.url, &p.key));
            (picture.is_some() || t > 0).then(|| NameUpdate {
                conv: ConversationId::Direct(contact.session_id),
                name: String::new(),
                updated_s: u64::try_from(t).unwrap_or(0),
                picture,
            })
        })
        .collect()
}

/// Our avatar as UserProfile keeps it: `p`/`q`, or the re-uploaded `P`/`Q` when their time
/// `T` is newer than the profile's `t` (groups-and-config.md §2.1).
pub fn own_avatar(data: &Dict) -> Option<AvatarRef> {
    let reuploaded = data.int_or_zero(b"T") > data.int_or_zero(b"t");
    let pic = reuploaded
        .then(|| ProfilePic::read(data, b"P", b"Q"))
        .flatten()
        .or_else(|| UserProfile::read(data).pic)?;
    Some(AvatarRef::new(&pic.url, &pic.key))
}

/// What reconciling our avatar decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvatarSync {
    /// Nothing to do.
    Same,
    /// The avatar set (or removed) here went into the settings.
    Pushed,
    /// The settings' avatar (set or removed on another device) is ours now.
    Adopted(Option<AvatarRef>),
}

/// Reconciles our avatar with the UserProfile config after a merge, as [`reconcile_name`]
/// does the name: one set or removed here since the last agreement goes to the config (with
/// the profile's time in `t`, and any re-uploaded copy dropped); otherwise the config's is
/// adopted, its absence too. Before the first agreement the config's wins unless it has none.
pub fn reconcile_avatar(configs: &mut AccountConfigs, local: &ProfileRecord) -> AvatarSync {
    let Some(config) = configs.get_mut(Domain::UserProfile) else {
        return AvatarSync::Same;
    };
    let remote = own_avatar(config.data());
    if remote == local.avatar {
        return AvatarSync::Same;
    }
    let set_here = match &local.synced_avatar {
        Some(agreed) => *agreed != local.avatar_url(),
        None => remote.is_none(),
    };
    if set_here {
        let pic = local.avatar.as_ref().and_then(|a| {
            Some(ProfilePic {
                url: a.url.clone(),
                key: *a.key_bytes()?,
            })
        });
        let time = i64::try_from(local.updated_s).unwrap_or(i64::MAX);
        let written = config.edit(|d| {
            user_profile::set_pic(d, pic.as_ref())?;
            for key in [&b"P"[..], b"Q", b"T"] {
                d.remove(key);
            }
            d.set_positive(b"t", time);
            Ok::<(), session_core::config::ConfigError>(())
        });
        match written {
            Ok(()) => return AvatarSync::Pushed,
            Err(e) => log::warn(&format!("avatar not synced: {e}")),
        }
    }
    AvatarSync::Adopted(remote)
}

/// Puts what changed here into the configs: how far each one-to-one chat (and Note to Self)
/// was read, the settings changed here since they last agreed with the account's (pin,
/// marked unread, mute, notify, blocked, nickname), and the people we wrote to as approved
/// contacts (with the name their messages gave). `now_ms` is the network time. Returns
/// whether anything changed.
pub fn record_local_changes(
    configs: &mut AccountConfigs,
    records: &[ConversationRecord],
    me: &SessionId,
    now_ms: u64,
) -> bool {
    let now = i64::try_from(now_ms).unwrap_or(i64::MAX);
    let mut changed = false;
    for rec in records {
        let id = match &rec.id {
            ConversationId::Direct(id) => *id,
            ConversationId::NoteToSelf => *me,
            _ => continue,
        };
        let (here, agreed) = (&rec.settings, &rec.settings_agreed);
        if let Some(config) = configs.get_mut(Domain::ConvoInfoVolatile) {
            let convo = Convo::OneToOne(id);
            let stored = civ::get(config.data(), &convo);
            let stored_read = stored.map_or(0, |s| s.last_read_ms);
            let stored_unread = stored.is_some_and(|s| s.unread);
            let read = i64::try_from(rec.last_read_ts).unwrap_or(i64::MAX);
            let unread = if here.marked_unread != agreed.marked_unread {
                here.marked_unread
            } else {
                stored_unread
            };
            if read > stored_read || unread != stored_unread {
                let state = ReadState {
                    last_read_ms: read.max(stored_read),
                    unread,
                };
                config.edit(|d| civ::set(d, &convo, state, now));
                // A read time older than 30 days is not written (the library's rule).
                changed |= civ::get(config.data(), &convo) != stored;
            }
        }
        if id == *me {
            if here.priority != agreed.priority {
                if let Some(config) = configs.get_mut(Domain::UserProfile) {
                    if UserProfile::read(config.data()).nts_priority != here.priority {
                        config.edit(|d| user_profile::set_nts_priority(d, here.priority));
                        changed = true;
                    }
                }
            }
            continue;
        }
        if let Some(config) = configs.get_mut(Domain::Contacts) {
            let existing = contacts::get(config.data(), &id);
            // Writing to someone, or accepting their request, approves them.
            let wrote = rec.last_outgoing || rec.accepted;
            let set_here = ConvSettings {
                marked_unread: agreed.marked_unread,
                ..here.clone()
            } != *agreed;
            if existing.is_none() && !wrote && !set_here {
                continue;
            }
            let mut c = existing.unwrap_or_else(|| contacts::Contact::new(id));
            let before = c.clone();
            if here.priority != agreed.priority {
                c.priority = here.priority;
            }
            if here.mute_until_s != agreed.mute_until_s {
                c.mute_until = here.mute_until_s;
            }
            if here.notify != agreed.notify {
                c.notify = mode_of(here.notify);
            }
            if here.blocked != agreed.blocked {
                c.blocked = here.blocked;
            }
            if here.nickname != agreed.nickname {
                c.nickname = here.nickname.clone().unwrap_or_default();
            }
            if here.expire != agreed.expire {
                c.disappearing = here.expire.disappearing();
            }
            if wrote {
                c.approved = true;
                if c.created == 0 {
                    c.created = now / 1000;
                }
            }
            if let Some(name) = rec.name.as_deref().filter(|n| !n.trim().is_empty()) {
                c.name = name.to_owned();
            }
            if c != before {
                config.edit(|d| contacts::set(d, &c));
                changed = true;
            }
        }
    }
    changed
}

/// What reconciling our display name decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameSync {
    /// Nothing to do.
    Same,
    /// A name set here went into the settings.
    Pushed,
    /// The settings' name (set on another device, or a restored account's) is ours now.
    Adopted(String),
}

/// Reconciles the stored display name with the UserProfile config after a merge: a name set
/// here since the last agreement goes to the config; otherwise the config's name is adopted.
/// Before the first agreement (a browser just restored) the config's name wins when it has
/// one, so a new device never replaces the account's name with what it was given locally.
pub fn reconcile_name(configs: &mut AccountConfigs, local: &ProfileRecord) -> NameSync {
    let Some(config) = configs.get_mut(Domain::UserProfile) else {
        return NameSync::Same;
    };
    let remote = UserProfile::read(config.data()).name;
    let name = local.display_name.trim();
    if remote.as_deref() == Some(name) {
        return NameSync::Same;
    }
    let set_here = match &local.synced_name {
        Some(agreed) => agreed != name,
        None => remote.is_none(),
    };
    if set_here && !name.is_empty() {
        match config.edit(|d| user_profile::set_name(d, name)) {
            Ok(()) => return NameSync::Pushed,
            Err(e) => log::warn(&format!("display name not synced: {e}")),
        }
    }
    match remote {
        Some(r) => NameSync::Adopted(r),
        None => NameSync::Same,
    }
}

/// What one sync changed here.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Conversations whose summary changed.
    pub changed: Vec<ConversationId>,
    /// Our profile, when the settings changed it (saved already).
    pub profile: Option<ProfileRecord>,
}

/// The account's configs in the tab that polls.
pub struct ConfigSync {
    me: SessionId,
    identity: Identity,
    store: Rc<dyn Store>,
    clock: Rc<dyn Clock>,
    configs: RefCell<Option<AccountConfigs>>,
    /// The communities part's lock on the stored rooms ([`super::communities::Communities::records_lock`]).
    rooms_lock: Rc<futures::lock::Mutex<()>>,
    last_extend: Cell<Option<u64>>,
    /// Whether the configs say something the stored summaries may not show yet (at first, and
    /// after a poll that changed them).
    needs_apply: Cell<bool>,
}

impl std::fmt::Debug for ConfigSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigSync")
            .field("me", &self.me)
            .finish_non_exhaustive()
    }
}

impl ConfigSync {
    /// The configs of `identity`, loaded from storage at the first sync; the stored rooms are
    /// changed under `rooms_lock`.
    pub fn new(
        identity: Identity,
        store: Rc<dyn Store>,
        clock: Rc<dyn Clock>,
        rooms_lock: Rc<futures::lock::Mutex<()>>,
    ) -> ConfigSync {
        ConfigSync {
            me: identity.session_id(),
            identity,
            store,
            clock,
            configs: RefCell::new(None),
            rooms_lock,
            last_extend: Cell::new(None),
            needs_apply: Cell::new(true),
        }
    }

    async fn ensure_loaded(&self) {
        if self.configs.borrow().is_some() {
            return;
        }
        let dumps = match self.store.load_configs().await {
            Ok(d) => d,
            Err(e) => {
                log::error(&format!("could not read the account's settings: {e}"));
                Vec::new()
            }
        };
        let dumps: Vec<(Domain, Vec<u8>)> = dumps
            .into_iter()
            .filter_map(|(ns, d)| Some((Domain::from_namespace(ns)?, d)))
            .collect();
        let (configs, unreadable) = AccountConfigs::load(&self.identity, &dumps);
        for e in unreadable {
            log::warn(&format!(
                "the saved {} settings are unreadable ({}); they are fetched again",
                e.domain, e.error
            ));
        }
        self.configs.borrow_mut().get_or_insert(configs);
    }

    /// A copy of the configs as they stand (for tests and the screens that show them).
    pub fn snapshot(&self) -> Option<AccountConfigs> {
        self.configs.borrow().clone()
    }

    /// After a successful poll: merges its configs, applies them here, records what changed
    /// here, saves the dumps and pushes. Only call it with the poll's report before its
    /// messages are stored.
    pub async fn after_poll(&self, engine: &dyn Engine, report: &PollReport) -> Synced {
        self.ensure_loaded().await;
        // Until every config namespace was read, nothing here may be written over them: an
        // account's settings that failed to load look like none at all.
        let complete = !report.errors.iter().any(|e| match e {
            PollError::Namespace {
                account, namespace, ..
            } => *account == self.me && is_user_config(*namespace),
            PollError::Account { account, .. } => *account == self.me,
            _ => false,
        });
        let mut synced = Synced::default();
        let now = engine.network_now_ms();
        let to_apply = {
            let mut guard = self.configs.borrow_mut();
            let Some(configs) = guard.as_mut() else {
                return synced;
            };
            if !engine.absorb_configs(configs, report).is_empty() {
                self.needs_apply.set(true);
            }
            // Unchanged settings were applied already: a poll that brought none costs no
            // pass over the stored summaries.
            self.needs_apply.get().then(|| {
                (
                    synced_conversations(configs, &self.me),
                    synced_avatars(configs, &self.me),
                )
            })
        };
        if let Some((to_apply, avatars)) = to_apply {
            match self.store.apply_synced(&to_apply).await {
                Ok(changed) => {
                    synced.changed = changed.into_iter().map(|c| c.id).collect();
                    self.needs_apply.set(false);
                }
                Err(e) => log::error(&format!("could not apply the account's settings: {e}")),
            }
            // Contacts' avatars go the way avatars from messages go (after the summaries the
            // settings made, so a listed contact has one to take them).
            if !avatars.is_empty() {
                match self.store.store_messages(&[], &avatars, &[], None).await {
                    Ok(batch) => synced
                        .changed
                        .extend(batch.conversations.into_iter().map(|c| c.id)),
                    Err(e) => log::error(&format!("could not apply contacts' avatars: {e}")),
                }
            }
        }
        if !complete {
            self.save_dumps().await;
            return synced;
        }
        // The groups and rooms: ours go into UserGroups, other devices' come here.
        self.sync_groups(now).await;
        let rooms_changed = self.sync_communities(now).await;
        synced.changed.extend(rooms_changed);
        // What changed here goes into the settings.
        let records = self.store.load_conversations().await.unwrap_or_default();
        let profile = self.store.load_profile().await.ok().flatten();
        let (decisions, recorded) = {
            let mut guard = self.configs.borrow_mut();
            let Some(configs) = guard.as_mut() else {
                return synced;
            };
            let recorded = record_local_changes(configs, &records, &self.me, now)
                .then(|| synced_conversations(configs, &self.me));
            (
                profile
                    .as_ref()
                    .map(|p| (reconcile_name(configs, p), reconcile_avatar(configs, p))),
                recorded,
            )
        };
        // What went into the settings is agreed from now on: a change another device makes
        // to the same field later wins here.
        if let Some(agreed) = recorded {
            match self.store.apply_synced(&agreed).await {
                Ok(changed) => synced.changed.extend(changed.into_iter().map(|c| c.id)),
                Err(e) => log::error(&format!("could not apply the account's settings: {e}")),
            }
        }
        if let (Some(mut p), Some((name, avatar))) = (profile, decisions) {
            let before = p.clone();
            let mut adopted = false;
            if let NameSync::Adopted(name) = name {
                p.display_name = name;
                adopted = true;
            }
            if let AvatarSync::Adopted(avatar) = avatar {
                p.avatar = avatar;
                adopted = true;
            }
            if adopted {
                // Our messages announce what was adopted as newer than what they said before.
                p.updated_s = (self.clock.now_ms() / 1000).max(p.updated_s + 1);
            }
            p.synced_name = Some(p.display_name.clone());
            p.synced_avatar = Some(p.avatar_url());
            if p != before {
                if let Err(e) = self.store.save_profile(&p).await {
                    log::error(&format!("could not save the profile: {e}"));
                }
                if adopted {
                    synced.profile = Some(p);
                }
            }
        }
        self.push(engine, now).await;
        synced
    }

    /// Reconciles UserGroups with the stored groups (see
    /// [`super::groups::reconcile_user_groups`]): stores the groups other devices joined and
    /// drops the tombstones of groups the config forgot.
    async fn sync_groups(&self, now_ms: u64) {
        let Ok(records) = self.store.load_groups().await else {
            return;
        };
        let now_s = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
        let sync = {
            let mut guard = self.configs.borrow_mut();
            let Some(config) = guard.as_mut().and_then(|c| c.get_mut(Domain::UserGroups)) else {
                return;
            };
            config
                .edit(|d| super::groups::reconcile_user_groups(d, &records, &self.identity, now_s))
        };
        for r in &sync.joined {
            if let Err(e) = self.store.save_group(r).await {
                log::error(&format!("could not store a group of the account: {e}"));
            }
        }
        for r in &sync.forgotten {
            if let Err(e) = self.store.delete_group(r).await {
                log::error(&format!("could not forget a group: {e}"));
            }
        }
    }

    /// Reconciles UserGroups' community rooms with the stored ones (see
    /// [`super::communities::reconcile_user_communities`]): stores the rooms other devices
    /// joined and drops the records of rooms left here once the config forgot them; the
    /// conversations of rooms joined elsewhere.
    async fn sync_communities(&self, now_ms: u64) -> Vec<ConversationId> {
        use super::communities::{link_of, reconcile_user_communities};
        // Read, changed and written while no other change of the stored rooms runs.
        let _held = self.rooms_lock.lock().await;
        let Ok(mut records) = self.store.load_communities().await else {
            return Vec::new();
        };
        let now_s = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
        let sync = {
            let mut guard = self.configs.borrow_mut();
            let Some(config) = guard.as_mut().and_then(|c| c.get_mut(Domain::UserGroups)) else {
                return Vec::new();
            };
            config.edit(|d| reconcile_user_communities(d, &records, now_s))
        };
        if sync.joined.is_empty()
            && sync.forgotten.is_empty()
            && sync.removed.is_empty()
            && sync.synced.is_empty()
        {
            return Vec::new();
        }
        let mut convs = Vec::new();
        // Left on another device: its posts go here too.
        for r in records.iter().filter(|r| sync.removed.contains(&r.link)) {
            if let Some(link) = link_of(r) {
                let conv = ConversationId::Community(link.room().clone());
                if let Err(e) = super::communities::unlist_room(&*self.store, &conv).await {
                    log::error(&format!("could not leave a community: {e}"));
                }
                convs.push(conv);
            }
        }
        records.retain(|r| !sync.forgotten.contains(&r.link) && !sync.removed.contains(&r.link));
        for r in records.iter_mut() {
            r.synced |= sync.synced.contains(&r.link);
        }
        for r in &sync.joined {
            if let Some(link) = link_of(r) {
                let conv = ConversationId::Community(link.room().clone());
                let listed = SyncedConversation {
                    conv: conv.clone(),
                    name: Some(r.name.clone()),
                    settings: ConvSettings::default(),
                    last_read_ms: Some(now_ms),
                    listed: true,
                };
                if let Err(e) = self.store.apply_synced(&[listed]).await {
                    log::error(&format!("could not list a community: {e}"));
                }
                convs.push(conv);
            }
        }
        records.extend(sync.joined);
        if let Err(e) = self.store.save_communities(&records).await {
            log::error(&format!("could not store the account's communities: {e}"));
        }
        convs
    }

    /// Pushes what needs it, then saves the dumps; renews the config messages once a day.
    async fn push(&self, engine: &dyn Engine, now: u64) {
        let now_i = i64::try_from(now).unwrap_or(i64::MAX);
        let pending = {
            let mut guard = self.configs.borrow_mut();
            guard
                .as_mut()
                .and_then(|c| match c.prepare_push(None, now_i) {
                    Ok(p) => p,
                    Err(e) => {
                        log::error(&format!("the account's settings cannot be pushed: {e}"));
                        None
                    }
                })
        };
        if let Some(pending) = pending {
            let result = engine.push_configs(&pending).await;
            let mut guard = self.configs.borrow_mut();
            if let Some(configs) = guard.as_mut() {
                match result {
                    Ok(hashes) => configs.confirm(&pending, &hashes),
                    Err(e) => {
                        log::warn(&format!("the account's settings were not pushed yet: {e}"));
                        configs.push_failed(&pending);
                    }
                }
            }
        }
        self.save_dumps().await;
        let due = self
            .last_extend
            .get()
            .is_none_or(|t| now.saturating_sub(t) >= EXTEND_EVERY_MS);
        if due {
            let hashes = self
                .configs
                .borrow()
                .as_ref()
                .map(AccountConfigs::active_hashes)
                .unwrap_or_default();
            if hashes.is_empty() {
                return;
            }
            match engine.extend_configs(&hashes).await {
                Ok(()) => self.last_extend.set(Some(now)),
                Err(e) => log::warn(&format!("the account's settings were not renewed: {e}")),
            }
        }
    }

    async fn save_dumps(&self) {
        let dumps: Vec<(i16, Vec<u8>)> = {
            let mut guard = self.configs.borrow_mut();
            guard
                .as_mut()
                .map(|c| {
                    c.take_dumps()
                        .into_iter()
                        .map(|(d, dump)| (d.namespace(), dump))
                        .collect()
                })
                .unwrap_or_default()
        };
        if dumps.is_empty() {
            return;
        }
        if let Err(e) = self.store.save_configs(&dumps).await {
            log::error(&format!("could not save the account's settings: {e}"));
        }
    }
}
