#![no_main]
//! Past the seal: the fuzz bytes are sealed to a fixed account first, so the code after the
//! AEAD sees them. Once as what the seal opens to (message, sender key and signature, to be
//! split and checked), once as a message properly signed by a fixed sender (its padded
//! Content, parsed after the signature verifies), and once through the whole pipeline
//! (WebSocket frame, envelope, seal, signature, Content).

use prost::Message;
use session_core::crypto::sealed_box::seal_with_ephemeral;
use session_core::identity::Identity;
use session_core::message::{
    decode_content, decode_incoming, decrypt_incoming, session_envelope, sign_for_recipient,
    wrap_websocket,
};
use std::sync::OnceLock;

fn account() -> &'static Identity {
    static ACCOUNT: OnceLock<Identity> = OnceLock::new();
    ACCOUNT.get_or_init(|| Identity::from_seed(&[0x42; 16]))
}

fn sender() -> &'static Identity {
    static SENDER: OnceLock<Identity> = OnceLock::new();
    SENDER.get_or_init(|| Identity::from_seed(&[0x17; 16]))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let to = account().x25519_public();
    let Ok(raw) = seal_with_ephemeral(data, &to, &[3; 32]) else {
        return;
    };
    let _ = decrypt_incoming(account(), &raw);

    let signed = sign_for_recipient(sender(), &to, data);
    let Ok(sealed) = seal_with_ephemeral(&signed, &to, &[5; 32]) else {
        return;
    };
    if let Ok(opened) = decrypt_incoming(account(), &sealed) {
        assert_eq!(opened.sender, sender().session_id());
        let _ = decode_content(&opened.plaintext);
    }
    let envelope = session_envelope(1_700_000_000_000, sealed, None);
    let _ = decode_incoming(account(), &wrap_websocket(envelope.encode_to_vec()));
});
