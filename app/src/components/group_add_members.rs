//! Adding members to a group (admins): the same picker as a new group's, then "Add" invites
//! them (they get a new key, and the members a notice).

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::group::GroupId;
use session_core::identity::SessionId;

use super::member_picker::MemberPicker;
use crate::state::context::use_part;
use crate::state::group_form::{as_texts, members_problem, MemberChoice};
use crate::state::groups::Groups;
use crate::state::profile::Profile;
use crate::t;

/// The form adding members to group `id`; `on_done` closes it.
#[component]
pub fn GroupAddMembers(
    /// The group.
    id: GroupId,
    /// Its members now.
    #[prop(into)]
    members: Signal<Vec<SessionId>>,
    /// Closes the form (added or cancelled).
    on_done: Callback<()>,
) -> impl IntoView {
    let groups = use_part::<Groups>();
    let me = use_part::<Profile>().get_value().session_id();
    let choice = MemberChoice::new(me);
    let existing = Signal::derive(move || members.with(|m| m.len().max(1)));
    let (tried, set_tried) = signal(false);
    let (adding, set_adding) = signal(false);
    let (failed, set_failed) = signal(None::<String>);
    let problem = Memo::new(move |_| {
        choice
            .pasted
            .with(|p| members_problem(existing.get(), choice.picked.with(Vec::len), p))
    });
    let add = move || {
        set_tried.set(true);
        if problem.get_untracked().is_some() || adding.get_untracked() {
            return;
        }
        set_adding.set(true);
        set_failed.set(None);
        let groups = groups.get_value();
        let picked = as_texts(&choice.picked.get_untracked());
        spawn_local(async move {
            match groups.add(&id, &picked).await {
                Ok(()) => on_done.run(()),
                Err(e) => {
                    set_failed.try_set(Some(e.to_string()));
                    set_adding.try_set(false);
                }
            }
        });
    };
    view! {
        <form class="group-add" data-testid="group-add-form"
            on:submit=move |ev| { ev.prevent_default(); add(); }>
            <MemberPicker choice exclude=members existing id_prefix="group-add"
                legend=t!("groups-new-members-heading") />
            {move || failed.get().or_else(|| problem.get().filter(|_| tried.get())).map(|e| view! {
                <p class="error-text" role="alert" data-testid="group-add-error">{e}</p>
            })}
            <div class="actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| on_done.run(())>
                    {t!("common-cancel")}
                </button>
                <button type="submit" class="btn btn-primary" data-testid="group-add-confirm"
                    disabled=move || adding.get() || (tried.get() && problem.with(Option::is_some))>
                    {move || if adding.get() { t!("groups-adding") } else { t!("groups-add") }}
                </button>
            </div>
        </form>
    }
}
