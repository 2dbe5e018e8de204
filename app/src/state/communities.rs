//! The communities part (messaging.md §7): joining a room by its link and leaving it, polling
//! the joined rooms' servers (one batch per server, in the tab that polls, every
//! [`POLL_MS`] as the desktop app does), storing their posts as the room's messages, posting,
//! reacting, deleting, and fetching older pages as the user scrolls up.
//!
//! The protocol is core's: [`ServerPoll`] builds and reads each poll, `community::post` signs,
//! the engine signs every request (X-SOGS, blinded) and sends it through onion v4. This part
//! keeps one [`CommunityRecord`] per room in storage (its cursor, details and moderators) and
//! turns what the server says into stored messages ([`super::room_posts`]). The joined list
//! rides in the account's UserGroups config ([`reconcile_user_communities`]), so every device
//! of the account has the same rooms.

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::client::ServerReply;
use session_core::community::api::{self, ApiRequest, BatchReply, RoomInfo, RoomMessage};
use session_core::community::auth::AuthMode;
use session_core::community::dm::{self, own_blinded_id};
use session_core::community::poll::{check_post, PollOutcome, ServerPoll};
use session_core::community::post;
use session_core::community::url::{JoinLink, JoinLinkError, ServerKey};
use session_core::config::user_groups::{self as ug, Community, Membership};
use session_core::config::value::Dict;
use session_core::conversation::{CommunityRoom, ConversationId};
use session_core::identity::SessionId;
use session_core::message::encode_content;
use session_core::proto::session::{attachment_pointer, AttachmentPointer, Content};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use super::blinded_dms::{placement, record_of as dm_record, Placement};
use super::effects::Effect;
use super::room_posts::{batch_of, record_of};

use crate::ports::Store;
use crate::storage::{
    CommunityRecord, ConvSettings, MessageRecord, MessageStatus, RoomFile, StorageError,
    SyncedConversation,
};
use crate::t;
use crate::util::log;

/// How often the joined rooms' servers are polled (the desktop app's interval).
pub const POLL_MS: u64 = 10_000;
/// How many older posts one scroll to the top fetches.
pub const OLDER_PAGE: u32 = 100;
/// The longest text a post may carry (the official apps' limit).
pub const MAX_POST_CHARS: usize = 2_000;
/// The largest file a room's post may carry (the official apps' attachment limit).
pub const MAX_FILE_BYTES: usize = 10_000_000;

/// The pointer a post carries for one of its files on the room's server: no key, no digest
/// (messaging.md §6.7).
fn room_pointer(
    a: &crate::storage::AttachmentRecord,
    f: &RoomFile,
    token: &str,
) -> AttachmentPointer {
    AttachmentPointer {
        id: u64::try_from(f.id).unwrap_or(0),
        content_type: a.content_type.clone(),
        key: None,
        size: u32::try_from(a.size).ok(),
        thumbnail: None,
        digest: None,
        file_name: a.name.clone(),
        flags: a
            .voice
            .then_some(attachment_pointer::Flags::VoiceMessage as u32),
        width: a.width,
        height: a.height,
        caption: None,
        url: Some(f.url(token)),
    }
}

/// Why a community action failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommunityError {
    /// The text is not a community link.
    Link(JoinLinkError),
    /// The room is not one we joined.
    NotJoined,
    /// The server has no such room (or hides it from us).
    NoRoom,
    /// The server refused: its status and what it said.
    Refused(u16, String),
    /// The server's answer is not what the API gives.
    Answer(String),
    /// The server could not be reached.
    Network(String),
    /// Storage failed.
    Storage(StorageError),
    /// A file of the post is not on the room's server yet.
    Files,
    /// They take no message requests from the room's members.
    RefusesRequests,
    /// The message could not be encrypted for them.
    Encrypt(String),
}

impl fmt::Display for CommunityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            CommunityError::Link(e) => t!("home-community-not-link", error = link_problem(e)),
            CommunityError::NotJoined => t!("home-community-not-joined"),
            CommunityError::NoRoom => t!("home-community-no-room"),
            CommunityError::Refused(403, _) => t!("home-community-forbidden"),
            CommunityError::Refused(code, text) if text.is_empty() => {
                t!("home-community-refused", code = code.to_string())
            }
            CommunityError::Refused(code, text) => t!(
                "home-community-refused-text",
                code = code.to_string(),
                text = text.as_str()
            ),
            CommunityError::Answer(e) => t!("home-community-answer", error = e.as_str()),
            CommunityError::Network(e) => t!("home-community-unreachable", error = e.as_str()),
            CommunityError::Storage(e) => t!("home-community-storage", error = e.to_string()),
            CommunityError::Files => t!("home-community-files"),
            CommunityError::RefusesRequests => t!("home-community-refuses-requests"),
            CommunityError::Encrypt(e) => t!("home-community-encrypt", error = e.as_str()),
        };
        f.write_str(&text)
    }
}

