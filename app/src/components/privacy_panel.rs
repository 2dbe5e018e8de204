//! Settings' privacy switches: read receipts, typing indicators and community message
//! requests, all off until turned on, as in the official apps. The first two also decide
//! whether those of others are shown.

use leptos::prelude::*;

use crate::state::privacy::Privacy;

/// The privacy panel.
#[component]
pub fn PrivacyPanel() -> impl IntoView {
    let (privacy, set_privacy) = signal(Privacy::load());
    let change = move |f: fn(&mut Privacy, bool), on: bool| {
        set_privacy.update(|p| {
            f(p, on);
            p.save();
        });
    };
    view! {
        <section class="panel" data-testid="privacy">
            <h2>"Privacy"</h2>
            <label class="switch-row">
                <span class="switch-text">
                    <span>"Read receipts"</span>
                    <span class="muted">
                        "Let people you chat with see when you read their messages, and see \
                         when they read yours."
                    </span>
                </span>
                <input type="checkbox" role="switch" class="switch" data-testid="read-receipts"
                    prop:checked=move || privacy.get().read_receipts
                    on:change=move |ev| change(|p, on| p.read_receipts = on, event_target_checked(&ev)) />
            </label>
            <label class="switch-row">
                <span class="switch-text">
                    <span>"Typing indicators"</span>
                    <span class="muted">
                        "Let people you chat with see when you are typing, and see when they are."
                    </span>
                </span>
                <input type="checkbox" role="switch" class="switch" data-testid="typing-indicators"
                    prop:checked=move || privacy.get().typing_indicators
                    on:change=move |ev| change(|p, on| p.typing_indicators = on, event_target_checked(&ev)) />
            </label>
            <label class="switch-row">
                <span class="switch-text">
                    <span>"Community message requests"</span>
                    <span class="muted">
                        "Let people in the communities you joined send you message requests. \
                         Your posts tell others whether you accept them."
                    </span>
                </span>
                <input type="checkbox" role="switch" class="switch" data-testid="community-requests"
                    prop:checked=move || privacy.get().community_requests
                    on:change=move |ev| change(|p, on| p.community_requests = on, event_target_checked(&ev)) />
            </label>
        </section>
    }
}
