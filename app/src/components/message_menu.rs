//! A message's "⋯" button and its menu of [`MessageAction`]s (which ones, and in what order,
//! is [`actions_for`]'s to say). Shown on hover or focus on a desktop and always on a touch
//! screen; also opened by the bubble's context menu (a right click, a long press). Arrow keys
//! move through the menu and Escape closes it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::confirm_dialog::ConfirmDialog;
use super::emoji_picker::EmojiPicker;
use super::icon::{Icon, IconName};
use super::message_info::MessageInfo;
use crate::state::communities::Communities;
use crate::state::context::use_part;
use crate::state::edits::Edits;
use crate::state::message_actions::{
    actions_for, can_react, opens_upward, MessageAction, QUICK_REACTIONS,
};
use crate::state::route::{navigate, Route};
use crate::state::ui::Ui;
use crate::state::views::Views;
use crate::storage::{MessageRecord, MessageStatus};
use crate::t;
use crate::util::browser;
use crate::util::focus::{focus, focus_end, menu_key};

fn icon_of(action: MessageAction) -> IconName {
    match action {
        MessageAction::Reply => IconName::Reply,
        MessageAction::CopyText => IconName::Copy,
        MessageAction::Retry => IconName::Retry,
        MessageAction::Info => IconName::Info,
        MessageAction::DeleteForMe | MessageAction::DeleteForEveryone => IconName::Trash,
        MessageAction::MessageAuthor => IconName::Compose,
    }
}

/// A deletion waiting for its confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deleting {
    ForMe,
    ForEveryone,
}

