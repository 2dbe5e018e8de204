//! One file of a message: a picture (opens full size), a player, or a file to save, as its
//! bytes turn out to be; while not there yet, its name and size with a download button, and
//! what went wrong when it cannot be had. Names and captions from the sender are text.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::attachment::content_type::MediaKind;
use session_core::attachment::file_name::safe_file_name;

use super::icon::{Icon, IconName};
use super::voice_player::VoicePlayer;
use crate::state::context::use_part;
use crate::state::files::{fetch_at_once, file_key, format_size, FileView, Files, Shown};
use crate::state::ui::{Lightboxed, Ui};
use crate::storage::AttachmentRecord;
use crate::t;

/// A file in a bubble.
#[component]
pub fn AttachmentView(
    /// The file.
    att: AttachmentRecord,
) -> impl IntoView {
    let files = use_part::<Files>();
    let ui = expect_context::<Ui>();
    let key = file_key(&att).unwrap_or_default();
    let view = files.get_value().view(&key);
    let key_for_cancel = key.clone();
    let name = att.name.clone().unwrap_or_else(|| att.label());
    let size = (att.size > 0).then(|| format_size(att.size));
    let fetch = {
        let att = att.clone();
        move |download: bool| {
            let (files, att) = (files.get_value(), att.clone());
            spawn_local(async move { files.show(&att, download).await });
        }
    };
    // Shown from the kept files at once; pictures and sound are downloaded at once too.
    fetch(fetch_at_once(&att));
    let save_name = safe_file_name(att.name.as_deref(), "attachment");
    let voice = att.voice;
    let (width, height) = (att.width, att.height);
    let row = {
        let (name, size) = (name.clone(), size.clone());
        move |action: AnyView| {
            view! {
                <div class="att-file">
                    <span class="att-file-icon"><Icon name=IconName::File /></span>
                    <span class="att-file-text">
                        <span class="att-name" data-testid="att-name">{name.clone()}</span>
                        {size.clone().map(|s| view! { <span class="att-size muted">{s}</span> })}
                    </span>
                    {action}
                </div>
            }
        }
    };
    let name_for_view = name.clone();
    let body = move || {
        match view.get() {
        FileView::Ready(Shown { url, thumb, kind, .. }) => match kind {
            Some(MediaKind::Image) => {
                let open = {
                    let (url, name) = (url.clone(), name_for_view.clone());
                    move |_| ui.lightbox.set(Some(Lightboxed { url: url.clone(), name: name.clone() }))
                };
                view! {
                    <button type="button" class="att-image" data-testid="att-image" on:click=open
                        aria-label=t!("chat-att-open", name = name_for_view.as_str())>
                        // The sender's size gives the box its shape before the picture loads;
                        // the stylesheet bounds it.
                        <img src=thumb.unwrap_or(url) alt=name_for_view.clone()
                            width=width.map(|w| w.to_string())
                            height=height.map(|h| h.to_string()) />
                    </button>
                }
                .into_any()
            }
            Some(MediaKind::Video) => view! {
                <video class="att-video" data-testid="att-video" controls=true preload="metadata" src=url></video>
            }
            .into_any(),
            Some(MediaKind::Audio) | None if voice || kind.is_some() => view! {
                <VoicePlayer url voice name=name_for_view.clone() />
            }
            .into_any(),
            _ => row(view! {
                <a class="att-action" data-testid="att-save" href=url download=save_name.clone()
                    title=t!("common-save")
                    aria-label=t!("chat-att-save", name = name_for_view.as_str())>
                    <Icon name=IconName::Download />
                </a>
            }
            .into_any())
            .into_any(),
        },
        FileView::Idle => {
            let fetch = fetch.clone();
            row(view! {
                <button type="button" class="att-action" data-testid="att-download"
                    title=t!("chat-att-download")
                    aria-label=t!("chat-att-download-named", name = name_for_view.as_str())
                    on:click=move |_| fetch(true)>
                    <Icon name=IconName::Download />
                </button>
            }
            .into_any())
            .into_any()
        }
        FileView::Loading => {
            let key = key_for_cancel.clone();
            let progress = files.get_value().progress(&key);
            let label = move || match progress.get() {
                Some((got, of)) if of > 0 => {
                    t!("chat-downloading-percent", percent = (got as f64 / of as f64 * 100.0).round())
                }
                _ => t!("chat-downloading"),
            };
            let value = move || {
                progress
                    .get()
                    .filter(|(_, of)| *of > 0)
                    .map_or(0.0, |(got, of)| (got as f64 / of as f64 * 1000.0).round())
                    .to_string()
            };
            row(view! {
                <span class="att-status muted att-loading" data-testid="att-loading">
                    <progress max="1000" value=value aria-label=t!("chat-download-progress")></progress>
                    <span aria-live="polite">{label}</span>
                </span>
                <button type="button" class="att-action" data-testid="att-cancel"
                    title=t!("common-cancel") aria-label=t!("chat-download-cancel")
                    on:click=move |_| files.get_value().cancel(&key)>
                    <Icon name=IconName::Close />
                </button>
            }
            .into_any())
            .into_any()
        }
        FileView::Expired => view! {
            {row(().into_any())}
            <p class="att-status att-error" data-testid="att-expired">
                {t!("chat-att-expired")}
            </p>
        }
        .into_any(),
        FileView::Failed(why) => {
            let fetch = fetch.clone();
            view! {
                {row(view! {
                    <button type="button" class="att-action" data-testid="att-retry"
                        title=t!("chat-try-again") aria-label=t!("chat-try-again") on:click=move |_| fetch(true)>
                        <Icon name=IconName::Retry />
                    </button>
                }
                .into_any())}
                <p class="att-status att-error" data-testid="att-failed">{why}</p>
            }
            .into_any()
        }
    }
    };
    view! { <div class="att" data-testid="attachment">{body}</div> }
}