/// Why a text is not a join link, as a clause of a sentence: the core's explanation, in the
/// language in use.
fn link_problem(e: &JoinLinkError) -> String {
    match e {
        JoinLinkError::NoServerKey => t!("home-link-no-server-key"),
        JoinLinkError::ServerKey => t!("home-link-server-key"),
        JoinLinkError::NoRoom => t!("home-link-no-room"),
        JoinLinkError::Room(e) => super::recipient::conversation_id_problem(e),
        e => e.to_string(),
    }
}

impl std::error::Error for CommunityError {}

impl From<StorageError> for CommunityError {
    fn from(e: StorageError) -> Self {
        CommunityError::Storage(e)
    }
}

/// What the part works with.
pub type CommunitiesParts = super::parts::SessionParts;

/// The communities part.
pub struct Communities {
    parts: CommunitiesParts,
    /// The joined rooms, as the screens show them.
    pub rooms: RwSignal<Vec<CommunityRecord>>,
    /// Each server's poll state, by server address (this tab's; rebuilt from the records).
    polls: RefCell<BTreeMap<String, ServerPoll>>,
    /// Our ID on each server (blinded), by server address.
    ids: RefCell<BTreeMap<String, SessionId>>,
    last_poll: Cell<Option<u64>>,
    /// Held while the stored rooms are read, changed and written back, so that two of this
    /// tab's changes never write over each other.
    records: Rc<futures::lock::Mutex<()>>,
}

impl fmt::Debug for Communities {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Communities").finish_non_exhaustive()
    }
}

/// A room left (here or on another device): its posts go and it leaves the list, without
/// being hidden, so that joining it again lists it again.
pub async fn unlist_room(store: &dyn Store, conv: &ConversationId) -> Result<(), StorageError> {
    store.clear_conversation(conv, false).await?;
    let unlisted = SyncedConversation {
        conv: conv.clone(),
        name: None,
        settings: ConvSettings::default(),
        last_read_ms: None,
        listed: false,
    };
    store.apply_synced(&[unlisted]).await.map(drop)
}

/// Whether a conversation goes through a community server: a room, or someone met in one
/// (by their blinded ID).
pub fn via_server(conv: &ConversationId) -> bool {
    matches!(
        conv,
        ConversationId::Community(_) | ConversationId::Blinded(_)
    )
}

/// The room a conversation is, if it is one.
pub fn room_of(conv: &ConversationId) -> Option<&CommunityRoom> {
    match conv {
        ConversationId::Community(room) => Some(room),
        _ => None,
    }
}

/// The join link a record keeps (records are written from parsed links).
pub fn link_of(record: &CommunityRecord) -> Option<JoinLink> {
    JoinLink::parse(&record.link).ok()
}

fn body_of(reply: ServerReply) -> Result<Vec<u8>, CommunityError> {
    match reply.code {
        200..=299 => Ok(reply.body),
        404 => Err(CommunityError::NoRoom),
        code => {
            let text: String = String::from_utf8_lossy(&reply.body)
                .trim()
                .chars()
                .take(200)
                .collect();
            Err(CommunityError::Refused(code, text))
        }
    }
}

/// Who wrote a room's post, as its author line shows it: the name the post gave, and the
/// start of their (blinded) ID, which is what tells people apart in a room.
pub fn post_author(m: &MessageRecord) -> String {
    let short = super::conversations::short_id(&m.author.to_hex());
    match m.post.as_ref().and_then(|p| p.name.as_deref()) {
        Some(name) => format!("{name} ({short})"),
        None => short,
    }
}

/// A room's line under its name: how many were active lately, and its server.
pub fn room_line(r: &CommunityRecord) -> String {
    let server = link_of(r)
        .map(|l| {
            let s = l.server();
            s.split_once("://").map_or(s, |(_, rest)| rest).to_owned()
        })
        .unwrap_or_default();
    match r.active_users {
        0 => server,
        n => t!("home-room-line", count = n, server = server),
    }
}

/// A room's record with the details the server gave.
pub fn apply_info(record: &mut CommunityRecord, info: &RoomInfo) {
    record.name = info.name.clone();
    record.description = info.description.clone();
    record.info_updates = info.info_updates;
    record.moderators = info
        .moderators
        .iter()
        .chain(&info.admins)
        .copied()
        .collect();
    record.moderators.sort();
    record.moderators.dedup();
    record.moderator = info.moderator || info.admin;
    record.write = info.permissions.write;
    record.active_users = info.active_users;
}

/// What keeping UserGroups' rooms and the stored ones in step comes to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CommunitiesSync {
    /// Rooms another device of the account joined: records to store.
    pub joined: Vec<CommunityRecord>,
    /// Rooms another device of the account left: left here too.
    pub removed: Vec<String>,
    /// Rooms joined here that the config names from now on.
    pub synced: Vec<String>,
    /// Rooms left here that the config no longer names: their records go.
    pub forgotten: Vec<String>,
}

