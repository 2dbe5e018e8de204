//! Shown when the app cannot run (no storage…).

use leptos::prelude::*;

use crate::t;

/// The error screen.
#[component]
pub fn Fatal(
    /// What went wrong, for the user.
    #[prop(into)]
    message: String,
) -> impl IntoView {
    view! {
        <div class="splash" role="alert">
            <h1>{t!("onboarding-fatal-title")}</h1>
            <p class="error-text">{message}</p>
            <p class="muted">
                {t!("onboarding-fatal-hint")}
            </p>
        </div>
    }
}
