//! Settings → Password lock: set, change or remove the password, lock now, lock when idle.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::password_field::PasswordField;
use crate::state::context::use_part;
use crate::state::password::{auto_lock_label, PasswordLock, AUTO_LOCK_CHOICES};
use crate::state::ui::Ui;

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    None,
    Set,
    Change,
    Remove,
}

/// The password lock's panel.
#[component]
pub fn PasswordPanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let lock = use_part::<PasswordLock>();
    let available = lock.with_value(|l| l.available());
    let has_password = lock.with_value(|l| l.has_password);
    let auto_lock = lock.with_value(|l| l.auto_lock_min);
    let form = RwSignal::new(Form::None);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let open = move |f: Form| {
        for field in [current, new, confirm] {
            field.set(String::new());
        }
        error.set(None);
        form.set(f);
    };
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let lock = lock.get_value();
        let which = form.get_untracked();
        let (c, n, k) = (
            current.get_untracked(),
            new.get_untracked(),
            confirm.get_untracked(),
        );
        spawn_local(async move {
            let (result, done) = match which {
                Form::Set => (lock.set(&n, &k).await, "Password set"),
                Form::Change => (lock.change(&c, &n, &k).await, "Password changed"),
                Form::Remove => (lock.remove(&c).await, "Password removed"),
                Form::None => (Ok(()), ""),
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    open(Form::None);
                    ui.show_toast(done);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let on_auto = move |ev| {
        if let Ok(m) = event_target_value(&ev).parse::<u32>() {
            lock.with_value(|l| l.set_auto_lock(m));
        }
    };

    view! {
        <Show when=move || available>
            <section class="panel" data-testid="password-panel">
                <h2>"Password lock"</h2>
                {move || if has_password.get() {
                    view! {
                        <p class="muted" data-testid="password-on">
                            "Your account and messages in this browser are encrypted with your \
                             password. Session asks for it when it opens."
                        </p>
                        <label class="field-label" for="auto-lock">"Lock automatically"</label>
                        <select id="auto-lock" class="input auto-lock" data-testid="auto-lock" on:change=on_auto>
                            {AUTO_LOCK_CHOICES.into_iter().map(|m| view! {
                                <option value=m.to_string() selected=move || auto_lock.get() == m>
                                    {auto_lock_label(m)}
                                </option>
                            }).collect_view()}
                        </select>
                    }.into_any()
                } else {
                    view! {
                        <p class="muted" data-testid="password-off">
                            "Anyone who can open this browser's profile can read your messages. A \
                             password encrypts them, and your keys, on this device."
                        </p>
                    }.into_any()
                }}
                {move || match form.get() {
                    Form::None => {
                        if has_password.get() {
                            view! {
                                <div class="actions start">
                                    <button type="button" class="btn btn-secondary" data-testid="lock-now"
                                        on:click=move |_| lock.with_value(|l| l.lock_now())>
                                        "Lock now"
                                    </button>
                                    <button type="button" class="btn btn-secondary" data-testid="change-password"
                                        on:click=move |_| open(Form::Change)>"Change password"</button>
                                    <button type="button" class="btn btn-ghost" data-testid="remove-password"
                                        on:click=move |_| open(Form::Remove)>"Remove password"</button>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <div class="actions start">
                                    <button type="button" class="btn btn-primary" data-testid="set-password"
                                        on:click=move |_| open(Form::Set)>"Set a password"</button>
                                </div>
                            }.into_any()
                        }
                    }
                    which => view! {
                        <form class="password-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                            <Show when=move || which != Form::Set>
                                <PasswordField id="password-current" label="Current password"
                                    autocomplete="current-password" value=current />
                            </Show>
                            <Show when=move || which != Form::Remove>
                                <PasswordField id="password-new" label="New password"
                                    autocomplete="new-password" value=new />
                                <PasswordField id="password-confirm" label="Confirm the new password"
                                    autocomplete="new-password" value=confirm />
                                <p class="muted small">
                                    "There is no way to recover a forgotten password: only your \
                                     recovery phrase brings the account back, without the \
                                     messages kept here."
                                </p>
                            </Show>
                            <p class="error-text" role="alert" data-testid="password-error">
                                {move || error.get().unwrap_or_default()}
                            </p>
                            <div class="actions start">
                                <button type="button" class="btn btn-ghost"
                                    on:click=move |_| open(Form::None)>"Cancel"</button>
                                <button type="submit" class="btn btn-primary" data-testid="password-submit"
                                    disabled=move || busy.get()>
                                    {move || match (busy.get(), which) {
                                        (true, _) => "Working…",
                                        (false, Form::Set) => "Set password",
                                        (false, Form::Change) => "Change password",
                                        _ => "Remove password",
                                    }}
                                </button>
                            </div>
                        </form>
                    }.into_any(),
                }}
            </section>
        </Show>
    }
}
