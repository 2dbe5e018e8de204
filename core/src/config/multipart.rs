//! Configs too large for one swarm message (groups-and-config.md §1.13).
//!
//! The padded body `B` (compressed first when that helps) is cut into chunks; each part is
//! `'m' ‖ bencoded list [H_32(B), index, count, chunk]` with index and count as one-byte
//! strings, encrypted on its own (no padding, no protobuf wrapper). A reader gathers the parts
//! of one `B` by its hash, in any order and with repeats, checks the hash of the whole and hands
//! the body on. The core has no clock: callers pass the time, in milliseconds.

use super::body::MAX_MESSAGE_SIZE;
use super::encrypt::ENCRYPT_OVERHEAD;
use super::ConfigError;
use crate::crypto::hash::blake2b_n;
use std::collections::BTreeMap;

/// Tag byte in front of a part.
pub const PART_TAG: u8 = b'm';
/// Largest padded body that may be split (and so the largest config there can be).
pub const MAX_MULTIPART_SIZE: usize = 5_000_000;
/// What a part adds around its chunk: tag, list delimiters, the hash, index and count strings
/// and the chunk's length prefix (at most 6 digits and a colon).
pub const PART_OVERHEAD: usize = 50;
/// Largest chunk: a part with it, encrypted, is exactly [`MAX_MESSAGE_SIZE`].
pub const MAX_CHUNK: usize = MAX_MESSAGE_SIZE - PART_OVERHEAD - ENCRYPT_OVERHEAD;
/// Most parts a body may have (the count is one byte).
pub const MAX_PARTS: usize = 255;
/// How long an incomplete set of parts is kept (7 days).
pub const INCOMPLETE_KEEP_MS: u64 = 7 * 24 * 3600 * 1000;
/// How long a completed set is remembered so that late copies of its parts are ignored
/// (14 days).
pub const COMPLETED_KEEP_MS: u64 = 14 * 24 * 3600 * 1000;

/// One part of a split body.
#[derive(Clone, PartialEq, Eq)]
pub struct Part {
    /// `H_32` of the whole padded body.
    pub body_hash: [u8; 32],
    /// Position of this chunk, from 0.
    pub index: u8,
    /// How many parts there are (2 to 255).
    pub count: u8,
    /// This part's bytes of the body.
    pub chunk: Vec<u8>,
}

impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Part")
            .field("body_hash", &hex::encode(self.body_hash))
            .field("index", &self.index)
            .field("count", &self.count)
            .field("chunk_len", &self.chunk.len())
            .finish()
    }
}

fn push_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(s.len().to_string().as_bytes());
    out.push(b':');
    out.extend_from_slice(s);
}

/// Reads one canonical bencoded string (`len:bytes`, no leading zeros) off the front of `rest`.
fn take_string<'a>(rest: &mut &'a [u8]) -> Result<&'a [u8], ConfigError> {
    const BAD: ConfigError = ConfigError::Multipart("malformed part");
    let colon = rest.iter().take(8).position(|&b| b == b':').ok_or(BAD)?;
    let digits = &rest[..colon];
    if digits.is_empty()
        || !digits.iter().all(u8::is_ascii_digit)
        || (digits.len() > 1 && digits[0] == b'0')
    {
        return Err(BAD);
    }
    let len: usize = std::str::from_utf8(digits)
        .ok()
        .and_then(|d| d.parse().ok())
        .ok_or(BAD)?;
    let start = colon + 1;
    let end = start.checked_add(len).ok_or(BAD)?;
    let s = rest.get(start..end).ok_or(BAD)?;
    *rest = &rest[end..];
    Ok(s)
}

