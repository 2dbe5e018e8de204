#![no_main]
//! A hop's view of untrusted bytes: the envelope, its decryption, and the routing inside.

use session_core::onion::{parse_combined, peel, route};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = parse_combined(data);
    let _ = route(data);
    // The first 32 bytes choose the hop's key, the rest is what it received.
    if let Some((secret, body)) = data.split_first_chunk::<32>() {
        if let Ok(layer) = peel(secret, body) {
            let _ = route(&layer.plaintext);
        }
    }
});
