//! The first screen: create an account or restore one.

use leptos::prelude::*;

use crate::accounts;
use crate::state::ui::{OnboardingStep, Phase, Ui};
use crate::t;

/// Welcome screen.
#[component]
pub fn Welcome() -> impl IntoView {
    let ui = expect_context::<Ui>();
    // A new account added beside others: its setup can be given up.
    let back = accounts::previous().map(|e| e.label());
    accounts::listed_label();
    view! {
        <div class="welcome">
            <img class="welcome-logo" src="/icons/icon-192.png" alt="" width="88" height="88" />
            <h1>{t!("onboarding-app-name")}</h1>
            <p class="lead">
                {t!("onboarding-welcome-lead")}
            </p>
            <div class="stack">
                <button type="button" class="btn btn-primary btn-block" data-testid="create-account"
                    on:click=move |_| ui.phase.set(Phase::Onboarding(OnboardingStep::Create))>
                    {t!("onboarding-welcome-create")}
                </button>
                <button type="button" class="btn btn-secondary btn-block" data-testid="restore-account"
                    on:click=move |_| ui.phase.set(Phase::Onboarding(OnboardingStep::Restore))>
                    {t!("onboarding-welcome-restore")}
                </button>
                {back.map(|label| view! {
                    <button type="button" class="btn btn-block" data-testid="cancel-new-account"
                        on:click=move |_| accounts::cancel_new()>
                        {t!("onboarding-welcome-back", name = label.as_str())}
                    </button>
                })}
            </div>
        </div>
    }
}