/// Keeps UserGroups' community rooms (`o`, groups-and-config.md §2.4) and the stored rooms in
/// step, both ways: a room joined here is written there, one left here is erased there; one
/// there but not here (another device joined it) is joined here, and one the config named
/// but names no more (another device left it) is left here. Only call it with a config that
/// was read completely: a missing one would look like every room left.
pub fn reconcile_user_communities(
    data: &mut Dict,
    records: &[CommunityRecord],
    now_s: i64,
) -> CommunitiesSync {
    let mut sync = CommunitiesSync::default();
    let before = ug::all(data).communities;
    for r in records {
        let Some(link) = link_of(r) else { continue };
        if r.left {
            ug::erase_community(data, link.room());
            sync.forgotten.push(r.link.clone());
            continue;
        }
        let known = before
            .iter()
            .find(|c| c.base_url == link.server() && c.room_key == link.room().room());
        let membership = match known {
            Some(c) => c.membership,
            None if r.synced => {
                sync.removed.push(r.link.clone());
                continue;
            }
            None => Membership {
                joined_at: if r.joined_s > 0 { r.joined_s } else { now_s },
                ..Membership::default()
            },
        };
        if !r.synced {
            sync.synced.push(r.link.clone());
        }
        ug::set_community(
            data,
            &Community {
                room: link.room().clone(),
                room_display: link.token().to_owned(),
                pubkey: link.key().0,
                membership,
            },
        );
    }
    for c in before {
        let Some(key) = c.pubkey else { continue };
        let Ok(link) = JoinLink::new(&c.base_url, &c.room, ServerKey(key)) else {
            continue;
        };
        if records
            .iter()
            .any(|r| link_of(r).is_some_and(|l| l.room() == link.room()))
        {
            continue;
        }
        sync.joined.push(CommunityRecord {
            joined_s: c.membership.joined_at,
            synced: true,
            ..CommunityRecord::for_link(&link)
        });
    }
    sync
}

/// The blinded direct messages of one poll, ready to store.
#[derive(Default)]
struct Dms {
    messages: Vec<MessageRecord>,
    names: Vec<crate::storage::repo::NameUpdate>,
    changed: Vec<ConversationId>,
    /// Whom our other devices wrote to (from the outbox).
    new_contacts: Vec<SessionId>,
}

impl Communities {
    /// The part; [`Communities::load`] reads the joined rooms.
    pub fn new(parts: CommunitiesParts) -> Communities {
        Communities {
            parts,
            rooms: RwSignal::new(Vec::new()),
            polls: RefCell::new(BTreeMap::new()),
            ids: RefCell::new(BTreeMap::new()),
            last_poll: Cell::new(None),
            records: Rc::new(futures::lock::Mutex::new(())),
        }
    }

    /// Reads the stored rooms.
    pub async fn load(&self) -> Vec<CommunityRecord> {
        match self.parts.store.load_communities().await {
            Ok(list) => {
                let shown: Vec<_> = list.iter().filter(|r| !r.left).cloned().collect();
                self.rooms.set(shown);
                list
            }
            Err(e) => {
                log::error(&format!("could not read the communities: {e}"));
                Vec::new()
            }
        }
    }

    /// The lock every change of the stored rooms holds (read, change, write), for the config
    /// sync's changes too.
    pub fn records_lock(&self) -> Rc<futures::lock::Mutex<()>> {
        self.records.clone()
    }

    async fn save(&self, list: &[CommunityRecord]) -> Result<(), CommunityError> {
        let saved = self.parts.store.save_communities(list).await;
        self.parts.storage.note(&saved);
        saved?;
        self.rooms
            .set(list.iter().filter(|r| !r.left).cloned().collect());
        Ok(())
    }

    /// Changes the stored record of `room` (read afresh, so another tab's changes stay).
    async fn update(
        &self,
        room: &CommunityRoom,
        change: impl FnOnce(&mut CommunityRecord),
    ) -> Result<(), CommunityError> {
        let _held = self.records.lock().await;
        let mut list = self.parts.store.load_communities().await?;
        if let Some(r) = list
            .iter_mut()
            .find(|r| link_of(r).is_some_and(|l| l.room() == room))
        {
            change(r);
        }
        self.save(&list).await
    }

    /// The joined room's record and link.
    pub fn joined(&self, room: &CommunityRoom) -> Option<(CommunityRecord, JoinLink)> {
        self.rooms.with_untracked(|list| {
            list.iter()
                .find_map(|r| Some((r.clone(), link_of(r).filter(|l| l.room() == room)?)))
        })
    }

    /// Our ID on the server of `link` (blinded: servers that do not blind are not made any
    /// more, and every current one does).
    pub fn own_id(&self, link: &JoinLink) -> SessionId {
        if let Some(id) = self.ids.borrow().get(link.server()) {
            return *id;
        }
        let identity = self.parts.profile.identity();
        let id = own_blinded_id(identity, &link.key().0, false)
            .unwrap_or_else(|_| identity.session_id());
        self.ids.borrow_mut().insert(link.server().to_owned(), id);
        id
    }

    fn mode(&self, link: &JoinLink) -> AuthMode {
        match self.polls.borrow().get(link.server()) {
            Some(p) if !p.blinds() => AuthMode::Unblinded,
            _ => AuthMode::Blinded,
        }
    }

    async fn call(&self, link: &JoinLink, request: &ApiRequest) -> Result<Vec<u8>, CommunityError> {
        let p = &self.parts;
        let reply = p
            .network
            .client()
            .community_call(p.profile.identity(), link, self.mode(link), request)
            .await
            .map_err(|e| CommunityError::Network(e.to_string()))?;
        body_of(reply)
    }

