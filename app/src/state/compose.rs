//! The composer's rules: the character limit and what is sent.

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