impl Part {
    /// The part's plaintext: `'m' ‖ l 32:hash 1:index 1:count N:chunk e`.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.chunk.len() + PART_OVERHEAD);
        out.push(PART_TAG);
        out.push(b'l');
        push_string(&mut out, &self.body_hash);
        push_string(&mut out, &[self.index]);
        push_string(&mut out, &[self.count]);
        push_string(&mut out, &self.chunk);
        out.push(b'e');
        out
    }

    /// Parses a part's plaintext (starting with `m`) and checks that it is one of a set:
    /// `index < count`, `count ≥ 2`, a non-empty chunk no larger than [`MAX_CHUNK`], and
    /// nothing after the list.
    pub fn decode(bytes: &[u8]) -> Result<Part, ConfigError> {
        let mut rest = bytes
            .strip_prefix(&[PART_TAG, b'l'])
            .ok_or(ConfigError::Multipart("not a part"))?;
        let hash = take_string(&mut rest)?;
        let index = take_string(&mut rest)?;
        let count = take_string(&mut rest)?;
        let chunk = take_string(&mut rest)?;
        if rest != b"e" {
            return Err(ConfigError::Multipart("malformed part"));
        }
        let body_hash: [u8; 32] = hash
            .try_into()
            .map_err(|_| ConfigError::Multipart("hash is not 32 bytes"))?;
        let (&[index], &[count]) = (index, count) else {
            return Err(ConfigError::Multipart("index or count is not one byte"));
        };
        if count < 2 || index >= count {
            return Err(ConfigError::Multipart("index or count out of range"));
        }
        if chunk.is_empty() || chunk.len() > MAX_CHUNK {
            return Err(ConfigError::Multipart("chunk size out of range"));
        }
        Ok(Part {
            body_hash,
            index,
            count,
            chunk: chunk.to_vec(),
        })
    }
}

/// Whether a padded body needs splitting: encrypted whole, it would exceed
/// [`MAX_MESSAGE_SIZE`].
pub fn needs_split(padded_len: usize) -> bool {
    padded_len + ENCRYPT_OVERHEAD > MAX_MESSAGE_SIZE
}

/// Cuts a padded body into parts of [`MAX_CHUNK`] bytes (the last one shorter). The body must
/// be larger than one chunk and at most [`MAX_MULTIPART_SIZE`].
pub fn split(body: &[u8]) -> Result<Vec<Part>, ConfigError> {
    if body.len() > MAX_MULTIPART_SIZE {
        return Err(ConfigError::TooLarge { len: body.len() });
    }
    if body.len() <= MAX_CHUNK {
        return Err(ConfigError::Multipart("body fits in one part"));
    }
    let count = body.len().div_ceil(MAX_CHUNK);
    let count = u8::try_from(count).map_err(|_| ConfigError::TooLarge { len: body.len() })?;
    let body_hash = blake2b_n::<32>(&[body]);
    Ok(body
        .chunks(MAX_CHUNK)
        .zip(0u8..)
        .map(|(chunk, index)| Part {
            body_hash,
            index,
            count,
            chunk: chunk.to_vec(),
        })
        .collect())
}

/// A body put back together from all its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembled {
    /// The padded body `B`, as it was before splitting.
    pub body: Vec<u8>,
    /// The swarm hashes of its parts, by index: together the message's "current hashes".
    pub hashes: Vec<String>,
}

/// What adding a part did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored; the set is still missing parts.
    Pending {
        /// Distinct parts held.
        have: usize,
        /// Parts in the set.
        count: usize,
    },
    /// A part already held, or of a set already completed: nothing changed.
    Duplicate,
    /// The last missing part: here is the whole body.
    Complete(Assembled),
}

#[derive(Debug, Clone)]
struct PartialSet {
    count: u8,
    first_seen_ms: u64,
    size: usize,
    parts: BTreeMap<u8, (Vec<u8>, String)>,
}

/// Collects parts across polls until their sets are complete.
#[derive(Debug, Clone, Default)]
pub struct Reassembler {
    incomplete: BTreeMap<[u8; 32], PartialSet>,
    /// Completed set hashes → when to forget them.
    completed: BTreeMap<[u8; 32], u64>,
}

impl Reassembler {
    /// Nothing collected yet.
    pub fn new() -> Reassembler {
        Reassembler::default()
    }

    /// Number of sets still waiting for parts.
    pub fn pending_sets(&self) -> usize {
        self.incomplete.len()
    }

