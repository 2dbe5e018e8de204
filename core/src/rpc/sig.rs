//! The exact byte strings that are signed (network.md §5.3), and those service nodes sign in
//! their per-member results (§5.4–§5.10). Parts are concatenated with no separators; numbers
//! are decimal; namespace 0 is the empty string.
//!
//! Lists of hashes are taken as `&[S]` for any `S: AsRef<str>` (so `&[&str]`, as planned, and
//! `&[String]` both work; an empty literal needs `::<&str>`).

use super::namespace::{render, NamespaceSel};

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn hashes_into<S: AsRef<str>>(out: &mut Vec<u8>, hashes: &[S]) {
    for h in hashes {
        out.extend_from_slice(h.as_ref().as_bytes());
    }
}

/// `"store" ‖ ns ‖ sig_timestamp` (only namespaces not divisible by 10 are signed).
pub fn store(ns: i16, sig_timestamp_ms: u64) -> Vec<u8> {
    cat(&[
        b"store",
        render(ns).as_bytes(),
        sig_timestamp_ms.to_string().as_bytes(),
    ])
}

/// `"retrieve" ‖ ns ‖ timestamp`.
pub fn retrieve(ns: i16, timestamp_ms: u64) -> Vec<u8> {
    cat(&[
        b"retrieve",
        render(ns).as_bytes(),
        timestamp_ms.to_string().as_bytes(),
    ])
}

/// `"delete" ‖ hash_1 ‖ … ‖ hash_n` in request order (no timestamp).
pub fn delete<S: AsRef<str>>(hashes: &[S]) -> Vec<u8> {
    let mut out = b"delete".to_vec();
    hashes_into(&mut out, hashes);
    out
}

/// `"delete_all" ‖ ns ‖ timestamp` (`ns` may be `all`).
pub fn delete_all(ns: NamespaceSel, timestamp_ms: u64) -> Vec<u8> {
    cat(&[
        b"delete_all",
        ns.render().as_bytes(),
        timestamp_ms.to_string().as_bytes(),
    ])
}

/// `"delete_before" ‖ ns ‖ before`.
pub fn delete_before(ns: NamespaceSel, before_ms: u64) -> Vec<u8> {
    cat(&[
        b"delete_before",
        ns.render().as_bytes(),
        before_ms.to_string().as_bytes(),
    ])
}

/// `"expire" ‖ mode ‖ expiries ‖ hash_1 ‖ … ‖ hash_n`; `mode` is `""`, `"shorten"` or
/// `"extend"`; `expiries` is the single expiry or every per-message expiry, concatenated.
pub fn expire<S: AsRef<str>>(mode: &str, expiries: &[u64], hashes: &[S]) -> Vec<u8> {
    let mut out = b"expire".to_vec();
    out.extend_from_slice(mode.as_bytes());
    for e in expiries {
        out.extend_from_slice(e.to_string().as_bytes());
    }
    hashes_into(&mut out, hashes);
    out
}

/// `"expire_all" ‖ ns ‖ expiry`.
pub fn expire_all(ns: NamespaceSel, expiry_ms: u64) -> Vec<u8> {
    cat(&[
        b"expire_all",
        ns.render().as_bytes(),
        expiry_ms.to_string().as_bytes(),
    ])
}

/// `"get_expiries" ‖ timestamp ‖ hash_1 ‖ … ‖ hash_n`.
pub fn get_expiries<S: AsRef<str>>(timestamp_ms: u64, hashes: &[S]) -> Vec<u8> {
    let mut out = b"get_expiries".to_vec();
    out.extend_from_slice(timestamp_ms.to_string().as_bytes());
    hashes_into(&mut out, hashes);
    out
}

/// `"revoke_subaccount" ‖ timestamp ‖ token_1 ‖ … ‖ token_n` (raw 36-byte tokens).
pub fn revoke_subaccount(timestamp_ms: u64, tokens: &[[u8; 36]]) -> Vec<u8> {
    tokens_msg(b"revoke_subaccount", timestamp_ms, tokens)
}

