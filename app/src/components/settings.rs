//! Settings: profile (avatar and display name), Session ID with QR code, recovery phrase (behind a confirmation), password lock, theme, language,
//! notifications, privacy (read receipts, typing indicators), blocked contacts, onion path, and removing the account from this browser.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::avatar_picker::AvatarPicker;
use super::blocked_list::BlockedList;
use super::confirm_action::ConfirmAction;
use super::copy_button::CopyButton;
use super::icon::{Icon, IconName};
use super::language_panel::LanguagePanel;
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
use crate::t;
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
                Ok(()) => ui.show_toast(t!("settings-display-name-saved")),
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
                ui.show_toast(t!("settings-remove-account-failed", reason = e.to_string()));
            }
        })
    });

    view! {
        <section class="screen" data-testid="settings">
            <header class="screen-header">
                <button type="button" class="icon-button back" aria-label=t!("common-back")
                    on:click=move |_| navigate(&Route::List)>
                    <Icon name=IconName::Back />
                </button>
                <h1>{t!("settings-title")}</h1>
            </header>
            <div class="screen-body narrow settings">
                <section class="panel profile-panel">
                    <AvatarPicker />
                    <form class="name-form" on:submit=move |ev| { ev.prevent_default(); save_name(); }>
                        <label class="field-label" for="settings-name">{t!("settings-display-name")}</label>
                        <div class="inline-field">
                            <input id="settings-name" class="input" type="text"
                                maxlength=MAX_NAME_CHARS.to_string() data-testid="settings-name"
                                prop:value=move || name.get()
                                on:input=move |ev| { set_name.set(event_target_value(&ev)); set_name_error.set(None); } />
                            <button type="submit" class="btn btn-primary"
                                disabled=move || !name_changed() || name.get().trim().is_empty()>
                                {t!("common-save")}
                            </button>
                        </div>
                        {move || name_error.get().map(|e| view! { <p class="error-text">{e}</p> })}
                    </form>
                </section>

                <section class="panel">
                    <h2>{t!("settings-your-session-id")}</h2>
                    <div class="id-block">
                        <QrCode data=my_id.clone() label=t!("settings-session-id-qr") />
                        <SessionIdText id=id_signal test_id="my-session-id" />
                    </div>
                    <CopyButton text=id_signal label=t!("settings-copy-session-id")
                        done=t!("settings-session-id-copied") />
                </section>

                <section class="panel">
                    <h2>{t!("settings-recovery-phrase")}</h2>
                    {move || match phrase_state.get() {
                        0 => view! {
                            <p class="muted">{t!("settings-recovery-phrase-about")}</p>
                            <button type="button" class="btn btn-secondary" data-testid="show-phrase"
                                on:click=move |_| set_phrase_state.set(1)>
                                {t!("settings-recovery-phrase-show")}
                            </button>
                        }.into_any(),
                        1 => view! {
                            <div class="confirm" role="alertdialog" aria-label=t!("settings-recovery-phrase-show-question")>
                                <p>{t!("settings-recovery-phrase-warning")}</p>
                                <div class="actions">
                                    <button type="button" class="btn btn-ghost"
                                        on:click=move |_| set_phrase_state.set(0)>{t!("common-cancel")}</button>
                                    <button type="button" class="btn btn-danger"
                                        data-testid="confirm-show-phrase"
                                        on:click=move |_| set_phrase_state.set(2)>{t!("settings-show")}</button>
                                </div>
                            </div>
                        }.into_any(),
                        _ => {
                            let words = phrase_words();
                            let joined = words.join(" ");
                            view! {
                                <RecoveryPhrase words=words />
                                <div class="actions">
                                    <CopyButton text=Signal::stored(joined)
                                        label=t!("settings-recovery-phrase-copy")
                                        done=t!("settings-recovery-phrase-copied") />
                                    <button type="button" class="btn btn-ghost"
                                        on:click=move |_| set_phrase_state.set(0)>{t!("settings-hide")}</button>
                                </div>
                            }.into_any()
                        }
                    }}
                </section>

                <PasswordPanel />

                <section class="panel">
                    <h2>{t!("settings-appearance")}</h2>
                    <div class="segmented" role="radiogroup" aria-label=t!("settings-theme")>
                        {[Theme::System, Theme::Light, Theme::Dark].into_iter().map(|t| {
                            view! {
                                <button type="button" role="radio" class="segment"
                                    data-testid=format!("theme-{}", t.as_str())
                                    class:active=move || ui.theme.get() == t
                                    aria-checked=move || (ui.theme.get() == t).to_string()
                                    on:click=move |_| set_theme(t)>
                                    {t.label()}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                </section>

                <LanguagePanel />

                <section class="panel">
                    <h2>{t!("settings-keyboard")}</h2>
                    <p class="muted">{t!("settings-keyboard-about")}</p>
                    <button type="button" class="btn btn-secondary" data-testid="open-shortcuts"
                        on:click=move |_| ui.shortcuts.set(true)>
                        {t!("settings-keyboard-shortcuts")}
                    </button>
                </section>

                <section class="panel">
                    <h2>{t!("settings-notifications")}</h2>
                    {move || match permission.get() {
                        NotifyPermission::Granted => view! {
                            <p class="muted">{t!("settings-notifications-granted")}</p>
                        }.into_any(),
                        NotifyPermission::Denied => view! {
                            <p class="muted">{t!("settings-notifications-denied")}</p>
                        }.into_any(),
                        NotifyPermission::Unsupported => view! {
                            <p class="muted">{t!("settings-notifications-unsupported")}</p>
                        }.into_any(),
                        NotifyPermission::Default => view! {
                            <p class="muted">{t!("settings-notifications-ask")}</p>
                            <button type="button" class="btn btn-secondary" on:click=enable_notifications>
                                {t!("settings-notifications-enable")}
                            </button>
                        }.into_any(),
                    }}
                </section>

                <PrivacyPanel />

                <BlockedList />

                <StoragePanel />

                <section class="panel">
                    <h2>{t!("settings-path")}</h2>
                    <p class="muted">{t!("settings-path-about")}</p>
                    <OnionPath />
                </section>

                <section class="panel danger-zone">
                    <h2>{t!("settings-remove-account-title")}</h2>
                    <ConfirmAction open_label=t!("settings-remove-account")
                        warning=t!("settings-remove-account-warning")
                        confirm_label=t!("common-remove") question=t!("settings-remove-account-question")
                        test_id="remove-account" on_confirm=delete />
                </section>
            </div>
        </section>
    }
}
