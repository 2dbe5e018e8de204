#![no_main]
//! Downloaded attachment blobs (messaging.md §6.2, §6.4) under both schemes, with a key and a
//! size from the same hostile bytes: every outcome is a typed error or a file of that size.

use session_core::attachment::{deterministic, legacy};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 66 {
        return;
    }
    let (head, blob) = data.split_at(66);
    let size = usize::from(u16::from_le_bytes([head[64], head[65]]));
    if let Ok(file) = deterministic::decrypt(blob, &head[..32], Some(size)) {
        assert_eq!(file.len(), size);
    }
    let digest: [u8; 32] = {
        use sha2::Digest;
        sha2::Sha256::digest(blob).into()
    };
    if let Ok(file) = legacy::decrypt(blob, &head[..64], Some(&digest), Some(size)) {
        assert_eq!(file.len(), size);
    }
});
