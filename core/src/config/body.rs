//! The body pipeline between a serialized config message and what is stored in the swarm
//! (groups-and-config.md §1.1, §1.9–§1.11, §1.13): compress if that helps → pad in front →
//! encrypt (split into parts first when too large), and back: decrypt → strip the padding →
//! dispatch on the first byte (`d` message, `z` compressed message, `m` part).
//!
//! The protobuf wrapper of user configs sits outside this pipeline ([`super::wrap`]).

use super::compress::{
    compress_body, decompress, Compressor, COMPRESSED_TAG, MAX_DECOMPRESSED_SIZE,
};
use super::encrypt::{decrypt_any, encrypt, pad, unpad, Domain};
use super::multipart::{self, Part, PART_TAG};
use super::ConfigError;

/// Largest message the storage server accepts (76 800 bytes).
pub const MAX_MESSAGE_SIZE: usize = 76_800;

/// First byte of a serialized (bencoded dict) message.
pub const MESSAGE_TAG: u8 = b'd';

/// What a push stores: one encrypted blob, or the encrypted parts of a large config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sealed {
    /// The whole config in one message.
    Single(Vec<u8>),
    /// The config in 2–255 parts, in index order; never protobuf-wrapped.
    Parts(Vec<Vec<u8>>),
}

impl Sealed {
    /// The blobs to store, in order.
    pub fn into_messages(self) -> Vec<Vec<u8>> {
        match self {
            Sealed::Single(blob) => vec![blob],
            Sealed::Parts(parts) => parts,
        }
    }
}

/// What one stored blob turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// A whole serialized message (decompressed; starts with `d`).
    Message(Vec<u8>),
    /// One part of a large config, for a [`multipart::Reassembler`].
    Part(Part),
}

/// The padded body for `serialized`: `'z' ‖ zstd` when the compressor makes it strictly
/// shorter, then zero bytes in front up to the padded size.
pub fn encode_body(serialized: &[u8], compressor: Option<&dyn Compressor>) -> Vec<u8> {
    pad(&compress_body(serialized, compressor))
}

