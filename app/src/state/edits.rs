//! The edits part: what the user does to messages already there — react, delete here, delete
//! for everyone — and the read receipts of what they read. Each change is stored here in the
//! same transaction as the message that tells the others (see [`Outbox::send_effect`]), so
//! a reload never shows a reaction that was not sent, or the other way round.
//!
//! Deleting for everyone follows the official apps (messaging.md §5.4): our swarm's copy is
//! deleted first, and when that fails nothing else happens; then the message becomes a notice
//! here and an unsend request goes to the contact and to our other devices.

use session_core::client::ClientError;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use session_core::message::control;
use session_core::message::reaction::{is_valid_emoji, Reaction, ReactionAction};
use session_core::message::MessageRef;
use std::fmt;
use std::rc::Rc;

use super::disappearing::read_at;
use super::effects::Effect;
use super::network::Network;
use super::outbox::{Outbox, SendError};
use super::profile::Profile;
use super::storage_health::StorageHealth;
use super::views::Views;
use crate::ports::Store;
use crate::storage::{MessageRecord, StorageError};
use crate::t;
use crate::util::log;

/// Why an edit did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EditError {
    /// Not something this client reacts with.
    NotAnEmoji,
    /// Only the author deletes a message for everyone, and only once it is sent.
    NotDeletable,
    /// Our swarm's copy could not be deleted: nothing was changed.
    Network(ClientError),
    /// The message telling the others could not be prepared or stored.
    Send(SendError),
    /// The change could not be stored.
    Storage(StorageError),
    /// The group could not be told.
    Group(super::groups::GroupsError),
    /// The community's server did not take it.
    Community(super::communities::CommunityError),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotAnEmoji => f.write_str(&t!("chat-edit-not-emoji")),
            EditError::NotDeletable => f.write_str(&t!("chat-edit-not-deletable")),
            EditError::Network(e) => f.write_str(&t!("chat-edit-network", reason = e.to_string())),
            EditError::Send(e) => write!(f, "{e}"),
            EditError::Storage(e) => f.write_str(&t!("chat-edit-storage", reason = e.to_string())),
            EditError::Group(e) => write!(f, "{e}"),
            EditError::Community(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for EditError {}

/// Whether the message `m` can be deleted for everyone: ours, sent, not already deleted, in
/// a conversation we can send to.
pub fn can_unsend(m: &MessageRecord) -> bool {
    if matches!(m.conv, ConversationId::Community(_)) {
        // A room's post is deleted on its server, which knows it by its ID.
        return m.outgoing && !m.deleted && m.post.is_some();
    }
    m.outgoing
        && !m.deleted
        && m.hash.is_some()
        && matches!(
            m.conv,
            ConversationId::Direct(_) | ConversationId::NoteToSelf
        )
}

/// The times to acknowledge in a read receipt for `read`, messages of `conv` just read:
/// someone else's, by the time their sender gave them (not notices, not deleted ones).
pub fn receipt_times(conv: &ConversationId, read: &[MessageRecord]) -> Vec<u64> {
    if !matches!(conv, ConversationId::Direct(_)) {
        return Vec::new();
    }
    read.iter()
        .filter(|m| !m.outgoing && !m.deleted && m.timer_notice.is_none())
        .map(|m| m.sent_ms.unwrap_or(m.ts))
        .collect()
}

/// What the edits part works with.
#[derive(Clone)]
pub struct EditsParts {
    /// Storage.
    pub store: Rc<dyn Store>,
    /// The network and its client.
    pub network: Rc<Network>,
    /// Where the messages telling the others go.
    pub outbox: Rc<Outbox>,
    /// Screens to refresh.
    pub views: Rc<Views>,
    /// Who we are.
    pub profile: Rc<Profile>,
    /// Whether storage takes our writes.
    pub storage: Rc<StorageHealth>,
    /// Groups (their reactions and deletions go to the group).
    pub groups: Rc<super::groups::Groups>,
    /// Community rooms (their server counts reactions and deletes posts).
    pub communities: Rc<super::communities::Communities>,
}

impl fmt::Debug for EditsParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EditsParts").finish_non_exhaustive()
    }
}

/// The edits part.
pub struct Edits {
    me: SessionId,
    store: Rc<dyn Store>,
    network: Rc<Network>,
    outbox: Rc<Outbox>,
    views: Rc<Views>,
    profile: Rc<Profile>,
    storage: Rc<StorageHealth>,
    groups: Rc<super::groups::Groups>,
    communities: Rc<super::communities::Communities>,
}

impl fmt::Debug for Edits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Edits").finish_non_exhaustive()
    }
}

impl Edits {
    /// The edits of the parts' account.
    pub fn new(parts: EditsParts) -> Edits {
        Edits {
            me: parts.profile.session_id(),
            store: parts.store,
            network: parts.network,
            outbox: parts.outbox,
            views: parts.views,
            profile: parts.profile,
            storage: parts.storage,
            groups: parts.groups,
            communities: parts.communities,
        }
    }

