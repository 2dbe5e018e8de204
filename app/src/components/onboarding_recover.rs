//! The stored account cannot be read: restore it from its recovery phrase (its data is kept),
//! or — only on purpose — delete the stored data. No new account can take its place here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::confirm_action::ConfirmAction;
use super::phrase_input::PhraseInput;
use crate::state::context::use_part;
use crate::state::onboarding::{stored_summary, Onboarding, PhraseForm};
use crate::storage::StoredData;
use crate::t;

/// The screen of an unreadable account.
#[component]
pub fn RecoverAccount(
    /// What is stored for it.
    data: StoredData,
) -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let form = PhraseForm::new();
    let submit = move || {
        let onboarding = onboarding.get_value();
        spawn_local(async move { form.submit(&onboarding).await });
    };
    let delete = Callback::new(move |()| {
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.delete_stored_data().await {
                form.error.set(Some(e.to_string()));
            }
        });
    });
    view! {
        <form class="restore" data-testid="recover-account"
            on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h1>{t!("onboarding-recover-title")}</h1>
            <p class="muted" data-testid="recover-summary">{stored_summary(&data)}</p>
            <PhraseInput form=form />
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="restore-continue"
                    disabled=move || !form.can_submit()>
                    {t!("onboarding-recover-restore")}
                </button>
            </div>
            <section class="panel danger-zone recover-delete">
                <h2>{t!("onboarding-recover-other")}</h2>
                <ConfirmAction open_label=t!("onboarding-recover-delete-open")
                    warning=t!("onboarding-recover-delete-warning")
                    confirm_label=t!("common-delete")
                    question=t!("onboarding-recover-delete-question")
                    test_id="recover-delete" on_confirm=delete />
            </section>
        </form>
    }
}
