//! In place of the composer of a group we can no longer write to: we were removed, or its
//! admins deleted it. The chat can be deleted from here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::group_screen::ended_text;
use crate::state::group_watch::GroupWatch;
use crate::state::groups::Groups;
use crate::state::route::{navigate, Route};
use crate::state::ui::Ui;
use crate::t;

/// The bar of the group `watch` shows.
#[component]
pub fn GroupEndedBar(
    /// The group.
    watch: GroupWatch,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let groups = use_part::<Groups>();
    let text = move || {
        watch
            .view
            .with(|v| v.as_ref().and_then(ended_text))
            .unwrap_or_else(|| t!("groups-ended-no-longer-member"))
    };
    let can_delete = move || watch.view.with(Option::is_some);
    let delete = move |_| {
        let groups = groups.get_value();
        spawn_local(async move {
            match groups.leave(&watch.id).await {
                Ok(()) => navigate(&Route::List),
                Err(e) => ui.show_toast(e.to_string()),
            }
        });
    };
    view! {
        <div class="blocked-bar group-ended" data-testid="group-ended" role="status">
            <Icon name=IconName::Leave />
            <span class="blocked-bar-text">{text}</span>
            <Show when=can_delete>
                <button type="button" class="btn btn-secondary blocked-bar-button"
                    data-testid="group-ended-delete" on:click=delete>
                    {t!("groups-delete-chat")}
                </button>
            </Show>
        </div>
    }
}
