//! The conversation views: the list of conversations, the open conversation with its paging,
//! and marking read. They show what storage holds and reload when it changes (here or in
//! another tab).

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use std::rc::Rc;

use super::conversations::sort_for_list;
use super::tabs::Tabs;
use crate::net::tabs::TabMessage;
use crate::ports::{Boxed, Platform, Store};
use crate::storage::{ConvSettings, ConversationRecord, MessageKey, MessageRecord};
use crate::util::log;

/// Messages loaded when a conversation opens (and added by "load earlier").
pub const PAGE: u32 = 100;

/// The open conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenChat {
    /// The conversation.
    pub conv: ConversationId,
    /// Loaded messages, oldest first.
    pub messages: Vec<MessageRecord>,
    /// Unread marker: shown before the first incoming message after this time.
    pub marker_after: Option<u64>,
    /// Whether older messages exist beyond those loaded.
    pub has_more: bool,
    /// How many newest messages are loaded.
    pub limit: u32,
}

/// The conversation views.
pub struct Views {
    store: Rc<dyn Store>,
    platform: Rc<dyn Platform>,
    tabs: Rc<Tabs>,
    /// Conversation summaries with messages, newest first.
    pub conversations: RwSignal<Vec<ConversationRecord>>,
    /// The open conversation.
    pub chat: RwSignal<Option<OpenChat>>,
    /// Bumped whenever the chat should scroll to its newest message.
    pub scroll_to_end: RwSignal<u32>,
    /// The message the composer replies to.
    pub replying: RwSignal<Option<MessageRecord>>,
    /// A message to show when its conversation opens (a search result): loaded with the
    /// messages after it, scrolled to and marked.
    pub found: RwSignal<Option<MessageKey>>,
    /// Hears which conversations' stored messages changed (here or in another tab).
    on_change: std::cell::RefCell<Option<ChangeHook>>,
    /// Hears which messages the user just read: read receipts, and the timers of messages
    /// that disappear after read.
    on_read: std::cell::RefCell<Option<ReadHook>>,
}

/// What hears of messages read (the conversation, its messages just read).
pub type ReadHook = Rc<dyn Fn(ConversationId, Vec<MessageRecord>)>;

/// What hears of conversations whose stored messages changed.
pub type ChangeHook = Rc<dyn Fn(&[ConversationId])>;

impl std::fmt::Debug for Views {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Views").finish_non_exhaustive()
    }
}

impl Views {
    /// Empty views over `store`.
    pub fn new(store: Rc<dyn Store>, platform: Rc<dyn Platform>, tabs: Rc<Tabs>) -> Views {
        Views {
            store,
            platform,
            tabs,
            on_read: std::cell::RefCell::new(None),
            conversations: RwSignal::new(Vec::new()),
            chat: RwSignal::new(None),
            scroll_to_end: RwSignal::new(0),
            replying: RwSignal::new(None),
            found: RwSignal::new(None),
            on_change: std::cell::RefCell::new(None),
        }
    }

