#![no_main]
//! Past the reply's AEAD: the fuzz bytes are encrypted with a fixed layer key, so the JSON of a
//! node's reply and the bencoded v4 response of a server are parsed from arbitrary plaintext.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand_core::{CryptoRng, Error, RngCore};
use session_core::onion::{decode_node_reply, decode_server_reply, EncType, LayerKey};

/// Fixed nonces: reproducible inputs for the fuzzer.
struct Counter(u64);

impl RngCore for Counter {
    fn next_u32(&mut self) -> u32 {
        self.next_u64() as u32
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(1);
        self.0
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for b in dest {
            *b = self.next_u64() as u8;
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for Counter {}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for enc in [EncType::AesGcm, EncType::XChaCha20] {
        let Ok(key) = LayerKey::client(&[7; 32], &[9; 32], enc) else {
            continue;
        };
        let ciphertext = key.encrypt(data, &mut Counter(0));
        let _ = decode_server_reply(&key, &ciphertext);
        let text = STANDARD.encode(&ciphertext);
        let _ = decode_node_reply(&key, text.as_bytes());
        let wrapped = format!("{{\"result\":\"{text}\"}}");
        let _ = decode_node_reply(&key, wrapped.as_bytes());
    }
});
