//! Settings → Password lock: set, change or remove the password, lock now, lock when idle.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::password_field::PasswordField;
use crate::state::context::use_part;
use crate::state::password::{auto_lock_label, PasswordLock, AUTO_LOCK_CHOICES};
use crate::state::ui::Ui;
use crate::t;

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
                Form::Set => (lock.set(&n, &k).await, t!("onboarding-password-set-done")),
                Form::Change => (
                    lock.change(&c, &n, &k).await,
                    t!("onboarding-password-changed"),
                ),
                Form::Remove => (lock.remove(&c).await, t!("onboarding-password-removed")),
                Form::None => (Ok(()), String::new()),
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
                <h2>{t!("onboarding-password-title")}</h2>
                {move || if has_password.get() {
                    view! {
                        <p class="muted" data-testid="password-on">
                            {t!("onboarding-password-on")}
                        </p>
                        <label class="field-label" for="auto-lock">{t!("onboarding-password-auto-lock")}</label>
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
                            {t!("onboarding-password-off")}
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
                                        {t!("onboarding-password-lock-now")}
                                    </button>
                                    <button type="button" class="btn btn-secondary" data-testid="change-password"
                                        on:click=move |_| open(Form::Change)>{t!("onboarding-password-change")}</button>
                                    <button type="button" class="btn btn-ghost" data-testid="remove-password"
                                        on:click=move |_| open(Form::Remove)>{t!("onboarding-password-remove")}</button>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <div class="actions start">
                                    <button type="button" class="btn btn-primary" data-testid="set-password"
                                        on:click=move |_| open(Form::Set)>{t!("onboarding-password-set-open")}</button>
                                </div>
                            }.into_any()
                        }
                    }
                    which => view! {
                        <form class="password-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                            <Show when=move || which != Form::Set>
                                <PasswordField id="password-current" label=t!("onboarding-password-current")
                                    autocomplete="current-password" value=current />
                            </Show>
                            <Show when=move || which != Form::Remove>
                                <PasswordField id="password-new" label=t!("onboarding-password-new")
                                    autocomplete="new-password" value=new />
                                <PasswordField id="password-confirm" label=t!("onboarding-password-confirm")
                                    autocomplete="new-password" value=confirm />
                                <p class="muted small">
                                    {t!("onboarding-password-no-recovery")}
                                </p>
                            </Show>
                            <p class="error-text" role="alert" data-testid="password-error">
                                {move || error.get().unwrap_or_default()}
                            </p>
                            <div class="actions start">
                                <button type="button" class="btn btn-ghost"
                                    on:click=move |_| open(Form::None)>{t!("common-cancel")}</button>
                                <button type="submit" class="btn btn-primary" data-testid="password-submit"
                                    disabled=move || busy.get()>
                                    {move || match (busy.get(), which) {
                                        (true, _) => t!("onboarding-password-working"),
                                        (false, Form::Set) => t!("onboarding-password-set"),
                                        (false, Form::Change) => t!("onboarding-password-change"),
                                        _ => t!("onboarding-password-remove"),
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
