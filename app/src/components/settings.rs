//! Settings: profile (avatar and display name), Session ID with QR code, recovery phrase (behind a confirmation), password lock, theme,
//! notifications, privacy (read receipts, typing indicators), blocked contacts, onion path, and removing the account from this browser.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar_picker::AvatarPicker;
use super::blocked_list::BlockedList;
use super::confirm_action::ConfirmAction;
use super::copy_button::CopyButton;
use super::icon::{Icon, IconName};
use super::onion_path::OnionPath;
use super::password_panel::PasswordPanel;
use super::privacy_panel::PrivacyPanel;
use super::qr_code::QrCode;
use super::recovery_phrase::RecoveryPhrase;
use super::session_id_text::SessionIdText;
use super::storage_panel::StoragePanel;
use crate::state::context::use_part;
use crate::state::notifications::Notifications;
use crate::state::onboarding::Onboarding;
use crate::state::profile::{Profile, MAX_NAME_CHARS};
use crate::state::route::{navigate, Route};
use crate::state::theme::Theme;
use crate::state::ui::Ui;
use crate::util::browser::{request_notify_permission, NotifyPermission};

/// The settings screen.
#[component]
pub fn Settings() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let profile = use_part::<Profile>();
    let permission = use_part::<Notifications>().get_value().permission;
    let me_signal = profile.with_value(|p| p.me);
    let me = me_signal.get_untracked();
    let my_id = me.session_id.clone();
    let id_signal = Signal::stored(my_id.clone());
    let (name, set_name) = signal(me.display_name.clone());
    // The name may change while the screen is open (another device of the account renamed
    // us): the field follows unless something else was typed into it.
    let shown = StoredValue::new(me.display_name.clone());
    Effect::new(move |_| {
        let current = me_signal.with(|m| m.display_name.clone());
        let previous = shown.try_get_value().unwrap_or_default();
        if current != previous {
            if name.try_get_untracked().as_deref() == Some(previous.as_str()) {
                set_name.try_set(current.clone());
            }
            shown.try_set_value(current);
        }
    });
    let (name_error, set_name_error) = signal(None::<String>);
    let name_changed =
        move || name.with(|n| n.trim() != me_signal.with(|m| m.display_name.clone()));
    let save_name = move || {
        let value = name.get_untracked();
        let profile = profile.get_value();
        spawn_local(async move {
            match profile.set_display_name(&value).await {
                Ok(()) => ui.show_toast("Display name saved"),
                Err(e) => set_name_error.set(Some(e.to_string())),
            }
        });
    };

    // Recovery phrase: hidden → confirming → shown.
    let (phrase_state, set_phrase_state) = signal(0u8);
    let phrase_words = move || profile.with_value(|p| p.recovery_words());

    let set_theme = move |t: Theme| {
        ui.theme.set(t);
        t.apply();
    };
    let enable_notifications = move |_| {
        spawn_local(async move {
            let p = request_notify_permission().await;
            permission.set(p);
        });
    };
    let onboarding = use_part::<Onboarding>();
    let delete = Callback::new(move |()| {
        let Some(session) = onboarding.with_value(|o| o.session()) else {
            return;
        };
        spawn_local(async move {
            if let Err(e) = session.delete_everything().await {
                ui.show_toast(format!("Could not delete: {e}"));
            }
        })
    });

    view! {
        <section class="screen" data-testid="settings">
            <header class="screen-header">
                <button type="button" class="icon-button back" aria-label="Back"
                    on:click=move |_| navigate(&Route::List)>
                    <Icon name=IconName::Back />
                </button>
                <h1>"Settings"</h1>
            </header>
            <div class="screen-body narrow settings">
                <section class="panel profile-panel">
                    <AvatarPicker />
                    <form class="name-form" on:submit=move |ev| { ev.prevent_default(); save_name(); }>
                        <label class="field-label" for="settings-name">"Display name"</label>
                        <div class="inline-field">
                            <input id="settings-name" class="input" type="text"
                                maxlength=MAX_NAME_CHARS.to_string() data-testid="settings-name"
                                prop:value=move || name.get()
                                on:input=move |ev| { set_name.set(event_target_value(&ev)); set_name_error.set(None); } />
                            <button type="submit" class="btn btn-primary"
                                disabled=move || !name_changed() || name.get().trim().is_empty()>
                                "Save"
                            </button>
                        </div>
                        {move || name_error.get().map(|e| view! { <p class="error-text">{e}</p> })}
                    </form>
                </section>

                <section class="panel">
                    <h2>"Your Session ID"</h2>
                    <div class="id-block">
                        <QrCode data=my_id.clone() label="QR code of your Session ID" />
                        <SessionIdText id=id_signal test_id="my-session-id" />
                    </div>
                    <CopyButton text=id_signal label="Copy Session ID" done="Session ID copied" />
                </section>

                <section class="panel">
                    <h2>"Recovery phrase"</h2>
                    {move || match phrase_state.get() {
                        0 => view! {
                            <p class="muted">"Your recovery phrase is the master key to your account."</p>
                            <button type="button" class="btn btn-secondary" data-testid="show-phrase"
                                on:click=move |_| set_phrase_state.set(1)>
                                "Show recovery phrase"
                            </button>
                        }.into_any(),
                        1 => view! {
                            <div class="confirm" role="alertdialog" aria-label="Show recovery phrase?">
                                <p>
                                    "Anyone who sees these words can read your messages and \
                                     write as you. Make sure nobody is looking at your screen."
                                </p>
                                <div class="actions">
                                    <button type="button" class="btn btn-ghost"
                                        on:click=move |_| set_phrase_state.set(0)>"Cancel"</button>
                                    <button type="button" class="btn btn-danger"
                                        data-testid="confirm-show-phrase"
                                        on:click=move |_| set_phrase_state.set(2)>"Show"</button>
                                </div>
                            </div>
                        }.into_any(),
                        _ => {
                            let words = phrase_words();
                            let joined = words.join(" ");
                            view! {
                                <RecoveryPhrase words=words />
                                <div class="actions">
                                    <CopyButton text=Signal::stored(joined) label="Copy phrase"
                                        done="Recovery phrase copied" />
                                    <button type="button" class="btn btn-ghost"
                                        on:click=move |_| set_phrase_state.set(0)>"Hide"</button>
                                </div>
                            }.into_any()
                        }
                    }}
                </section>

                <PasswordPanel />

                <section class="panel">
                    <h2>"Appearance"</h2>
                    <div class="segmented" role="radiogroup" aria-label="Theme">
                        {[Theme::System, Theme::Light, Theme::Dark].into_iter().map(|t| {
                            let label = match t { Theme::System => "System", Theme::Light => "Light", Theme::Dark => "Dark" };
                            view! {
                                <button type="button" role="radio" class="segment"
                                    data-testid=format!("theme-{}", t.as_str())
                                    class:active=move || ui.theme.get() == t
                                    aria-checked=move || (ui.theme.get() == t).to_string()
                                    on:click=move |_| set_theme(t)>
                                    {label}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                </section>

                <section class="panel">
                    <h2>"Keyboard"</h2>
                    <p class="muted">
                        "Everything works from the keyboard alone. Press Ctrl + / (or ?) anywhere to see the shortcuts."
                    </p>
                    <button type="button" class="btn btn-secondary" data-testid="open-shortcuts"
                        on:click=move |_| ui.shortcuts.set(true)>
                        "Keyboard shortcuts"
                    </button>
                </section>

                <section class="panel">
                    <h2>"Notifications"</h2>
                    {move || match permission.get() {
                        NotifyPermission::Granted => view! {
                            <p class="muted">"You are notified of new messages while Session is in the background."</p>
                        }.into_any(),
                        NotifyPermission::Denied => view! {
                            <p class="muted">"Notifications are blocked for this site in the browser's settings."</p>
                        }.into_any(),
                        NotifyPermission::Unsupported => view! {
                            <p class="muted">"This browser does not support notifications."</p>
                        }.into_any(),
                        NotifyPermission::Default => view! {
                            <p class="muted">"Get notified of new messages while Session is in the background."</p>
                            <button type="button" class="btn btn-secondary" on:click=enable_notifications>
                                "Enable notifications"
                            </button>
                        }.into_any(),
                    }}
                </section>

                <PrivacyPanel />

                <BlockedList />

                <StoragePanel />

                <section class="panel">
                    <h2>"Path"</h2>
                    <p class="muted">
                        "Session hides your IP address by sending your messages through three \
                         service nodes, each of which knows only the one before and after it."
                    </p>
                    <OnionPath />
                </section>

                <section class="panel danger-zone">
                    <h2>"Remove account from this browser"</h2>
                    <ConfirmAction open_label="Remove account…"
                        warning="This account's messages on this browser will be deleted (other \
                                 accounts are kept). Without your recovery phrase the account \
                                 cannot be restored."
                        confirm_label="Remove" question="Remove account?"
                        test_id="remove-account" on_confirm=delete />
                </section>
            </div>
        </section>
    }
}
