//! The composer's rules: the character limit, what is sent, and the box that keeps the text
//! until it is safely stored.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use std::rc::Rc;

use super::outbox::{Outbox, SendError};
use crate::util::browser::{draft_get, draft_set};

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

/// The composer's box: what is typed stays there, and in the saved draft, until the message
/// is stored with its outbox entry; if that fails nothing is lost.
#[derive(Debug, Clone, Copy)]
pub struct ComposeBox {
    /// What is typed.
    pub text: RwSignal<String>,
    /// A message is being stored: sending again waits.
    pub sending: RwSignal<bool>,
}

impl ComposeBox {
    /// The box of `conv`, with its saved draft.
    pub fn new(conv: &ConversationId) -> ComposeBox {
        ComposeBox {
            text: RwSignal::new(draft_get(conv)),
            sending: RwSignal::new(false),
        }
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
    ) -> Result<bool, SendError> {
        if self.sending.get_untracked() {
            return Ok(false);
        }
        let typed = self.text.get_untracked();
        let Some(body) = outgoing_text(&typed) else {
            return Ok(false);
        };
        self.sending.set(true);
        let sent = outbox.send_text(conv, &body).await;
        self.sending.set(false);
        sent?;
        if self.text.get_untracked() == typed {
            self.edit(conv, String::new());
        }
        Ok(true)
    }
}
