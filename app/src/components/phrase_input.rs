//! The recovery phrase's text box, with what was wrong with the last attempt.

use leptos::prelude::*;

use crate::state::onboarding::PhraseForm;
use crate::t;

/// The phrase field of `form`.
#[component]
pub fn PhraseInput(
    /// The form it belongs to.
    form: PhraseForm,
) -> impl IntoView {
    let PhraseForm { phrase, error, .. } = form;
    view! {
        <label class="field-label" for="phrase">{t!("onboarding-recovery-phrase")}</label>
        <p class="muted">{t!("onboarding-phrase-hint")}</p>
        <textarea id="phrase" class="input phrase-input" dir="ltr" rows="4" autocomplete="off"
            autocapitalize="none" spellcheck="false" data-testid="restore-phrase"
            aria-invalid=move || error.get().is_some().to_string()
            prop:value=move || phrase.get()
            on:input=move |ev| { phrase.set(event_target_value(&ev)); error.set(None); }>
        </textarea>
        {move || error.get().map(|e| view! {
            <p class="error-text" role="alert" data-testid="restore-error">{e}</p>
        })}
    }
}
