//! What a received message says about its sender's profile, made safe to show
//! (messaging.md §5.9): the display name capped at 100 bytes as the official apps cap it, with
//! the characters that can disguise text (bidirectional overrides, zero-width and other
//! invisible format characters, control characters) removed.

use super::receive::MessageEvent;
use crate::proto::session::LokiProfile;

/// Longest display name, in bytes of UTF-8 (libsession's profile and contact limit).
pub const MAX_NAME_BYTES: usize = 100;

/// A sender's profile as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderProfile {
    /// The display name, cleaned (see [`clean_display_name`]).
    pub display_name: String,
    /// `lastProfileUpdateSeconds` (0 when the sender gave none).
    pub updated_s: u64,
    /// The avatar's URL and 32-byte key, when both came.
    pub picture: Option<(String, [u8; 32])>,
}

/// Characters that change how the text around them is displayed without being seen: the
/// bidirectional embeddings, overrides and isolates, zero-width characters, the byte order
/// mark, and the other invisible format characters a name has no use for.
fn is_disguise(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'   // zero-width space, joiners, LRM/RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{061C}'              // Arabic letter mark
            | '\u{180E}'              // Mongolian vowel separator
            | '\u{FEFF}'              // byte order mark
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
    )
}

/// A display name made safe to show, or `None` when nothing visible remains: disguising and
/// control characters removed, runs of white space folded to one space, trimmed, and cut to
/// [`MAX_NAME_BYTES`] on a character boundary.
pub fn clean_display_name(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len().min(MAX_NAME_BYTES));
    let mut space = false;
    for c in name.chars().filter(|c| !is_disguise(*c)) {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        let extra = usize::from(space) + c.len_utf8();
        if out.len() + extra > MAX_NAME_BYTES {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

/// The profile a message carries, cleaned; `None` when there is none or its name is empty
/// once cleaned.
pub fn profile_of(p: Option<&LokiProfile>, profile_key: Option<&[u8]>) -> Option<SenderProfile> {
    let p = p?;
    let display_name = clean_display_name(p.display_name.as_deref()?)?;
    let key: Option<[u8; 32]> = profile_key.and_then(|k| k.try_into().ok());
    let picture = match (p.profile_picture.as_deref(), key) {
        (Some(url), Some(key)) if !url.is_empty() => Some((url.to_owned(), key)),
        _ => None,
    };
    Some(SenderProfile {
        display_name,
        updated_s: p.last_profile_update_seconds.unwrap_or(0),
        picture,
    })
}

impl MessageEvent {
    /// The profile the sender attached, cleaned; `None` when there is none or its name is
    /// empty once cleaned.
    pub fn sender_profile(&self) -> Option<SenderProfile> {
        let dm = self.content.data_message.as_ref()?;
        profile_of(dm.profile.as_ref(), dm.profile_key.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_what_disguises_them() {
        assert_eq!(clean_display_name("Alice").as_deref(), Some("Alice"));
        // "Bob" followed by a right-to-left override that would reverse what follows.
        assert_eq!(
            clean_display_name("Bob\u{202E}gnp.exe").as_deref(),
            Some("Bobgnp.exe")
        );
        assert_eq!(
            clean_display_name("\u{200B}Ca\u{200D}rol\u{FEFF}").as_deref(),
            Some("Carol")
        );
        assert_eq!(
            clean_display_name("  two \n\t words ").as_deref(),
            Some("two words")
        );
        assert_eq!(clean_display_name("\u{2066}\u{200B} \u{202E}"), None);
        assert_eq!(clean_display_name(""), None);
        // Emoji and other scripts stay.
        assert_eq!(
            clean_display_name("Zoë 🦊 Смирнова").as_deref(),
            Some("Zoë 🦊 Смирнова")
        );
    }

    #[test]
    fn names_are_cut_at_100_bytes_on_a_character() {
        let long = "é".repeat(80); // 160 bytes
        let cut = clean_display_name(&long).unwrap();
        assert_eq!(cut.len(), 100);
        assert_eq!(cut.chars().count(), 50);
        let mixed = format!("{}🦊", "a".repeat(98)); // the fox would end at 102
        assert_eq!(clean_display_name(&mixed).unwrap(), "a".repeat(98));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn cleaned_names_are_short_and_visible(name in "\\PC{0,200}") {
            if let Some(clean) = clean_display_name(&name) {
                proptest::prop_assert!(clean.len() <= MAX_NAME_BYTES);
                proptest::prop_assert!(!clean.chars().any(is_disguise));
                proptest::prop_assert_eq!(clean.trim(), clean.as_str());
                proptest::prop_assert_eq!(clean_display_name(&clean), Some(clean.clone()));
            }
        }
    }
}
