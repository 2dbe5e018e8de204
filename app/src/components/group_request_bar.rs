//! The answers to a group invitation, above the composer while it is unanswered: who invited
//! us, Accept (the group is told, and it leaves the requests) and Decline (the group is
//! forgotten; nothing is sent, as in the official apps).

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::confirm_dialog::ConfirmDialog;
use crate::state::context::use_part;
use crate::state::conversations::title_for;
use crate::state::group_screen::{invitation_text, person_name};
use crate::state::group_watch::GroupWatch;
use crate::state::groups::Groups;
use crate::state::route::{navigate, Route};
use crate::state::views::Views;
use crate::t;

/// Shown while the group of `conv` is an invitation we have not answered.
#[component]
pub fn GroupRequestBar(
    /// The group's conversation.
    conv: ConversationId,
    /// The group.
    watch: GroupWatch,
) -> impl IntoView {
    let groups = use_part::<Groups>();
    let list = use_part::<Views>().with_value(|v| v.conversations);
    let pending = {
        let conv = conv.clone();
        Memo::new(
            move |_| match watch.view.with(|v| v.as_ref().map(|v| v.invited)) {
                Some(invited) => invited,
                None => {
                    !watch.loaded.get()
                        && list.with(|l| l.iter().any(|c| c.id == conv && c.is_request()))
                }
            },
        )
    };
    let words = Memo::new(move |_| {
        watch.view.with(|v| {
            list.with(|l| {
                let group = v
                    .as_ref()
                    .map(|v| v.name.clone())
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| title_for(&conv, l));
                let inviter = v
                    .as_ref()
                    .and_then(|v| v.inviter.map(|i| person_name(&i, Some(v), l)));
                invitation_text(inviter.as_deref(), &group)
            })
        })
    });
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal(None::<String>);
    let (asking, set_asking) = signal(false);
    let accept = move |_| {
        set_busy.set(true);
        set_failed.set(None);
        let groups = groups.get_value();
        spawn_local(async move {
            if let Err(e) = groups.accept(&watch.id).await {
                set_failed.try_set(Some(e.to_string()));
            }
            set_busy.try_set(false);
        });
    };
    let decline = move |_| {
        set_asking.set(false);
        set_busy.set(true);
        let groups = groups.get_value();
        spawn_local(async move {
            match groups.decline(&watch.id).await {
                Ok(()) => navigate(&Route::Requests),
                Err(e) => {
                    set_failed.try_set(Some(e.to_string()));
                    set_busy.try_set(false);
                }
            }
        });
    };
    view! {
        <Show when=move || pending.get()>
            <div class="request-bar" role="region" aria-label=t!("groups-invitation-label")
                data-testid="group-request-bar">
                <p data-testid="group-invitation">{move || words.get()}</p>
                <p class="request-bar-detail">{t!("groups-invitation-detail")}</p>
                {move || failed.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="button" class="btn btn-primary" data-testid="group-accept"
                        disabled=move || busy.get() on:click=accept>{t!("groups-accept")}</button>
                    <button type="button" class="btn btn-ghost btn-danger-text"
                        data-testid="group-decline" disabled=move || busy.get()
                        on:click=move |_| set_asking.set(true)>{t!("groups-decline")}</button>
                </div>
            </div>
        </Show>
        <Show when=move || asking.get()>
            <ConfirmDialog title=t!("groups-decline-title") confirm_label=t!("groups-decline") danger=true
                test_id="group-decline-dialog"
                on_confirm=Callback::new(decline)
                on_cancel=Callback::new(move |()| set_asking.set(false))>
                <p>{t!("groups-decline-body")}</p>
            </ConfirmDialog>
        </Show>
    }
}
