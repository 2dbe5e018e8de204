//! Our avatar in Settings: the picture (or the letter) with buttons to choose a new picture
//! and to remove it. The work is the avatars part's ([`Avatars::choose`]).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar::Avatar;
use crate::state::avatars::Avatars;
use crate::state::context::use_part;
use crate::state::profile::Profile;
use crate::state::ui::Ui;
use crate::t;

/// Our avatar and its buttons.
#[component]
pub fn AvatarPicker() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let avatars = use_part::<Avatars>();
    let (me, avatar) = use_part::<Profile>().with_value(|p| (p.me, p.avatar));
    let busy = avatars.with_value(|a| a.busy);
    let my_id = me.with_untracked(|m| m.session_id.clone());
    let my_name = Signal::derive(move || me.with(|m| m.title()));
    let has_avatar = move || avatar.with(Option::is_some);
    let (error, set_error) = signal(None::<String>);
    let picker = NodeRef::<leptos::html::Input>::new();

    let on_pick = move |_| {
        let Some(input) = picker.get_untracked() else {
            return;
        };
        let file = input.files().and_then(|list| list.get(0));
        // The same file can be chosen again after a failure.
        input.set_value("");
        let Some(file) = file else { return };
        set_error.set(None);
        let avatars = avatars.get_value();
        spawn_local(async move {
            match avatars.choose(file.into()).await {
                Ok(()) => ui.show_toast(t!("groups-picture-saved")),
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
    };
    let remove = move |_| {
        set_error.set(None);
        let avatars = avatars.get_value();
        spawn_local(async move {
            match avatars.remove_own().await {
                Ok(()) => ui.show_toast(t!("groups-picture-removed")),
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
    };

    view! {
        <div class="avatar-picker" data-testid="avatar-picker">
            <Avatar id=my_id name=my_name large=true />
            <div class="avatar-picker-actions">
                <input node_ref=picker type="file" class="visually-hidden"
                    accept="image/jpeg,image/png,image/gif,image/webp"
                    data-testid="avatar-input" tabindex="-1" aria-hidden="true" on:change=on_pick />
                <button type="button" class="btn btn-secondary avatar-picker-button"
                    data-testid="avatar-choose" disabled=move || busy.get()
                    on:click=move |_| { if let Some(el) = picker.get_untracked() { el.click(); } }>
                    {move || if busy.get() {
                        t!("groups-saving")
                    } else if has_avatar() {
                        t!("groups-picture-change")
                    } else {
                        t!("groups-picture-add")
                    }}
                </button>
                <Show when=has_avatar>
                    <button type="button" class="btn btn-ghost avatar-picker-button"
                        data-testid="avatar-remove" disabled=move || busy.get() on:click=remove>
                        {t!("common-remove")}
                    </button>
                </Show>
            </div>
            {move || error.get().map(|e| view! {
                <p class="error-text" data-testid="avatar-error">{e}</p>
            })}
        </div>
    }
}
