//! What the node says it runs: the storage-server version and the chain height.

/// Storage-server version we claim to run.
pub(crate) const VERSION: [u16; 3] = [2, 8, 0];

/// The storage-server version as `x.y.z`.
pub(crate) fn version_string() -> String {
    let [a, b, c] = VERSION;
    format!("{a}.{b}.{c}")
}

/// Block height we report (advances every two minutes like the real chain).
pub(crate) fn height(now_ms: u64) -> u64 {
    (now_ms / 1000).saturating_sub(1_500_000_000) / 120
}
