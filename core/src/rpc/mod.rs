//! Storage RPC (network.md §5).