    /// Drops incomplete sets older than 7 days and forgets completed sets after 14.
    pub fn expire(&mut self, now_ms: u64) {
        self.incomplete
            .retain(|_, set| now_ms < set.first_seen_ms.saturating_add(INCOMPLETE_KEEP_MS));
        self.completed.retain(|_, until| now_ms < *until);
    }

    /// Adds one part, found in the swarm under `swarm_hash`. A part whose count disagrees with
    /// the parts already held for its body, or which holds other bytes at a held index, is
    /// rejected (the set is kept); a completed set whose bytes do not hash to its name is
    /// rejected and dropped.
    pub fn add(&mut self, swarm_hash: &str, part: Part, now_ms: u64) -> Result<Added, ConfigError> {
        self.expire(now_ms);
        if self.completed.contains_key(&part.body_hash) {
            return Ok(Added::Duplicate);
        }
        let set = self
            .incomplete
            .entry(part.body_hash)
            .or_insert_with(|| PartialSet {
                count: part.count,
                first_seen_ms: now_ms,
                size: 0,
                parts: BTreeMap::new(),
            });
        if set.count != part.count {
            return Err(ConfigError::Multipart("part count differs from its set"));
        }
        if let Some((held, _)) = set.parts.get(&part.index) {
            return if *held == part.chunk {
                Ok(Added::Duplicate)
            } else {
                Err(ConfigError::Multipart("two different parts at one index"))
            };
        }
        let size = set.size + part.chunk.len();
        if size > MAX_MULTIPART_SIZE {
            if set.parts.is_empty() {
                self.incomplete.remove(&part.body_hash);
            }
            return Err(ConfigError::TooLarge { len: size });
        }
        set.size = size;
        set.parts
            .insert(part.index, (part.chunk, swarm_hash.to_owned()));
        if set.parts.len() < usize::from(set.count) {
            return Ok(Added::Pending {
                have: set.parts.len(),
                count: usize::from(set.count),
            });
        }
        let Some(set) = self.incomplete.remove(&part.body_hash) else {
            return Err(ConfigError::Multipart("set vanished"));
        };
        let mut body = Vec::with_capacity(set.size);
        let mut hashes = Vec::with_capacity(set.parts.len());
        for (chunk, hash) in set.parts.into_values() {
            body.extend_from_slice(&chunk);
            hashes.push(hash);
        }
        if blake2b_n::<32>(&[&body]) != part.body_hash {
            return Err(ConfigError::Multipart("parts do not hash to their set"));
        }
        self.completed
            .insert(part.body_hash, now_ms.saturating_add(COMPLETED_KEEP_MS));
        Ok(Added::Complete(Assembled { body, hashes }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
    }

    #[test]
    fn chunk_limit_fills_a_message_exactly() {
        let part = Part {
            body_hash: [1; 32],
            index: 0,
            count: 2,
            chunk: vec![9; MAX_CHUNK],
        };
        assert_eq!(part.encode().len() + ENCRYPT_OVERHEAD, MAX_MESSAGE_SIZE);
        assert_eq!(Part::decode(&part.encode()).unwrap(), part);
    }

    #[test]
    fn split_cuts_greedily() {
        let b = body(2 * MAX_CHUNK + 5);
        let parts = split(&b).unwrap();
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.count == 3));
        assert_eq!(parts[2].chunk.len(), 5);
        assert_eq!(
            split(&body(MAX_CHUNK)),
            Err(ConfigError::Multipart("body fits in one part"))
        );
        assert_eq!(
            split(&vec![0; MAX_MULTIPART_SIZE + 1]),
            Err(ConfigError::TooLarge {
                len: MAX_MULTIPART_SIZE + 1
            })
        );
        assert!(!needs_split(MAX_MESSAGE_SIZE - ENCRYPT_OVERHEAD));
        assert!(needs_split(MAX_MESSAGE_SIZE - ENCRYPT_OVERHEAD + 1));
    }

