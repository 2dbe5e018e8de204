#![no_main]
//! A client reading untrusted replies: node replies (base64, legacy wrapper, JSON inside) and
//! server v4 responses.

use session_core::onion::{decode_node_reply, decode_server_reply, v4, EncType, LayerKey};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = v4::decode_response(data);
    let _ = v4::decode_request(data);
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        if let Ok(key) = LayerKey::client(&[7; 32], &[9; 32], enc) {
            let _ = decode_node_reply(&key, data);
            let _ = decode_server_reply(&key, data);
        }
    }
});
