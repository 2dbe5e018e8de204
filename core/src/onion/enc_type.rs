//! The two layer cipher suites and their names in JSON (network.md §4.2).

use super::OnionError;
use std::fmt;
use std::str::FromStr;

/// Cipher suite of one onion layer, named by the JSON key `enc_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EncType {
    /// AES-256-GCM with the "LOKI" HMAC key derivation; what `enc_type` absent means.
    #[default]
    AesGcm,
    /// XChaCha20-Poly1305 with the BLAKE2b key derivation (libsession's choice).
    XChaCha20,
}

impl EncType {
    /// The name written into JSON: `aes-gcm` or `xchacha20`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EncType::AesGcm => "aes-gcm",
            EncType::XChaCha20 => "xchacha20",
        }
    }
}

impl fmt::Display for EncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EncType {
    type Err = OnionError;

    /// Accepts the names service nodes accept (the legacy CBC suite is refused).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "aes-gcm" | "gcm" => Ok(EncType::AesGcm),
            "xchacha20" | "xchacha20-poly1305" => Ok(EncType::XChaCha20),
            other => Err(OnionError::UnknownEncType(other.to_owned())),
        }
    }
}
