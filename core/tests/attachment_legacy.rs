//! The legacy attachment scheme (messaging.md §6.2–§6.3): the blob's layout checked against
//! an independent AES-CBC and HMAC, round trips of any size, and every way a downloaded blob
//! can be wrong turned into its typed error.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use rand_core::OsRng;
use session_core::attachment::legacy::{decrypt, encrypt, encrypt_with, padded_size, KEY_LEN};
use session_core::attachment::{AttachmentError, MAX_ATTACHMENT_BYTES};
use sha2::{Digest, Sha256};

fn key_iv() -> ([u8; KEY_LEN], [u8; 16]) {
    let mut key = [0u8; KEY_LEN];
    for (i, b) in key.iter_mut().enumerate() {
        *b = i as u8 ^ 0x5a;
    }
    let mut iv = [0u8; 16];
    for (i, b) in iv.iter_mut().enumerate() {
        *b = 0xf0 | i as u8;
    }
    (key, iv)
}

#[test]
fn the_blob_is_iv_then_cbc_ciphertext_then_hmac_of_both() {
    let (key, iv) = key_iv();
    let file = b"a photo, as far as this test is concerned".to_vec();
    let sealed = encrypt_with(&file, true, &key, &iv);
    let blob = &sealed.blob;
    assert_eq!(&blob[..16], &iv);
    let (body, mac) = blob.split_at(blob.len() - 32);
    // HMAC-SHA256 keyed with the second half of the key, by the hmac crate's own key setup.
    let mut check = <Hmac<Sha256> as Mac>::new_from_slice(&key[32..]).unwrap();
    check.update(body);
    assert_eq!(check.finalize().into_bytes().as_slice(), mac);
    // AES-256-CBC with PKCS#7 under the first half; the plaintext is the file zero-padded.
    let plain = cbc::Decryptor::<aes::Aes256>::new((&key[..32]).into(), (&iv).into())
        .decrypt_padded_vec_mut::<Pkcs7>(&body[16..])
        .unwrap();
    assert_eq!(plain.len(), padded_size(file.len()));
    assert_eq!(&plain[..file.len()], &file[..]);
    assert!(plain[file.len()..].iter().all(|b| *b == 0));
    assert_eq!(sealed.digest.as_slice(), Sha256::digest(blob).as_slice());
    assert_eq!(sealed.size, file.len());
    // Unpadded (link-preview images): the plaintext is the file itself.
    let bare = encrypt_with(&file, false, &key, &iv);
    assert_eq!(bare.blob.len(), 16 + (file.len() / 16 + 1) * 16 + 32);
}

#[test]
fn padding_steps_by_at_most_five_percent_and_stays_within_the_limit() {
    assert_eq!(padded_size(0), padded_size(1));
    let mut last = 0;
    for n in (1..2_000).chain((2_000..MAX_ATTACHMENT_BYTES).step_by(9_973)) {
        let p = padded_size(n);
        assert!(p >= n && p >= 541, "{n} → {p}");
        assert!(p >= last, "monotonic at {n}");
        assert!(p <= MAX_ATTACHMENT_BYTES, "{n} → {p}");
        if n > 541 {
            assert!((p as f64) <= (n as f64) * 1.05 + 1.0, "{n} → {p}");
        }
        last = p;
    }
    assert_eq!(padded_size(MAX_ATTACHMENT_BYTES), MAX_ATTACHMENT_BYTES);
}

#[test]
fn every_wrong_blob_is_a_typed_error() {
    let sealed = encrypt(b"the file", true, &mut OsRng).unwrap();
    let key = &sealed.key[..];
    let digest = Some(&sealed.digest[..]);
    let open =
        |blob: &[u8], key: &[u8], digest: Option<&[u8]>, size| decrypt(blob, key, digest, size);
    assert_eq!(
        open(&sealed.blob, key, digest, Some(8)).unwrap(),
        b"the file"
    );
    // Without a size the padding stays.
    assert_eq!(
        open(&sealed.blob, key, digest, None).unwrap().len(),
        padded_size(8)
    );

    let mut changed = sealed.blob.clone();
    changed[20] ^= 1;
    assert_eq!(
        open(&changed, key, digest, Some(8)),
        Err(AttachmentError::DigestMismatch)
    );
    let new_digest = Sha256::digest(&changed);
    assert_eq!(
        open(&changed, key, Some(&new_digest), Some(8)),
        Err(AttachmentError::BadMac)
    );
    let mut other_key = sealed.key.to_vec();
    other_key[40] ^= 1;
    assert_eq!(
        open(&sealed.blob, &other_key, digest, Some(8)),
        Err(AttachmentError::BadMac)
    );
    assert_eq!(
        open(&sealed.blob, key, None, Some(8)),
        Err(AttachmentError::MissingDigest)
    );
    assert_eq!(
        open(&sealed.blob, &key[..32], digest, Some(8)),
        Err(AttachmentError::BadKey { len: 32 })
    );
    let cut = &sealed.blob[..sealed.blob.len() - 1];
    assert!(matches!(
        open(cut, key, Some(&Sha256::digest(cut)), Some(8)),
        Err(AttachmentError::Truncated { .. })
    ));
    assert!(matches!(
        open(&sealed.blob[..40], key, digest, Some(8)),
        Err(AttachmentError::Truncated { .. })
    ));
    assert_eq!(
        open(&sealed.blob, key, digest, Some(10_000)),
        Err(AttachmentError::SizeMismatch {
            expected: 10_000,
            got: padded_size(8)
        })
    );
    // A file over the limit is refused before anything is encrypted, with a readable reason.
    let big = vec![0u8; MAX_ATTACHMENT_BYTES + 1];
    let err = encrypt(&big, true, &mut OsRng).unwrap_err();
    assert_eq!(
        err,
        AttachmentError::TooLarge {
            size: MAX_ATTACHMENT_BYTES + 1
        }
    );
    assert!(err.to_string().contains("at most 10000000 bytes"));
}

#[test]
fn a_key_and_iv_are_never_reused() {
    let a = encrypt(b"same", true, &mut OsRng).unwrap();
    let b = encrypt(b"same", true, &mut OsRng).unwrap();
    assert_ne!(a.key, b.key);
    assert_ne!(a.blob[..16], b.blob[..16]);
    assert_ne!(a.digest, b.digest);
}

proptest! {
    #[test]
    fn any_file_comes_back_whole(file in proptest::collection::vec(any::<u8>(), 0..5_000), pad in any::<bool>()) {
        let sealed = encrypt(&file, pad, &mut OsRng).unwrap();
        let back = decrypt(&sealed.blob, &sealed.key[..], Some(&sealed.digest), Some(sealed.size)).unwrap();
        prop_assert_eq!(back, file);
    }

    #[test]
    fn arbitrary_blobs_never_panic(blob in proptest::collection::vec(any::<u8>(), 0..200), key in proptest::collection::vec(any::<u8>(), 0..80)) {
        let digest = Sha256::digest(&blob);
        let _ = decrypt(&blob, &key, Some(&digest), Some(3));
    }
}
