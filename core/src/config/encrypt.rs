//! Deterministic encryption of a config body and its front zero padding
//! (groups-and-config.md §1.10, §1.11), byte-exact with the official library.
//!
//! Racing devices that push the same revision must produce the same ciphertext (the storage
//! server then keeps one copy), so nothing here is random: the key is a hash of the key base,
//! the plaintext length and the domain, and the nonce is a keyed hash of the plaintext itself.
//! The nonce goes *after* the ciphertext and its tag.

use super::ConfigError;
use crate::crypto::hash::{blake2b_keyed, blake2b_n};
use crate::proto::session::shared_config_message::Kind;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

/// Length of the Poly1305 tag.
pub const TAG_LEN: usize = 16;
/// Length of the XChaCha20 nonce appended to the ciphertext.
pub const NONCE_LEN: usize = 24;
/// What encryption adds to a plaintext: tag and nonce.
pub const ENCRYPT_OVERHEAD: usize = TAG_LEN + NONCE_LEN;
/// Longest domain string the scheme allows (its nonce key must fit a BLAKE2b key).
pub const MAX_DOMAIN_LEN: usize = 24;
/// What the domain is appended to, to key the nonce hash. (Upstream comments name another
/// string; the code and every vector use this one — §8 gotcha 4.)
const NONCE_KEY_PREFIX: &[u8] = b"libsessionutil-config-encrypted-";

/// One kind of config: its encryption domain, swarm namespace and legacy wrapper kind
/// (the table of §1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Domain {
    /// The account's own profile (namespace 2).
    UserProfile,
    /// Contacts (namespace 3).
    Contacts,
    /// Read state and unread flags of conversations (namespace 4).
    ConvoInfoVolatile,
    /// Groups and communities the account belongs to (namespace 5).
    UserGroups,
    /// A group's shared info (namespace 13).
    GroupInfo,
    /// A group's member list (namespace 14).
    GroupMembers,
}

impl Domain {
    /// Every domain, user configs first.
    pub const ALL: [Domain; 6] = [
        Domain::UserProfile,
        Domain::Contacts,
        Domain::ConvoInfoVolatile,
        Domain::UserGroups,
        Domain::GroupInfo,
        Domain::GroupMembers,
    ];

    /// The domain string mixed into the key and the nonce.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::UserProfile => "UserProfile",
            Domain::Contacts => "Contacts",
            Domain::ConvoInfoVolatile => "ConvoInfoVolatile",
            Domain::UserGroups => "UserGroups",
            Domain::GroupInfo => "groups::Info",
            Domain::GroupMembers => "groups::Members",
        }
    }

    /// The swarm namespace its messages are stored in.
    pub fn namespace(self) -> i16 {
        match self {
            Domain::UserProfile => 2,
            Domain::Contacts => 3,
            Domain::ConvoInfoVolatile => 4,
            Domain::UserGroups => 5,
            Domain::GroupInfo => 13,
            Domain::GroupMembers => 14,
        }
    }

    /// The config kind stored in `namespace`, if any.
    pub fn from_namespace(namespace: i16) -> Option<Domain> {
        Domain::ALL.into_iter().find(|d| d.namespace() == namespace)
    }

    /// `SharedConfigMessage.kind` of its protobuf wrapper; `None` for group configs, which
    /// are never wrapped.
    pub fn shared_config_kind(self) -> Option<Kind> {
        match self {
            Domain::UserProfile => Some(Kind::UserProfile),
            Domain::Contacts => Some(Kind::Contacts),
            Domain::ConvoInfoVolatile => Some(Kind::ConvoInfoVolatile),
            Domain::UserGroups => Some(Kind::UserGroups),
            Domain::GroupInfo | Domain::GroupMembers => None,
        }
    }

    /// Whether its pushes go out in the protobuf wrapper (user configs, §1.12).
    pub fn is_wrapped(self) -> bool {
        self.shared_config_kind().is_some()
    }
}

impl std::fmt::Display for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Size a message of `len` bytes is padded to so that, with `overhead` more bytes, it fills
/// whole chunks: 256-byte chunks below 5 KiB, 1 KiB below 20 KiB, 2 KiB below 40 KiB, 5 KiB
/// beyond. Never less than `len`.
pub const fn padded_size(len: usize, overhead: usize) -> usize {
    let total = len.saturating_add(overhead);
    let chunk = if total < 5120 {
        256
    } else if total < 20480 {
        1024
    } else if total < 40960 {
        2048
    } else {
        5120
    };
    total.div_ceil(chunk).saturating_mul(chunk) - overhead
}

