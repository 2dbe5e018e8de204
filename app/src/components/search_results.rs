//! The results of a search in place of the conversation list: each message's conversation,
//! time and the matching text with the matches marked; choosing one opens its conversation
//! scrolled to it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use session_core::conversation::ConversationId;

use super::avatar::Avatar;
use super::highlighted::Highlighted;
use crate::search::{Field, Hit};
use crate::state::context::use_part;
use crate::state::conversations::{colour_key, title_for};
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::state::search::{snippet, Search};
use crate::state::timeline::list_time;
use crate::state::views::Views;
use crate::t;
use crate::util::time::now_ms;

/// Characters of a result's text shown.
const SNIPPET_CHARS: usize = 90;

/// What a hit shows: its first matching text (a file's name with a clip) and the ranges.
fn shown(hit: &Hit) -> (String, Vec<std::ops::Range<usize>>) {
    let Some(m) = hit.matches.first() else {
        return (String::new(), Vec::new());
    };
    let (text, ranges) = snippet(&m.text, &m.ranges, SNIPPET_CHARS);
    match m.field {
        Field::FileName(_) => {
            let clip = "📎 ";
            let moved = ranges
                .iter()
                .map(|r| (r.start + clip.len())..(r.end + clip.len()))
                .collect();
            (format!("{clip}{text}"), moved)
        }
        _ => (text, ranges),
    }
}

/// The results list.
#[component]
pub fn SearchResults() -> impl IntoView {
    let search = use_part::<Search>();
    let views = use_part::<Views>();
    let (results, query, indexing) = search.with_value(|s| (s.results, s.query, s.indexing));
    let conversations = views.with_value(|v| v.conversations);
    let me = use_part::<Profile>().get_value().session_id();
    let open = move |hit: Hit| {
        let views = views.get_value();
        let conv = hit.conv().clone();
        let loaded = views.chat.with_untracked(|c| {
            c.as_ref()
                .is_some_and(|c| c.conv == conv && c.messages.iter().any(|m| m.key() == hit.key))
        });
        views.found.set(Some(hit.key.clone()));
        if loaded {
            // On the page already: the chat scrolls to it.
        } else if views.open_conversation().as_ref() == Some(&conv) {
            // Open, but the message is older than what is loaded: load until it is.
            spawn_local(async move { views.open_chat(conv).await });
        } else {
            navigate(&Route::Chat(conv));
        }
    };
    let count = move || results.with(Vec::len);
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="search-count">
            {move || match count() {
                0 if indexing.get() => String::new(),
                n => t!("home-search-count", count = n),
            }}
        </p>
        {move || (count() == 0 && !indexing.get()).then(|| view! {
            <p class="list-empty muted" data-testid="search-empty">
                {t!("home-search-empty", query = query.get().trim())}
            </p>
        })}
        <ul class="conversations search-results" data-testid="search-results"
            aria-label=t!("home-search-results")>
            <For
                each=move || results.get()
                key=|h| h.key.clone()
                children=move |hit| {
                    let title = conversations.with_untracked(|l| title_for(hit.conv(), l));
                    let (text, ranges) = shown(&hit);
                    let when = list_time(hit.ts(), now_ms());
                    let chosen = hit.clone();
                    let id = hit.conv().clone();
                    let name = Signal::stored(title.clone());
                    view! {
                        <li>
                            <button type="button" class="conversation search-hit"
                                data-testid="search-hit" data-conv=id.to_string()
                                on:click=move |_| open(chosen.clone())>
                                <Avatar id=colour_key(&id, &me) name=name
                                    note_to_self=id == ConversationId::NoteToSelf
                                    group=matches!(id, ConversationId::Group(_)) />
                                <div class="conversation-body">
                                    <div class="conversation-top">
                                        <span class="conversation-name" dir="auto">{title}</span>
                                        <time class="conversation-time">{when}</time>
                                    </div>
                                    <div class="conversation-bottom">
                                        <span class="conversation-preview search-snippet" dir="auto"
                                            data-testid="search-snippet">
                                            <Highlighted text ranges />
                                        </span>
                                    </div>
                                </div>
                            </button>
                        </li>
                    }
                }
            />
        </ul>
    }
}
