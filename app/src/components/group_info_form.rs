//! Editing a group's name and description (admins): saved for every member, with a notice in
//! the chat when the name changed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::group::GroupId;

use crate::state::context::use_part;
use crate::state::group_form::{description_problem, name_problem, MAX_NAME_BYTES};
use crate::state::groups::Groups;
use crate::t;

/// The form, filled with the group's `name` and `description`; `on_done` closes it.
#[component]
pub fn GroupInfoForm(
    /// The group.
    id: GroupId,
    /// Its name now.
    name: String,
    /// Its description now.
    description: String,
    /// Closes the form (saved or cancelled).
    on_done: Callback<()>,
) -> impl IntoView {
    let groups = use_part::<Groups>();
    let (was_name, was_description) = (name.clone(), description.clone());
    let (name, set_name) = signal(name);
    let (description, set_description) = signal(description);
    let (saving, set_saving) = signal(false);
    let (failed, set_failed) = signal(None::<String>);
    let problem = Memo::new(move |_| {
        name_problem(&name.get()).or_else(|| description_problem(&description.get()))
    });
    let unchanged = move || {
        name.with(|n| n.trim() == was_name.trim())
            && description.with(|d| d.trim() == was_description.trim())
    };
    let save = move || {
        if problem.get_untracked().is_some() || saving.get_untracked() {
            return;
        }
        set_saving.set(true);
        set_failed.set(None);
        let groups = groups.get_value();
        let (n, d) = (name.get_untracked(), description.get_untracked());
        spawn_local(async move {
            match groups.edit_info(&id, &n, &d).await {
                Ok(()) => on_done.run(()),
                Err(e) => {
                    set_failed.try_set(Some(e.to_string()));
                    set_saving.try_set(false);
                }
            }
        });
    };
    view! {
        <form class="group-info-form" data-testid="group-info-form"
            on:submit=move |ev| { ev.prevent_default(); save(); }>
            <label class="field-label" for="group-edit-name">{t!("groups-name-label")}</label>
            <input id="group-edit-name" class="input" type="text" autocomplete="off"
                data-testid="group-edit-name" data-autofocus="true"
                aria-invalid=move || name.with(|n| name_problem(n).is_some()).to_string()
                prop:value=move || name.get()
                on:input=move |ev| set_name.set(event_target_value(&ev)) />
            <p class="field-hint muted">
                {move || t!(
                    "groups-name-bytes",
                    count = name.with(|n| n.trim().len()),
                    max = MAX_NAME_BYTES
                )}
            </p>
            <label class="field-label" for="group-edit-description">
                {t!("groups-description-label")} " "
                <span class="muted optional">{t!("groups-optional")}</span>
            </label>
            <textarea id="group-edit-description" class="input" rows="3"
                data-testid="group-edit-description"
                prop:value=move || description.get()
                on:input=move |ev| set_description.set(event_target_value(&ev))>
            </textarea>
            {move || failed.get().or_else(|| problem.get()).map(|e| view! {
                <p class="error-text" role="alert" data-testid="group-edit-error">{e}</p>
            })}
            <div class="actions">
                <button type="button" class="btn btn-ghost" data-testid="group-edit-cancel"
                    on:click=move |_| on_done.run(())>{t!("common-cancel")}</button>
                <button type="submit" class="btn btn-primary" data-testid="group-save"
                    disabled=move || saving.get() || problem.with(Option::is_some) || unchanged()>
                    {move || if saving.get() { t!("groups-saving") } else { t!("common-save") }}
                </button>
            </div>
        </form>
    }
}
