//! Making a group: its name, an optional description and its members (contacts ticked and
//! pasted Session IDs); "Create" makes it, invites them and opens its chat.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Icon, IconName};
use super::member_picker::MemberPicker;
use crate::state::context::use_part;
use crate::state::group_form::{
    as_texts, create_problem, description_problem, name_problem, MemberChoice, MAX_NAME_BYTES,
};
use crate::state::groups::{conversation, Groups};
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::t;

/// The new group form; `on_back` returns to the new conversation screen.
#[component]
pub fn NewGroup(
    /// Goes back.
    on_back: Callback<()>,
) -> impl IntoView {
    let groups = use_part::<Groups>();
    let me = use_part::<Profile>().get_value().session_id();
    let (name, set_name) = signal(String::new());
    let (description, set_description) = signal(String::new());
    let choice = MemberChoice::new(me);
    // Problems show once the user tried to create (a fresh form is not an error).
    let (tried, set_tried) = signal(false);
    let (creating, set_creating) = signal(false);
    let (failed, set_failed) = signal(None::<String>);
    let problem = Memo::new(move |_| {
        name.with(|n| {
            description.with(|d| {
                choice
                    .pasted
                    .with(|p| create_problem(n, d, choice.picked.with(Vec::len), p))
            })
        })
    });
    let name_error = Memo::new(move |_| {
        let n = name.get();
        // Too long shows at once; empty only after trying.
        name_problem(&n).filter(|_| tried.get() || !n.trim().is_empty())
    });
    let description_error = Memo::new(move |_| description.with(|d| description_problem(d)));
    let submit = move || {
        set_tried.set(true);
        if problem.get_untracked().is_some() || creating.get_untracked() {
            return;
        }
        set_creating.set(true);
        set_failed.set(None);
        let groups = groups.get_value();
        let (n, d) = (name.get_untracked(), description.get_untracked());
        let members = as_texts(&choice.picked.get_untracked());
        spawn_local(async move {
            match groups.create(&n, &d, &members).await {
                Ok(id) => navigate(&Route::Chat(conversation(&id))),
                Err(e) => {
                    set_failed.try_set(Some(e.to_string()));
                    set_creating.try_set(false);
                }
            }
        });
    };
    view! {
        <section class="screen" data-testid="new-group-screen">
            <header class="screen-header">
                <button type="button" class="icon-button back-always" aria-label=t!("common-back")
                    data-testid="new-group-back" on:click=move |_| on_back.run(())>
                    <Icon name=IconName::Back />
                </button>
                <h1>{t!("groups-new-title")}</h1>
            </header>
            <form class="screen-body narrow group-form" novalidate=true
                on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <label class="field-label" for="group-name">{t!("groups-name-label")}</label>
                <input id="group-name" class="input" type="text" autocomplete="off"
                    data-testid="group-name" required=true
                    aria-invalid=move || name_error.with(Option::is_some).to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| set_name.set(event_target_value(&ev)) />
                <p class="field-hint muted">
                    {move || t!(
                        "groups-name-bytes",
                        count = name.with(|n| n.trim().len()),
                        max = MAX_NAME_BYTES
                    )}
                </p>
                {move || name_error.get().map(|e| view! {
                    <p class="error-text" data-testid="group-name-error">{e}</p>
                })}
                <label class="field-label" for="group-description">
                    {t!("groups-description-label")} " "
                    <span class="muted optional">{t!("groups-optional")}</span>
                </label>
                <textarea id="group-description" class="input" rows="2"
                    data-testid="group-description"
                    aria-invalid=move || description_error.with(Option::is_some).to_string()
                    prop:value=move || description.get()
                    on:input=move |ev| set_description.set(event_target_value(&ev))>
                </textarea>
                {move || description_error.get().map(|e| view! { <p class="error-text">{e}</p> })}
                <MemberPicker choice exclude=Signal::stored(Vec::new()) existing=Signal::stored(1)
                    id_prefix="new-group" legend=t!("groups-members-heading") />
                {move || {
                    let shown = failed.get().or_else(|| problem.get().filter(|_| tried.get()));
                    shown.map(|e| view! {
                        <p class="error-text" role="alert" data-testid="group-error">{e}</p>
                    })
                }}
                <div class="actions">
                    <button type="button" class="btn btn-ghost" on:click=move |_| on_back.run(())>
                        {t!("common-cancel")}
                    </button>
                    <button type="submit" class="btn btn-primary" data-testid="create-group"
                        disabled=move || creating.get() || (tried.get() && problem.with(Option::is_some))>
                        {move || if creating.get() { t!("groups-creating") } else { t!("groups-create") }}
                    </button>
                </div>
            </form>
        </section>
    }
}
