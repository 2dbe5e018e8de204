#![no_main]
//! Conversation names from arbitrary text (routes, storage keys): Ok or a typed error, never a
//! panic; what parses prints back to a text that parses to the same conversation.

use session_core::conversation::ConversationId;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(id) = text.parse::<ConversationId>() {
        let again = id.to_string().parse::<ConversationId>();
        assert_eq!(again.ok(), Some(id));
    }
});
