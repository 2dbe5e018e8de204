//! Mapping an account pubkey to its swarm (network.md §3.3), as nodes and clients do.

/// The reserved "no swarm" ID; never a real swarm.
pub const INVALID_SWARM_ID: u64 = u64::MAX;

/// The account's position on the swarm ring: the XOR of the four big-endian 64-bit words of
/// its 32 key bytes (the prefix byte is ignored).
pub fn swarm_space(pubkey33: &[u8; 33]) -> u64 {
    let (_prefix, key) = pubkey33.split_at(1);
    key.chunks_exact(8).fold(0, |acc, word| {
        let mut be = [0u8; 8];
        be.copy_from_slice(word);
        acc ^ u64::from_be_bytes(be)
    })
}

/// The swarm of an account among `sorted_swarm_ids` (ascending; an unsorted list is sorted
/// first, and [`INVALID_SWARM_ID`] is skipped): the ID nearest its swarm space on the ring,
/// ties going to the lower neighbour, also across the wrap-around. `None` for no swarms.
pub fn swarm_for(pubkey33: &[u8; 33], sorted_swarm_ids: &[u64]) -> Option<u64> {
    let space = swarm_space(pubkey33);
    if sorted_swarm_ids.is_sorted() {
        nearest(space, valid(sorted_swarm_ids))
    } else {
        let mut ids = sorted_swarm_ids.to_vec();
        ids.sort_unstable();
        nearest(space, valid(&ids))
    }
}

fn valid(ids: &[u64]) -> &[u64] {
    match ids.split_last() {
        Some((&INVALID_SWARM_ID, rest)) => valid(rest),
        _ => ids,
    }
}

fn nearest(space: u64, ids: &[u64]) -> Option<u64> {
    let (&first, _) = ids.split_first()?;
    let &last = ids.last()?;
    if ids.len() == 1 {
        return Some(first);
    }
    let i = ids.partition_point(|&id| id < space);
    let right = ids.get(i).copied().unwrap_or(first);
    let left = i
        .checked_sub(1)
        .and_then(|j| ids.get(j).copied())
        .unwrap_or(last);
    let dright = right.wrapping_sub(space);
    let dleft = space.wrapping_sub(left);
    Some(if dright < dleft { right } else { left })
}
