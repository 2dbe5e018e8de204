//! The stored account cannot be read: restore it from its recovery phrase (its data is kept),
//! or — only on purpose — delete the stored data. No new account can take its place here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::context::use_part;
use crate::state::onboarding::{stored_summary, Onboarding};
use crate::storage::StoredData;

/// The screen of an unreadable account.
#[component]
pub fn RecoverAccount(
    /// What is stored for it.
    data: StoredData,
) -> impl IntoView {
    let onboarding = use_part::<Onboarding>();
    let (phrase, set_phrase) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let (confirm_delete, set_confirm_delete) = signal(false);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        set_busy.set(true);
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.restore(&phrase.get_untracked()).await {
                set_error.set(Some(e.to_string()));
                set_busy.set(false);
            }
        });
    };
    let delete = move |_| {
        let onboarding = onboarding.get_value();
        spawn_local(async move {
            if let Err(e) = onboarding.delete_stored_data().await {
                set_error.set(Some(e.to_string()));
            }
        });
    };
    view! {
        <form class="restore" data-testid="recover-account"
            on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h1>"Your account could not be read"</h1>
            <p class="muted" data-testid="recover-summary">{stored_summary(&data)}</p>
            <label class="field-label" for="phrase">"Recovery phrase"</label>
            <p class="muted">"Enter the 13 words, separated by spaces."</p>
            <textarea id="phrase" class="input phrase-input" rows="4" autocomplete="off"
                autocapitalize="none" spellcheck="false" data-testid="restore-phrase"
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || phrase.get()
                on:input=move |ev| { set_phrase.set(event_target_value(&ev)); set_error.set(None); }>
            </textarea>
            {move || error.get().map(|e| view! {
                <p class="error-text" role="alert" data-testid="restore-error">{e}</p>
            })}
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="restore-continue"
                    disabled=move || phrase.get().trim().is_empty() || busy.get()>
                    "Restore"
                </button>
            </div>
            <section class="panel danger-zone recover-delete">
                <h2>"Use another account"</h2>
                {move || if confirm_delete.get() {
                    view! {
                        <div class="confirm" role="alertdialog" aria-label="Delete the stored data?">
                            <p>"Everything stored in this browser is deleted, messages waiting to \
                                be sent included. Without its recovery phrase that account cannot \
                                be restored."</p>
                            <div class="actions">
                                <button type="button" class="btn btn-ghost"
                                    on:click=move |_| set_confirm_delete.set(false)>"Cancel"</button>
                                <button type="button" class="btn btn-danger"
                                    data-testid="recover-delete-confirm" on:click=delete>
                                    "Delete"
                                </button>
                            </div>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-danger-outline"
                            data-testid="recover-delete" on:click=move |_| set_confirm_delete.set(true)>
                            "Delete the stored data…"
                        </button>
                    }.into_any()
                }}
            </section>
        </form>
    }
}
