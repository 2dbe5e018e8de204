//! The requests part: answering message requests (messaging.md §5.5) — accept (the
//! acceptance goes to the contact with our profile), decline (the conversation is cleared
//! and hidden; nothing is sent, as in the official apps), block (declined, and the contact
//! blocked on every device of the account) — and deleting or clearing any conversation.

use session_core::conversation::ConversationId;
use std::rc::Rc;

use super::conversation_settings::block;
use super::outbox::{Outbox, SendError};
use super::storage_health::StorageHealth;
use super::views::Views;
use crate::ports::Store;
use crate::storage::{ConversationRecord, StorageError};

/// The requests waiting for an answer, newest first.
pub fn pending(conversations: &[ConversationRecord]) -> Vec<ConversationRecord> {
    let mut list: Vec<ConversationRecord> = conversations
        .iter()
        .filter(|c| c.is_request() && c.count > 0)
        .cloned()
        .collect();
    list.sort_by_key(|c| std::cmp::Reverse(c.last_ts));
    list
}

/// The requests part.
pub struct Requests {
    store: Rc<dyn Store>,
    outbox: Rc<Outbox>,
    views: Rc<Views>,
    storage: Rc<StorageHealth>,
}

impl std::fmt::Debug for Requests {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Requests").finish_non_exhaustive()
    }
}

impl Requests {
    /// The requests over `store`, answered through `outbox`.
    pub fn new(
        store: Rc<dyn Store>,
        outbox: Rc<Outbox>,
        views: Rc<Views>,
        storage: Rc<StorageHealth>,
    ) -> Requests {
        Requests {
            store,
            outbox,
            views,
            storage,
        }
    }

    /// Accepts the request `conv`.
    pub async fn accept(&self, conv: &ConversationId) -> Result<(), SendError> {
        self.outbox.accept_if_request(conv).await?;
        self.views.after_change(vec![conv.clone()]).await;
        Ok(())
    }

    /// Declines the request `conv`: its messages go and it leaves the list.
    pub async fn decline(&self, conv: &ConversationId) -> Result<(), StorageError> {
        self.clear(conv, true).await
    }

    /// Blocks the contact of `conv` and declines what they sent.
    pub async fn block(&self, conv: &ConversationId) -> Result<(), StorageError> {
        let changed = self.store.change_settings(conv, Box::new(block)).await;
        self.storage.note(&changed);
        changed?;
        self.clear(conv, true).await
    }

    /// Deletes the conversation `conv` (`hide`) or only its messages.
    pub async fn clear(&self, conv: &ConversationId, hide: bool) -> Result<(), StorageError> {
        if self.views.open_conversation().as_ref() == Some(conv) && hide {
            self.views.close_chat();
        }
        let cleared = self.store.clear_conversation(conv, hide).await;
        self.storage.note(&cleared);
        cleared?;
        self.views.after_change(vec![conv.clone()]).await;
        Ok(())
    }
}
