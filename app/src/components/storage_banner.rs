//! The banner shown while this browser's storage does not take new messages.

use leptos::prelude::*;

use crate::state::context::use_part;
use crate::state::storage_health::StorageHealth;

/// The storage banner (nothing while storage works).
#[component]
pub fn StorageBanner() -> impl IntoView {
    let problem = use_part::<StorageHealth>().get_value().problem;
    move || {
        problem.get().map(|p| {
            view! {
                <div class="banner banner-error" role="alert" data-testid="storage-banner">
                    <span class="banner-dot" aria-hidden="true"></span>
                    <span>{p.to_string()}</span>
                </div>
            }
        })
    }
}
