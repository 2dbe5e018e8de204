//! Onboarding: shows the current step.

use leptos::prelude::*;

use super::display_name::DisplayNameStep;
use super::onboarding_create::CreateAccount;
use super::onboarding_recover::RecoverAccount;
use super::onboarding_restore::RestoreAccount;
use super::onboarding_welcome::Welcome;
use crate::state::ui::OnboardingStep;

/// The onboarding screen for `step`.
#[component]
pub fn Onboarding(
    /// Which step.
    step: OnboardingStep,
) -> impl IntoView {
    let content = match step {
        OnboardingStep::Welcome => view! { <Welcome /> }.into_any(),
        OnboardingStep::Create => view! { <CreateAccount /> }.into_any(),
        OnboardingStep::Restore => view! { <RestoreAccount /> }.into_any(),
        OnboardingStep::DisplayName => view! { <DisplayNameStep /> }.into_any(),
        OnboardingStep::Recover(data) => view! { <RecoverAccount data=data /> }.into_any(),
    };
    view! {
        <div class="onboarding">
            <div class="onboarding-card">{content}</div>
        </div>
    }
}
