//! Setting our nickname for a contact: shown instead of their own name, here and on the
//! account's other devices (it goes into the account's settings).

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::dialog::Dialog;
use crate::state::context::use_part;
use crate::state::conversation_settings::{parse_nickname, set_nickname, MAX_NICKNAME_BYTES};
use crate::state::views::Views;
use crate::t;

/// The nickname dialog of `conv` (render it only while open).
#[component]
pub fn NicknameDialog(
    /// The contact's conversation.
    conv: ConversationId,
    /// Their name as shown without a nickname (the field's placeholder).
    their_name: String,
    /// The nickname now, if any.
    current: Option<String>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let views = use_part::<Views>();
    let (value, set_value) = signal(current.clone().unwrap_or_default());
    let parsed = Memo::new(move |_| value.with(|v| parse_nickname(v)));
    let unchanged = move || parsed.with(|p| p.as_ref().is_ok_and(|n| *n == current));
    let save = move || {
        let Ok(nickname) = parsed.get_untracked() else {
            return;
        };
        let (views, conv) = (views.get_value(), conv.clone());
        on_close.run(());
        spawn_local(async move {
            views
                .change_settings(&conv, move |s| set_nickname(s, nickname))
                .await;
        });
    };
    view! {
        <Dialog title=t!("home-nickname-title") test_id="nickname-dialog" on_close>
            <form on:submit=move |ev| { ev.prevent_default(); save(); }>
                <p class="muted dialog-body">{t!("home-nickname-help")}</p>
                <label class="field-label" for="nickname-input">{t!("home-nickname-label")}</label>
                <input id="nickname-input" class="input" type="text" data-testid="nickname-input"
                    data-autofocus="true" placeholder=their_name autocomplete="off"
                    aria-invalid=move || parsed.with(|p| p.is_err()).to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| set_value.set(event_target_value(&ev)) />
                {move || parsed.get().err().map(|e| view! {
                    <p class="error-text" data-testid="nickname-error">
                        {t!("home-nickname-error", error = e.to_string(), max = MAX_NICKNAME_BYTES)}
                    </p>
                })}
                <div class="actions dialog-actions">
                    <button type="button" class="btn btn-ghost" on:click=move |_| on_close.run(())>
                        {t!("common-cancel")}
                    </button>
                    <button type="submit" class="btn btn-primary" data-testid="nickname-save"
                        disabled=move || parsed.with(|p| p.is_err()) || unchanged()>
                        {t!("common-save")}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
