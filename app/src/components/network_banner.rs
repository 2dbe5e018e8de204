//! The banner shown while the relay or the network cannot be reached.

use leptos::prelude::*;

use crate::state::context::use_part;
use crate::state::network::Network;

/// The network banner (nothing while online).
#[component]
pub fn NetworkBanner() -> impl IntoView {
    let health = use_part::<Network>().get_value().health;
    move || {
        health.get().banner().map(|text| {
            view! {
                <div class="banner" role="alert" data-testid="network-banner">
                    <span class="banner-dot" aria-hidden="true"></span>
                    <span>{text}</span>
                </div>
            }
        })
    }
}
