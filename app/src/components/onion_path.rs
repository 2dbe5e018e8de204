//! The onion path messages take: you, three service nodes, the destination.

use leptos::prelude::*;

use crate::state::context::use_part;
use crate::state::network::Network;
use crate::t;

/// The current path.
#[component]
pub fn OnionPath() -> impl IntoView {
    let path = use_part::<Network>().get_value().path;
    view! {
        <ol class="onion-path" data-testid="onion-path">
            <li class="hop hop-end"><span class="hop-dot"></span><span>{t!("common-you")}</span></li>
            {move || {
                let hops = path.get();
                if hops.is_empty() {
                    view! {
                        <li class="hop hop-pending">
                            <span class="hop-dot"></span>
                            <span class="muted">{t!("home-onion-building")}</span>
                        </li>
                    }.into_any()
                } else {
                    hops.into_iter()
                        .enumerate()
                        .map(|(i, h)| {
                            let role = if i == 0 { t!("home-onion-entry") } else { t!("home-onion-service") };
                            view! {
                                <li class="hop" data-testid="onion-hop">
                                    <span class="hop-dot"></span>
                                    <span class="hop-text">
                                        <span class="hop-role">{role}</span>
                                        <span class="hop-addr">{h.address}</span>
                                        <code class="hop-key">{h.key_prefix}"…"</code>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <li class="hop hop-end"><span class="hop-dot"></span><span>{t!("home-onion-destination")}</span></li>
        </ol>
    }
}
