//! A round avatar with the first letter of a name, coloured by Session ID.

use leptos::prelude::*;

use crate::state::conversations::{avatar_class, initial};

/// Avatar of `id` titled `name`.
#[component]
pub fn Avatar(
    /// Session ID (picks the colour).
    #[prop(into)]
    id: String,
    /// Name (gives the letter).
    #[prop(into)]
    name: Signal<String>,
    /// Larger variant.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let class = format!(
        "{}{}",
        avatar_class(&id),
        if large { " avatar-lg" } else { "" }
    );
    view! { <div class=class aria-hidden="true">{move || initial(&name.get())}</div> }
}
