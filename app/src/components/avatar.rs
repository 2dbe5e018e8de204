//! A round avatar: the picture the Session ID's profile names once it is ready (ours, or a
//! contact's), else the first letter of a name, coloured by Session ID. Note to Self's shows a
//! bookmark instead, so that no display name or picture can make a chat look like it. A
//! group's is a rounded square with the initials of its name (or its picture).

use leptos::prelude::*;

use super::icon::{Icon, IconName};
use crate::state::avatars::Avatars;
use crate::state::context::Part;
use crate::state::conversations::{avatar_class, initial};
use crate::state::group_screen::group_initials;

/// Avatar of `id` titled `name`.
#[component]
pub fn Avatar(
    /// Session ID (picks the colour, and the picture: ours or the conversation's).
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
    /// A group's avatar (a rounded square, two initials).
    #[prop(optional)]
    group: bool,
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
        "{}{}{}",
        avatar_class(&id),
        if large { " avatar-lg" } else { "" },
        if group { " avatar-group" } else { "" }
    );
    // Without the avatars part (screens shown before sign-in) there is only the letter.
    let picture = use_context::<Part<Avatars>>()
        .and_then(|a| a.try_with_value(|a| a.watch(&id)))
        .unwrap_or_else(|| Signal::stored(None));
    // A picture the browser cannot draw falls back to the letter until another comes.
    let broken = RwSignal::new(None::<String>);
    let shown = move || {
        picture
            .get()
            .filter(|src| broken.with(|b| b.as_ref() != Some(src)))
    };
    view! {
        <div class=class data-testid=group.then_some("group-avatar") class:avatar-has-picture=move || shown().is_some() aria-hidden="true">
            {move || match shown() {
                Some(src) => {
                    let failed = src.clone();
                    view! {
                        <img class="avatar-picture" src=src alt="" draggable="false"
                            data-testid="avatar-picture"
                            on:error=move |_| broken.set(Some(failed.clone())) />
                    }
                        .into_any()
                }
                None if group => group_initials(&name.get()).into_any(),
                None => initial(&name.get()).into_any(),
            }}
        </div>
    }
    .into_any()
}
