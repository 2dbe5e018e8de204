//! Avatars (profile pictures) as the official apps encrypt them (messaging.md §6.6). The
//! legacy scheme, which the desktop app sends by default, is AES-256-GCM under the 32-byte
//! profile key with a random 12-byte IV: the blob is `iv(12) ‖ ciphertext ‖ tag(16)`, the
//! layout WebCrypto gives, with no size padding and no digest. An avatar whose URL carries the
//! `d` fragment uses the deterministic stream scheme instead ([`super::deterministic`], the
//! profile-picture domain), the profile key being the stream key.
//!
//! The key travels in the sender's messages and in the UserProfile/Contacts configs, never in
//! the URL; [`open`] picks the scheme from the URL so a receiver reads both.

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use super::url::FileUrl;
use super::{deterministic, AttachmentError, MAX_ATTACHMENT_BYTES};

/// Length of the profile key.
pub const KEY_LEN: usize = 32;
/// Length of the IV in front of the blob.
pub const IV_LEN: usize = 12;
/// Length of the GCM tag at its end.
pub const TAG_LEN: usize = 16;
/// The shortest blob the official apps open: IV, tag and at least one byte of image.
pub const MIN_BLOB_LEN: usize = IV_LEN + TAG_LEN + 1;

/// An encrypted avatar: the blob to upload and the profile key that opens it (`profileKey`,
/// the configs' `q`), shaped as the deterministic scheme's.
pub use super::deterministic::Sealed;

/// Encrypts `image` under `key` and `iv` (for tests, vectors, and re-encrypting under a kept
/// key). Images over [`MAX_ATTACHMENT_BYTES`] are refused: the file server would refuse them.
pub fn encrypt(
    image: &[u8],
    key: &[u8; KEY_LEN],
    iv: &[u8; IV_LEN],
) -> Result<Vec<u8>, AttachmentError> {
    if image.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge { size: image.len() });
    }
    let cipher = Aes256Gcm::new(key.into());
    let mut blob = Vec::with_capacity(IV_LEN + image.len() + TAG_LEN);
    blob.extend_from_slice(iv);
    blob.extend_from_slice(image);
    let tag = cipher
        .encrypt_in_place_detached(Nonce::from_slice(iv), &[], &mut blob[IV_LEN..])
        // GCM refuses only inputs past 64 GiB, far above the limit checked above.
        .map_err(|_| AttachmentError::TooLarge { size: image.len() })?;
    blob.extend_from_slice(&tag);
    Ok(blob)
}

/// Encrypts `image` under a fresh profile key and IV from `rng`.
pub fn encrypt_random(
    image: &[u8],
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Sealed, AttachmentError> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    rng.fill_bytes(&mut key[..]);
    let mut iv = [0u8; IV_LEN];
    rng.fill_bytes(&mut iv);
    let blob = encrypt(image, &key, &iv)?;
    Ok(Sealed { blob, key })
}

/// Opens a legacy avatar blob with the profile `key`: the key must be 32 bytes, the blob at
/// least [`MIN_BLOB_LEN`], and the tag must verify before anything is returned.
pub fn decrypt(blob: &[u8], key: &[u8]) -> Result<Vec<u8>, AttachmentError> {
    let key: &[u8; KEY_LEN] = key
        .try_into()
        .map_err(|_| AttachmentError::BadKey { len: key.len() })?;
    if blob.len() < MIN_BLOB_LEN {
        return Err(AttachmentError::Truncated { len: blob.len() });
    }
    let (iv, rest) = blob.split_at(IV_LEN);
    let (ciphertext, tag) = rest.split_at(rest.len() - TAG_LEN);
    let cipher = Aes256Gcm::new(key.into());
    let mut image = Zeroizing::new(ciphertext.to_vec());
    cipher
        .decrypt_in_place_detached(
            Nonce::from_slice(iv),
            &[],
            &mut image[..],
            Tag::from_slice(tag),
        )
        .map_err(|_| AttachmentError::BadMac)?;
    Ok(image.to_vec())
}

