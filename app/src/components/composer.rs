//! Writing a message: Enter sends, Shift+Enter adds a line, a counter near the 2,000-character
//! limit. The draft survives reloads, and the text stays until the message is stored. Files
//! come by the paper clip, by pasting and by dropping them on the composer; they wait in a
//! tray above it (pictures as thumbnails) until sent or removed. With nothing typed or chosen,
//! the send button is a microphone that records a voice message ([`VoiceRecorder`]). The
//! smiley beside the text opens an [`EmojiPicker`] that puts emoji where the cursor is.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;
use std::rc::Rc;

use super::emoji_picker::EmojiPicker;
use super::icon::{Icon, IconName};
use super::quote_view::author_name;
use super::voice_recorder::VoiceRecorder;
use crate::net::BrowserEnv;
use crate::ports::Clock;
use crate::state::compose::{counter, key_action, ComposeBox, KeyAction, MAX_CHARS};
use crate::state::context::{use_part, Part};
use crate::state::emoji::insert_at;
use crate::state::files::format_size;
use crate::state::outbox::Outbox;
use crate::state::profile::Profile;
use crate::state::quotes::excerpt;
use crate::state::recorder::{BrowserMic, Mic, MicSource, Recorder};
use crate::state::typing::Typing;
use crate::state::ui::Ui;
use crate::state::uploads::Uploads;
use crate::state::views::Views;
use crate::storage::QuoteRecord;
use crate::t;

/// Lines the text box grows to before it scrolls.
const MAX_ROWS: usize = 6;

