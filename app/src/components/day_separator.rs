//! The label between messages of different days.

use leptos::prelude::*;

/// "Today", "Yesterday", a weekday or a date.
#[component]
pub fn DaySeparator(
    /// The label.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    view! {
        <div class="day-separator" role="separator">
            <span>{label}</span>
        </div>
    }
}