    /// Reloads the conversation list from the summaries.
    pub fn reload_conversations(&self) -> Boxed<'_, ()> {
        Box::pin(async move {
            match self.store.load_conversations().await {
                Ok(mut list) => {
                    list.retain(|c| c.count > 0 || c.listed);
                    sort_for_list(&mut list);
                    self.conversations.set(list);
                }
                Err(e) => log::error(&format!("could not load conversations: {e}")),
            }
        })
    }

    /// Opens a conversation: loads its newest messages and places the unread marker.
    pub async fn open_chat(&self, conv: ConversationId) {
        let rec = match self.store.load_conversation(&conv).await {
            Ok(rec) => rec,
            Err(e) => {
                log::error(&format!("could not load a conversation: {e}"));
                None
            }
        };
        let marker_after = rec.filter(|c| c.unread > 0).map(|c| c.last_read_ts);
        if self
            .replying
            .with_untracked(|r| r.as_ref().is_some_and(|m| m.conv != conv))
        {
            self.replying.set(None);
        }
        let found = self
            .found
            .with_untracked(|f| f.clone().filter(|k| k.conv == conv));
        let (messages, has_more, limit) = self.load_reaching(&conv, found.as_ref()).await;
        self.chat.set(Some(OpenChat {
            conv: conv.clone(),
            messages,
            marker_after,
            has_more,
            limit,
        }));
        match found {
            // Gone since it was found (deleted, expired): the chat opens as usual.
            Some(k)
                if !self.chat.with_untracked(|c| {
                    c.as_ref()
                        .is_some_and(|c| c.messages.iter().any(|m| m.key() == k))
                }) =>
            {
                self.found.set(None);
                self.scroll_to_end();
            }
            Some(_) => {}
            None => self.scroll_to_end(),
        }
        self.mark_read_if_visible(&conv).await;
    }

    /// Closes the open conversation.
    pub fn close_chat(&self) {
        self.chat.set(None);
    }

    /// The open conversation, if any.
    pub fn open_conversation(&self) -> Option<ConversationId> {
        self.chat
            .with_untracked(|c| c.as_ref().map(|c| c.conv.clone()))
    }

    /// Scrolls the chat to its newest message.
    pub fn scroll_to_end(&self) {
        self.scroll_to_end.update(|n| *n += 1);
    }

    /// Loads `PAGE` more older messages of the open conversation.
    pub async fn load_earlier(&self) {
        let Some(chat) = self.chat.get_untracked() else {
            return;
        };
        let limit = chat.limit + PAGE;
        let (messages, has_more) = self.load_page(&chat.conv, limit).await;
        self.chat.update(|c| {
            if let Some(c) = c.as_mut().filter(|c| c.conv == chat.conv) {
                c.messages = messages;
                c.has_more = has_more;
                c.limit = limit;
            }
        });
    }

    /// The newest page of `conv`, or as many pages (doubling) as it takes to reach `key`.
    async fn load_reaching(
        &self,
        conv: &ConversationId,
        key: Option<&MessageKey>,
    ) -> (Vec<MessageRecord>, bool, u32) {
        let mut limit = PAGE;
        loop {
            let (messages, has_more) = self.load_page(conv, limit).await;
            let reached = key.is_none_or(|k| messages.iter().any(|m| m.key() == *k));
            if reached || !has_more || limit >= u32::MAX / 2 {
                return (messages, has_more, limit);
            }
            limit *= 2;
        }
    }

    fn load_page<'a>(
        &'a self,
        conv: &'a ConversationId,
        limit: u32,
    ) -> Boxed<'a, (Vec<MessageRecord>, bool)> {
        Box::pin(async move {
            match self.store.load_messages(conv, limit + 1).await {
                Ok(mut m) => {
                    let more = m.len() > limit as usize;
                    if more {
                        m.remove(0);
                    }
                    (m, more)
                }
                Err(e) => {
                    log::error(&format!("could not load messages: {e}"));
                    (Vec::new(), false)
                }
            }
        })
    }

    fn reload_chat(&self) -> Boxed<'_, ()> {
        Box::pin(async move {
            let Some(chat) = self.chat.get_untracked() else {
                return;
            };
            let (messages, has_more) = self.load_page(&chat.conv, chat.limit).await;
            let grew = messages.last().map(|m| m.key()) != chat.messages.last().map(|m| m.key());
            self.chat.update(|c| {
                if let Some(c) = c.as_mut().filter(|c| c.conv == chat.conv) {
                    c.messages = messages;
                    c.has_more = has_more;
                }
            });
            if grew {
                self.scroll_to_end();
            }
            self.mark_read_if_visible(&chat.conv).await;
        })
    }

    /// Marks `conv` read when the tab is visible and it shows as unread.
    pub fn mark_read_if_visible<'a>(&'a self, conv: &'a ConversationId) -> Boxed<'a, ()> {
        Box::pin(async move {
            if self.platform.is_hidden() {
                return;
            }
            let unread = self
                .conversations
                .with_untracked(|l| l.iter().any(|c| c.id == *conv && c.shows_unread()));
            if unread {
                let read_before = self.summary(conv).map_or(0, |c| c.last_read_ts);
                let read: Vec<MessageRecord> = self.chat.with_untracked(|c| {
                    c.as_ref()
                        .filter(|c| c.conv == *conv)
                        .map(|c| {
                            c.messages
                                .iter()
                                .filter(|m| !m.outgoing && m.ts > read_before)
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default()
                });
                if let Err(e) = self.store.mark_read(conv).await {
                    log::error(&format!("could not mark read: {e}"));
                } else if let Some(hook) = self.on_read.borrow().clone() {
                    hook(conv.clone(), read);
                }
                self.reload_conversations().await;
                self.tabs.post(&TabMessage::Changed {
                    convs: vec![conv.clone()],
                });
            }
        })
    }

    /// Marks `conv` read from its menu, without opening it (no read receipt: nothing was
    /// seen).
    pub async fn mark_read(&self, conv: &ConversationId) {
        match self.store.mark_read(conv).await {
            Ok(_) => self.after_change(vec![conv.clone()]).await,
            Err(e) => log::error(&format!("could not mark read: {e}")),
        }
    }

    /// After stored data changed here: refresh, and tell the other tabs.
    pub fn after_change(&self, convs: Vec<ConversationId>) -> Boxed<'_, ()> {
        Box::pin(async move {
            self.refresh(&convs).await;
            self.tabs.post(&TabMessage::Changed { convs });
        })
    }

    /// Reloads the list, and the open conversation if it is one of `convs`.
    pub fn refresh<'a>(&'a self, convs: &'a [ConversationId]) -> Boxed<'a, ()> {
        Box::pin(async move {
            let hook = self.on_change.borrow().clone();
            if let Some(hook) = hook {
                hook(convs);
            }
            self.reload_conversations().await;
            if self.open_conversation().is_some_and(|o| convs.contains(&o)) {
                self.reload_chat().await;
            }
        })
    }

    /// Changes a conversation's settings with `change` (one of
    /// [`super::conversation_settings`]'s), stores them and refreshes the views here and in
    /// the other tabs; the tab that polls syncs them at its next poll.
    pub async fn change_settings(
        &self,
        conv: &ConversationId,
        change: impl FnOnce(&ConvSettings) -> ConvSettings + 'static,
    ) {
        match self.store.change_settings(conv, Box::new(change)).await {
            Ok(true) => self.after_change(vec![conv.clone()]).await,
            Ok(false) => {}
            Err(e) => log::error(&format!("could not save the conversation's settings: {e}")),
        }
    }

    /// Sets what hears of conversations whose messages changed.
    pub fn on_change(&self, hook: ChangeHook) {
        *self.on_change.borrow_mut() = Some(hook);
    }

    /// Sets what hears of messages read.
    pub fn on_read(&self, hook: ReadHook) {
        *self.on_read.borrow_mut() = Some(hook);
    }

    /// The conversation's summary as listed.
    pub fn summary(&self, id: &ConversationId) -> Option<ConversationRecord> {
        self.conversations
            .with_untracked(|l| l.iter().find(|c| c.id == *id).cloned())
    }
}