    #[test]
    fn malformed_parts_are_rejected() {
        let good = Part {
            body_hash: [3; 32],
            index: 1,
            count: 2,
            chunk: b"abc".to_vec(),
        }
        .encode();
        assert!(Part::decode(&good).is_ok());
        for cut in 0..good.len() {
            assert!(Part::decode(&good[..cut]).is_err(), "cut {cut}");
        }
        let mut trailing = good.clone();
        trailing.push(b'x');
        assert!(Part::decode(&trailing).is_err());
        let bad = |index: u8, count: u8, chunk: &[u8]| {
            Part::decode(
                &Part {
                    body_hash: [3; 32],
                    index,
                    count,
                    chunk: chunk.to_vec(),
                }
                .encode(),
            )
        };
        assert!(bad(2, 2, b"x").is_err());
        assert!(bad(0, 1, b"x").is_err());
        assert!(bad(0, 2, b"").is_err());
        // Leading zeros in a length are not canonical.
        let mut s = b"ml".to_vec();
        s.extend_from_slice(b"032:");
        s.extend_from_slice(&[0; 32]);
        s.extend_from_slice(b"1:\x001:\x021:ae");
        assert!(Part::decode(&s).is_err());
    }

    #[test]
    fn reassembles_in_any_order_with_duplicates() {
        let b = body(3 * MAX_CHUNK + 17);
        let parts = split(&b).unwrap();
        let mut r = Reassembler::new();
        let order = [2usize, 0, 2, 3, 0];
        for (n, &i) in order.iter().enumerate() {
            let got = r.add(&format!("h{i}"), parts[i].clone(), 1000).unwrap();
            let expect_dup = n == 2 || n == 4;
            assert_eq!(matches!(got, Added::Duplicate), expect_dup, "step {n}");
        }
        let Added::Complete(done) = r.add("h1", parts[1].clone(), 1000).unwrap() else {
            panic!("not complete");
        };
        assert_eq!(done.body, b);
        assert_eq!(done.hashes, ["h0", "h1", "h2", "h3"]);
        assert_eq!(r.pending_sets(), 0);
        // Late copies of a completed set are ignored.
        assert_eq!(
            r.add("h1", parts[1].clone(), 2000).unwrap(),
            Added::Duplicate
        );
        // …until it is forgotten, when a part starts a new set.
        let later = 1000 + COMPLETED_KEEP_MS;
        assert!(matches!(
            r.add("h1", parts[1].clone(), later).unwrap(),
            Added::Pending { .. }
        ));
    }

    #[test]
    fn inconsistent_parts_are_rejected() {
        let b = body(MAX_CHUNK + 100);
        let parts = split(&b).unwrap();
        let mut r = Reassembler::new();
        r.add("a", parts[0].clone(), 0).unwrap();
        let mut wrong_count = parts[1].clone();
        wrong_count.count = 3;
        assert!(r.add("b", wrong_count, 0).is_err());
        let mut other_bytes = parts[0].clone();
        other_bytes.chunk[0] ^= 1;
        assert!(r.add("c", other_bytes, 0).is_err());
        // The set survives both and still completes.
        assert!(matches!(
            r.add("d", parts[1].clone(), 0).unwrap(),
            Added::Complete(_)
        ));

        // Parts that do not hash to their set's name.
        let mut r = Reassembler::new();
        let mut forged = parts[1].clone();
        forged.chunk[0] ^= 1;
        r.add("a", parts[0].clone(), 0).unwrap();
        assert_eq!(
            r.add("b", forged, 0),
            Err(ConfigError::Multipart("parts do not hash to their set"))
        );
        assert_eq!(r.pending_sets(), 0);
    }

    #[test]
    fn incomplete_sets_expire_after_a_week() {
        let parts = split(&body(MAX_CHUNK + 1)).unwrap();
        let mut r = Reassembler::new();
        r.add("a", parts[0].clone(), 5).unwrap();
        r.expire(5 + INCOMPLETE_KEEP_MS - 1);
        assert_eq!(r.pending_sets(), 1);
        r.expire(5 + INCOMPLETE_KEEP_MS);
        assert_eq!(r.pending_sets(), 0);
        assert!(matches!(
            r.add("b", parts[1].clone(), 5 + INCOMPLETE_KEEP_MS)
                .unwrap(),
            Added::Pending { have: 1, count: 2 }
        ));
    }
}
