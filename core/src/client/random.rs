//! Unbiased choices from the caller's RNG.

use rand_core::RngCore;

/// A uniform index below `n` (`n` > 0), without modulo bias.
pub(crate) fn below(rng: &mut impl RngCore, n: usize) -> usize {
    let n = n as u64;
    if n <= 1 {
        return 0;
    }
    // Reject the top partial range so every residue is equally likely.
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let v = rng.next_u64();
        if v < zone {
            return (v % n) as usize;
        }
    }
}

/// Fisher–Yates shuffle.
pub(crate) fn shuffle<T>(rng: &mut impl RngCore, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i + 1);
        items.swap(i, j);
    }
}

/// One element chosen uniformly, or `None` for an empty slice.
pub(crate) fn choose<'a, T>(rng: &mut impl RngCore, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        items.get(below(rng, items.len()))
    }
}
