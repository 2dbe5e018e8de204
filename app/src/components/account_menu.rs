//! The account menu: the accounts of this browser, the tab's own marked; choosing another
//! moves the tab to it, and "Add account" opens onboarding for a new one.

use leptos::prelude::*;

use super::avatar::Avatar;
use super::dialog::Dialog;
use super::icon::{Icon, IconName};
use crate::accounts::{self, AccountRow};
use crate::state::background::unread_of;
use crate::state::context::use_part;
use crate::state::onboarding::Onboarding;
use crate::t;
use crate::util::time;

/// A button that opens the account menu.
#[component]
pub fn AccountMenu(
    /// This tab's account's name as the session knows it (the list's may be older).
    #[prop(optional, into)]
    live_name: Option<Signal<String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let others = use_part::<Onboarding>().with_value(|o| o.others());
    // Unread messages of the accounts polled in the background, by slot.
    let unread = move || {
        let now_s = i64::try_from(time::now_ms() / 1000).unwrap_or(i64::MAX);
        others.with(|sessions| {
            sessions
                .iter()
                .map(|s| {
                    let n = s.views.conversations.with(|l| unread_of(l, now_s));
                    (s.profile.account().clone(), n)
                })
                .collect::<Vec<_>>()
        })
    };
    let unread_elsewhere = move || unread().iter().map(|(_, n)| n).sum::<u32>();
    let rows = move || {
        let name = live_name.map(|n| n.get_untracked());
        let unread = unread();
        accounts::load()
            .rows(&accounts::current(), name.as_deref())
            .into_iter()
            .map(|row| {
                let n = unread
                    .iter()
                    .find(|(slot, _)| *slot == row.slot)
                    .map_or(0, |(_, n)| *n);
                (row, n)
            })
            .collect::<Vec<_>>()
    };
    let close = Callback::new(move |()| open.set(false));
    let label = move || {
        if unread_elsewhere() > 0 {
            t!("onboarding-account-menu-unread")
        } else {
            t!("onboarding-account-menu")
        }
    };
    view! {
        <button type="button" class="icon-button account-menu-button" aria-label=label title=label
            aria-haspopup="dialog" data-testid="account-menu" on:click=move |_| open.set(true)>
            <Icon name=IconName::Group />
            <Show when=move || { unread_elsewhere() > 0 }>
                <span class="badge badge-dot account-menu-dot" data-testid="account-menu-dot"></span>
            </Show>
        </button>
        <Show when=move || open.get()>
            <Dialog title=t!("onboarding-account-menu") test_id="accounts-dialog" on_close=close>
                <ul class="account-rows" data-testid="account-rows">
                    {rows().into_iter().map(|(row, unread)| view! { <AccountRowView row unread close /> }).collect_view()}
                </ul>
                <div class="actions dialog-actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| close.run(())>
                        {t!("common-close")}
                    </button>
                    <button type="button" class="btn btn-primary" data-testid="add-account"
                        on:click=move |_| accounts::add_account()>
                        {t!("onboarding-account-add")}
                    </button>
                </div>
            </Dialog>
        </Show>
    }
}

/// One account of the menu, with its unread messages when it is polled in the background.
#[component]
fn AccountRowView(row: AccountRow, unread: u32, close: Callback<()>) -> impl IntoView {
    let AccountRow {
        slot,
        id,
        label,
        detail,
        current,
        locked,
    } = row;
    let avatar_name = Signal::stored(label.clone());
    let on_click = move |_| {
        if current {
            close.run(());
        } else {
            accounts::switch_to(&slot);
        }
    };
    view! {
        <li>
            <button type="button" class="menu-item account-row" data-testid="account-row"
                data-current=current.to_string() aria-current=current.then_some("true")
                on:click=on_click data-autofocus=current.then_some("")>
                <Avatar id=id name=avatar_name />
                <span class="account-row-text">
                    <span class="account-row-name">{label}</span>
                    {detail.map(|d| view! { <span class="account-row-id muted">{d}</span> })}
                </span>
                {(unread > 0).then(|| view! {
                    <span class="badge" data-testid="account-unread">
                        {unread}
                        <span class="visually-hidden">
                            {format!(" {}", t!("onboarding-account-unread", count = unread))}
                        </span>
                    </span>
                })}
                {locked.then(|| view! {
                    <span class="account-row-mark" title=t!("onboarding-password-title")>
                        <Icon name=IconName::Lock />
                        <span class="visually-hidden">{t!("onboarding-account-locked")}</span>
                    </span>
                })}
                {current.then(|| view! {
                    <span class="account-row-mark" title=t!("onboarding-account-this-tab")>
                        <Icon name=IconName::Check />
                        <span class="visually-hidden">{t!("onboarding-account-this-tab-hidden")}</span>
                    </span>
                })}
            </button>
        </li>
    }
}
