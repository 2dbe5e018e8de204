//! Restoring an account from its 13-word recovery phrase.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::phrase_input::PhraseInput;
use crate::state::context::use_part;
use crate::state::onboarding::{Onboarding, PhraseForm};
use crate::t;

/// The restore screen.
#[component]
pub fn RestoreAccount() -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let form = PhraseForm::new();
    let submit = move || {
        let onboarding = onboarding.get_value();
        spawn_local(async move { form.submit(&onboarding).await });
    };
    view! {
        <form class="restore" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h1>{t!("onboarding-restore-title")}</h1>
            <PhraseInput form=form />
            <div class="actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| onboarding.with_value(|o| o.back_to_welcome())>
                    {t!("common-back")}
                </button>
                <button type="submit" class="btn btn-primary" data-testid="restore-continue"
                    disabled=move || !form.can_submit()>
                    {t!("common-continue")}
                </button>
            </div>
        </form>
    }
}
