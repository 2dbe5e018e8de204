//! A message's reactions under its bubble: one chip per emoji with its count; ours is
//! highlighted, and clicking a chip adds or takes back our reaction with that emoji.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::identity::SessionId;

use super::quote_view::author_name;
use crate::state::context::use_part;
use crate::state::edits::Edits;
use crate::state::reactions::{chips, room_chips, who};
use crate::state::ui::Ui;
use crate::state::views::Views;
use crate::storage::MessageRecord;
use crate::t;

/// The reactions of `msg`.
#[component]
pub fn ReactionChips(
    /// The message.
    msg: MessageRecord,
    /// Our Session ID.
    me: SessionId,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let edits = use_part::<Edits>();
    let views = use_part::<Views>();
    let list = match &msg.post {
        Some(post) => room_chips(&post.reactions),
        None => chips(&msg.reactions, &me),
    };
    let msg = StoredValue::new(msg);
    let chips_view = list
        .into_iter()
        .map(|chip| {
            let people = views.with_value(|v| who(&chip, &me, |id| author_name(id, &me, v)));
            let label = t!(
                "chat-reaction",
                emoji = chip.emoji.as_str(),
                count = chip.count(),
                people = people
            );
            let emoji = chip.emoji.clone();
            let toggle = move |_| {
                let (edits, m, emoji) = (edits.get_value(), msg.get_value(), emoji.clone());
                spawn_local(async move {
                    if let Err(e) = edits.toggle_reaction(&m, &emoji).await {
                        ui.show_toast(e.to_string());
                    }
                });
            };
            view! {
                <button type="button" class="reaction" class:mine=chip.mine title=label.clone()
                    aria-label=label aria-pressed=chip.mine.to_string()
                    data-testid="reaction" data-emoji=chip.emoji.clone() on:click=toggle>
                    <span class="reaction-emoji">{chip.emoji.clone()}</span>
                    <span class="reaction-count">{chip.count()}</span>
                </button>
            }
        })
        .collect_view();
    view! { <div class="reactions" data-testid="reactions">{chips_view}</div> }
}
