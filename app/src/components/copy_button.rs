//! A button that copies a text to the clipboard.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::icon::{Icon, IconName};
use crate::state::ui::Ui;
use crate::t;
use crate::util::browser;

/// Copies `text` and confirms with a toast.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's label.
    #[prop(into)]
    label: String,
    /// The toast after copying.
    #[prop(into, default = t!("chat-copied"))]
    done: String,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let on_click = move |_| {
        let value = text.get_untracked();
        let done = done.clone();
        spawn_local(async move {
            if browser::copy_text(&value).await {
                ui.show_toast(done);
            } else {
                ui.show_toast(t!("chat-copy-refused"));
            }
        });
    };
    view! {
        <button type="button" class="btn btn-secondary" on:click=on_click>
            <Icon name=IconName::Copy />
            <span>{label}</span>
        </button>
    }
}
