//! The quote at the top of a reply: who wrote the original and its first words (or what its
//! files are). Clicking it brings the original into view; a quote whose original is gone
//! says so.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;

use crate::state::communities::post_author;
use crate::state::context::use_part;
use crate::state::conversations::title_for;
use crate::state::files::{file_key, FileView, Files, Shown};
use crate::state::quotes::{excerpt, find};
use crate::state::views::Views;
use crate::storage::{AttachmentRecord, MessageRecord, QuoteRecord};
use crate::t;
use crate::util::browser;
use session_core::attachment::content_type::MediaKind;

/// The display name of `author` as this account knows them.
pub fn author_name(author: &SessionId, me: &SessionId, views: &Views) -> String {
    if author == me {
        return t!("common-you");
    }
    views
        .conversations
        .with_untracked(|l| title_for(&ConversationId::Direct(*author), l))
}

/// Scrolls the message with the DOM key `key` into view and flashes it.
pub fn jump_to(key: &str) -> bool {
    let Some(el) = browser::document().and_then(|d| {
        d.query_selector(&format!("[data-key=\"{key}\"]"))
            .ok()
            .flatten()
    }) else {
        return false;
    };
    el.scroll_into_view();
    let list = el.class_list();
    let _ = list.remove_1("flash");
    // Read layout so the animation starts again.
    let _ = el.client_width();
    let _ = list.add_1("flash");
    true
}

/// The first picture of `m`, when it has one (its thumbnail goes in the quote).
fn picture_of(m: &MessageRecord) -> Option<AttachmentRecord> {
    if m.deleted {
        return None;
    }
    m.attachments
        .iter()
        .find(|a| {
            a.content_type
                .as_deref()
                .is_some_and(|t| t.starts_with("image/"))
        })
        .cloned()
}

/// A quoted picture, small: shown once its bytes are (the original's bubble fetches them).
#[component]
fn QuoteThumbnail(att: AttachmentRecord) -> impl IntoView {
    let files = use_part::<Files>();
    let view = file_key(&att).map(|k| files.get_value().view(&k));
    move || {
        let shown = view.map(|v| v.get());
        match shown {
            Some(FileView::Ready(Shown {
                url,
                thumb,
                kind: Some(MediaKind::Image),
                ..
            })) => Some(view! {
                <img class="quote-thumb" src=thumb.unwrap_or(url) alt="" data-testid="quote-thumb" />
            }),
            _ => None,
        }
    }
}

/// The quote of a reply.
#[component]
pub fn QuoteView(
    /// What the reply quotes.
    quote: QuoteRecord,
    /// Our Session ID.
    me: SessionId,
) -> impl IntoView {
    let views = use_part::<Views>();
    let found = Memo::new(move |_| {
        views.with_value(|v| {
            v.chat.with(|c| {
                c.as_ref()
                    .and_then(|c| find(&c.messages, &quote))
                    .map(|m| (m.key().id(), excerpt(m), picture_of(m)))
            })
        })
    });
    // In a room, authors go by the name their post gave (we by our blinded ID: "You").
    let room_author = Memo::new(move |_| {
        views.with_value(|v| {
            v.chat.with(|c| {
                let m = find(&c.as_ref()?.messages, &quote)?;
                m.post.as_ref()?;
                Some(if m.outgoing {
                    t!("common-you")
                } else {
                    post_author(m)
                })
            })
        })
    });
    let known = views.with_value(|v| author_name(&quote.author, &me, v));
    let name = move || room_author.get().unwrap_or_else(|| known.clone());
    let jump = move |_| {
        if let Some((key, _, _)) = found.get_untracked() {
            jump_to(&key);
        }
    };
    view! {
        <button type="button" class="quote" data-testid="quote" on:click=jump
            class:missing=move || found.with(|f| !matches!(f, Some((_, Some(_), _))))>
            <span class="quote-body">
                <span class="quote-author">{name}</span>
                <span class="quote-text" dir="auto">
                    {move || match found.get() {
                        Some((_, Some(text), _)) => text,
                        _ => t!("chat-quote-missing"),
                    }}
                </span>
            </span>
            {move || found.get().and_then(|(_, _, att)| att).map(|att| {
                view! { <QuoteThumbnail att=att /> }
            })}
        </button>
    }
}
