//! The emoji picker's model: a built-in list by category ([`CATEGORIES`]), search by name
//! ([`search`]), the recently used ones kept in `localStorage` like the other small
//! preferences ([`load_recent`], [`remember`]), and inserting one where the cursor is
//! ([`insert_at`]).

use crate::t;
use crate::util::browser;

#[path = "emoji_data.rs"]
mod data;

/// One emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emoji {
    /// The emoji itself (its fully-qualified form, with U+FE0F where one is needed).
    pub glyph: &'static str,
    /// Its name, lower case.
    pub name: &'static str,
}

/// A tab of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// Its name (English; [`Category::label`] gives the words shown).
    pub name: &'static str,
    /// The emoji on its tab.
    pub icon: &'static str,
    /// Its emoji.
    pub emoji: &'static [Emoji],
}

impl Category {
    /// Its name, as the picker shows it.
    pub fn label(&self) -> String {
        match self.name {
            "Smileys" => t!("chat-emoji-smileys"),
            "People" => t!("chat-emoji-people"),
            "Hearts & symbols" => t!("chat-emoji-symbols"),
            "Animals & nature" => t!("chat-emoji-nature"),
            "Food & drink" => t!("chat-emoji-food"),
            "Activities" => t!("chat-emoji-activities"),
            "Travel & places" => t!("chat-emoji-travel"),
            "Objects" => t!("chat-emoji-objects"),
            other => other.to_owned(),
        }
    }
}

/// The categories, in order.
pub const CATEGORIES: &[Category] = data::DATA;

/// How many recently used emoji are kept.
pub const MAX_RECENT: usize = 24;

pub(crate) const RECENT_KEY: &str = "session-web.emoji-recent";

/// Every emoji of the list.
pub fn all() -> impl Iterator<Item = &'static Emoji> {
    CATEGORIES.iter().flat_map(|c| c.emoji.iter())
}

/// Whether `glyph` is one of the list's.
pub fn is_known(glyph: &str) -> bool {
    all().any(|e| e.glyph == glyph)
}

/// The emoji whose name has every word of `query` as the start of one of its words (case
/// aside), in list order; none for a blank query.
pub fn search(query: &str) -> Vec<&'static Emoji> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    all()
        .filter(|e| {
            words
                .iter()
                .all(|w| e.name.split([' ', '-']).any(|n| n.starts_with(w.as_str())))
        })
        .collect()
}

/// `recent` with `glyph` put first (moved there if it was further on), at most
/// [`MAX_RECENT`] long.
pub fn with_recent(recent: &[String], glyph: &str) -> Vec<String> {
    std::iter::once(glyph.to_owned())
        .chain(recent.iter().filter(|r| *r != glyph).cloned())
        .take(MAX_RECENT)
        .collect()
}

/// The recently used emoji stored as `stored` (a JSON array): only emoji of the list are
/// kept, so what the page shows never comes from anywhere else.
pub fn parse_recent(stored: &str) -> Vec<String> {
    let list: Vec<String> = serde_json::from_str(stored).unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for glyph in list {
        if is_known(&glyph) && !out.contains(&glyph) {
            out.push(glyph);
        }
    }
    out.truncate(MAX_RECENT);
    out
}

/// The recently used emoji, most recent first.
pub fn load_recent() -> Vec<String> {
    browser::local_get(&crate::accounts::scoped(RECENT_KEY))
        .map(|s| parse_recent(&s))
        .unwrap_or_default()
}

/// Remembers `glyph` as the most recently used; the new list.
pub fn remember(glyph: &str) -> Vec<String> {
    let recent = with_recent(&load_recent(), glyph);
    if let Ok(json) = serde_json::to_string(&recent) {
        browser::local_set(&crate::accounts::scoped(RECENT_KEY), &json);
    }
    recent
}

/// The byte offset of UTF-16 offset `units` in `text` (what a text field's selection
/// counts), clamped to the text and never inside a character.
fn byte_offset(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, c) in text.char_indices() {
        let next = seen + c.len_utf16() as u32;
        if next > units {
            return i;
        }
        seen = next;
    }
    text.len()
}

/// `text` with `glyph` in place of the selection from `start` to `end` (UTF-16 offsets, as
/// a text field gives them), and the cursor's UTF-16 offset after it.
pub fn insert_at(text: &str, start: u32, end: u32, glyph: &str) -> (String, u32) {
    let (a, b) = (
        byte_offset(text, start.min(end)),
        byte_offset(text, start.max(end)),
    );
    let out = format!("{}{glyph}{}", &text[..a], &text[b..]);
    let caret = text[..a].encode_utf16().count() + glyph.encode_utf16().count();
    (out, u32::try_from(caret).unwrap_or(u32::MAX))
}
