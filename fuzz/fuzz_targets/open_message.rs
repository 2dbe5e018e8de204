#![no_main]
//! Opening sealed messages and the whole receive pipeline with a fixed account.

use session_core::identity::Identity;
use session_core::message::{decode_incoming, decrypt_incoming};
use std::sync::OnceLock;

fn account() -> &'static Identity {
    static ACCOUNT: OnceLock<Identity> = OnceLock::new();
    ACCOUNT.get_or_init(|| Identity::from_seed(&[0x42; 16]))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = decrypt_incoming(account(), data);
    let _ = decode_incoming(account(), data);
});
