//! A button for an action that cannot be undone, which asks first.

use leptos::prelude::*;

use crate::t;

/// "Remove…" → the consequences, with Cancel and the action itself.
#[component]
pub fn ConfirmAction(
    /// The first button.
    #[prop(into)]
    open_label: String,
    /// What the action does, said before it is done.
    #[prop(into)]
    warning: String,
    /// The confirming button.
    #[prop(into)]
    confirm_label: String,
    /// The question, for screen readers.
    #[prop(into)]
    question: String,
    /// `data-testid` prefix of the two buttons (`-open`, `-confirm`).
    test_id: &'static str,
    /// Runs once confirmed.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let (asking, set_asking) = signal(false);
    move || {
        if asking.get() {
            view! {
                <div class="confirm" role="alertdialog" aria-label=question.clone()>
                    <p>{warning.clone()}</p>
                    <div class="actions">
                        <button type="button" class="btn btn-ghost"
                            on:click=move |_| set_asking.set(false)>{t!("common-cancel")}</button>
                        <button type="button" class="btn btn-danger"
                            data-testid=format!("{test_id}-confirm")
                            on:click=move |_| on_confirm.run(())>
                            {confirm_label.clone()}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="btn btn-danger-outline"
                    data-testid=format!("{test_id}-open") on:click=move |_| set_asking.set(true)>
                    {open_label.clone()}
                </button>
            }
            .into_any()
        }
    }
}
