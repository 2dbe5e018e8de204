//! The composer's rules: the character limit, what is sent, and the box that keeps the text
//! until it is safely stored.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use std::rc::Rc;

use super::outbox::{Outbox, SendError};
use super::uploads::{PickedFile, Uploads};
use crate::storage::QuoteRecord;
use crate::t;
use crate::util::browser::{blob_bytes, draft_get, draft_set};
use crate::util::picture;
use session_core::attachment::content_type::MediaKind;
use session_core::attachment::pointer::MAX_PER_MESSAGE;
use session_core::attachment::{content_type, MAX_ATTACHMENT_BYTES};

/// Longest message, in characters (as the official apps count them).
pub const MAX_CHARS: usize = 2_000;

/// The counter appears when this many characters are left.
pub const COUNTER_FROM: usize = 200;

/// What the composer shows about the text's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// Characters typed.
    pub count: usize,
    /// Characters left (negative when over).
    pub remaining: i64,
    /// Whether to show the counter.
    pub visible: bool,
    /// Over the limit: sending is disabled.
    pub over: bool,
}

/// The counter for `text`.
pub fn counter(text: &str) -> Counter {
    let count = text.chars().count();
    let remaining = MAX_CHARS as i64 - count as i64;
    Counter {
        count,
        remaining,
        visible: remaining <= COUNTER_FROM as i64,
        over: remaining < 0,
    }
}

/// The text to send, if any: surrounding blank lines and spaces are dropped, inner ones kept;
/// nothing is sent for blank text or text over the limit.
pub fn outgoing_text(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > MAX_CHARS {
        None
    } else {
        Some(t.to_owned())
    }
}

/// What a key press in the composer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Send the message.
    Send,
    /// Let the browser handle it (new line, typing…).
    Default,
}

/// Enter sends; Shift+Enter (and Enter while an input method is composing) adds a line.
pub fn key_action(key: &str, shift: bool, composing: bool) -> KeyAction {
    if key == "Enter" && !shift && !composing {
        KeyAction::Send
    } else {
        KeyAction::Default
    }
}

/// A file chosen to go with the next message.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// Its place in the tray (stable while it is there).
    pub id: u32,
    /// The browser's file.
    pub file: web_sys::File,
    /// Its name.
    pub name: String,
    /// Its size.
    pub size: u64,
    /// A `blob:` URL of it for the tray's thumbnail, when it claims to be a picture.
    pub preview: Option<String>,
}

impl PartialEq for Chosen {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Why a file was not added to the tray.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChooseError {
    /// Over the size limit.
    TooLarge {
        /// Its name.
        name: String,
    },
    /// Empty.
    Empty {
        /// Its name.
        name: String,
    },
    /// The tray is full.
    TooMany,
}

impl std::fmt::Display for ChooseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChooseError::TooLarge { name } => {
                f.write_str(&t!("chat-file-too-large", name = name.as_str()))
            }
            ChooseError::Empty { name } => {
                f.write_str(&t!("chat-file-empty", name = name.as_str()))
            }
            ChooseError::TooMany => {
                f.write_str(&t!("chat-files-too-many", count = MAX_PER_MESSAGE))
            }
        }
    }
}

/// Checks a file for the tray holding `count` files already.
pub fn check_choice(name: &str, size: u64, count: usize) -> Result<(), ChooseError> {
    if count >= MAX_PER_MESSAGE {
        return Err(ChooseError::TooMany);
    }
    if size > MAX_ATTACHMENT_BYTES as u64 {
        return Err(ChooseError::TooLarge { name: name.into() });
    }
    if size == 0 {
        return Err(ChooseError::Empty { name: name.into() });
    }
    Ok(())
}

/// The composer's box: what is typed stays there, and in the saved draft, until the message
/// is stored with its outbox entry; if that fails nothing is lost. Chosen files wait in the
/// tray until the message with them is stored.
#[derive(Debug, Clone, Copy)]
pub struct ComposeBox {
    /// What is typed.
    pub text: RwSignal<String>,
    /// A message is being stored: sending again waits.
    pub sending: RwSignal<bool>,
    /// Files chosen for the next message.
    pub files: RwSignal<Vec<Chosen>, LocalStorage>,
    next_id: StoredValue<u32>,
}

