//! A button for an action that cannot be undone, which asks first.

use leptos::prelude::*;

/// "Remove…" → the consequences, with Cancel and the action itself.
#[component]
pub fn ConfirmAction(
    /// The first button.
    open_label: &'static str,
    /// What the action does, said before it is done.
    warning: &'static str,
    /// The confirming button.
    confirm_label: &'static str,
    /// The question, for screen readers.
    question: &'static str,
    /// `data-testid` prefix of the two buttons (`-open`, `-confirm`).
    test_id: &'static str,
    /// Runs once confirmed.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let (asking, set_asking) = signal(false);
    move || {
        if asking.get() {
            view! {
                <div class="confirm" role="alertdialog" aria-label=question>
                    <p>{warning}</p>
                    <div class="actions">
                        <button type="button" class="btn btn-ghost"
                            on:click=move |_| set_asking.set(false)>"Cancel"</button>
                        <button type="button" class="btn btn-danger"
                            data-testid=format!("{test_id}-confirm")
                            on:click=move |_| on_confirm.run(())>
                            {confirm_label}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="btn btn-danger-outline"
                    data-testid=format!("{test_id}-open") on:click=move |_| set_asking.set(true)>
                    {open_label}
                </button>
            }
            .into_any()
        }
    }
}