/// The actions of message `msg`.
#[component]
pub fn MessageMenu(
    /// The message.
    msg: MessageRecord,
    /// Its status as the bubble shows it.
    status: MessageStatus,
    /// Whether the menu is open (the bubble opens it too).
    open: RwSignal<bool>,
    /// Sends it again (a failed message of ours).
    on_retry: Callback<()>,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let edits = use_part::<Edits>();
    let views = use_part::<Views>();
    let mut actions = actions_for(&msg, status);
    // A room's moderators delete anyone's post.
    let communities = use_part::<Communities>();
    let moderates = communities.with_value(|c| c.can_delete(&msg));
    if moderates
        && msg.post.is_some()
        && !msg.deleted
        && !actions.contains(&MessageAction::DeleteForEveryone)
    {
        actions.push(MessageAction::DeleteForEveryone);
    }
    let reactable = can_react(&msg, status);
    let (deleting, set_deleting) = signal(None::<Deleting>);
    let (picking, set_picking) = signal(false);
    let target = StoredValue::new(msg.clone());
    let react = Callback::new(move |emoji: String| {
        open.set(false);
        set_picking.set(false);
        let (edits, m) = (edits.get_value(), target.get_value());
        spawn_local(async move {
            if let Err(e) = edits.toggle_reaction(&m, &emoji).await {
                ui.show_toast(e.to_string());
            }
        });
    });
    let delete = move |how: Deleting| {
        set_deleting.set(None);
        let (edits, m) = (edits.get_value(), target.get_value());
        spawn_local(async move {
            let done = match how {
                Deleting::ForMe => edits.delete_for_me(&m).await,
                Deleting::ForEveryone => edits.delete_for_everyone(&m).await,
            };
            match done {
                Ok(()) if how == Deleting::ForEveryone => {
                    ui.show_toast(t!("chat-deleted-for-everyone"))
                }
                Ok(()) => {}
                Err(e) => ui.show_toast(e.to_string()),
            }
        });
    };
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let (upward, set_upward) = signal(false);
    let (info_open, set_info_open) = signal(false);
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    // Opened (by the button or the bubble): placed where there is room, the first item
    // focused.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        if let (Some(b), Some(w)) = (button.get_untracked(), browser::window()) {
            let height = w
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            set_upward.set(opens_upward(b.get_bounding_client_rect().top(), height));
        }
        request_animation_frame(move || {
            if let Some(m) = menu.try_get_untracked().flatten() {
                focus_end(&m, true);
            }
        });
    });
    let text = msg.text.clone();
    let run = move |action: MessageAction| {
        close(action != MessageAction::Info);
        match action {
            MessageAction::CopyText => {
                let text = text.clone();
                spawn_local(async move {
                    if browser::copy_text(&text).await {
                        ui.show_toast(t!("chat-copied"));
                    } else {
                        ui.show_toast(t!("chat-copy-refused"));
                    }
                });
            }
            MessageAction::Retry => on_retry.run(()),
            MessageAction::Info => set_info_open.set(true),
            MessageAction::Reply => {
                views.with_value(|v| v.replying.set(Some(target.get_value())));
                if let Some(input) = browser::document().and_then(|d| {
                    d.query_selector("[data-testid=composer-input]")
                        .ok()
                        .flatten()
                }) {
                    focus(Some(input));
                }
            }
            MessageAction::DeleteForMe => set_deleting.set(Some(Deleting::ForMe)),
            MessageAction::DeleteForEveryone => set_deleting.set(Some(Deleting::ForEveryone)),
            MessageAction::MessageAuthor => {
                let (communities, m) = (communities.get_value(), target.get_value());
                spawn_local(async move {
                    match communities.message_author(&m).await {
                        Ok(conv) => navigate(&Route::Chat(conv)),
                        Err(e) => ui.show_toast(e.to_string()),
                    }
                });
            }
        }
    };
    let quick = move || {
        reactable.then(|| {
            let chips = QUICK_REACTIONS
                .iter()
                .map(|e| {
                    let emoji = (*e).to_owned();
                    let label = t!("chat-react-with", emoji = *e);
                    view! {
                        <button type="button" role="menuitem" class="quick-reaction" tabindex="-1"
                            aria-label=label data-testid="quick-reaction"
                            on:click=move |_| react.run(emoji.clone())>
                            {*e}
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="quick-reactions" role="group" aria-label=t!("chat-react")>
                    {chips}
                    <button type="button" role="menuitem" class="quick-reaction more-reactions"
                        tabindex="-1" aria-label=t!("chat-more-reactions") data-testid="more-reactions"
                        on:click=move |_| { open.set(false); set_picking.set(true); }>
                        <Icon name=IconName::React />
                    </button>
                </div>
            }
        })
    };
    let items = move || {
        actions
            .iter()
            .map(|&action| {
                let run = run.clone();
                view! {
                    <button type="button" role="menuitem" class="menu-item" tabindex="-1"
                        data-testid=format!("msg-action-{}", action.id())
                        on:click=move |_| run(action)>
                        <Icon name=icon_of(action) />
                        {action.label()}
                    </button>
                }
            })
            .collect_view()
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(m) = menu.get_untracked() {
            if menu_key(&m, &ev) {
                close(true);
            }
        }
    };
    let close_info = Callback::new(move |()| set_info_open.set(false));
    let retry = (msg.outgoing && status == MessageStatus::Failed).then_some(on_retry);
    view! {
        <div class="msg-actions" class:open=move || open.get()>
            <button node_ref=button type="button" class="msg-more" aria-label=t!("chat-message-options")
                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                data-testid="msg-more" on:click=move |_| open.update(|o| *o = !*o)>
                <Icon name=IconName::More />
            </button>
            <Show when=move || open.get()>
                <button type="button" class="menu-backdrop" aria-label=t!("chat-close-menu")
                    tabindex="-1" on:click=move |_| close(false)></button>
                <div node_ref=menu class="menu msg-menu" class:up=move || upward.get() role="menu"
                    aria-label=t!("chat-message-options") data-testid="msg-menu" on:keydown=on_key>
                    {quick()}
                    {items()}
                </div>
            </Show>
            <Show when=move || picking.get()>
                <div class="reaction-picker">
                    <EmojiPicker on_pick=react
                        on_close=Callback::new(move |()| set_picking.set(false)) />
                </div>
            </Show>
            {move || deleting.get().map(|how| {
                let (title, label, body) = match how {
                    Deleting::ForMe => (
                        t!("chat-delete-me-title"),
                        t!("common-delete"),
                        t!("chat-delete-me-body"),
                    ),
                    Deleting::ForEveryone => (
                        t!("chat-delete-all-title"),
                        t!("chat-action-delete-all"),
                        t!("chat-delete-all-body"),
                    ),
                };
                view! {
                    <ConfirmDialog title=title confirm_label=label danger=true
                        test_id="msg-delete-confirm"
                        on_confirm=Callback::new(move |_| delete(how))
                        on_cancel=Callback::new(move |_| set_deleting.set(None))>
                        <p>{body}</p>
                    </ConfirmDialog>
                }
            })}
            <Show when=move || info_open.get()>
                <MessageInfo msg=msg.clone() status on_retry=retry on_close=close_info />
            </Show>
        </div>
    }
}
