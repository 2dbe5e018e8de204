//! Keyboard shortcuts of the signed-in screens: which key press means what ([`shortcut_of`]),
//! the list the help dialog shows ([`HELP`]), and which conversation is next in the list
//! ([`neighbour`]). Chords use Ctrl+Alt with physical key codes, as the web versions of other
//! messengers do: plain letters type text, Alt alone opens browser menus, and `code` stays
//! the same on every keyboard layout.

use session_core::conversation::ConversationId;

use crate::storage::ConversationRecord;
use crate::t;

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shortcut {
    /// Show the list of shortcuts.
    Help,
    /// Open the new conversation screen.
    NewConversation,
    /// Open Settings.
    Settings,
    /// Open the conversation below the open one in the list.
    NextConversation,
    /// Open the conversation above the open one in the list.
    PreviousConversation,
}

/// A key press as the browser reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPress {
    /// `KeyboardEvent.key` (what the key types or names).
    pub key: String,
    /// `KeyboardEvent.code` (the physical key).
    pub code: String,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// Shift held.
    pub shift: bool,
    /// Meta (⌘) held.
    pub meta: bool,
    /// The focus is in a text field (where `?` types a question mark).
    pub in_text: bool,
}

/// The shortcut a key press means, if any.
pub fn shortcut_of(k: &KeyPress) -> Option<Shortcut> {
    if k.meta {
        return None;
    }
    match (k.ctrl, k.alt, k.code.as_str()) {
        (true, true, "KeyN") => return Some(Shortcut::NewConversation),
        (true, true, "Comma") => return Some(Shortcut::Settings),
        (true, false, "Slash") => return Some(Shortcut::Help),
        (false, true, "ArrowDown") if !k.shift => return Some(Shortcut::NextConversation),
        (false, true, "ArrowUp") if !k.shift => return Some(Shortcut::PreviousConversation),
        _ => {}
    }
    (k.key == "?" && !k.ctrl && !k.alt && !k.in_text).then_some(Shortcut::Help)
}

/// A line of the help dialog: keys and what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Help {
    /// [`Shortcut::NewConversation`].
    NewConversation,
    /// [`Shortcut::Settings`].
    Settings,
    /// [`Shortcut::NextConversation`].
    NextConversation,
    /// [`Shortcut::PreviousConversation`].
    PreviousConversation,
    /// [`Shortcut::Help`].
    Shortcuts,
    /// Enter in the composer.
    Send,
    /// Shift+Enter in the composer.
    NewLine,
    /// Tab and Shift+Tab.
    Focus,
    /// Enter or Space on a button.
    Press,
    /// Arrows in a menu.
    Menu,
    /// Escape.
    Close,
}

impl Help {
    /// The keys, as the language in use names them.
    pub fn keys(self) -> String {
        match self {
            Help::NewConversation => t!("settings-shortcut-new-conversation-keys"),
            Help::Settings => t!("settings-shortcut-settings-keys"),
            Help::NextConversation => t!("settings-shortcut-next-conversation-keys"),
            Help::PreviousConversation => t!("settings-shortcut-previous-conversation-keys"),
            Help::Shortcuts => t!("settings-shortcut-help-keys"),
            Help::Send => t!("settings-shortcut-send-keys"),
            Help::NewLine => t!("settings-shortcut-new-line-keys"),
            Help::Focus => t!("settings-shortcut-tab-keys"),
            Help::Press => t!("settings-shortcut-press-keys"),
            Help::Menu => t!("settings-shortcut-menu-keys"),
            Help::Close => t!("settings-shortcut-escape-keys"),
        }
    }

    /// What the keys do.
    pub fn action(self) -> String {
        match self {
            Help::NewConversation => t!("settings-shortcut-new-conversation"),
            Help::Settings => t!("settings-shortcut-settings"),
            Help::NextConversation => t!("settings-shortcut-next-conversation"),
            Help::PreviousConversation => t!("settings-shortcut-previous-conversation"),
            Help::Shortcuts => t!("settings-shortcut-help"),
            Help::Send => t!("settings-shortcut-send"),
            Help::NewLine => t!("settings-shortcut-new-line"),
            Help::Focus => t!("settings-shortcut-tab"),
            Help::Press => t!("settings-shortcut-press"),
            Help::Menu => t!("settings-shortcut-menu"),
            Help::Close => t!("settings-shortcut-escape"),
        }
    }
}

/// Every shortcut and key of the app, in the order the help dialog lists them.
pub const HELP: &[Help] = &[
    Help::NewConversation,
    Help::Settings,
    Help::NextConversation,
    Help::PreviousConversation,
    Help::Shortcuts,
    Help::Send,
    Help::NewLine,
    Help::Focus,
    Help::Press,
    Help::Menu,
    Help::Close,
];

/// The conversation `step` places after `current` (before it when negative) among the listed
/// ones, in the list's order; the first (or last) when none is open. Stops at the ends.
pub fn neighbour(
    list: &[ConversationRecord],
    current: Option<&ConversationId>,
    step: isize,
) -> Option<ConversationId> {
    let listed: Vec<&ConversationId> = list
        .iter()
        .filter(|c| c.is_listed())
        .map(|c| &c.id)
        .collect();
    let at = current.and_then(|cur| listed.iter().position(|id| *id == cur));
    let to = match at {
        Some(i) => i.checked_add_signed(step)?,
        None if step < 0 => listed.len().checked_sub(1)?,
        None => 0,
    };
    listed.get(to).map(|id| (*id).clone())
}