impl ComposeBox {
    /// The box of `conv`, with its saved draft.
    pub fn new(conv: &ConversationId) -> ComposeBox {
        ComposeBox {
            text: RwSignal::new(draft_get(conv)),
            sending: RwSignal::new(false),
            files: RwSignal::new_local(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// Adds files to the tray; the ones refused say why.
    pub fn choose(&self, picked: Vec<web_sys::File>) -> Vec<ChooseError> {
        let mut refused = Vec::new();
        for file in picked {
            let (name, size) = (file.name(), file.size() as u64);
            let count = self.files.with_untracked(Vec::len);
            if let Err(e) = check_choice(&name, size, count) {
                refused.push(e);
                continue;
            }
            let preview = file
                .type_()
                .starts_with("image/")
                .then(|| web_sys::Url::create_object_url_with_blob(&file).ok())
                .flatten();
            let id = self.next_id.get_value();
            self.next_id.set_value(id + 1);
            self.files.update(|f| {
                f.push(Chosen {
                    id,
                    file,
                    name,
                    size,
                    preview,
                })
            });
        }
        refused
    }

    /// Takes a file out of the tray.
    pub fn remove(&self, id: u32) {
        // The composer may be gone by the time a send that emptied it ends.
        self.files.try_update(|f| {
            f.retain(|c| {
                if c.id == id {
                    if let Some(url) = &c.preview {
                        let _ = web_sys::Url::revoke_object_url(url);
                    }
                }
                c.id != id
            })
        });
    }

    /// Whether nothing is typed and no file chosen (the composer then offers the microphone).
    pub fn is_blank(&self) -> bool {
        self.files.with(Vec::is_empty) && self.text.with(|t| t.trim().is_empty())
    }

    /// Whether there is something to send.
    pub fn can_send(&self) -> bool {
        let has_files = self.files.with(|f| !f.is_empty());
        let c = self.text.with(|t| counter(t));
        !c.over && (has_files || self.text.with(|t| !t.trim().is_empty()))
    }

    /// The user typed: shown and saved as the draft.
    pub fn edit(&self, conv: &ConversationId, text: String) {
        draft_set(conv, &text);
        self.text.set(text);
    }

    /// Sends what is typed to `conv`; `Ok(false)` when there is nothing to send (or a send is
    /// being stored). The box empties once the message is in the outbox, unless something
    /// else was typed meanwhile.
    pub async fn send(
        &self,
        conv: &ConversationId,
        outbox: &Rc<Outbox>,
        uploads: &Rc<Uploads>,
    ) -> Result<bool, SendError> {
        self.send_reply(conv, outbox, uploads, None).await
    }

    /// [`ComposeBox::send`] as a reply to `quote`.
    pub async fn send_reply(
        &self,
        conv: &ConversationId,
        outbox: &Rc<Outbox>,
        uploads: &Rc<Uploads>,
        quote: Option<QuoteRecord>,
    ) -> Result<bool, SendError> {
        if self.sending.get_untracked() {
            return Ok(false);
        }
        let typed = self.text.get_untracked();
        let chosen = self.files.get_untracked();
        let body = outgoing_text(&typed);
        if chosen.is_empty() && body.is_none() {
            return Ok(false);
        }
        if counter(&typed).over {
            return Ok(false);
        }
        self.sending.set(true);
        let sent = if chosen.is_empty() && super::groups::group_of(conv).is_some() {
            uploads
                .groups()
                .send_text(conv, body.as_deref().unwrap_or_default(), quote)
                .await
        } else if chosen.is_empty() && super::communities::via_server(conv) {
            // A room's post, or a message to someone met in one, goes to the community's
            // server (through the uploads' path, files or not).
            uploads
                .send_quoting(conv, body.as_deref().unwrap_or_default(), Vec::new(), quote)
                .await
        } else if chosen.is_empty() {
            outbox
                .send_reply(conv, body.as_deref().unwrap_or_default(), quote)
                .await
        } else {
            match read_chosen(&chosen).await {
                Ok(files) => {
                    uploads
                        .send_quoting(conv, body.as_deref().unwrap_or_default(), files, quote)
                        .await
                }
                Err(e) => Err(e),
            }
        };
        self.sending.set(false);
        sent?;
        for c in &chosen {
            self.remove(c.id);
        }
        if self.text.get_untracked() == typed {
            self.edit(conv, String::new());
        }
        Ok(true)
    }
}

/// Reads the chosen files' bytes (the type from the bytes when they show one, else the
/// browser's, else the name's).
async fn read_chosen(chosen: &[Chosen]) -> Result<Vec<PickedFile>, SendError> {
    let mut out = Vec::with_capacity(chosen.len());
    for c in chosen {
        let data = blob_bytes(&c.file)
            .await
            .ok_or_else(|| SendError::Unreadable(c.name.clone()))?;
        let browser_type = c.file.type_();
        let sniffed = content_type::sniff(&data);
        let mime = match sniffed {
            Some(s) => s.mime.to_owned(),
            None if !browser_type.is_empty() && !is_markup(&browser_type) => browser_type,
            None => content_type::for_upload(&c.name, &data).to_owned(),
        };
        // A picture's size goes in its pointer, as the official apps send it.
        let size_px = match sniffed.map(|s| s.kind) {
            Some(MediaKind::Image) => picture::dimensions(&c.file).await.ok(),
            _ => None,
        };
        out.push(PickedFile {
            name: c.name.clone(),
            mime,
            data,
            voice: false,
            size_px,
        });
    }
    Ok(out)
}

/// Types that a receiver must never render (sent as plain files).
fn is_markup(mime: &str) -> bool {
    let m = mime.to_ascii_lowercase();
    m.contains("html") || m.contains("svg") || m.contains("xml") || m.contains("javascript")
}