    /// Joins the room `text` links to (or opens it when joined already): its details are
    /// fetched first, so a mistyped link joins nothing. Its first page follows at once.
    pub async fn join(self: &Rc<Self>, text: &str) -> Result<ConversationId, CommunityError> {
        let link = JoinLink::parse(text.trim()).map_err(CommunityError::Link)?;
        let conv = ConversationId::Community(link.room().clone());
        let held = self.records.lock().await;
        let mut list = self.parts.store.load_communities().await?;
        let existing = list
            .iter()
            .position(|r| link_of(r).is_some_and(|l| l.room() == link.room()));
        if existing.is_some_and(|i| !list[i].left) {
            return Ok(conv);
        }
        let body = self.call(&link, &api::room(link.token())).await?;
        let info = RoomInfo::parse(&body).map_err(|e| CommunityError::Answer(e.to_string()))?;
        let mut record = CommunityRecord {
            joined_s: i64::try_from(self.parts.clock.now_ms() / 1000).unwrap_or_default(),
            ..CommunityRecord::for_link(&link)
        };
        apply_info(&mut record, &info);
        match existing {
            Some(i) => list[i] = record.clone(),
            None => list.push(record.clone()),
        }
        self.save(&list).await?;
        drop(held);
        self.show_room(&conv, &record).await?;
        self.polls.borrow_mut().remove(link.server());
        let me = self.clone();
        let server = link.server().to_owned();
        wasm_bindgen_futures::spawn_local(async move { me.poll_server(&server).await });
        Ok(conv)
    }

    /// Lists the room's conversation under its name, read up to now (its history is not news).
    async fn show_room(
        &self,
        conv: &ConversationId,
        record: &CommunityRecord,
    ) -> Result<(), CommunityError> {
        let p = &self.parts;
        let synced = SyncedConversation {
            conv: conv.clone(),
            name: Some(record.name.clone()),
            settings: ConvSettings::default(),
            last_read_ms: Some(p.clock.now_ms()),
            listed: true,
        };
        let applied = p.store.apply_synced(&[synced]).await;
        p.storage.note(&applied);
        applied?;
        p.views.after_change(vec![conv.clone()]).await;
        Ok(())
    }

    /// Leaves a room: it stops being polled, its messages go, and the account's other devices
    /// leave it too.
    pub async fn leave(&self, conv: &ConversationId) -> Result<(), CommunityError> {
        let room = room_of(conv).ok_or(CommunityError::NotJoined)?;
        self.update(room, |r| r.left = true).await?;
        let p = &self.parts;
        let cleared = unlist_room(&*p.store, conv).await;
        p.storage.note(&cleared);
        cleared?;
        if let Some(poll) = self.polls.borrow_mut().get_mut(room.server()) {
            poll.leave(room.room());
        }
        p.views.after_change(vec![conv.clone()]).await;
        Ok(())
    }

    /// Polls every joined room's server when [`POLL_MS`] have passed (the polling tab calls
    /// this on each of its rounds).
    pub async fn poll_if_due(&self) {
        let now = self.parts.clock.now_ms();
        if self
            .last_poll
            .get()
            .is_some_and(|t| now.saturating_sub(t) < POLL_MS)
        {
            return;
        }
        self.last_poll.set(Some(now));
        let list = self.load().await;
        let mut servers: Vec<String> = list
            .iter()
            .filter(|r| !r.left)
            .filter_map(|r| Some(link_of(r)?.server().to_owned()))
            .collect();
        servers.sort();
        servers.dedup();
        for server in servers {
            self.poll_server(&server).await;
        }
    }

