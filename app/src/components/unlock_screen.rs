//! The unlock screen: the app opens on it while a password lock is set.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::account_menu::AccountMenu;
use super::confirm_action::ConfirmAction;
use crate::accounts;
use crate::state::context::use_part;
use crate::state::onboarding::Onboarding;
use crate::t;
use crate::util::focus;

/// Asks for the password, and offers to delete the data when it is forgotten.
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let (password, set_password) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| focus::focus(field.get().map(Into::into)));
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        set_error.set(None);
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.unlock(&password.get_untracked()).await {
                set_error.set(Some(e.to_string()));
                set_password.set(String::new());
                set_busy.set(false);
                focus::focus(field.get_untracked().map(Into::into));
            }
        });
    };
    let account = accounts::listed_label();
    let forget = Callback::new(move |()| {
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.forget_locked().await {
                set_error.set(Some(e.to_string()));
            }
        });
    });
    view! {
        <div class="onboarding">
            <div class="onboarding-card">
                <form class="unlock" data-testid="unlock-screen"
                    on:submit=move |ev| { ev.prevent_default(); submit(); }>
                    <img class="welcome-logo" src="/icons/icon-192.png" alt="" width="72" height="72" />
                    <h1>{t!("onboarding-lock-title")}</h1>
                    {account.map(|a| view! {
                        <p class="account-current">
                            <span data-testid="tab-account">{a}</span>
                            <AccountMenu />
                        </p>
                    })}
                    <p class="muted">{t!("onboarding-lock-hint")}</p>
                    <label class="field-label" for="unlock-password">{t!("onboarding-lock-password")}</label>
                    <input id="unlock-password" class="input" type="password" node_ref=field
                        autocomplete="current-password" data-testid="unlock-password"
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="unlock-error"
                        prop:value=move || password.get()
                        on:input=move |ev| { set_password.set(event_target_value(&ev)); } />
                    <p id="unlock-error" class="error-text" role="alert" data-testid="unlock-error">
                        {move || error.get().unwrap_or_default()}
                    </p>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary btn-block" data-testid="unlock-submit"
                            disabled=move || password.get().is_empty() || busy.get()>
                            {move || if busy.get() { t!("onboarding-lock-unlocking") } else { t!("onboarding-lock-unlock") }}
                        </button>
                    </div>
                    <details class="unlock-forgot">
                        <summary>{t!("onboarding-lock-forgot")}</summary>
                        <p class="muted">
                            {t!("onboarding-lock-forgot-text")}
                        </p>
                        <ConfirmAction
                            open_label=t!("onboarding-lock-forget-open")
                            warning=t!("onboarding-lock-forget-warning")
                            confirm_label=t!("onboarding-lock-forget-confirm")
                            question=t!("onboarding-lock-forget-question")
                            test_id="unlock-forget"
                            on_confirm=forget />
                    </details>
                </form>
            </div>
        </div>
    }
}
