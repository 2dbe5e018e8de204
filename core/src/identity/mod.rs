//! Account identity: seed, keys, Session ID, recovery phrase (messaging.md §1).
