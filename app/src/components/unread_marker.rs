//! The line above the first unread message.

use leptos::prelude::*;

use crate::t;

/// The unread marker.
#[component]
pub fn UnreadMarker(
    /// Unread messages below it.
    count: usize,
) -> impl IntoView {
    let text = t!("chat-unread-marker", count = count);
    view! {
        <div class="unread-marker" id="unread-marker" data-testid="unread-marker">
            <span>{text}</span>
        </div>
    }
}
