//! Settings' privacy switches: read receipts, typing indicators and community message
//! requests, all off until turned on, as in the official apps. The first two also decide
//! whether those of others are shown.

use leptos::prelude::*;

use crate::state::privacy::Privacy;
use crate::t;

/// One switch of [`Privacy`]: which field, and how the panel names it.
struct Switch {
    label: fn() -> String,
    detail: fn() -> String,
    test_id: &'static str,
    field: fn(&mut Privacy) -> &mut bool,
}

const SWITCHES: [Switch; 3] = [
    Switch {
        label: || t!("settings-read-receipts"),
        detail: || t!("settings-read-receipts-about"),
        test_id: "read-receipts",
        field: |p| &mut p.read_receipts,
    },
    Switch {
        label: || t!("settings-typing-indicators"),
        detail: || t!("settings-typing-indicators-about"),
        test_id: "typing-indicators",
        field: |p| &mut p.typing_indicators,
    },
    Switch {
        label: || t!("settings-community-requests"),
        detail: || t!("settings-community-requests-about"),
        test_id: "community-requests",
        field: |p| &mut p.community_requests,
    },
];

/// The privacy panel.
#[component]
pub fn PrivacyPanel() -> impl IntoView {
    let (privacy, set_privacy) = signal(Privacy::load());
    let rows = SWITCHES
        .iter()
        .map(|s| {
            let field = s.field;
            let checked = move || {
                let mut p = privacy.get();
                *field(&mut p)
            };
            let change = move |on: bool| {
                set_privacy.update(|p| {
                    *field(p) = on;
                    p.save();
                });
            };
            view! {
                <label class="switch-row">
                    <span class="switch-text">
                        <span>{(s.label)()}</span>
                        <span class="muted">{(s.detail)()}</span>
                    </span>
                    <input type="checkbox" role="switch" class="switch" data-testid=s.test_id
                        prop:checked=checked
                        on:change=move |ev| change(event_target_checked(&ev)) />
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="panel" data-testid="privacy">
            <h2>{t!("settings-privacy")}</h2>
            {rows}
        </section>
    }
}
