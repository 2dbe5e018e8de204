#![no_main]
//! Decrypted message plaintext: unpadding and the Content protobuf.

use session_core::message::{decode_content, unpad};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let unpadded = unpad(data);
    assert!(data.starts_with(unpadded));
    let _ = decode_content(data);
});
