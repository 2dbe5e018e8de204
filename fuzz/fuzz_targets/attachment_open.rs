#![no_main]
//! Downloaded attachment blobs (messaging.md §6.2, §6.4) under both schemes, and avatars
//! (§6.6) under theirs, with a key and a size from the same hostile bytes: every outcome is a
//! typed error or a file of that size (an avatar: its blob less the IV and tag).

use session_core::attachment::url::FileUrl;
use session_core::attachment::{avatar, deterministic, legacy};

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
    // The key's length comes from the input too, so wrong lengths are exercised.
    let key = &head[..32 + usize::from(head[64] % 3) - 1];
    if let Ok(image) = avatar::decrypt(blob, key) {
        assert_eq!(image.len() + avatar::IV_LEN + avatar::TAG_LEN, blob.len());
    }
    let url = if head[65] & 1 == 1 {
        "http://filev2.getsession.org/file/x#d"
    } else {
        "http://filev2.getsession.org/file/x"
    };
    if let Ok(url) = FileUrl::parse(url) {
        let _ = avatar::open(&url, blob, key);
    }
});
