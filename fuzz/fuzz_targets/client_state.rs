#![no_main]
//! The client's saved state, as a host reads it back from its storage: Ok or a typed error,
//! never a panic; what reads back writes out to the same state.

use session_core::client::ClientState;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(state) = ClientState::from_json(&text) {
        let again = ClientState::from_json(&state.to_json());
        assert_eq!(again.ok(), Some(state));
    }
});
