//! The "⋯" menu of a conversation: pin, mark read or unread, mute and, for a contact, their
//! nickname and blocking them; clearing its messages and deleting it. The settings go through
//! [`crate::state::conversation_settings`] and are synced with the account's other devices.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;

use super::confirm_dialog::ConfirmDialog;
use super::disappearing_dialog::DisappearingDialog;
use super::icon::{Icon, IconName};
use super::nickname_dialog::NicknameDialog;
use crate::state::communities::Communities;
use crate::state::context::use_part;
use crate::state::conversation_settings::{
    block, mark_unread, mute, set_nickname, toggle_pin, unblock, unmute, MuteFor,
};
use crate::state::conversations::{title, title_for};
use crate::state::requests::Requests;
use crate::state::route::{navigate, Route};
use crate::state::search::Search;
use crate::state::ui::Ui;
use crate::state::views::Views;
use crate::storage::ConvSettings;
use crate::t;
use crate::util::focus::{focus_end, menu_key};
use crate::util::time::now_ms;

/// A change of the settings, as the menu's choices make it.
type Change = Box<dyn FnOnce(&ConvSettings) -> ConvSettings>;

fn now_s() -> i64 {
    i64::try_from(now_ms() / 1000).unwrap_or(i64::MAX)
}

/// A dialog the menu opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    /// The nickname.
    Nickname,
    /// "Are you sure you want to block …?"
    Block,
    /// Clear the messages (the conversation stays).
    Clear,
    /// Delete the conversation (it leaves the list).
    Delete,
    /// The disappearing-messages setting.
    Disappearing,
    /// Leave a community room.
    Leave,
}

