//! 1:1 message layer: padding, signing, sealing, Envelope wrapping (messaging.md §2, §3).
