//! Attachment crypto through WebCrypto in a real browser: byte for byte the core's legacy
//! scheme, the core's checks in the core's order with the same errors, deterministic blobs
//! through the core, and the core's pure-Rust path when there is no `crypto.subtle`.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand_core::OsRng;
use session_core::attachment::deterministic::{self, Domain};
use session_core::attachment::legacy::{self, padded_size};
use session_core::attachment::pointer::{self, Attachment, AttachmentKey, AttachmentMeta};
use session_core::attachment::url::FileUrl;
use session_core::attachment::{AttachmentError, MAX_ATTACHMENT_BYTES};
use session_web::files::crypto::{open, open_legacy, seal, seal_webcrypto, seal_with};
use session_web::util::webcrypto::{self, WebCryptoError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use zeroize::Zeroizing;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: [u8; 64] = {
    let mut k = [0u8; 64];
    let mut i = 0;
    while i < 64 {
        k[i] = (i as u8).wrapping_mul(37).wrapping_add(11);
        i += 1;
    }
    k
};
const IV: [u8; 16] = *b"sixteen byte iv!";

fn file(n: usize) -> Vec<u8> {
    (0..n as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

fn pointer_of(key: AttachmentKey, digest: Option<[u8; 32]>, size: Option<u32>) -> Attachment {
    Attachment {
        url: FileUrl::parse("http://filev2.getsession.org/file/12345").unwrap(),
        key,
        digest,
        size,
        meta: AttachmentMeta::default(),
    }
}

fn legacy_pointer(s: &legacy::Sealed) -> Attachment {
    pointer_of(
        AttachmentKey::Legacy(s.key.clone()),
        Some(s.digest),
        Some(s.size as u32),
    )
}

/// Opens through WebCrypto and through the core; both must agree.
async fn open_both(a: &Attachment, blob: &[u8]) -> Result<Vec<u8>, AttachmentError> {
    let ours = open(a, blob).await;
    assert_eq!(ours, a.open(blob), "WebCrypto and the core disagree");
    ours
}

#[wasm_bindgen_test]
async fn the_wrappers_give_known_answers() {
    let abc = webcrypto::sha256(b"abc").await.unwrap();
    assert_eq!(
        hex::encode(abc),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // RFC 4231, test case 2.
    let mac = webcrypto::hmac_sha256(b"Jefe", b"what do ya want for nothing?")
        .await
        .unwrap();
    assert_eq!(
        hex::encode(mac),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    // SP 800-38A F.2.5, first block; WebCrypto appends a whole PKCS#7 block.
    let key: [u8; 32] =
        hex::decode("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            .unwrap()
            .try_into()
            .unwrap();
    let iv: [u8; 16] = core::array::from_fn(|i| i as u8);
    let plain = hex::decode("6bc1bee22e409f96e93d7e117393172a").unwrap();
    let ct = webcrypto::aes_cbc_encrypt(&key, &iv, &plain).await.unwrap();
    assert_eq!(ct.len(), 32);
    assert_eq!(hex::encode(&ct[..16]), "f58c4c04d6e5f1ba779eabfb5f7bfbd6");
    assert_eq!(
        webcrypto::aes_cbc_decrypt(&key, &iv, &ct).await.unwrap(),
        plain
    );
    // The first block alone ends in 0x2a, which is no PKCS#7 padding.
    assert_eq!(
        webcrypto::aes_cbc_decrypt(&key, &iv, &ct[..16]).await,
        Err(WebCryptoError::BadPadding)
    );
    assert!(webcrypto::available());
}

#[wasm_bindgen_test]
async fn webcrypto_blobs_are_the_cores_byte_for_byte() {
    for n in [0, 1, 15, 16, 541, 542, 100_000, 3_000_000] {
        let data = file(n);
        let core = legacy::encrypt_with(&data, true, &KEY, &IV);
        // WebCrypto alone (seal_with would fall back to the core on a failure).
        let strict = seal_webcrypto(&data, &KEY, &IV).await.unwrap();
        assert!(strict == core, "blob of {n} bytes differs");
        let ours = seal_with(&data, &KEY, &IV).await.unwrap();
        assert_eq!(
            ours.blob.len(),
            16 + (padded_size(n) / 16 + 1) * 16 + 32,
            "{n}"
        );
        assert!(ours.blob == core.blob, "blob of {n} bytes differs");
        assert_eq!(ours.secret.digest, Some(core.digest), "{n}");
        assert_eq!(ours.secret.size as usize, n);
        assert!(ours.secret.key == AttachmentKey::Legacy(Zeroizing::new(KEY)));
    }
}

#[wasm_bindgen_test]
async fn core_made_blobs_open() {
    for n in [0, 1, 15, 16, 541, 100_000, 3_000_000] {
        let data = file(n);
        let sealed = pointer::seal(&data, &mut OsRng).unwrap();
        let a = pointer_of(sealed.secret.key, sealed.secret.digest, Some(n as u32));
        assert!(open_both(&a, &sealed.blob).await.unwrap() == data, "{n}");
    }
}

#[wasm_bindgen_test]
async fn sealed_files_have_fresh_keys_and_open_in_the_core() {
    let data = file(5_000);
    let one = seal(&data).await.unwrap();
    let two = seal(&data).await.unwrap();
    assert_ne!(one.secret.key, two.secret.key);
    assert_ne!(one.blob[..16], two.blob[..16], "a fresh IV each time");
    for s in [one, two] {
        let a = pointer_of(s.secret.key, s.secret.digest, Some(s.secret.size));
        assert!(a.open(&s.blob).unwrap() == data);
        assert!(open(&a, &s.blob).await.unwrap() == data);
    }
}

#[wasm_bindgen_test]
async fn too_large_files_are_refused() {
    let big = vec![0u8; MAX_ATTACHMENT_BYTES + 1];
    let too_large = Err(AttachmentError::TooLarge { size: big.len() });
    assert_eq!(seal(&big).await.map(|s| s.blob.len()), too_large);
    assert_eq!(
        seal_with(&big, &KEY, &IV).await.map(|s| s.blob.len()),
        too_large
    );
}

#[wasm_bindgen_test]
async fn a_flipped_byte_anywhere_is_a_digest_mismatch() {
    let sealed = legacy::encrypt_with(&file(2_000), true, &KEY, &IV);
    let a = legacy_pointer(&sealed);
    let len = sealed.blob.len();
    // IV, first and middle ciphertext, last ciphertext byte, MAC.
    for at in [0, 15, 16, len / 2, len - 33, len - 32, len - 1] {
        let mut blob = sealed.blob.clone();
        blob[at] ^= 0x40;
        assert_eq!(
            open_both(&a, &blob).await,
            Err(AttachmentError::DigestMismatch),
            "byte {at}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_wrong_or_missing_digest_is_refused() {
    let sealed = legacy::encrypt_with(&file(700), true, &KEY, &IV);
    let mut a = legacy_pointer(&sealed);
    let mut digest = sealed.digest;
    digest[31] ^= 1;
    a.digest = Some(digest);
    assert_eq!(
        open_both(&a, &sealed.blob).await,
        Err(AttachmentError::DigestMismatch)
    );
    a.digest = None;
    assert_eq!(
        open_both(&a, &sealed.blob).await,
        Err(AttachmentError::MissingDigest)
    );
    // A 31-byte digest matches nothing.
    assert_eq!(
        open_legacy(&sealed.blob, &KEY, Some(&sealed.digest[..31]), None).await,
        Err(AttachmentError::DigestMismatch)
    );
}

#[wasm_bindgen_test]
async fn a_good_digest_under_a_wrong_mac_key_is_bad_mac() {
    let sealed = legacy::encrypt_with(&file(700), true, &KEY, &IV);
    let mut key = KEY;
    key[40] ^= 1;
    let a = pointer_of(
        AttachmentKey::Legacy(Zeroizing::new(key)),
        Some(sealed.digest),
        Some(700),
    );
    assert_eq!(
        open_both(&a, &sealed.blob).await,
        Err(AttachmentError::BadMac)
    );
}

#[wasm_bindgen_test]
async fn short_or_ragged_blobs_are_truncated_and_bad_keys_refused() {
    let sealed = legacy::encrypt_with(&file(700), true, &KEY, &IV);
    let a = legacy_pointer(&sealed);
    let len = sealed.blob.len();
    for cut in [len - 1, len - 17, 63, 40, 0] {
        assert_eq!(
            open_both(&a, &sealed.blob[..cut]).await,
            Err(AttachmentError::Truncated { len: cut }),
            "{cut} bytes"
        );
    }
    // The key is checked first, even before the blob's shape.
    assert_eq!(
        open_legacy(&sealed.blob[..10], &KEY[..63], Some(&sealed.digest), None).await,
        Err(AttachmentError::BadKey { len: 63 })
    );
}

#[wasm_bindgen_test]
async fn a_bad_padding_under_a_good_mac_is_bad_padding() {
    // 32 bytes encrypted without their padding block: the digest and MAC are right, the last
    // plaintext byte (0x77) is no PKCS#7 padding.
    let (aes, mac_key) = KEY.split_at(32);
    let aes: [u8; 32] = aes.try_into().unwrap();
    let ct = webcrypto::aes_cbc_encrypt(&aes, &IV, &[0x77; 32])
        .await
        .unwrap();
    let mut blob = IV.to_vec();
    blob.extend_from_slice(&ct[..32]);
    let mac = webcrypto::hmac_sha256(mac_key, &blob).await.unwrap();
    blob.extend_from_slice(&mac);
    let digest = webcrypto::sha256(&blob).await.unwrap();
    let a = pointer_of(
        AttachmentKey::Legacy(Zeroizing::new(KEY)),
        Some(digest),
        None,
    );
    assert_eq!(open_both(&a, &blob).await, Err(AttachmentError::BadPadding));
}

#[wasm_bindgen_test]
async fn the_size_cuts_the_padding_or_is_refused() {
    let data = file(1_000);
    let sealed = legacy::encrypt_with(&data, true, &KEY, &IV);
    let mut a = legacy_pointer(&sealed);
    a.size = None;
    let all = open_both(&a, &sealed.blob).await.unwrap();
    assert_eq!(all.len(), padded_size(1_000));
    assert!(all[..1_000] == data[..] && all[1_000..].iter().all(|b| *b == 0));
    a.size = Some(10);
    assert!(open_both(&a, &sealed.blob).await.unwrap() == data[..10]);
    a.size = Some(padded_size(1_000) as u32 + 1);
    assert_eq!(
        open_both(&a, &sealed.blob).await,
        Err(AttachmentError::SizeMismatch {
            expected: padded_size(1_000) + 1,
            got: padded_size(1_000),
        })
    );
}

#[wasm_bindgen_test]
async fn deterministic_blobs_from_the_core_open() {
    let data = file(70_000);
    let det = deterministic::encrypt(&[5; 32], &data, Domain::Attachment).unwrap();
    let a = pointer_of(
        AttachmentKey::Deterministic(det.key.clone()),
        None,
        Some(70_000),
    );
    assert!(open_both(&a, &det.blob).await.unwrap() == data);
    let mut changed = det.blob.clone();
    changed[100] ^= 1;
    assert_eq!(open_both(&a, &changed).await, Err(AttachmentError::BadMac));
}

/// Hides `crypto.subtle` as an insecure context would (an own property shadowing the
/// prototype's getter), or shows it again.
fn hide_subtle(hide: bool) {
    let crypto: js_sys::Object = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .unwrap()
        .unchecked_into();
    let name = JsValue::from_str("subtle");
    if hide {
        let desc = js_sys::Object::new();
        js_sys::Reflect::set(&desc, &"value".into(), &JsValue::UNDEFINED).unwrap();
        js_sys::Reflect::set(&desc, &"configurable".into(), &JsValue::TRUE).unwrap();
        js_sys::Reflect::define_property(&crypto, &name, &desc).unwrap();
    } else {
        js_sys::Reflect::delete_property(&crypto, &name).unwrap();
    }
}

#[wasm_bindgen_test]
async fn without_webcrypto_the_core_does_the_work() {
    let data = file(3_000);
    let core = legacy::encrypt_with(&data, true, &KEY, &IV);
    let a = legacy_pointer(&core);
    let mut tampered = core.blob.clone();
    tampered[20] ^= 1;

    // Nothing below waits on the browser while the property is hidden: without WebCrypto
    // these futures finish when first polled.
    hide_subtle(true);
    let available = webcrypto::available();
    let sha = webcrypto::sha256(b"abc").await;
    let strict = seal_webcrypto(&data, &KEY, &IV).await.map(|s| s.blob);
    let sealed = seal_with(&data, &KEY, &IV).await.map(|s| s.blob);
    let opened = open(&a, &core.blob).await;
    let refused = open(&a, &tampered).await;
    hide_subtle(false);

    assert!(!available);
    assert_eq!(sha, Err(WebCryptoError::Unavailable));
    assert_eq!(strict, Err(WebCryptoError::Unavailable));
    assert!(sealed.unwrap() == core.blob);
    assert!(opened.unwrap() == data);
    assert_eq!(refused, Err(AttachmentError::DigestMismatch));
    assert!(webcrypto::available(), "crypto.subtle is back");
}
