//! Cryptographic building blocks: sealed boxes, BLAKE2b, blinding.
pub mod blinding;
pub mod push_and_ons;
