//! A Session ID shown in two even lines (66 characters wrap badly on their own), still one
//! word when selected or copied.

use leptos::prelude::*;

/// The Session ID `id`.
#[component]
pub fn SessionIdText(
    /// The ID (hex).
    #[prop(into)]
    id: Signal<String>,
    /// `data-testid` of the element.
    #[prop(optional)]
    test_id: &'static str,
) -> impl IntoView {
    let half = move || {
        let id = id.get();
        let mid = id.len().div_ceil(2);
        let (a, b) = id.split_at(mid.min(id.len()));
        (a.to_owned(), b.to_owned())
    };
    view! {
        <code class="session-id" dir="ltr" data-testid=test_id>
            <span class="id-half">{move || half().0}</span>
            <span class="id-half">{move || half().1}</span>
        </code>
    }
}
