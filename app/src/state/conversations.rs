//! The conversation list's view model: order, names, previews, avatars.

use session_core::conversation::ConversationId;
use session_core::identity::SessionId;

use crate::storage::ConversationRecord;
use crate::t;

/// Orders conversations for the list: pinned ones first (higher priority first), then newest
/// first (ties by ID, so the order is stable).
pub fn sort_for_list(list: &mut [ConversationRecord]) {
    list.sort_by(|a, b| {
        let pin = |c: &ConversationRecord| c.settings.priority.max(0);
        pin(b)
            .cmp(&pin(a))
            .then_with(|| b.last_ts.cmp(&a.last_ts))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// "05ab12…9f3c": a Session ID short enough for a title.
pub fn short_id(id: &str) -> String {
    if id.len() <= 14 {
        return id.to_owned();
    }
    format!("{}…{}", &id[..6], &id[id.len() - 4..])
}

/// The name to show for a conversation: "Note to Self", their display name, or a short ID.
/// A display name that reads as "Note to Self" comes after its short ID: only our own Note to
/// Self is called that (and only it has the bookmark avatar).
pub fn title(conv: &ConversationRecord) -> String {
    name_of(
        &conv.id,
        conv.settings.nickname.as_deref().or(conv.name.as_deref()),
    )
}

/// The title for a conversation that may not be listed yet.
pub fn title_for(id: &ConversationId, list: &[ConversationRecord]) -> String {
    list.iter()
        .find(|c| c.id == *id)
        .map_or_else(|| name_of(id, None), title)
}

fn name_of(id: &ConversationId, name: Option<&str>) -> String {
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
        if *id != ConversationId::NoteToSelf {
            if poses_as_note_to_self(name) {
                return format!("{} ({name})", short_id(&id.to_string()));
            }
            return name.to_owned();
        }
    }
    match id {
        ConversationId::NoteToSelf => t!("home-note-to-self"),
        ConversationId::Community(room) => room.room().to_owned(),
        other => short_id(&other.to_string()),
    }
}

/// The line under a chat's title: what Note to Self is, or the short ID when the title does
/// not show it already.
pub fn subtitle(id: &ConversationId, title: &str) -> Option<String> {
    if *id == ConversationId::NoteToSelf {
        return Some(t!("home-note-to-self-subtitle"));
    }
    if matches!(id, ConversationId::Community(_)) {
        // A room's line is its own (members active, the server).
        return None;
    }
    let short = short_id(&id.to_string());
    (!title.contains(&short)).then_some(short)
}

/// Whether a display name reads as "Note to Self" (case, spaces and punctuation aside).
pub fn poses_as_note_to_self(name: &str) -> bool {
    let letters: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    letters == "notetoself"
}

/// What picks a conversation's avatar colour: the ID, ours for Note to Self.
pub fn colour_key(id: &ConversationId, me: &SessionId) -> String {
    match id {
        ConversationId::NoteToSelf => me.to_hex(),
        other => other.to_string(),
    }
}

/// One line of the newest message, at most `max` characters.
pub fn preview(text: &str, max: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        line
    } else {
        let mut s: String = line.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The letter in an avatar circle (for a short Session ID, the first of its key: every ID
/// starts with 05).
pub fn initial(title: &str) -> String {
    let text = match title.strip_prefix("05") {
        Some(rest) if title.contains('…') => rest,
        _ => title,
    };
    text.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_else(|| "?".into())
}

/// Number of avatar colours (CSS classes `avatar-c0`…).
pub const AVATAR_COLOURS: u8 = 8;

/// A stable colour class for an ID.
pub fn avatar_class(id: &str) -> String {
    let h = id
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("avatar avatar-c{}", h % AVATAR_COLOURS as u32)
}

/// Unread badge text ("99+" past 99).
pub fn unread_badge(n: u32) -> Option<String> {
    match n {
        0 => None,
        1..=99 => Some(n.to_string()),
        _ => Some("99+".into()),
    }
}
