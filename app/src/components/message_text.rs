//! A message's text: text nodes, and its `http(s)` URLs as links (see
//! [`crate::state::links`]). A link asks before it opens, with the whole URL shown, and opens
//! in a new tab that gets neither this page (`noopener`) nor its address (`noreferrer`).

use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use crate::state::links::{is_openable, segments, Segment};
use crate::t;
use crate::util::browser;

/// Stands for the URL in the question, where the marked URL goes.
const URL_MARK: &str = "\u{E000}";

/// Opens `href` in a new tab, if it is an `http(s)` URL.
fn open(href: &str) {
    if !is_openable(href) {
        return;
    }
    if let Some(w) = browser::window() {
        let _ = w.open_with_url_and_target_and_features(href, "_blank", "noopener,noreferrer");
    }
}

/// The text of a message.
#[component]
pub fn MessageText(
    /// The text (someone else's: never markup).
    text: String,
) -> impl IntoView {
    let (asking, set_asking) = signal(None::<String>);
    let parts = segments(&text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t.into_any(),
            Segment::Link { text, href } => {
                let target = href.clone();
                let ask = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    set_asking.set(Some(target.clone()));
                };
                // A middle click would open it without asking.
                let no_aux = |ev: leptos::ev::MouseEvent| ev.prevent_default();
                view! {
                    <a class="msg-link" href=href target="_blank" rel="noopener noreferrer"
                        data-testid="message-link" on:click=ask on:auxclick=no_aux>{text}</a>
                }
                .into_any()
            }
        })
        .collect_view();
    let cancel = Callback::new(move |()| set_asking.set(None));
    let confirm = Callback::new(move |()| {
        if let Some(href) = asking.get_untracked() {
            open(&href);
        }
        set_asking.set(None);
    });
    view! {
        <p class="msg-text" dir="auto" data-testid="message-text">{parts}</p>
        {move || asking.get().map(|url| {
            // The sentence around the URL, which is shown whole and marked.
            let question = t!("chat-link-question", url = URL_MARK);
            let (before, after) = question.split_once(URL_MARK).unwrap_or((&question, ""));
            let (before, after) = (before.to_owned(), after.to_owned());
            view! {
                <ConfirmDialog title=t!("chat-link-title") confirm_label=t!("chat-link-open")
                    test_id="link-dialog" on_confirm=confirm on_cancel=cancel>
                    <p>
                        {before}
                        <strong class="dialog-url" data-testid="link-dialog-url">{url}</strong>
                        {after}
                    </p>
                </ConfirmDialog>
            }
        })}
    }
}
