//! Shown when the app cannot run (no storage…).

use leptos::prelude::*;

/// The error screen.
#[component]
pub fn Fatal(
    /// What went wrong, for the user.
    #[prop(into)]
    message: String,
) -> impl IntoView {
    view! {
        <div class="splash" role="alert">
            <h1>"Session cannot start"</h1>
            <p class="error-text">{message}</p>
            <p class="muted">
                "Session keeps your account and messages in this browser's storage. Private \
                 windows and some privacy settings block it."
            </p>
        </div>
    }
}
