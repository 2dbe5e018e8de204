//! One message: its files, its text (always as text, never markup; URLs as links that ask
//! before opening), time, delivery status, and its actions ("⋯", or the context menu).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::attachment_view::AttachmentView;
use super::group_notice_view::GroupNoticeView;
use super::icon::{Icon, IconName};
use super::message_menu::MessageMenu;
use super::message_text::MessageText;
use super::quote_view::QuoteView;
use super::reaction_chips::ReactionChips;
use super::timer_notice::TimerNotice;
use crate::state::context::use_part;
use crate::state::outbox::Outbox;
use crate::state::profile::Profile;
use crate::state::ui::Ui;
use crate::state::uploads::Uploads;
use crate::storage::{MessageRecord, MessageStatus};
use crate::t;
use crate::util::time::format_time;

/// A message bubble.
#[component]
pub fn MessageBubble(
    /// The message.
    msg: MessageRecord,
    /// Its author's name, shown above it (the first of an author's messages in a group).
    #[prop(default = None)]
    author: Option<Signal<String>>,
    /// Its author moderates the community room it was posted in.
    #[prop(default = false)]
    moderator: bool,
) -> impl IntoView {
    if let Some(setting) = msg.timer_notice {
        return view! { <TimerNotice msg=msg setting=setting /> }.into_any();
    }
    if let Some(notice) = msg.group_notice.clone() {
        return view! { <GroupNoticeView msg=msg notice=notice /> }.into_any();
    }
    let class = if msg.outgoing {
        "msg msg-out"
    } else {
        "msg msg-in"
    };
    let time = format_time(msg.ts);
    let uploads = use_part::<Uploads>();
    let to_upload = msg
        .attachments
        .iter()
        .filter(|a| a.pointer.is_none())
        .count();
    let key = msg.key();
    // Files left to upload by a tab that closed: shown failed, to retry here.
    let abandoned = msg.status == MessageStatus::Sending
        && to_upload > 0
        && !uploads.get_value().is_running(&key);
    let status = if abandoned {
        MessageStatus::Failed
    } else {
        msg.status
    };
    let (status_icon, status_label) = match status {
        MessageStatus::Sending => (Some(IconName::Clock), t!("chat-status-sending")),
        MessageStatus::Sent if msg.read_by_peer => (Some(IconName::Read), t!("chat-status-read")),
        MessageStatus::Sent => (Some(IconName::Check), t!("chat-status-sent")),
        MessageStatus::Failed => (Some(IconName::Alert), t!("chat-status-failed")),
        MessageStatus::Received => (None, String::new()),
    };
    let ui = expect_context::<Ui>();
    let outbox = use_part::<Outbox>();
    let for_retry = msg.clone();
    let retry = Callback::new(move |()| {
        let (key, outbox, msg) = (key.clone(), outbox.get_value(), for_retry.clone());
        let uploads = uploads.get_value();
        spawn_local(async move {
            if to_upload > 0 {
                uploads.upload(msg).await;
            } else if let Err(e) = outbox.retry(&key).await {
                ui.show_toast(e.to_string());
            }
        });
    });
    let uploading = (status == MessageStatus::Sending && to_upload > 0).then(|| {
        let progress = uploads.get_value().progress(&msg.key());
        let cancel_key = msg.key();
        let cancel = move |_| uploads.get_value().cancel(&cancel_key);
        let label = move || match progress.get() {
            Some(p) if p.files > 1 => t!(
                "chat-uploading-file",
                file = p.file,
                files = p.files,
                percent = (p.fraction() * 100.0).round()
            ),
            Some(p) => t!("chat-uploading", percent = (p.fraction() * 100.0).round()),
            None => t!("chat-preparing"),
        };
        let value = move || {
            progress
                .get()
                .map_or(0.0, |p| (p.fraction() * 1000.0).round())
                .to_string()
        };
        view! {
            <div class="msg-uploading" data-testid="uploading">
                <progress max="1000" value=value aria-label=t!("chat-upload-progress")></progress>
                <span aria-live="polite">{label}</span>
                <button type="button" class="upload-cancel" data-testid="upload-cancel"
                    on:click=cancel>{t!("common-cancel")}</button>
            </div>
        }
    });
    let status_name = status.as_str();
    let attachments = msg.attachments.clone();
    let menu_open = RwSignal::new(false);
    // A right click (a long press on a phone) opens the message's menu, as in the official
    // apps.
    let on_context = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        menu_open.set(true);
    };
    let me = use_part::<Profile>().get_value().session_id();
    let quote = msg.quote.map(|q| view! { <QuoteView quote=q me=me /> });
    let deleted = msg.deleted.then(|| {
        view! {
            <p class="msg-deleted" data-testid="deleted-notice">
                <Icon name=IconName::Trash />
                {t!("chat-deleted-notice")}
            </p>
        }
    });
    let counted = msg.post.as_ref().is_some_and(|p| !p.reactions.is_empty());
    let reactions = ((!msg.reactions.is_empty() || counted) && !msg.deleted)
        .then(|| view! { <ReactionChips msg=msg.clone() me=me /> });
    let dom_key = msg.key().id();
    view! {
        <div class=class data-testid="message" data-status=status_name data-ts=msg.ts.to_string()
            data-key=dom_key data-read=msg.read_by_peer.to_string()>
            {author.map(|name| view! {
                <p class="msg-author" data-testid="msg-author">
                    {move || name.get()}
                    {moderator.then(|| view! {
                        <span class="mod-badge" data-testid="mod-badge" title=t!("chat-moderator")>
                            <Icon name=IconName::Admin />
                            {t!("chat-moderator-badge")}
                        </span>
                    })}
                </p>
            })}
            <div class="msg-row">
            <div class="bubble" class:failed=status == MessageStatus::Failed
                class:deleted=msg.deleted on:contextmenu=on_context>
                {quote}
                {deleted}
                {(!attachments.is_empty()).then(|| view! {
                    <div class="msg-atts">
                        {attachments.into_iter().map(|att| view! { <AttachmentView att /> }).collect_view()}
                    </div>
                })}
                {uploading}
                {(!msg.text.is_empty()).then(|| view! { <MessageText text=msg.text.clone() /> })}
                <div class="msg-meta">
                    <time>{time}</time>
                    {status_icon.map(|i| view! {
                        <span class="msg-status" role="img" title=status_label.clone() aria-label=status_label>
                            <Icon name=i />
                        </span>
                    })}
                </div>
            </div>
            <MessageMenu msg=msg.clone() status open=menu_open on_retry=retry />
            </div>
            {reactions}
            {(status == MessageStatus::Failed).then(|| view! {
                <button type="button" class="retry" data-testid="retry" on:click=move |_| retry.run(())>
                    <Icon name=IconName::Retry />
                    <span>{t!("chat-not-sent")}</span>
                </button>
            })}
        </div>
    }
    .into_any()
}
