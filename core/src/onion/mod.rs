//! Onion requests (network.md §4).
