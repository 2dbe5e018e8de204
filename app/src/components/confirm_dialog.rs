//! A question in a [`Dialog`]: what is about to happen, Cancel, and the action.

use leptos::prelude::*;

use super::dialog::Dialog;
use crate::t;

/// "Block Bob?", "Open URL?": the body says what happens, the buttons cancel or do it.
#[component]
pub fn ConfirmDialog(
    /// Its title.
    #[prop(into)]
    title: String,
    /// The confirming button's label.
    #[prop(into)]
    confirm_label: String,
    /// Whether the action is destructive (a red button).
    #[prop(optional)]
    danger: bool,
    /// `data-testid` of the dialog; its buttons add `-cancel` and `-confirm`.
    test_id: &'static str,
    /// Runs once confirmed (the dialog is closed by the caller).
    on_confirm: Callback<()>,
    /// Closes it without doing anything.
    on_cancel: Callback<()>,
    /// The question.
    children: Children,
) -> impl IntoView {
    let class = if danger {
        "btn btn-danger"
    } else {
        "btn btn-primary"
    };
    view! {
        <Dialog title test_id on_close=on_cancel>
            <div class="dialog-body">{children()}</div>
            <div class="actions dialog-actions">
                <button type="button" class="btn btn-ghost" data-autofocus="true"
                    data-testid=format!("{test_id}-cancel") on:click=move |_| on_cancel.run(())>
                    {t!("common-cancel")}
                </button>
                <button type="button" class=class data-testid=format!("{test_id}-confirm")
                    on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
            </div>
        </Dialog>
    }
}
