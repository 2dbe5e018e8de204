//! Service-node swarms (network.md §3).
