//! The first screen: create an account or restore one.

use leptos::prelude::*;

use crate::accounts;
use crate::state::ui::{OnboardingStep, Phase, Ui};

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
            <h1>"Session"</h1>
            <p class="lead">
                "Private messages, end-to-end encrypted and routed through the onion network. \
                 No phone number, no email."
            </p>
            <div class="stack">
                <button type="button" class="btn btn-primary btn-block" data-testid="create-account"
                    on:click=move |_| ui.phase.set(Phase::Onboarding(OnboardingStep::Create))>
                    "Create account"
                </button>
                <button type="button" class="btn btn-secondary btn-block" data-testid="restore-account"
                    on:click=move |_| ui.phase.set(Phase::Onboarding(OnboardingStep::Restore))>
                    "I have an account"
                </button>
                {back.map(|label| view! {
                    <button type="button" class="btn btn-block" data-testid="cancel-new-account"
                        on:click=move |_| accounts::cancel_new()>
                        {format!("Back to {label}")}
                    </button>
                })}
            </div>
        </div>
    }
}