/// `body` with zero bytes put in front until it is `padded_size(len, ENCRYPT_OVERHEAD)` long.
pub fn pad(body: &[u8]) -> Vec<u8> {
    let target = padded_size(body.len(), ENCRYPT_OVERHEAD);
    let mut out = Vec::with_capacity(target);
    out.resize(target - body.len(), 0);
    out.extend_from_slice(body);
    out
}

/// `padded` without its leading zero bytes (a body never starts with one).
pub fn unpad(padded: &[u8]) -> &[u8] {
    let start = padded.iter().position(|&b| b != 0).unwrap_or(padded.len());
    &padded[start..]
}

fn check_domain(domain: &str) -> Result<(), ConfigError> {
    if domain.is_empty() || domain.len() > MAX_DOMAIN_LEN {
        return Err(ConfigError::InvalidValue {
            field: "encryption domain",
            reason: "must be 1 to 24 bytes",
        });
    }
    Ok(())
}

/// `H_32(key_base ‖ u64be(len) ‖ domain)`: the AEAD key for a plaintext of `len` bytes.
fn derive_key(key_base: &[u8; 32], len: usize, domain: &str) -> Zeroizing<[u8; 32]> {
    let len_be = (len as u64).to_be_bytes();
    Zeroizing::new(blake2b_n::<32>(&[key_base, &len_be, domain.as_bytes()]))
}

/// The deterministic nonce: BLAKE2b-192 of the plaintext keyed with the prefix and domain.
pub fn nonce_for(plaintext: &[u8], domain: &str) -> Result<[u8; NONCE_LEN], ConfigError> {
    check_domain(domain)?;
    let mut key = Vec::with_capacity(NONCE_KEY_PREFIX.len() + domain.len());
    key.extend_from_slice(NONCE_KEY_PREFIX);
    key.extend_from_slice(domain.as_bytes());
    // The key is at most 32 + 24 = 56 bytes, within BLAKE2b's 64.
    blake2b_keyed::<NONCE_LEN>(&key, &[plaintext]).map_err(|_| ConfigError::InvalidValue {
        field: "encryption domain",
        reason: "too long for the nonce key",
    })
}

/// Encrypts `plaintext` (usually an already padded body) for `domain` under `key_base`:
/// XChaCha20-Poly1305 ciphertext ‖ tag ‖ nonce, 40 bytes longer than the plaintext.
/// Fails only for a domain that is empty or longer than 24 bytes.
pub fn encrypt(
    plaintext: &[u8],
    key_base: &[u8; 32],
    domain: &str,
) -> Result<Vec<u8>, ConfigError> {
    let nonce = nonce_for(plaintext, domain)?;
    let key = derive_key(key_base, plaintext.len(), domain);
    let cipher = XChaCha20Poly1305::new((&*key).into());
    let mut out = cipher
        .encrypt(XNonce::from_slice(&nonce), plaintext)
        .map_err(|_| ConfigError::InvalidValue {
            field: "config plaintext",
            reason: "too long to encrypt",
        })?;
    out.extend_from_slice(&nonce);
    Ok(out)
}

/// Opens what [`encrypt`] produced with the same key base and domain.
pub fn decrypt(blob: &[u8], key_base: &[u8; 32], domain: &str) -> Result<Vec<u8>, ConfigError> {
    check_domain(domain)?;
    let Some(plain_len) = blob.len().checked_sub(ENCRYPT_OVERHEAD) else {
        return Err(ConfigError::TooShort { len: blob.len() });
    };
    let (sealed, nonce) = blob.split_at(blob.len() - NONCE_LEN);
    let key = derive_key(key_base, plain_len, domain);
    let cipher = XChaCha20Poly1305::new((&*key).into());
    cipher
        .decrypt(XNonce::from_slice(nonce), sealed)
        .map_err(|_| ConfigError::Decrypt)
}

