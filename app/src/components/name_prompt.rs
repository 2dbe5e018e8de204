//! Above the conversation list while we have no display name (a restored account before its
//! settings arrived, or one that never had a name): the account's own name replaces this as
//! soon as the settings bring it; meanwhile one can be chosen here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::context::use_part;
use crate::state::profile::{Profile, MAX_NAME_CHARS};
use crate::t;

/// The prompt; nothing once we have a name.
#[component]
pub fn NamePrompt() -> impl IntoView {
    let profile = use_part::<Profile>();
    let me = profile.with_value(|p| p.me);
    let nameless = move || me.with(|m| m.display_name.trim().is_empty());
    let (name, set_name) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let save = move || {
        let value = name.get_untracked();
        let profile = profile.get_value();
        spawn_local(async move {
            if let Err(e) = profile.set_display_name(&value).await {
                set_error.set(Some(e.to_string()));
            }
        });
    };
    view! {
        <Show when=nameless>
            <form class="name-prompt" data-testid="name-prompt"
                on:submit=move |ev| { ev.prevent_default(); save(); }>
                <p class="name-prompt-title">{t!("onboarding-name-prompt-title")}</p>
                <p class="muted">
                    {t!("onboarding-name-prompt-text")}
                </p>
                <div class="name-prompt-row">
                    <input class="input" type="text" autocomplete="nickname"
                        aria-label=t!("onboarding-name-prompt-placeholder")
                        placeholder=t!("onboarding-name-prompt-placeholder")
                        maxlength=MAX_NAME_CHARS.to_string() data-testid="name-prompt-input"
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            set_name.set(event_target_value(&ev));
                            set_error.set(None);
                        } />
                    <button type="submit" class="btn btn-primary" data-testid="name-prompt-save"
                        disabled=move || name.with(|n| n.trim().is_empty())>
                        {t!("common-save")}
                    </button>
                </div>
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            </form>
        </Show>
    }
}