    /// Adds our reaction `emoji` to `m`, or takes it back when it is there.
    pub async fn toggle_reaction(&self, m: &MessageRecord, emoji: &str) -> Result<(), EditError> {
        if !is_valid_emoji(emoji) {
            return Err(EditError::NotAnEmoji);
        }
        if super::communities::room_of(&m.conv).is_some() {
            // The room's server counts reactions.
            return self
                .communities
                .react(m, emoji)
                .await
                .map_err(EditError::Community);
        }
        let add = !m
            .reactions
            .iter()
            .any(|r| r.from == self.me && r.emoji == emoji);
        let reaction = Reaction {
            target: MessageRef::new(m.author, m.sent_ms.unwrap_or(m.ts)),
            emoji: emoji.to_owned(),
            action: if add {
                ReactionAction::Add
            } else {
                ReactionAction::Remove
            },
        };
        let mut content = ContentBuilder::reaction(&reaction);
        if let Some(p) = self.profile.outgoing() {
            content = content.profile(&p);
        }
        let effect = Effect::React {
            target: m.key(),
            from: self.me,
            emoji: emoji.to_owned(),
            add,
        };
        if super::groups::group_of(&m.conv).is_some() {
            // Shown here at once; the group hears of it directly (no outbox for groups).
            let stored = self.store.apply_effects(&[effect], None).await;
            self.storage.note(&stored);
            stored.map_err(EditError::Storage)?;
            self.views.after_change(vec![m.conv.clone()]).await;
            return self
                .groups
                .send_control(&m.conv, content.build())
                .await
                .map_err(EditError::Group);
        }
        self.outbox
            .send_effect(&m.conv, content.build(), &[effect])
            .await
            .map_err(EditError::Send)
    }

    /// Deletes `m` on this device only.
    pub async fn delete_for_me(&self, m: &MessageRecord) -> Result<(), EditError> {
        let stored = self
            .store
            .apply_effects(&[Effect::Remove { key: m.key() }], None)
            .await;
        self.storage.note(&stored);
        stored.map_err(EditError::Storage)?;
        self.views.after_change(vec![m.conv.clone()]).await;
        Ok(())
    }

    /// Deletes our message `m` for everyone (see the module documentation).
    pub async fn delete_for_everyone(&self, m: &MessageRecord) -> Result<(), EditError> {
        if super::communities::room_of(&m.conv).is_some() {
            // Ours, or anyone's when we moderate the room: its server deletes it.
            if !self.communities.can_delete(m) || m.deleted {
                return Err(EditError::NotDeletable);
            }
            return self
                .communities
                .delete(m)
                .await
                .map_err(EditError::Community);
        }
        if !can_unsend(m) {
            return Err(EditError::NotDeletable);
        }
        let client = self.network.client();
        if let Some(own) = &m.own_hash {
            client
                .delete_own(std::slice::from_ref(own))
                .await
                .map_err(EditError::Network)?;
        }
        let unsend = control::unsend(&MessageRef::new(self.me, m.ts));
        let effect = Effect::Unsend {
            candidates: vec![m.key()],
        };
        self.outbox
            .send_effect(&m.conv, unsend, &[effect])
            .await
            .map_err(EditError::Send)
    }

    /// The messages `read` of `conv` were just read: those disappearing after read start their
    /// timer (here, and shortened in our swarm so our other devices follow), and the contact
    /// hears of it when read receipts are on.
    pub async fn after_read(&self, conv: &ConversationId, read: &[MessageRecord]) {
        let now = self.network.client().network_now_ms();
        let started: Vec<(Effect, Option<String>, u64)> = read
            .iter()
            .filter_map(|m| {
                let until_ms = read_at(m, now)?;
                let hash = m.own_hash.clone().or_else(|| m.hash.clone());
                Some((
                    Effect::StartTimer {
                        key: m.key(),
                        until_ms,
                    },
                    hash,
                    until_ms,
                ))
            })
            .collect();
        if !started.is_empty() {
            let effects: Vec<Effect> = started.iter().map(|(e, _, _)| e.clone()).collect();
            let stored = self.store.apply_effects(&effects, None).await;
            self.storage.note(&stored);
            if stored.is_ok() {
                self.views.after_change(vec![conv.clone()]).await;
            }
            let client = self.network.client();
            for (_, hash, until) in started {
                let Some(hash) = hash else { continue };
                if let Err(e) = client.shorten_own(std::slice::from_ref(&hash), until).await {
                    log::info(&format!("expiry not shortened in the swarm: {e}"));
                }
            }
        }
        self.send_receipts(conv, receipt_times(conv, read)).await;
    }

    /// Tells the contact of `conv` that we read their messages sent at `times`, when read
    /// receipts are on. Best effort: a receipt is not worth retrying.
    pub async fn send_receipts(&self, conv: &ConversationId, times: Vec<u64>) {
        let ConversationId::Direct(to) = conv else {
            return;
        };
        if times.is_empty() || !self.profile.privacy().read_receipts {
            return;
        }
        // Not in a request (accepting says more than a receipt should), nor to the blocked.
        let requests_or_blocked = self
            .views
            .summary(conv)
            .is_none_or(|c| c.settings.blocked || c.request);
        if requests_or_blocked {
            return;
        }
        self.network
            .send_now(to, control::read_receipt(&times), None)
            .await;
    }
}
