//! Creating an account: the new Session ID with its QR code, and the recovery phrase, which
//! the user confirms having saved before going on.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::copy_button::CopyButton;
use super::qr_code::QrCode;
use super::recovery_phrase::RecoveryPhrase;
use super::session_id_text::SessionIdText;
use crate::state::context::use_part;
use crate::state::onboarding::Onboarding;
use crate::t;

/// The account creation screen.
#[component]
pub fn CreateAccount() -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let account = onboarding.get_value().create_account();
    let (saved, set_saved) = signal(false);
    let (busy, set_busy) = signal(false);
    let (error, set_error) = signal(None::<String>);
    let phrase = account.words.join(" ");
    let id = account.session_id.clone();
    let on_continue = move |_| {
        if !saved.get_untracked() || busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.confirm_created().await {
                set_error.set(Some(e.to_string()));
                set_busy.set(false);
            }
        });
    };
    view! {
        <div class="create">
            <h1>{t!("onboarding-create-title")}</h1>
            <section class="panel">
                <h2>{t!("onboarding-create-session-id")}</h2>
                <p class="muted">{t!("onboarding-create-share")}</p>
                <div class="id-block">
                    <QrCode data=id.clone() label=t!("onboarding-create-qr-label") />
                    <SessionIdText id=Signal::stored(id.clone()) test_id="new-session-id" />
                </div>
                <CopyButton text=Signal::derive(move || account.session_id.clone())
                    label=t!("onboarding-create-copy-id") done=t!("onboarding-create-id-copied") />
            </section>
            <section class="panel">
                <h2>{t!("onboarding-recovery-phrase")}</h2>
                <p class="muted">
                    {t!("onboarding-create-phrase-warning")}
                </p>
                <RecoveryPhrase words=account.words.clone() />
                <CopyButton text=Signal::derive(move || phrase.clone()) label=t!("onboarding-create-copy-phrase")
                    done=t!("onboarding-create-phrase-copied") />
            </section>
            <label class="check">
                <input type="checkbox" data-testid="phrase-saved"
                    prop:checked=move || saved.get()
                    on:change=move |ev| set_saved.set(event_target_checked(&ev)) />
                <span>{t!("onboarding-create-saved")}</span>
            </label>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| onboarding.with_value(|o| o.back_to_welcome())>
                    {t!("common-back")}
                </button>
                <button type="button" class="btn btn-primary" data-testid="create-continue"
                    disabled=move || !saved.get() || busy.get() on:click=on_continue>
                    {t!("common-continue")}
                </button>
            </div>
        </div>
    }
}
