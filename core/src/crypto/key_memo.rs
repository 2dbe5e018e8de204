//! A bounded memo of Ed25519 public keys already parsed, with their X25519 form once asked for.
//!
//! Senders repeat: a backlog of one contact, the members of a group, the regulars of a room.
//! Decompressing a key and checking that it lies in the prime-order subgroup cost about as much
//! as verifying a signature, and both are pure functions of the key's 32 bytes, so their
//! results are kept for the last [`CAPACITY`] keys (per thread; the browser has one). Only keys
//! that parsed are kept: a malformed one costs a refusal each time, as it does without a memo.

use curve25519_dalek::edwards::EdwardsPoint;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

/// Keys kept: about 230 bytes each, so some 120 KB when full.
pub const CAPACITY: usize = 512;

/// What is known of one key.
#[derive(Clone, Copy)]
pub(crate) struct Known {
    /// The decompressed point of a key in canonical encoding.
    pub point: EdwardsPoint,
    /// Its X25519 form once computed: `Some(None)` when the key was refused for it (small order
    /// or outside the prime-order subgroup).
    pub x25519: Option<Option<[u8; 32]>>,
}

#[derive(Default)]
struct Memo {
    keys: HashMap<[u8; 32], Known>,
    /// Insertion order, oldest first, for eviction.
    order: VecDeque<[u8; 32]>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// What is known of `key`, if it was parsed lately.
pub(crate) fn get(key: &[u8; 32]) -> Option<Known> {
    MEMO.with_borrow(|m| m.keys.get(key).copied())
}

/// Records a parsed key, evicting the oldest when full.
pub(crate) fn put(key: [u8; 32], point: EdwardsPoint) {
    MEMO.with_borrow_mut(|m| {
        if m.keys.contains_key(&key) {
            return;
        }
        if m.order.len() >= CAPACITY {
            if let Some(old) = m.order.pop_front() {
                m.keys.remove(&old);
            }
        }
        m.keys.insert(
            key,
            Known {
                point,
                x25519: None,
            },
        );
        m.order.push_back(key);
    })
}

/// Records the X25519 verdict of a key already recorded.
pub(crate) fn put_x25519(key: &[u8; 32], x25519: Option<[u8; 32]>) {
    MEMO.with_borrow_mut(|m| {
        if let Some(known) = m.keys.get_mut(key) {
            known.x25519 = Some(x25519);
        }
    })
}

/// How many keys are kept now.
pub fn len() -> usize {
    MEMO.with_borrow(|m| m.keys.len())
}

/// Forgets every key: for benches that measure a first meeting, and for tests.
pub fn clear() {
    MEMO.with_borrow_mut(|m| {
        m.keys.clear();
        m.order.clear();
    })
}