/// Encrypts a serialized message for `domain` under `key_base`, split in parts when the
/// padded body would not fit one message.
pub fn seal(
    serialized: &[u8],
    key_base: &[u8; 32],
    domain: Domain,
    compressor: Option<&dyn Compressor>,
) -> Result<Sealed, ConfigError> {
    let body = encode_body(serialized, compressor);
    if !multipart::needs_split(body.len()) {
        return Ok(Sealed::Single(encrypt(&body, key_base, domain.as_str())?));
    }
    let parts = multipart::split(&body)?;
    let blobs = parts
        .iter()
        .map(|p| encrypt(&p.encode(), key_base, domain.as_str()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Sealed::Parts(blobs))
}

/// A body without its padding, decompressed: the serialized message. Used for a single
/// message after decryption and for the body a multipart set reassembles to. A part (`m`)
/// here, a `z` that does not decompress to a `d` message, or any other first byte is an error.
pub fn decode_body(padded: &[u8]) -> Result<Vec<u8>, ConfigError> {
    let body = unpad(padded);
    match body.first() {
        None => Err(ConfigError::Malformed("empty config body")),
        Some(&MESSAGE_TAG) => Ok(body.to_vec()),
        Some(&COMPRESSED_TAG) => {
            let plain = decompress(&body[1..], MAX_DECOMPRESSED_SIZE)?;
            match plain.first() {
                Some(&MESSAGE_TAG) => Ok(plain),
                Some(&other) => Err(ConfigError::UnknownBody(other)),
                None => Err(ConfigError::Decompress),
            }
        }
        Some(&other) => Err(ConfigError::UnknownBody(other)),
    }
}

/// Decrypts one stored blob (raw, already unwrapped) with the first of `keys` that opens it
/// and says what it holds.
pub fn open(blob: &[u8], keys: &[[u8; 32]], domain: Domain) -> Result<Opened, ConfigError> {
    let (padded, _) = decrypt_any(blob, keys, domain.as_str())?;
    let body = unpad(&padded);
    if body.first() == Some(&PART_TAG) {
        return Part::decode(body).map(Opened::Part);
    }
    decode_body(body).map(Opened::Message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::encrypt::ENCRYPT_OVERHEAD;

    const KEY: [u8; 32] = [0x42; 32];
    const EMPTY: &[u8] = b"d1:#i0e1:&de1:<le1:=dee";

    struct Fixed(Vec<u8>);
    impl Compressor for Fixed {
        fn compress(&self, _: &[u8]) -> Vec<u8> {
            self.0.clone()
        }
    }

    #[test]
    fn small_message_round_trips_in_256_bytes() {
        let Sealed::Single(blob) = seal(EMPTY, &KEY, Domain::UserProfile, None).unwrap() else {
            panic!("split");
        };
        assert_eq!(blob.len(), 256);
        assert_eq!(
            open(&blob, &[KEY], Domain::UserProfile).unwrap(),
            Opened::Message(EMPTY.to_vec())
        );
        assert_eq!(
            open(&blob, &[KEY], Domain::Contacts),
            Err(ConfigError::Decrypt)
        );
    }

    #[test]
    fn bodies_are_dispatched_on_their_first_byte() {
        assert_eq!(decode_body(b"\0\0d1:#i0ee").unwrap(), b"d1:#i0ee");
        assert_eq!(
            decode_body(b"\0\0"),
            Err(ConfigError::Malformed("empty config body"))
        );
        assert_eq!(decode_body(b"\0x"), Err(ConfigError::UnknownBody(b'x')));
        assert_eq!(decode_body(b"m"), Err(ConfigError::UnknownBody(b'm')));
        assert_eq!(decode_body(b"zgarbage"), Err(ConfigError::Decompress));
        // A compressed body that decompresses to something other than a message.
        let mut z = vec![b'z', 0x28, 0xb5, 0x2f, 0xfd, 0x20, 3];
        z.extend_from_slice(&[(3 << 3) | 1, 0, 0]);
        z.extend_from_slice(b"xyz");
        assert_eq!(decode_body(&z), Err(ConfigError::UnknownBody(b'x')));
    }

    #[test]
    fn a_compressor_is_used_only_when_it_pays() {
        // A "frame" shorter than the message by two bytes: used.
        let frame = vec![1u8; EMPTY.len() - 2];
        let body = encode_body(EMPTY, Some(&Fixed(frame.clone())));
        let tail = unpad(&body);
        assert_eq!(tail[0], COMPRESSED_TAG);
        assert_eq!(&tail[1..], &frame[..]);
        assert_eq!(body.len() + ENCRYPT_OVERHEAD, 256);
        // One byte shorter only, which the tag eats up: not used.
        let body = encode_body(EMPTY, Some(&Fixed(vec![1u8; EMPTY.len() - 1])));
        assert_eq!(unpad(&body), EMPTY);
    }

    #[test]
    fn large_messages_go_in_parts() {
        // Incompressible-looking filler inside a dict-shaped message.
        let mut msg = b"d1:#i1e1:&d1:x200000:".to_vec();
        msg.extend((0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        msg.extend_from_slice(b"ee");
        let Sealed::Parts(blobs) = seal(&msg, &KEY, Domain::Contacts, None).unwrap() else {
            panic!("not split");
        };
        assert_eq!(blobs.len(), 3);
        assert!(blobs.iter().all(|b| b.len() <= MAX_MESSAGE_SIZE));
        let mut r = multipart::Reassembler::new();
        let mut done = None;
        for (i, blob) in blobs.iter().enumerate().rev() {
            let Opened::Part(part) = open(blob, &[KEY], Domain::Contacts).unwrap() else {
                panic!("not a part");
            };
            if let multipart::Added::Complete(a) = r.add(&format!("s{i}"), part, 0).unwrap() {
                done = Some(a);
            }
        }
        let done = done.unwrap();
        assert_eq!(decode_body(&done.body).unwrap(), msg);
        assert_eq!(done.hashes, ["s0", "s1", "s2"]);
    }

    #[test]
    fn too_large_is_refused() {
        let msg = vec![b'd'; multipart::MAX_MULTIPART_SIZE + 1];
        assert!(matches!(
            seal(&msg, &KEY, Domain::Contacts, None),
            Err(ConfigError::TooLarge { .. })
        ));
    }
}
