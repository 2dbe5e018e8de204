//! Attachments in the browser: encrypting and opening them through WebCrypto.

pub mod crypto;
