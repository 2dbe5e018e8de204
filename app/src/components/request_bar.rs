//! The answers to a message request, in place of nothing above the composer: accept, delete
//! (decline) or block. Replying accepts as well.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::confirm_dialog::ConfirmDialog;
use crate::state::context::use_part;
use crate::state::conversations::title_for;
use crate::state::requests::Requests;
use crate::state::route::{navigate, Route};
use crate::state::ui::Ui;
use crate::state::views::Views;
use crate::t;

/// Stands for the name in the request's sentence, where the name is set in bold.
const NAME_MARK: &str = "\u{E000}";

/// Which answer is being confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Delete,
    Block,
}

/// Shown while `conv` is a message request.
#[component]
pub fn RequestBar(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let requests = use_part::<Requests>();
    let list = use_part::<Views>().get_value().conversations;
    let is_request = {
        let conv = conv.clone();
        Memo::new(move |_| list.with(|l| l.iter().any(|c| c.id == conv && c.is_request())))
    };
    let name = {
        let conv = conv.clone();
        Memo::new(move |_| list.with(|l| title_for(&conv, l)))
    };
    let (asking, set_asking) = signal(None::<Asking>);
    let conv = StoredValue::new(conv);
    let accept = move |_| {
        let requests = requests.get_value();
        spawn_local(async move {
            if let Err(e) = requests.accept(&conv.get_value()).await {
                ui.show_toast(e.to_string());
            }
        });
    };
    let answer = move |what: Asking| {
        set_asking.set(None);
        let requests = requests.get_value();
        spawn_local(async move {
            let c = conv.get_value();
            let done = match what {
                Asking::Delete => requests.decline(&c).await,
                Asking::Block => requests.block(&c).await,
            };
            match done {
                Ok(()) => navigate(&Route::Requests),
                Err(e) => ui.show_toast(e.to_string()),
            }
        });
    };
    view! {
        <Show when=move || is_request.get()>
            <div class="request-bar" role="region" aria-label=t!("home-request-region")
                data-testid="request-bar">
                <p>
                    {move || {
                        let text = t!("home-request-text", name = NAME_MARK);
                        let (before, after) = text
                            .split_once(NAME_MARK)
                            .map_or((text.clone(), String::new()), |(b, a)| {
                                (b.to_owned(), a.to_owned())
                            });
                        view! { {before}<strong>{name.get()}</strong>{after} }
                    }}
                </p>
                <div class="actions">
                    <button type="button" class="btn btn-primary" data-testid="request-accept"
                        on:click=accept>{t!("home-accept")}</button>
                    <button type="button" class="btn btn-ghost" data-testid="request-delete"
                        on:click=move |_| set_asking.set(Some(Asking::Delete))>{t!("common-delete")}</button>
                    <button type="button" class="btn btn-ghost btn-danger-text"
                        data-testid="request-block"
                        on:click=move |_| set_asking.set(Some(Asking::Block))>{t!("home-block")}</button>
                </div>
            </div>
        </Show>
        {move || asking.get().map(|what| {
            let (title, label, body) = match what {
                Asking::Delete => (
                    t!("home-delete-request-title"),
                    t!("common-delete"),
                    t!("home-delete-request-detail", name = name.get_untracked()),
                ),
                Asking::Block => (
                    t!("home-block-request-title"),
                    t!("home-block"),
                    t!("home-block-request-detail", name = name.get_untracked()),
                ),
            };
            view! {
                <ConfirmDialog title=title confirm_label=label danger=true
                    test_id="request-confirm"
                    on_confirm=Callback::new(move |_| answer(what))
                    on_cancel=Callback::new(move |_| set_asking.set(None))>
                    <p>{body}</p>
                </ConfirmDialog>
            }
        })}
    }
}
