//! libsession's deterministic attachment scheme (messaging.md §6.4): the blob sizes the
//! library's own tests give, the spec's vector of a whole blob (key, header and the blob's
//! SHA-256, which checks the derivation, the padding and every secretstream byte), round
//! trips across chunk boundaries, and every broken blob as a typed error. The expected values
//! are read from the spec at run time.

use proptest::prelude::*;
use session_core::attachment::deterministic::{
    decrypt, encrypt, encrypted_size, Domain, MAX_PLAIN_BYTES,
};
use session_core::attachment::AttachmentError;
use sha2::{Digest, Sha256};

/// The text of §6.4.
fn section() -> String {
    let doc = session_testkit::spec("messaging.md");
    let start = doc.find("### 6.4").expect("§6.4");
    let end = doc[start..].find("### 6.5").expect("§6.5") + start;
    doc[start..end].to_owned()
}

/// The hex between the backticks that follow the first `label` in `text` directly (across
/// spaces and a line break).
fn hex_after(text: &str, label: &str) -> Vec<u8> {
    let mut from = 0;
    while let Some(i) = text[from..].find(label) {
        let rest = text[from + i + label.len()..].trim_start();
        if let Some(body) = rest.strip_prefix('`') {
            let close = body.find('`').unwrap();
            return hex::decode(body[..close].trim_end_matches('…')).unwrap();
        }
        from += i + label.len();
    }
    panic!("no {label:?} followed by a value in §6.4")
}

/// "n = 0…4053 → 4096; 4054…8149 → 8192; 8150 → 12288; …" as (first n, last n, size).
fn verified_sizes(text: &str) -> Vec<(usize, usize, usize)> {
    let start = text.find("Resulting encrypted sizes").unwrap();
    let line: String = text[start..]
        .split("* Decryption")
        .next()
        .unwrap()
        .replace('\n', " ");
    let list = &line[line.find("n = ").unwrap() + 4..];
    let num = |s: &str| -> usize {
        s.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap()
    };
    list.split(';')
        .filter(|part| part.contains('→'))
        .map(|part| {
            let (ns, size) = part.split_once('→').unwrap();
            let (a, b) = ns.split_once('…').unwrap_or((ns, ns));
            (num(a), num(b), num(size))
        })
        .collect()
}

#[test]
fn blob_sizes_are_the_librarys() {
    let sizes = verified_sizes(&section());
    assert!(sizes.len() >= 10, "{sizes:?}");
    for (first, last, size) in sizes {
        assert_eq!(encrypted_size(first), size, "n = {first}");
        assert_eq!(encrypted_size(last), size, "n = {last}");
    }
}

#[test]
fn the_specs_vector_comes_out_byte_for_byte() {
    let text = section();
    let vectors = &text[text.find("* Vectors").unwrap()..];
    let seed: [u8; 32] = hex_after(vectors, "seed32 =").try_into().unwrap();
    let sealed = encrypt(&seed, b"hello", Domain::Attachment).unwrap();
    assert_eq!(&sealed.blob[1..25], &hex_after(vectors, "header")[..]);
    assert_eq!(&sealed.key[..], &hex_after(vectors, "key")[..]);
    assert_eq!(sealed.blob.len(), 4096);
    assert!(sealed
        .blob
        .starts_with(&hex_after(vectors, "4096 bytes starting")));
    assert_eq!(
        Sha256::digest(&sealed.blob).to_vec(),
        hex_after(vectors, "SHA-256 of blob")
    );
    assert_eq!(
        decrypt(&sealed.blob, &sealed.key[..], Some(5)).unwrap(),
        b"hello"
    );
    // The same file makes the same blob; a profile picture is keyed apart.
    assert_eq!(
        encrypt(&seed, b"hello", Domain::Attachment).unwrap(),
        sealed
    );
    assert_ne!(
        encrypt(&seed, b"hello", Domain::ProfilePicture)
            .unwrap()
            .key,
        sealed.key
    );
}

#[test]
fn files_across_chunk_boundaries_come_back_whole() {
    let seed = [7u8; 32];
    for n in [
        0, 1, 4053, 4054, 32_767, 32_768, 32_769, 65_536, 100_000, 300_000,
    ] {
        let data: Vec<u8> = (0..n).map(|i| (i * 31 % 251) as u8).collect();
        let sealed = encrypt(&seed, &data, Domain::Attachment).unwrap();
        assert_eq!(sealed.blob.len(), encrypted_size(n), "n = {n}");
        assert_eq!(
            decrypt(&sealed.blob, &sealed.key[..], Some(n)).unwrap(),
            data,
            "n = {n}"
        );
    }
}

#[test]
fn every_broken_blob_is_a_typed_error() {
    let seed = [9u8; 32];
    let data = vec![0x42u8; 70_000];
    let sealed = encrypt(&seed, &data, Domain::Attachment).unwrap();
    let key = &sealed.key[..];
    let blob = &sealed.blob;
    let mut changed = blob.clone();
    changed[40_000] ^= 1;
    assert_eq!(decrypt(&changed, key, None), Err(AttachmentError::BadMac));
    let mut other = sealed.key.to_vec();
    other[0] ^= 1;
    assert_eq!(decrypt(blob, &other, None), Err(AttachmentError::BadMac));
    // Whole chunks cut from the end: the final chunk is missing.
    let cut = &blob[..25 + 2 * 32_785];
    assert!(matches!(
        decrypt(cut, key, None),
        Err(AttachmentError::Truncated { .. })
    ));
    let mut longer = blob.clone();
    longer.extend_from_slice(&[0u8; 40]);
    assert_eq!(decrypt(&longer, key, None), Err(AttachmentError::BadMac));
    let mut magic = blob.clone();
    magic[0] = b'X';
    assert_eq!(
        decrypt(&magic, key, None),
        Err(AttachmentError::UnknownFormat)
    );
    assert_eq!(
        decrypt(blob, &key[..16], None),
        Err(AttachmentError::BadKey { len: 16 })
    );
    assert!(matches!(
        decrypt(&blob[..30], key, None),
        Err(AttachmentError::Truncated { .. })
    ));
    assert_eq!(
        decrypt(blob, key, Some(69_999)),
        Err(AttachmentError::SizeMismatch {
            expected: 69_999,
            got: 70_000
        })
    );
    let too_big = vec![0u8; MAX_PLAIN_BYTES + 1];
    assert_eq!(
        encrypt(&seed, &too_big, Domain::Attachment),
        Err(AttachmentError::TooLarge {
            size: MAX_PLAIN_BYTES + 1
        })
    );
}

proptest! {
    #[test]
    fn arbitrary_blobs_never_panic(blob in proptest::collection::vec(any::<u8>(), 0..300), key in proptest::collection::vec(any::<u8>(), 32..33)) {
        let mut blob = blob;
        if let Some(b) = blob.first_mut() { *b = b'S'; }
        let _ = decrypt(&blob, &key, None);
    }
}
