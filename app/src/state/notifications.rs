//! The notifications part: a browser notification for each conversation with new messages,
//! while no tab of the account is visible.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use std::collections::HashSet;
use std::rc::Rc;

use super::conversations::{preview, title_for};
use super::route::Route;
use super::tabs::Tabs;
use super::views::Views;
use crate::ports::{Clock, Platform};
use crate::storage::MessageRecord;
use crate::t;
use crate::util::browser::NotifyPermission;

/// Longest notification text, in characters.
pub const NOTIFICATION_CHARS: usize = 140;

/// The notifications part.
pub struct Notifications {
    platform: Rc<dyn Platform>,
    clock: Rc<dyn Clock>,
    tabs: Rc<Tabs>,
    views: Rc<Views>,
    account: RwSignal<Option<String>>,
    /// Where the user stands on notifications.
    pub permission: RwSignal<NotifyPermission>,
}

impl std::fmt::Debug for Notifications {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifications").finish_non_exhaustive()
    }
}

impl Notifications {
    /// The part, with the browser's current permission.
    pub fn new(
        platform: Rc<dyn Platform>,
        clock: Rc<dyn Clock>,
        tabs: Rc<Tabs>,
        views: Rc<Views>,
        account: RwSignal<Option<String>>,
    ) -> Notifications {
        let permission = RwSignal::new(platform.notification_permission());
        Notifications {
            platform,
            clock,
            tabs,
            views,
            account,
            permission,
        }
    }

    /// Notifies of `new_messages` (just stored, oldest first): the newest incoming one of each
    /// conversation that is not muted or blocked, unless a tab of the account is visible. With
    /// several accounts in the browser, the title names the account (`account`).
    pub fn notify_new(&self, new_messages: &[MessageRecord]) {
        if !self.platform.is_hidden() || self.tabs.another_visible() {
            return;
        }
        let list = self.views.conversations.get_untracked();
        let now_s = i64::try_from(self.clock.now_ms() / 1000).unwrap_or(i64::MAX);
        let silenced = |conv: &ConversationId| {
            list.iter()
                .any(|c| c.id == *conv && c.settings.silenced(now_s))
        };
        let account = self.account.get_untracked();
        let mut done = HashSet::new();
        for m in new_messages.iter().rev().filter(|m| !m.outgoing) {
            if !done.insert(m.conv.clone()) || silenced(&m.conv) {
                continue;
            }
            let title = title_for(&m.conv, &list);
            let title = match &account {
                Some(a) => t!(
                    "home-notification-title",
                    title = title,
                    account = a.as_str()
                ),
                None => title,
            };
            self.platform.notify(
                &title,
                &preview(&m.text, NOTIFICATION_CHARS),
                &m.conv.to_string(),
                &Route::Chat(m.conv.clone()).to_hash(),
            );
        }
    }
}
