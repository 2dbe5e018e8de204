//! Shown while storage opens.

use leptos::prelude::*;

use crate::t;

/// The loading screen.
#[component]
pub fn Splash() -> impl IntoView {
    view! {
        <div class="splash" aria-busy="true">
            <img class="splash-logo" src="/icons/icon-192.png" alt="" width="96" height="96" />
            <p class="muted">{t!("common-loading")}</p>
        </div>
    }
}
