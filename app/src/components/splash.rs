//! Shown while storage opens.

use leptos::prelude::*;

/// The loading screen.
#[component]
pub fn Splash() -> impl IntoView {
    view! {
        <div class="splash" aria-busy="true">
            <img class="splash-logo" src="/icons/icon-192.png" alt="" width="96" height="96" />
            <p class="muted">"Loading…"</p>
        </div>
    }
}
