//! The banner shown while the relay or the network cannot be reached.

use leptos::prelude::*;

use crate::state::ui::Ui;

/// The network banner (nothing while online).
#[component]
pub fn NetworkBanner() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.net.get().banner().map(|text| {
            view! {
                <div class="banner" role="alert" data-testid="network-banner">
                    <span class="banner-dot" aria-hidden="true"></span>
                    <span>{text}</span>
                </div>
            }
        })
    }
}
