//! The line above the first unread message.

use leptos::prelude::*;

/// The unread marker.
#[component]
pub fn UnreadMarker(
    /// Unread messages below it.
    count: usize,
) -> impl IntoView {
    let text = if count == 1 {
        "1 unread message".to_owned()
    } else {
        format!("{count} unread messages")
    };
    view! {
        <div class="unread-marker" id="unread-marker" data-testid="unread-marker">
            <span>{text}</span>
        </div>
    }
}