/// The composer of conversation `conv`.
#[component]
pub fn Composer(
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let outbox = use_part::<Outbox>();
    let uploads = use_part::<Uploads>();
    let compose = ComposeBox::new(&conv);
    let (text, sending) = (compose.text, compose.sending);
    let input = NodeRef::<leptos::html::Textarea>::new();
    // Opening a chat puts the caret in its box where a keyboard is at hand.
    Effect::new(move |_| crate::util::focus::focus_if_keyboard(input.get().map(Into::into)));
    let info = Memo::new(move |_| text.with(|t| counter(t)));
    // The browser's microphone and clock, unless others were provided (tests).
    let (mic, clock): (Rc<dyn Mic>, Rc<dyn Clock>) = match use_context::<Part<MicSource>>() {
        Some(source) => source.with_value(|s| (s.mic.clone(), s.clock.clone())),
        None => (Rc::new(BrowserMic::default()), Rc::new(BrowserEnv)),
    };
    let recorder: Part<Recorder> = StoredValue::new_local(Recorder::new(mic, clock));
    // Leaving the conversation drops a recording and frees the microphone.
    on_cleanup(move || recorder.with_value(|r| r.cancel()));
    let recording = Memo::new(move |_| recorder.with_value(|r| r.phase().get().is_active()));
    // The microphone takes the send button's place while there is nothing to send.
    let show_mic = Memo::new(move |_| compose.is_blank() || recording.get());
    let conv_for_voice = conv.clone();
    // Grows with its content (wrapped lines included) up to MAX_ROWS, then scrolls. It runs
    // in the next frame, which may come after the composer was closed.
    let fit = move || {
        if let Some(el) = input.try_get_untracked().flatten() {
            fit_rows(&el);
        }
    };
    Effect::new(move |_| {
        text.track();
        request_animation_frame(fit);
    });
    let conv_for_send = conv.clone();
    let replying = use_part::<Views>().with_value(|v| v.replying);
    let typing = use_part::<Typing>();
    let conv_for_reply = conv.clone();
    let reply_to =
        Memo::new(move |_| replying.with(|r| r.clone().filter(|m| m.conv == conv_for_reply)));
    let send = move || {
        let (outbox, uploads, conv) = (
            outbox.get_value(),
            uploads.get_value(),
            conv_for_send.clone(),
        );
        let quote = reply_to.get_untracked().map(|m| QuoteRecord {
            author: m.author,
            ts: m.sent_ms.unwrap_or(m.ts),
        });
        let typing = typing.get_value();
        spawn_local(async move {
            match compose.send_reply(&conv, &outbox, &uploads, quote).await {
                Ok(true) => {
                    typing.composer_sent(&conv);
                    if quote.is_some() {
                        replying.set(None);
                    }
                }
                Ok(false) => {}
                Err(e) => ui.show_toast(e.to_string()),
            }
        });
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };
    let send_key = send.clone();
    let conv_for_input = conv.clone();
    let choose = move |files: Vec<web_sys::File>| {
        for refused in compose.choose(files) {
            ui.show_toast(refused.to_string());
        }
    };
    let picker = NodeRef::<leptos::html::Input>::new();
    let on_pick = move |_| {
        if let Some(el) = picker.get_untracked() {
            choose(file_list(el.files()));
            // The same file can be chosen again after being removed.
            el.set_value("");
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let files = file_list(ev.clipboard_data().and_then(|d| d.files()));
        if !files.is_empty() {
            ev.prevent_default();
            choose(files);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        choose(file_list(ev.data_transfer().and_then(|d| d.files())));
    };
    let (picking, set_picking) = signal(false);
    let conv_for_emoji = conv.clone();
    // The emoji replaces the selection (or goes where the cursor is), and the cursor goes
    // after it, so several in a row come in order.
    let insert_emoji = Callback::new(move |glyph: String| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let current = text.get_untracked();
        let end = u32::try_from(current.encode_utf16().count()).unwrap_or(u32::MAX);
        let start = el.selection_start().ok().flatten().unwrap_or(end);
        let stop = el.selection_end().ok().flatten().unwrap_or(start);
        let (next, caret) = insert_at(&current, start, stop, &glyph);
        el.set_value(&next);
        let _ = el.set_selection_range(caret, caret);
        compose.edit(&conv_for_emoji, next);
    });
    let close_picker = Callback::new(move |()| {
        set_picking.set(false);
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    });
    let tray = move || {
        let files = compose.files.get();
        (!files.is_empty()).then(|| view! {
            <ul class="tray" data-testid="tray" aria-label=t!("chat-tray")>
                {files.into_iter().map(|c| {
                    let id = c.id;
                    let label = t!("chat-tray-remove", name = c.name.as_str());
                    view! {
                        <li class="tray-item" data-testid="tray-item">
                            {match c.preview.clone() {
                                Some(url) => view! { <img src=url alt="" /> }.into_any(),
                                None => view! { <span class="tray-file"><Icon name=IconName::File /></span> }.into_any(),
                            }}
                            <span class="tray-name">{c.name.clone()}</span>
                            <span class="tray-size muted">{format_size(c.size)}</span>
                            <button type="button" class="tray-remove" aria-label=label
                                data-testid="tray-remove" on:click=move |_| compose.remove(id)>
                                <Icon name=IconName::Close />
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };
    let me = use_part::<Profile>().get_value().session_id();
    let views_part = use_part::<Views>();
    let reply_bar = move || {
        reply_to.get().map(|m| {
            let name = views_part.with_value(|v| author_name(&m.author, &me, v));
            let text = excerpt(&m).unwrap_or_default();
            view! {
                <div class="reply-bar" data-testid="reply-bar">
                    <Icon name=IconName::Reply />
                    <div class="reply-body">
                        <span class="quote-author">{t!("chat-replying-to", name = name.as_str())}</span>
                        <span class="quote-text" dir="auto">{text}</span>
                    </div>
                    <button type="button" class="icon-button" aria-label=t!("chat-reply-cancel")
                        data-testid="reply-cancel" on:click=move |_| replying.set(None)>
                        <Icon name=IconName::Close />
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="composer-wrap" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop>
        {reply_bar}
        {tray}
        <div class="composer">
            <input node_ref=picker type="file" multiple=true class="visually-hidden"
                data-testid="file-input" tabindex="-1" aria-hidden="true" on:change=on_pick />
            <button type="button" class="attach-button" aria-label=t!("chat-attach")
                title=t!("chat-attach") data-testid="attach" hidden=move || recording.get()
                on:click=move |_| { if let Some(el) = picker.get_untracked() { el.click(); } }>
                <Icon name=IconName::Attach />
            </button>
            <div class="emoji-anchor" hidden=move || recording.get()>
                <button type="button" class="attach-button emoji-button" aria-label=t!("chat-emoji")
                    title=t!("chat-emoji") aria-haspopup="dialog" data-testid="emoji-open"
                    aria-expanded=move || picking.get().to_string()
                    on:click=move |_| set_picking.update(|p| *p = !*p)>
                    <Icon name=IconName::Smile />
                </button>
                <Show when=move || picking.get()>
                    <EmojiPicker on_pick=insert_emoji on_close=close_picker />
                </Show>
            </div>
            <div class="composer-box" hidden=move || recording.get()>
                <textarea node_ref=input class="composer-input" placeholder=t!("chat-composer")
                    aria-label=t!("chat-composer") data-testid="composer-input"
                    rows="1"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        typing.get_value().composer_input(&conv_for_input, value.trim().is_empty());
                        compose.edit(&conv_for_input, value);
                    }
                    on:paste=on_paste
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if key_action(&ev.key(), ev.shift_key(), ev.is_composing()) == KeyAction::Send {
                            ev.prevent_default();
                            send_key();
                        }
                    }>
                </textarea>
                {move || {
                    let c = info.get();
                    c.visible.then(|| view! {
                        <span class="counter" class:over=c.over data-testid="char-counter"
                            aria-live="polite">
                            {t!("chat-counter", count = c.count, max = MAX_CHARS)}
                        </span>
                    })
                }}
            </div>
            <Show when=move || show_mic.get() fallback=move || {
                let send = send.clone();
                view! {
                    <button type="button" class="send-button" aria-label=t!("chat-send") data-testid="send"
                        disabled=move || sending.get() || !compose.can_send()
                        on:click=move |_| send()>
                        <Icon name=IconName::Send />
                    </button>
                }
            }>
                <VoiceRecorder recorder conv=conv_for_voice.clone() />
            </Show>
        </div>
        </div>
    }
}

/// Sets a textarea's `rows` to the lines its text takes (an attribute, not a style: the CSP
/// allows no inline styles).
fn fit_rows(el: &web_sys::HtmlTextAreaElement) {
    // With one row (and no padding) the box is exactly one line high.
    el.set_rows(1);
    let line = el.client_height().max(1);
    let lines = (el.scroll_height() + line / 2) / line;
    el.set_rows(lines.clamp(1, MAX_ROWS as i32) as u32);
}

/// The files of a file input, a paste or a drop.
fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
