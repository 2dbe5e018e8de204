//! Restoring an account from its 13-word recovery phrase.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::context::use_part;
use crate::state::onboarding::Onboarding;

/// The restore screen.
#[component]
pub fn RestoreAccount() -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let (phrase, set_phrase) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.restore(&phrase.get_untracked()).await {
                set_error.set(Some(e.to_string()));
                set_busy.set(false);
            }
        });
    };
    view! {
        <form class="restore" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h1>"Restore your account"</h1>
            <label class="field-label" for="phrase">"Recovery phrase"</label>
            <p class="muted">"Enter the 13 words, separated by spaces."</p>
            <textarea id="phrase" class="input phrase-input" rows="4" autocomplete="off"
                autocapitalize="none" spellcheck="false" data-testid="restore-phrase"
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || phrase.get()
                on:input=move |ev| { set_phrase.set(event_target_value(&ev)); set_error.set(None); }>
            </textarea>
            {move || error.get().map(|e| view! {
                <p class="error-text" role="alert" data-testid="restore-error">{e}</p>
            })}
            <div class="actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| onboarding.with_value(|o| o.back_to_welcome())>
                    "Back"
                </button>
                <button type="submit" class="btn btn-primary" data-testid="restore-continue"
                    disabled=move || phrase.get().trim().is_empty() || busy.get()>
                    "Continue"
                </button>
            </div>
        </form>
    }
}
