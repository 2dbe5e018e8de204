//! How a reply shows the message it quotes: looked up among the loaded messages by author and
//! time (the quote carries nothing else, as in the official apps), with a short excerpt, or
//! "Original message not found" when it is gone or not loaded.

use crate::storage::{MessageRecord, QuoteRecord};

/// Longest excerpt of a quoted text, in characters.
pub const EXCERPT_CHARS: usize = 120;

/// The quoted message among `messages`.
pub fn find<'a>(messages: &'a [MessageRecord], q: &QuoteRecord) -> Option<&'a MessageRecord> {
    messages
        .iter()
        .find(|m| m.author == q.author && (m.ts == q.ts || m.sent_ms == Some(q.ts)))
}

/// What the quote shows of `m`: its first line cut to [`EXCERPT_CHARS`], or what its files
/// are; `None` when it was deleted.
pub fn excerpt(m: &MessageRecord) -> Option<String> {
    if m.deleted {
        return None;
    }
    let line = m.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if line.is_empty() {
        return Some(m.preview());
    }
    let mut cut: String = line.chars().take(EXCERPT_CHARS).collect();
    if line.chars().count() > EXCERPT_CHARS || m.text.lines().count() > 1 {
        cut.push('…');
    }
    Some(cut)
}
