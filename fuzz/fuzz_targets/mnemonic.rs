#![no_main]
//! Recovery phrases and Session IDs from arbitrary text: Ok or a typed error, never a panic.

use session_core::identity::mnemonic;
use session_core::identity::SessionId;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(seed) = mnemonic::decode_seed(&text) {
        // Whatever decodes must encode to a phrase that decodes to the same seed.
        let again = mnemonic::decode_seed(&mnemonic::encode_seed(&seed));
        assert_eq!(again.ok().as_deref(), Some(&*seed));
    }
    let _ = mnemonic::decode_seed32(&text);
    let _ = text.parse::<SessionId>();
});