/// The menu button and, while open, its choices.
#[component]
pub fn ConversationMenu(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let views = use_part::<Views>();
    let conversations = views.with_value(|v| v.conversations);
    let (open, set_open) = signal(false);
    let (choosing_mute, set_choosing_mute) = signal(false);
    let settings = {
        let conv = conv.clone();
        Memo::new(move |_| {
            conversations.with(|l| {
                l.iter()
                    .find(|c| c.id == conv)
                    .map(|c| c.settings.clone())
                    .unwrap_or_default()
            })
        })
    };
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let close = move || {
        set_open.set(false);
        set_choosing_mute.set(false);
    };
    // Opened: its first item takes the focus (the WAI-ARIA menu pattern).
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(move || {
                if let Some(m) = menu.try_get_untracked().flatten() {
                    focus_end(&m, true);
                }
            });
        }
    });
    let search = use_part::<Search>();
    let search_conv = conv.clone();
    // The search field above the list, scoped to this conversation (the list shows on a
    // narrow window, in place of the chat).
    let search_here = move |_| {
        close();
        search.with_value(|s| {
            s.scope.set(Some(search_conv.clone()));
            s.results.set(Vec::new());
        });
        if crate::util::browser::is_narrow() {
            navigate(&Route::List);
        }
        request_animation_frame(|| {
            crate::util::focus::focus(
                crate::util::browser::document()
                    .and_then(|d| d.get_element_by_id(super::search_box::SEARCH_INPUT_ID)),
            );
        });
        let search = search.get_value();
        leptos::task::spawn_local(async move { search.run().await });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(m) = menu.get_untracked() {
            if menu_key(&m, &ev) {
                close();
                if let Some(b) = button.get_untracked() {
                    let _ = b.focus();
                }
            }
        }
    };
    let apply = {
        let conv = conv.clone();
        Callback::new(move |change: Change| {
            close();
            let views = views.get_value();
            let conv = conv.clone();
            spawn_local(async move { views.change_settings(&conv, change).await });
        })
    };
    let note_to_self = conv == ConversationId::NoteToSelf;
    // Nicknames and blocking are for contacts: Note to Self, groups and rooms have neither.
    let contact = matches!(conv, ConversationId::Direct(_));
    // Groups have no disappearing timer here yet.
    let group = matches!(conv, ConversationId::Group(_));
    // Rooms have no timer either, and are left rather than deleted.
    let room = matches!(conv, ConversationId::Community(_));
    let communities = use_part::<Communities>();
    let (asking, set_asking) = signal(None::<Asking>);
    let ask = move |what: Asking| {
        close();
        set_asking.set(Some(what));
    };
    let name = {
        let conv = conv.clone();
        Memo::new(move |_| conversations.with(|l| title_for(&conv, l)))
    };
    // Their own name, as it shows without our nickname.
    let own_name = {
        let conv = conv.clone();
        move || {
            conversations.with(|l| {
                l.iter().find(|c| c.id == conv).map_or_else(
                    || title_for(&conv, l),
                    |c| {
                        let mut plain = c.clone();
                        plain.settings.nickname = None;
                        title(&plain)
                    },
                )
            })
        }
    };
    let contact_entries = move || {
        let nickname = settings.with(|s| s.nickname.is_some());
        let blocked = settings.with(|s| s.blocked);
        view! {
            <button type="button" role="menuitem" class="menu-item"
                data-testid="conv-menu-nickname" on:click=move |_| ask(Asking::Nickname)>
                <Icon name=IconName::Compose />
                {if nickname { t!("home-menu-change-nickname") } else { t!("home-menu-set-nickname") }}
            </button>
            {nickname.then(|| view! {
                <button type="button" role="menuitem" class="menu-item"
                    data-testid="conv-menu-remove-nickname"
                    on:click=move |_| apply.run(Box::new(|s| set_nickname(s, None)))>
                    <Icon name=IconName::Close />
                    {t!("home-menu-remove-nickname")}
                </button>
            })}
            {if blocked {
                view! {
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid="conv-menu-unblock" on:click=move |_| apply.run(Box::new(unblock))>
                        <Icon name=IconName::Block />
                        {t!("home-unblock")}
                    </button>
                }.into_any()
            } else {
                view! {
                    <button type="button" role="menuitem" class="menu-item menu-item-danger"
                        data-testid="conv-menu-block" on:click=move |_| ask(Asking::Block)>
                        <Icon name=IconName::Block />
                        {t!("home-block")}
                    </button>
                }.into_any()
            }}
        }
    };
    let requests = use_part::<Requests>();
    let ui = expect_context::<Ui>();
    let conv_for_clear = StoredValue::new(conv.clone());
    let clear = move |what: Asking| {
        set_asking.set(None);
        let (requests, conv) = (requests.get_value(), conv_for_clear.get_value());
        spawn_local(async move {
            let hide = what == Asking::Delete;
            match requests.clear(&conv, hide).await {
                Ok(()) if hide => navigate(&Route::List),
                Ok(()) => {}
                Err(e) => ui.show_toast(e.to_string()),
            }
        });
    };
    let leave = move || {
        set_asking.set(None);
        let (communities, conv) = (communities.get_value(), conv_for_clear.get_value());
        spawn_local(async move {
            match communities.leave(&conv).await {
                Ok(()) => navigate(&Route::List),
                Err(e) => ui.show_toast(e.to_string()),
            }
        });
    };
    let confirm_block = Callback::new(move |()| {
        set_asking.set(None);
        apply.run(Box::new(block));
    });
    let dismiss = Callback::new(move |()| set_asking.set(None));
    let conv_for_dialog = conv.clone();
    let dialog = move || match asking.get() {
        Some(Asking::Nickname) => view! {
            <NicknameDialog conv=conv_for_dialog.clone() their_name=own_name()
                current=settings.with_untracked(|s| s.nickname.clone()) on_close=dismiss />
        }
        .into_any(),
        Some(Asking::Block) => view! {
            <ConfirmDialog title=t!("home-block-title", name = name.get_untracked())
                confirm_label=t!("home-block")
                danger=true test_id="block-dialog" on_confirm=confirm_block on_cancel=dismiss>
                <p>{t!("home-block-question", name = name.get_untracked())}</p>
                <p class="muted">{t!("home-block-detail")}</p>
            </ConfirmDialog>
        }
        .into_any(),
        Some(Asking::Disappearing) => view! {
            <DisappearingDialog conv=conv_for_dialog.clone()
                current=settings.with_untracked(|s| s.expire.disappearing()) on_close=dismiss />
        }
        .into_any(),
        Some(Asking::Leave) => view! {
            <ConfirmDialog title=t!("home-leave-title", name = name.get_untracked())
                confirm_label=t!("home-leave")
                danger=true test_id="leave-community-dialog"
                on_confirm=Callback::new(move |_| leave()) on_cancel=dismiss>
                <p>{t!("home-leave-detail")}</p>
            </ConfirmDialog>
        }
        .into_any(),
        Some(what @ (Asking::Clear | Asking::Delete)) => {
            let (title, label, body) = if what == Asking::Clear {
                (
                    t!("home-clear-title"),
                    t!("home-clear"),
                    t!("home-clear-detail"),
                )
            } else {
                (
                    t!("home-delete-title"),
                    t!("common-delete"),
                    t!("home-delete-detail"),
                )
            };
            view! {
                <ConfirmDialog title=title confirm_label=label danger=true
                    test_id="clear-dialog" on_confirm=Callback::new(move |_| clear(what))
                    on_cancel=dismiss>
                    <p>{body}</p>
                </ConfirmDialog>
            }
            .into_any()
        }
        None => ().into_any(),
    };
    let unread = {
        let conv = conv.clone();
        Memo::new(move |_| {
            conversations.with(|l| l.iter().any(|c| c.id == conv && c.shows_unread()))
        })
    };
    let conv_for_read = StoredValue::new(conv.clone());
    let mark_read = move |_| {
        close();
        let (views, conv) = (views.get_value(), conv_for_read.get_value());
        spawn_local(async move { views.mark_read(&conv).await });
    };
    let mark = move |_| {
        // Back to the list first: an open conversation is read at once.
        views.get_value().close_chat();
        navigate(&Route::List);
        apply.run(Box::new(mark_unread));
    };
    let mute_choices = move || {
        MuteFor::ALL
            .iter()
            .enumerate()
            .map(|(i, choice)| {
                let choice = *choice;
                view! {
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid=format!("conv-menu-mute-{i}")
                        on:click=move |_| apply.run(Box::new(move |s| mute(s, choice, now_s())))>
                        {choice.label()}
                    </button>
                }
            })
            .collect_view()
    };
    let mute_entry = move || {
        if settings.with(|s| s.muted(now_s())) {
            view! {
                <button type="button" role="menuitem" class="menu-item"
                    data-testid="conv-menu-unmute" on:click=move |_| apply.run(Box::new(unmute))>
                    <Icon name=IconName::Muted />
                    {t!("home-menu-unmute")}
                </button>
            }
            .into_any()
        } else if choosing_mute.get() {
            view! {
                <div class="menu-group" role="group" aria-label=t!("home-mute-notifications")>
                    <p class="menu-heading">{t!("home-mute-notifications")}</p>
                    {mute_choices()}
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" role="menuitem" class="menu-item"
                    data-testid="conv-menu-mute" on:click=move |_| {
                        set_choosing_mute.set(true);
                        // The item that held the focus is gone: the choices take it.
                        request_animation_frame(move || {
                            if let Some(m) = menu.try_get_untracked().flatten() {
                                focus_end(&m, true);
                            }
                        });
                    }>
                    <Icon name=IconName::Muted />
                    {t!("home-menu-mute")}
                </button>
            }
            .into_any()
        }
    };

    view! {
        <div class="menu-anchor">
            <button node_ref=button type="button" class="icon-button" aria-label=t!("home-conversation-options")
                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                data-testid="conv-menu-open" on:click=move |_| set_open.update(|o| *o = !*o)>
                <Icon name=IconName::More />
            </button>
            <Show when=move || open.get()>
                <button type="button" class="menu-backdrop" aria-label=t!("home-close-menu")
                    tabindex="-1" on:click=move |_| close()></button>
                <div node_ref=menu class="menu" role="menu" aria-label=t!("home-conversation-options")
                    data-testid="conv-menu" on:keydown=on_key>
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid="conv-menu-search" on:click=search_here.clone()>
                        <Icon name=IconName::Search />
                        {t!("home-menu-search")}
                    </button>
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid="conv-menu-pin" on:click=move |_| apply.run(Box::new(toggle_pin))>
                        <Icon name=IconName::Pin />
                        {move || if settings.with(|s| s.pinned()) {
                            t!("home-menu-unpin")
                        } else {
                            t!("home-menu-pin")
                        }}
                    </button>
                    {move || if unread.get() {
                        view! {
                            <button type="button" role="menuitem" class="menu-item"
                                data-testid="conv-menu-read" on:click=mark_read>
                                <Icon name=IconName::Check />
                                {t!("home-menu-mark-read")}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" role="menuitem" class="menu-item"
                                data-testid="conv-menu-unread" on:click=mark>
                                <Icon name=IconName::Unread />
                                {t!("home-menu-mark-unread")}
                            </button>
                        }.into_any()
                    }}
                    {(!note_to_self).then_some(mute_entry)}
                    {contact.then_some(contact_entries)}
                    {(!group && !crate::state::communities::via_server(&conv)).then(|| view! {
                        <button type="button" role="menuitem" class="menu-item"
                            data-testid="conv-menu-disappearing"
                            on:click=move |_| ask(Asking::Disappearing)>
                            <Icon name=IconName::Clock />
                            {t!("home-menu-disappearing")}
                        </button>
                    })}
                    <button type="button" role="menuitem" class="menu-item"
                        data-testid="conv-menu-clear" on:click=move |_| ask(Asking::Clear)>
                        <Icon name=IconName::Trash />
                        {t!("home-menu-clear")}
                    </button>
                    {if room {
                        view! {
                            <button type="button" role="menuitem" class="menu-item menu-item-danger"
                                data-testid="conv-menu-leave" on:click=move |_| ask(Asking::Leave)>
                                <Icon name=IconName::Leave />
                                {t!("home-menu-leave")}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" role="menuitem" class="menu-item menu-item-danger"
                                data-testid="conv-menu-delete" on:click=move |_| ask(Asking::Delete)>
                                <Icon name=IconName::Trash />
                                {t!("home-menu-delete")}
                            </button>
                        }.into_any()
                    }}
                </div>
            </Show>
            {dialog}
        </div>
    }
}
