#![no_main]
//! Stored 1:1 messages: the WebSocket wrapper and the Envelope inside it.

use session_core::message::{decode_envelope, unwrap_websocket};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(body) = unwrap_websocket(data) {
        let _ = decode_envelope(&body);
    }
    let _ = decode_envelope(data);
});