/// Opens the avatar downloaded from `url` with the profile `key`: the deterministic scheme
/// when the URL carries the `d` fragment, else the legacy one.
pub fn open(url: &FileUrl, blob: &[u8], key: &[u8]) -> Result<Vec<u8>, AttachmentError> {
    if url.deterministic {
        deterministic::decrypt(blob, key, None)
    } else {
        decrypt(blob, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachment::deterministic::Domain;
    use aes_gcm::aead::Aead;
    use rand_core::OsRng;

    fn hex(text: &str) -> Vec<u8> {
        hex::decode(text).unwrap()
    }

    /// Key 00..1f, IV a0..ab, "Session avatar vector": computed once with OpenSSL (Python's
    /// `cryptography` AESGCM) and with Node's WebCrypto, which agree; the app's browser test
    /// checks the same bytes against the browser's WebCrypto.
    const VECTOR: &str = "a0a1a2a3a4a5a6a7a8a9aaabb57d0f5e2ca46c9f0313e6a76608e0a815cf2d7fe004c7\
                          bbeeff7934038e035b3d56cc890f";

    fn vector_key() -> [u8; 32] {
        std::array::from_fn(|i| i as u8)
    }

    fn vector_iv() -> [u8; 12] {
        std::array::from_fn(|i| 0xa0 + i as u8)
    }

    #[test]
    fn the_fixed_vector_encrypts_and_opens() {
        let blob = encrypt(b"Session avatar vector", &vector_key(), &vector_iv()).unwrap();
        assert_eq!(blob, hex(VECTOR));
        assert_eq!(
            decrypt(&blob, &vector_key()).unwrap(),
            b"Session avatar vector"
        );
    }

    #[test]
    fn the_layout_is_iv_then_what_aes_gcm_gives() {
        let key = [7u8; 32];
        let iv = [9u8; 12];
        let image = b"\x89PNG\r\n\x1a\nnot really a picture".repeat(40);
        let blob = encrypt(&image, &key, &iv).unwrap();
        // The aes-gcm crate's own combined output is ciphertext ‖ tag.
        let direct = Aes256Gcm::new((&key).into())
            .encrypt(Nonce::from_slice(&iv), &image[..])
            .unwrap();
        assert_eq!(&blob[..IV_LEN], &iv);
        assert_eq!(&blob[IV_LEN..], &direct[..]);
        assert_eq!(blob.len(), IV_LEN + image.len() + TAG_LEN);
    }

    #[test]
    fn random_keys_round_trip_and_differ() {
        let a = encrypt_random(b"picture", &mut OsRng).unwrap();
        let b = encrypt_random(b"picture", &mut OsRng).unwrap();
        assert_ne!(a.blob, b.blob);
        assert_ne!(*a.key, *b.key);
        assert_eq!(decrypt(&a.blob, &a.key[..]).unwrap(), b"picture");
        assert_eq!(decrypt(&a.blob, &b.key[..]), Err(AttachmentError::BadMac));
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let key = vector_key();
        let good = hex(VECTOR);
        assert_eq!(
            decrypt(&good, &key[..31]),
            Err(AttachmentError::BadKey { len: 31 })
        );
        assert_eq!(
            decrypt(&good[..MIN_BLOB_LEN - 1], &key),
            Err(AttachmentError::Truncated { len: 28 })
        );
        assert_eq!(
            decrypt(&[], &key),
            Err(AttachmentError::Truncated { len: 0 })
        );
        for i in [0, IV_LEN, good.len() - 1] {
            let mut bad = good.clone();
            bad[i] ^= 1;
            assert_eq!(
                decrypt(&bad, &key),
                Err(AttachmentError::BadMac),
                "byte {i}"
            );
        }
        // The shortest blob the official apps accept: one byte of image.
        let one = encrypt(b"x", &key, &[0; 12]).unwrap();
        assert_eq!(one.len(), MIN_BLOB_LEN);
        assert_eq!(decrypt(&one, &key).unwrap(), b"x");
        assert_eq!(
            encrypt(&vec![0; MAX_ATTACHMENT_BYTES + 1], &key, &[0; 12]),
            Err(AttachmentError::TooLarge {
                size: MAX_ATTACHMENT_BYTES + 1
            })
        );
    }

    #[test]
    fn the_url_fragment_picks_the_scheme() {
        let image = b"\xff\xd8\xff\xe0 a small jpeg";
        let legacy = encrypt_random(image, &mut OsRng).unwrap();
        let plain = FileUrl::parse("http://filev2.getsession.org/file/abc").unwrap();
        let marked = FileUrl::parse("http://filev2.getsession.org/file/abc#d").unwrap();
        assert_eq!(open(&plain, &legacy.blob, &legacy.key[..]).unwrap(), image);
        assert!(open(&marked, &legacy.blob, &legacy.key[..]).is_err());

        let stream = deterministic::encrypt(&[3; 32], image, Domain::ProfilePicture).unwrap();
        assert_eq!(open(&marked, &stream.blob, &stream.key[..]).unwrap(), image);
        assert!(open(&plain, &stream.blob, &stream.key[..]).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn any_bytes_give_an_image_or_an_error(
            blob in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
            key in proptest::collection::vec(proptest::num::u8::ANY, 30..34),
        ) {
            let _ = decrypt(&blob, &key);
        }

        #[test]
        fn everything_round_trips(image in proptest::collection::vec(proptest::num::u8::ANY, 1..2000)) {
            let sealed = encrypt_random(&image, &mut OsRng).unwrap();
            proptest::prop_assert_eq!(sealed.blob.len(), image.len() + IV_LEN + TAG_LEN);
            proptest::prop_assert_eq!(decrypt(&sealed.blob, &sealed.key[..]).unwrap(), image);
        }
    }
}