    /// One poll of one server: every joined room of it in one batch.
    pub async fn poll_server(&self, server: &str) {
        let list = self.load().await;
        let rooms: Vec<(CommunityRecord, JoinLink)> = list
            .iter()
            .filter(|r| !r.left)
            .filter_map(|r| Some((r.clone(), link_of(r)?)))
            .filter(|(_, l)| l.server() == server)
            .collect();
        let Some((_, link)) = rooms.first().cloned() else {
            return;
        };
        let requests = {
            let mut polls = self.polls.borrow_mut();
            let poll = polls.entry(server.to_owned()).or_default();
            poll.rooms
                .retain(|key, _| rooms.iter().any(|(_, l)| l.room().room() == key));
            for (r, l) in &rooms {
                poll.inbox_id = poll.inbox_id.max(r.inbox_id);
                poll.outbox_id = poll.outbox_id.max(r.outbox_id);
                poll.join(l.token());
                if let Some(cursor) = poll.rooms.get_mut(l.room().room()) {
                    if cursor.seqno.is_none() {
                        cursor.seqno = r.seqno;
                    }
                }
            }
            poll.requests()
        };
        let replies = match self.call(&link, &api::batch(&requests, false)).await {
            Ok(body) => match BatchReply::parse_list(&body) {
                Ok(r) => r,
                Err(e) => {
                    log::warn(&format!("community poll of {server}: {e}"));
                    return;
                }
            },
            Err(e) => {
                log::warn(&format!("community poll of {server}: {e}"));
                return;
            }
        };
        let outcome = match self.polls.borrow_mut().get_mut(server) {
            Some(poll) => poll.apply(&replies),
            None => return,
        };
        for (part, e) in &outcome.failures {
            log::warn(&format!("community poll of {server}: {part}: {e}"));
        }
        let me = self.own_id(&link);
        let now = self.parts.clock.now_ms();
        let Some(dms) = self.blinded_messages(&link, &outcome, now).await else {
            self.polls.borrow_mut().remove(server);
            return;
        };
        let Dms {
            mut messages,
            names,
            mut changed,
            new_contacts,
        } = dms;
        let mut effects = Vec::new();
        for (_, l) in &rooms {
            let key = l.room().room();
            let events: Vec<RoomMessage> = outcome
                .events
                .iter()
                .filter(|e| e.room == key)
                .map(|e| e.message.clone())
                .collect();
            if events.is_empty() {
                continue;
            }
            let conv = ConversationId::Community(l.room().clone());
            let batch = batch_of(&conv, &events, &me, now);
            messages.extend(batch.messages);
            effects.extend(batch.effects);
            changed.push(conv);
        }
        if !messages.is_empty() || !effects.is_empty() {
            let stored = self
                .parts
                .store
                .store_messages(&messages, &names, &effects, None)
                .await;
            self.parts.storage.note(&stored);
            if let Err(e) = stored {
                // Nothing of this poll was stored: the cursors go back, so it comes again.
                log::error(&format!("could not store a community's posts: {e}"));
                self.polls.borrow_mut().remove(server);
                return;
            }
        }
        // The cursors and details move on only once the posts are stored.
        let renamed = self
            .advance_cursors(server, &rooms, &outcome, &new_contacts)
            .await;
        changed.extend(renamed);
        if !changed.is_empty() {
            changed.dedup();
            self.parts.views.after_change(changed).await;
        }
    }

    /// The blinded direct messages of a poll (ours from the outbox too), opened and placed:
    /// `None` when the conversations could not be read (the poll is then repeated).
    async fn blinded_messages(
        &self,
        link: &JoinLink,
        outcome: &PollOutcome,
        now: u64,
    ) -> Option<Dms> {
        let mut dms = Dms::default();
        if outcome.inbox.is_empty() && outcome.outbox.is_empty() {
            return Some(dms);
        }
        let known: Vec<ConversationId> = match self.parts.store.load_conversations().await {
            Ok(list) => list.into_iter().map(|c| c.id).collect(),
            Err(e) => {
                log::error(&format!("could not read the conversations: {e}"));
                return None;
            }
        };
        let take = self.parts.profile.privacy().community_requests;
        let identity = self.parts.profile.identity();
        let account = identity.session_id();
        for item in outcome.inbox.iter().chain(&outcome.outbox) {
            let Some(blob) = item.message.as_deref() else {
                continue;
            };
            let opened =
                match dm::decrypt(identity, &link.key().0, &item.sender, &item.recipient, blob) {
                    Ok(o) => o,
                    Err(e) => {
                        log::warn(&format!("a blinded message did not open: {e}"));
                        continue;
                    }
                };
            let Placement::Into(conv) = placement(item, &opened, &known, take) else {
                continue;
            };
            if opened.outgoing && !dms.new_contacts.contains(&item.recipient) {
                dms.new_contacts.push(item.recipient);
            }
            if let Some((record, name)) = dm_record(conv.clone(), item, &opened, &account, now) {
                dms.messages.push(record);
                dms.names.extend(name);
                dms.changed.push(conv);
            }
        }
        Some(dms)
    }

