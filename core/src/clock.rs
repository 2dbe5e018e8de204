//! Network clock offset (network.md §6).
