//! One group's [`GroupView`] kept current for its screens: read again whenever a group
//! changes in this tab ([`Groups::changed`]) or the conversation list changes (what another
//! tab or a poll did). The chat of a group provides it as context, so its header, bubbles,
//! notices and panel all show the same view.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::group::GroupId;

use super::context::use_part;
use super::groups::{GroupView, Groups};
use super::views::Views;

/// The view of one group, as last read.
#[derive(Debug, Clone, Copy)]
pub struct GroupWatch {
    /// The group.
    pub id: GroupId,
    /// Its view; `None` before the first read, or once the group is no longer ours.
    pub view: RwSignal<Option<GroupView>>,
    /// The first read is done.
    pub loaded: RwSignal<bool>,
}

impl GroupWatch {
    /// Watches group `id` (call in a component, below the session's parts).
    pub fn new(id: GroupId) -> GroupWatch {
        let groups = use_part::<Groups>();
        let changed = groups.with_value(|g| g.changed());
        let conversations = use_part::<Views>().with_value(|v| v.conversations);
        let watch = GroupWatch {
            id,
            view: RwSignal::new(None),
            loaded: RwSignal::new(false),
        };
        // Reads may end out of order: only the newest one's answer is kept.
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            changed.track();
            conversations.track();
            let n = generation.get_value().wrapping_add(1);
            generation.set_value(n);
            let groups = groups.get_value();
            spawn_local(async move {
                let view = groups.view(&id).await;
                if generation.try_get_value() != Some(n) {
                    return;
                }
                if watch.view.try_with_untracked(|v| *v != view) == Some(true) {
                    watch.view.try_set(view);
                }
                if watch.loaded.try_get_untracked() == Some(false) {
                    watch.loaded.try_set(true);
                }
            });
        });
        watch
    }

    /// The group is gone here (left, declined, or never ours).
    pub fn gone(&self) -> bool {
        self.loaded.get() && self.view.with(Option::is_none)
    }
}
