//! Full-text search of stored messages, in memory: the platform-free part (no storage, no UI).
//!
//! [`SearchIndex`] indexes each message's text and its files' names and captions under the
//! message's key ([`MessageKey`](crate::storage::MessageKey)), and answers queries across all
//! conversations or within one: every query word must match, as the beginning of a word, case
//! and accents aside ([`fold`]); CJK text, which has no spaces, is indexed as overlapping
//! character pairs and matches anywhere. Hits come newest first, with byte ranges of the
//! original texts to highlight.
//!
//! The index keeps the texts it indexed (to verify and highlight hits without a storage round
//! trip): in memory it is about the size of the texts plus a few words per term occurrence;
//! [`SearchIndex::heap_bytes`] estimates it.

pub mod fold;
pub mod index;

pub use index::{Field, FieldMatch, Hit, SearchError, SearchIndex};
