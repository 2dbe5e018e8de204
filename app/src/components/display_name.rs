//! Choosing a display name (the last onboarding step).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::password_field::PasswordField;
use crate::state::context::use_part;
use crate::state::onboarding::Onboarding;
use crate::state::profile::MAX_NAME_CHARS;
use crate::t;

/// The display name step.
#[component]
pub fn DisplayNameStep() -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let (name, set_name) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let clear = Callback::new(move |()| set_error.set(None));
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            let result = onboarding
                .finish_with_password(
                    &name.get_untracked(),
                    &password.get_untracked(),
                    &confirm.get_untracked(),
                )
                .await;
            if let Err(e) = result {
                set_error.set(Some(e.to_string()));
                set_busy.set(false);
            }
        });
    };
    view! {
        <form class="display-name" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h1>{t!("groups-profile-name-title")}</h1>
            <p class="muted">{t!("groups-profile-name-intro")}</p>
            <label class="field-label" for="display-name">{t!("groups-profile-name-label")}</label>
            <input id="display-name" class="input" type="text" autocomplete="nickname"
                maxlength=MAX_NAME_CHARS.to_string() data-testid="display-name-input"
                prop:value=move || name.get()
                on:input=move |ev| { set_name.set(event_target_value(&ev)); set_error.set(None); } />
            <details class="onboarding-password">
                <summary data-testid="onboarding-password-open">{t!("groups-profile-password-open")}</summary>
                <p class="muted small">{t!("groups-profile-password-intro")}</p>
                <PasswordField id="onboarding-password" label=t!("groups-profile-password")
                    autocomplete="new-password" value=password on_input=clear />
                <PasswordField id="onboarding-password-confirm" label=t!("groups-profile-password-confirm")
                    autocomplete="new-password" value=confirm on_input=clear />
            </details>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="display-name-continue"
                    disabled=move || name.get().trim().is_empty() || busy.get()>
                    {t!("common-continue")}
                </button>
            </div>
        </form>
    }
}