/// Tries each key in turn (newest first, as the caller orders them) and returns the first
/// plaintext that opens, with the index of the key that opened it.
pub fn decrypt_any(
    blob: &[u8],
    keys: &[[u8; 32]],
    domain: &str,
) -> Result<(Vec<u8>, usize), ConfigError> {
    if blob.len() < ENCRYPT_OVERHEAD {
        return Err(ConfigError::TooShort { len: blob.len() });
    }
    for (i, key) in keys.iter().enumerate() {
        match decrypt(blob, key, domain) {
            Ok(plain) => return Ok((plain, i)),
            Err(ConfigError::Decrypt) => continue,
            Err(other) => return Err(other),
        }
    }
    Err(ConfigError::Decrypt)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7u8; 32];

    #[test]
    fn padding_sizes_follow_the_chunks() {
        assert_eq!(padded_size(1, 0), 256);
        assert_eq!(padded_size(0, 40), 216);
        assert_eq!(padded_size(216, 40), 216);
        assert_eq!(padded_size(217, 40), 472);
        assert_eq!(padded_size(5120, 0), 5120);
        assert_eq!(padded_size(5121, 0), 6144);
        assert_eq!(padded_size(76_800 - 40, 40), 76_760);
    }

    #[test]
    fn padding_goes_in_front_and_comes_off() {
        let body = b"d1:#i0e1:&de1:<le1:=dee";
        let padded = pad(body);
        assert_eq!(padded.len() + ENCRYPT_OVERHEAD, 256);
        assert!(padded[..padded.len() - body.len()].iter().all(|&b| b == 0));
        assert_eq!(unpad(&padded), body);
        assert_eq!(unpad(&[0, 0, 0]), b"");
        assert_eq!(unpad(b""), b"");
    }

    #[test]
    fn round_trip_is_deterministic_and_domain_bound() {
        let a = encrypt(b"hello", &KEY, "Contacts").unwrap();
        let b = encrypt(b"hello", &KEY, "Contacts").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 5 + ENCRYPT_OVERHEAD);
        assert_eq!(decrypt(&a, &KEY, "Contacts").unwrap(), b"hello");
        assert_eq!(decrypt(&a, &KEY, "UserGroups"), Err(ConfigError::Decrypt));
        assert_eq!(
            decrypt(&a, &[8u8; 32], "Contacts"),
            Err(ConfigError::Decrypt)
        );
        assert_eq!(
            decrypt(&a[..39], &KEY, "Contacts"),
            Err(ConfigError::TooShort { len: 39 })
        );
        let empty = encrypt(b"", &KEY, "Contacts").unwrap();
        assert_eq!(decrypt(&empty, &KEY, "Contacts").unwrap(), b"");
    }

    #[test]
    fn bad_domains_are_refused() {
        assert!(encrypt(b"x", &KEY, "").is_err());
        assert!(encrypt(b"x", &KEY, &"a".repeat(25)).is_err());
        assert!(encrypt(b"x", &KEY, &"a".repeat(24)).is_ok());
    }

    #[test]
    fn any_key_opens_and_reports_its_index() {
        let blob = encrypt(b"abc", &KEY, "groups::Info").unwrap();
        let keys = [[1u8; 32], KEY];
        assert_eq!(
            decrypt_any(&blob, &keys, "groups::Info").unwrap(),
            (b"abc".to_vec(), 1)
        );
        assert_eq!(
            decrypt_any(&blob, &keys[..1], "groups::Info"),
            Err(ConfigError::Decrypt)
        );
    }

    #[test]
    fn domains_map_to_namespaces_and_kinds() {
        let ns: Vec<i16> = Domain::ALL.iter().map(|d| d.namespace()).collect();
        assert_eq!(ns, [2, 3, 4, 5, 13, 14]);
        for d in Domain::ALL {
            assert_eq!(Domain::from_namespace(d.namespace()), Some(d));
            assert!(!d.as_str().is_empty() && d.as_str().len() <= MAX_DOMAIN_LEN);
        }
        assert_eq!(Domain::from_namespace(12), None);
        assert_eq!(
            Domain::UserProfile.shared_config_kind(),
            Some(Kind::UserProfile)
        );
        assert_eq!(
            Domain::UserGroups.shared_config_kind(),
            Some(Kind::UserGroups)
        );
        assert!(!Domain::GroupMembers.is_wrapped());
    }
}