    /// After a poll's posts are stored: each room's cursor, oldest post and details, the
    /// servers' direct message cursors and the blinded contacts our other devices wrote to
    /// are saved with the rooms. The rooms renamed by the server come back.
    async fn advance_cursors(
        &self,
        server: &str,
        rooms: &[(CommunityRecord, JoinLink)],
        outcome: &PollOutcome,
        new_contacts: &[SessionId],
    ) -> Vec<ConversationId> {
        let cursors: BTreeMap<String, (Option<i64>, Option<RoomInfo>)> = self
            .polls
            .borrow()
            .get(server)
            .map(|p| {
                p.rooms
                    .iter()
                    .map(|(k, c)| (k.clone(), (c.seqno, c.info.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let (inbox_id, outbox_id) = self
            .polls
            .borrow()
            .get(server)
            .map_or((None, None), |p| (p.inbox_id, p.outbox_id));
        let oldest: BTreeMap<String, i64> =
            outcome.events.iter().fold(BTreeMap::new(), |mut acc, e| {
                let id = acc.entry(e.room.clone()).or_insert(e.message.id);
                *id = (*id).min(e.message.id);
                acc
            });
        let held = self.records.lock().await;
        let mut list = match self.parts.store.load_communities().await {
            Ok(l) => l,
            Err(e) => {
                log::error(&format!("could not read the communities: {e}"));
                return Vec::new();
            }
        };
        let mut renamed = Vec::new();
        for r in list.iter_mut() {
            let Some(l) = link_of(r).filter(|l| l.server() == server) else {
                continue;
            };
            r.inbox_id = r.inbox_id.max(inbox_id);
            r.outbox_id = r.outbox_id.max(outbox_id);
            let key = l.room().room().to_owned();
            // Whom another device of ours wrote to goes through this server here too.
            if rooms.first().is_some_and(|(_, first)| first == &l) {
                for id in new_contacts {
                    if !r.contacts.contains(id) {
                        r.contacts.push(*id);
                    }
                }
            }
            let Some((seqno, info)) = cursors.get(&key) else {
                continue;
            };
            r.seqno = *seqno;
            if r.oldest_id.is_none() {
                r.oldest_id = oldest.get(&key).copied();
                // A first page shorter than asked for is the whole room.
                r.complete = outcome.events.iter().filter(|e| e.room == key).count()
                    < session_core::community::poll::FIRST_PAGE as usize;
            }
            if let Some(info) = info
                .as_ref()
                .filter(|_| outcome.rooms_changed.contains(&key))
            {
                if info.name != r.name {
                    renamed.push((
                        ConversationId::Community(l.room().clone()),
                        info.name.clone(),
                    ));
                }
                apply_info(r, info);
            }
        }
        if let Err(e) = self.save(&list).await {
            log::error(&format!("could not save the communities: {e}"));
        }
        drop(held);
        let mut shown = Vec::new();
        for (conv, name) in renamed {
            if let Err(e) = self.show_room_name(&conv, &name).await {
                log::error(&format!("could not rename a community: {e}"));
            }
            shown.push(conv);
        }
        shown
    }

    /// The room's conversation takes the name the server now gives it.
    async fn show_room_name(
        &self,
        conv: &ConversationId,
        name: &str,
    ) -> Result<(), CommunityError> {
        let Some(summary) = self.parts.views.summary(conv) else {
            return Ok(());
        };
        let synced = SyncedConversation {
            conv: conv.clone(),
            name: Some(name.to_owned()),
            settings: summary.settings.clone(),
            last_read_ms: None,
            listed: true,
        };
        let applied = self.parts.store.apply_synced(&[synced]).await;
        self.parts.storage.note(&applied);
        applied?;
        Ok(())
    }

    /// Posts `content` as the message `msg` shows (stored as sending): once the server has
    /// it, the message is keyed as the server posted it; a failure leaves it failed.
    pub async fn send_content(&self, msg: MessageRecord, mut content: Content) {
        let sent = if matches!(msg.conv, ConversationId::Blinded(_)) {
            self.send_dm(&msg, &mut content).await
        } else {
            self.post(&msg, &mut content).await
        };
        if let Err(e) = sent {
            log::warn(&format!("community post: {e}"));
            let mut failed = msg;
            failed.status = MessageStatus::Failed;
            let saved = self.parts.store.save_message(&failed, None).await;
            self.parts.storage.note(&saved);
            self.parts
                .views
                .after_change(vec![failed.conv.clone()])
                .await;
        }
    }

    async fn post(&self, msg: &MessageRecord, content: &mut Content) -> Result<(), CommunityError> {
        let room = room_of(&msg.conv).ok_or(CommunityError::NotJoined)?;
        let (_, link) = self.joined(room).ok_or(CommunityError::NotJoined)?;
        // Its files are on the room's server already (uploaded in the clear): the post points
        // at them and names them, so the server keeps them.
        let mut files = Vec::with_capacity(msg.attachments.len());
        let mut pointers = Vec::with_capacity(msg.attachments.len());
        for a in &msg.attachments {
            let f = a.room_file.as_ref().ok_or(CommunityError::Files)?;
            files.push(f.id);
            pointers.push(room_pointer(a, f, link.token()));
        }
        if let Some(data) = content.data_message.as_mut() {
            data.attachments = pointers;
        }
        content.sig_timestamp = Some(self.parts.network.client().network_now_ms());
        // Our posts say whether we take message requests from the room's members.
        let take = self.parts.profile.privacy().community_requests;
        if let Some(data) = content.data_message.as_mut() {
            data.blocks_community_message_requests = Some(!take);
        }
        let signed = post::sign_content(
            self.parts.profile.identity(),
            link.key(),
            self.mode(&link),
            content,
            &mut OsRng,
        )
        .map_err(|e| CommunityError::Answer(e.to_string()))?;
        let body = self
            .call(
                &link,
                &api::post(link.token(), &signed.data, &signed.signature, &[]),
            )
            .await?;
        let posted =
            RoomMessage::parse(&body).map_err(|e| CommunityError::Answer(e.to_string()))?;
        let me = self.own_id(&link);
        let now = self.parts.clock.now_ms();
        // The answer may leave out what we sent: the post is what we signed.
        let full = RoomMessage {
            author: posted.author.or(Some(me)),
            data: posted.data.clone().or(Some(signed.data.clone())),
            signature: posted.signature.or(Some(signed.signature)),
            ..posted
        };
        let record = record_of(&msg.conv, &full, &me, now)
            .ok_or_else(|| CommunityError::Answer("the post is not a message".into()))?;
        // Our own files show from what is kept here.
        let mut attachments = record.attachments;
        for (shown, ours) in attachments.iter_mut().zip(&msg.attachments) {
            shown.file.clone_from(&ours.file);
        }
        let record = MessageRecord {
            quote: msg.quote,
            attachments,
            ..record
        };
        let mut effects = Vec::new();
        if record.key() != msg.key() {
            effects.push(Effect::Remove { key: msg.key() });
        }
        effects.push(Effect::Restate {
            key: record.key(),
            post: Box::new(record.clone()),
        });
        let stored = self
            .parts
            .store
            .store_messages(&[record], &[], &effects, None)
            .await;
        self.parts.storage.note(&stored);
        stored?;
        self.parts.views.after_change(vec![msg.conv.clone()]).await;
        Ok(())
    }

    /// The server through which we write to the blinded ID `to` (a room we met them in).
    fn server_of(&self, to: &SessionId) -> Option<JoinLink> {
        self.rooms.with_untracked(|list| {
            list.iter()
                .find(|r| r.contacts.contains(to))
                .and_then(link_of)
        })
    }

    /// Sends `content` as the message `msg` of a blinded conversation through the inbox of
    /// the server we met them on; the message then shows as sent.
    async fn send_dm(
        &self,
        msg: &MessageRecord,
        content: &mut Content,
    ) -> Result<(), CommunityError> {
        if !msg.attachments.is_empty() {
            return Err(CommunityError::Files);
        }
        let ConversationId::Blinded(to) = &msg.conv else {
            return Err(CommunityError::NotJoined);
        };
        let link = self.server_of(to).ok_or(CommunityError::NotJoined)?;
        // Our copy (the server's outbox) meets the message stored here by this time.
        content.sig_timestamp = Some(msg.ts);
        let blob = dm::encrypt(
            self.parts.profile.identity(),
            &link.key().0,
            to,
            &encode_content(content),
            &mut OsRng,
        )
        .map_err(|e| CommunityError::Encrypt(e.to_string()))?;
        self.call(&link, &api::send_dm(to, &blob)).await?;
        let mut sent = msg.clone();
        sent.status = MessageStatus::Sent;
        let saved = self.parts.store.save_message(&sent, None).await;
        self.parts.storage.note(&saved);
        saved?;
        self.parts.views.after_change(vec![msg.conv.clone()]).await;
        Ok(())
    }

    /// Opens a conversation with the author of the room post `msg` through the room's server
    /// (by their blinded ID), unless their posts say they take no requests.
    pub async fn message_author(
        &self,
        msg: &MessageRecord,
    ) -> Result<ConversationId, CommunityError> {
        let room = room_of(&msg.conv).ok_or(CommunityError::NotJoined)?;
        if msg.post.as_ref().is_some_and(|p| p.blocks_requests) {
            return Err(CommunityError::RefusesRequests);
        }
        let to = msg.author;
        self.update(room, |r| {
            if !r.contacts.contains(&to) {
                r.contacts.push(to);
            }
        })
        .await?;
        let conv = ConversationId::Blinded(to);
        let name = msg
            .post
            .as_ref()
            .and_then(|p| p.name.clone())
            .unwrap_or_else(|| super::conversations::short_id(&to.to_hex()));
        let listed = SyncedConversation {
            conv: conv.clone(),
            name: Some(name),
            settings: ConvSettings::default(),
            last_read_ms: None,
            listed: true,
        };
        let applied = self.parts.store.apply_synced(&[listed]).await;
        self.parts.storage.note(&applied);
        applied?;
        self.parts.views.after_change(vec![conv.clone()]).await;
        Ok(conv)
    }

    /// Uploads a file for a post to the room `room` (in the clear, as the official apps do);
    /// its ID on the server.
    pub async fn upload(
        &self,
        room: &CommunityRoom,
        bytes: Vec<u8>,
    ) -> Result<i64, CommunityError> {
        let (_, link) = self.joined(room).ok_or(CommunityError::NotJoined)?;
        let body = self.call(&link, &api::upload(link.token(), bytes)).await?;
        api::parse_file_id(&body).map_err(|e| CommunityError::Answer(e.to_string()))
    }

    /// Downloads a room's file.
    pub async fn download(&self, file: &RoomFile) -> Result<Vec<u8>, CommunityError> {
        let link = self
            .rooms
            .with_untracked(|list| {
                list.iter()
                    .filter_map(link_of)
                    .find(|l| l.server() == file.server && l.room().room() == file.room)
            })
            .ok_or(CommunityError::NotJoined)?;
        let body = self
            .call(&link, &api::download(link.token(), file.id))
            .await?;
        if body.len() > MAX_FILE_BYTES {
            return Err(CommunityError::Answer(format!(
                "a file of {} bytes is larger than a post's file may be",
                body.len()
            )));
        }
        Ok(body)
    }

    /// Adds our `emoji` to a post, or takes it back when it is ours already.
    pub async fn react(&self, msg: &MessageRecord, emoji: &str) -> Result<(), CommunityError> {
        let room = room_of(&msg.conv).ok_or(CommunityError::NotJoined)?;
        let (_, link) = self.joined(room).ok_or(CommunityError::NotJoined)?;
        let post = msg.post.as_ref().ok_or(CommunityError::NotJoined)?;
        let mine = post.reactions.iter().any(|r| r.emoji == emoji && r.mine);
        let request = if mine {
            api::unreact(link.token(), post.id, emoji)
        } else {
            api::react(link.token(), post.id, emoji)
        };
        self.call(&link, &request).await?;
        // Shown at once; the next poll brings the server's count.
        let mut shown = msg.clone();
        if let Some(p) = shown.post.as_mut() {
            toggle(&mut p.reactions, emoji, !mine);
        }
        self.restate(shown).await;
        self.poll_soon(&link);
        Ok(())
    }

    /// Deletes a post (ours, or anyone's when we moderate the room).
    pub async fn delete(&self, msg: &MessageRecord) -> Result<(), CommunityError> {
        let room = room_of(&msg.conv).ok_or(CommunityError::NotJoined)?;
        let (_, link) = self.joined(room).ok_or(CommunityError::NotJoined)?;
        let Some(post) = msg.post.as_ref() else {
            // Never posted (failed): it goes from here only.
            let removed = self
                .parts
                .store
                .apply_effects(&[Effect::Remove { key: msg.key() }], None)
                .await;
            self.parts.storage.note(&removed);
            removed?;
            self.parts.views.after_change(vec![msg.conv.clone()]).await;
            return Ok(());
        };
        self.call(&link, &api::delete(link.token(), post.id))
            .await?;
        let gone = self
            .parts
            .store
            .apply_effects(
                &[Effect::Unsend {
                    candidates: vec![msg.key()],
                }],
                None,
            )
            .await;
        self.parts.storage.note(&gone);
        gone?;
        self.parts.views.after_change(vec![msg.conv.clone()]).await;
        self.poll_soon(&link);
        Ok(())
    }

    /// Fetches the page of posts before the oldest stored one; whether older ones remain.
    pub async fn load_older(&self, conv: &ConversationId) -> Result<bool, CommunityError> {
        let room = room_of(conv).ok_or(CommunityError::NotJoined)?;
        let (record, link) = self.joined(room).ok_or(CommunityError::NotJoined)?;
        if record.complete {
            return Ok(false);
        }
        let Some(before) = record.oldest_id else {
            return Ok(true);
        };
        let body = self
            .call(&link, &api::before(link.token(), before, OLDER_PAGE))
            .await?;
        let list =
            RoomMessage::parse_list(&body).map_err(|e| CommunityError::Answer(e.to_string()))?;
        let shown: Vec<RoomMessage> = list
            .iter()
            .filter(|m| check_post(m).is_ok())
            .cloned()
            .collect();
        let me = self.own_id(&link);
        let batch = batch_of(conv, &shown, &me, self.parts.clock.now_ms());
        // Old posts are not news: only the new ones are stored, none restated.
        let stored = self
            .parts
            .store
            .store_messages(&batch.messages, &[], &[], None)
            .await;
        self.parts.storage.note(&stored);
        stored?;
        let oldest = list.iter().map(|m| m.id).min();
        let complete = (list.len() as u32) < OLDER_PAGE;
        self.update(room, |r| {
            if let Some(id) = oldest {
                r.oldest_id = Some(r.oldest_id.map_or(id, |o| o.min(id)));
            }
            r.complete |= complete;
        })
        .await?;
        self.parts.views.after_change(vec![conv.clone()]).await;
        Ok(!complete)
    }

    async fn restate(&self, post: MessageRecord) {
        let effect = Effect::Restate {
            key: post.key(),
            post: Box::new(post.clone()),
        };
        let applied = self.parts.store.apply_effects(&[effect], None).await;
        self.parts.storage.note(&applied);
        self.parts.views.after_change(vec![post.conv]).await;
    }

    /// Polls the server of `link` shortly (after our own change, to show the server's word).
    fn poll_soon(&self, _link: &JoinLink) {
        self.last_poll.set(None);
    }

    /// Whether `id` moderates the room of `conv`.
    pub fn is_moderator(&self, conv: &ConversationId, id: &SessionId) -> bool {
        let Some(room) = room_of(conv) else {
            return false;
        };
        self.joined(room)
            .is_some_and(|(r, _)| r.moderators.contains(id))
    }

    /// Whether we may delete `msg`: ours, or we moderate its room.
    pub fn can_delete(&self, msg: &MessageRecord) -> bool {
        let Some(room) = room_of(&msg.conv) else {
            return false;
        };
        msg.outgoing || self.joined(room).is_some_and(|(r, _)| r.moderator)
    }
}

/// Adds (or takes back) our reaction with `emoji` in a post's counts.
pub fn toggle(reactions: &mut Vec<crate::storage::RoomReaction>, emoji: &str, add: bool) {
    match reactions.iter_mut().position(|r| r.emoji == emoji) {
        Some(i) => {
            let r = &mut reactions[i];
            if add && !r.mine {
                r.mine = true;
                r.count += 1;
            } else if !add && r.mine {
                r.mine = false;
                r.count = r.count.saturating_sub(1);
                if r.count == 0 {
                    reactions.remove(i);
                }
            }
        }
        None if add => reactions.push(crate::storage::RoomReaction {
            emoji: emoji.to_owned(),
            count: 1,
            mine: true,
        }),
        None => {}
    }
}