/// `"unrevoke_subaccount" ‖ timestamp ‖ token_1 ‖ … ‖ token_n` (raw 36-byte tokens).
pub fn unrevoke_subaccount(timestamp_ms: u64, tokens: &[[u8; 36]]) -> Vec<u8> {
    tokens_msg(b"unrevoke_subaccount", timestamp_ms, tokens)
}

fn tokens_msg(method: &[u8], timestamp_ms: u64, tokens: &[[u8; 36]]) -> Vec<u8> {
    let mut out = method.to_vec();
    out.extend_from_slice(timestamp_ms.to_string().as_bytes());
    for t in tokens {
        out.extend_from_slice(t);
    }
    out
}

/// What a swarm member signs for a stored message: the ASCII hash string itself.
pub fn store_result(hash: &str) -> Vec<u8> {
    hash.as_bytes().to_vec()
}

/// What a member signs for `delete`: `PUBKEY_HEX ‖ requested (request order) ‖ deleted
/// (sorted)`, `PUBKEY_HEX` being the 66-character prefixed account key.
pub fn delete_result<S: AsRef<str>, T: AsRef<str>>(
    account_hex: &str,
    requested: &[S],
    deleted_sorted: &[T],
) -> Vec<u8> {
    let mut out = account_hex.as_bytes().to_vec();
    hashes_into(&mut out, requested);
    hashes_into(&mut out, deleted_sorted);
    out
}

/// What a member signs for `delete_all`: `PUBKEY_HEX ‖ timestamp ‖ all deleted (sorted)`.
pub fn delete_all_result<S: AsRef<str>>(
    account_hex: &str,
    timestamp_ms: u64,
    deleted_sorted: &[S],
) -> Vec<u8> {
    number_then_hashes(account_hex, timestamp_ms, deleted_sorted)
}

/// What a member signs for `delete_before`: `PUBKEY_HEX ‖ before ‖ deleted (sorted)`.
pub fn delete_before_result<S: AsRef<str>>(
    account_hex: &str,
    before_ms: u64,
    deleted_sorted: &[S],
) -> Vec<u8> {
    number_then_hashes(account_hex, before_ms, deleted_sorted)
}

/// What a member signs for `expire_all`: `PUBKEY_HEX ‖ expiry ‖ updated (sorted)`.
pub fn expire_all_result<S: AsRef<str>>(
    account_hex: &str,
    expiry_ms: u64,
    updated_sorted: &[S],
) -> Vec<u8> {
    number_then_hashes(account_hex, expiry_ms, updated_sorted)
}

fn number_then_hashes<S: AsRef<str>>(account_hex: &str, n: u64, hashes: &[S]) -> Vec<u8> {
    let mut out = account_hex.as_bytes().to_vec();
    out.extend_from_slice(n.to_string().as_bytes());
    hashes_into(&mut out, hashes);
    out
}

/// What a member signs for `expire`: `PUBKEY_HEX ‖ expiries ‖ requested (request order) ‖
/// updated (sorted) ‖ for each unchanged hash in ASCII order: hash ‖ expiry`; `expiries` is
/// the applied single expiry or every returned expiry.
pub fn expire_result<S: AsRef<str>, T: AsRef<str>, U: AsRef<str>>(
    account_hex: &str,
    expiries: &[u64],
    requested: &[S],
    updated_sorted: &[T],
    unchanged_sorted: &[(U, u64)],
) -> Vec<u8> {
    let mut out = account_hex.as_bytes().to_vec();
    for e in expiries {
        out.extend_from_slice(e.to_string().as_bytes());
    }
    hashes_into(&mut out, requested);
    hashes_into(&mut out, updated_sorted);
    for (hash, expiry) in unchanged_sorted {
        out.extend_from_slice(hash.as_ref().as_bytes());
        out.extend_from_slice(expiry.to_string().as_bytes());
    }
    out
}

/// What a member signs for `revoke_subaccount`/`unrevoke_subaccount`:
/// `PUBKEY_HEX ‖ timestamp ‖ raw tokens`.
pub fn revoke_result(account_hex: &str, timestamp_ms: u64, tokens: &[[u8; 36]]) -> Vec<u8> {
    let mut out = account_hex.as_bytes().to_vec();
    out.extend_from_slice(timestamp_ms.to_string().as_bytes());
    for t in tokens {
        out.extend_from_slice(t);
    }
    out
}
