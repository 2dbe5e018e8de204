//! A round avatar with the first letter of a name, coloured by Session ID; Note to Self's
//! shows a bookmark instead, so that no display name can make a chat look like it.

use leptos::prelude::*;

use super::icon::{Icon, IconName};
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
    /// Note to Self's avatar (a bookmark, in the accent colour).
    #[prop(optional)]
    note_to_self: bool,
) -> impl IntoView {
    if note_to_self {
        return view! {
            <div class="avatar avatar-note" aria-hidden="true" data-testid="note-to-self-avatar">
                <Icon name=IconName::Bookmark />
            </div>
        }
        .into_any();
    }
    let class = format!(
        "{}{}",
        avatar_class(&id),
        if large { " avatar-lg" } else { "" }
    );
    view! { <div class=class aria-hidden="true">{move || initial(&name.get())}</div> }.into_any()
}
