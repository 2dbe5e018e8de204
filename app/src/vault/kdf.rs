//! Argon2id: a password to a 32-byte key-wrapping key, at a cost stated in the lock record so
//! that a later version can raise it for new passwords and still open old ones.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::VaultError;

/// Argon2id's cost, as the lock record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// What new passwords get: 19 MiB, six passes, one lane. The memory is OWASP's first
    /// recommended setting (more would stay allocated: a tab's wasm memory never shrinks);
    /// the passes are three times its minimum, as the bench measures a derivation at about a
    /// tenth of a second in a tab here (`cargo xtask bench --only lock`).
    pub const DEFAULT: KdfParams = KdfParams {
        m_kib: 19_456,
        t: 6,
        p: 1,
    };

    /// A cheap setting for tests that unlock many times (never for a real password).
    #[doc(hidden)]
    pub const TESTING: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };
}

/// Length of the random salt kept beside the parameters.
pub const SALT_LEN: usize = 16;

/// The key-wrapping key of `password` (its UTF-8 bytes as typed) under `salt`.
pub fn derive(
    password: &str,
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    // A record could ask for gigabytes: refuse what no version of this app writes.
    if params.m_kib > 1 << 20 || params.t > 16 || params.p != 1 {
        return Err(VaultError::Kdf);
    }
    let params =
        Params::new(params.m_kib, params.t, params.p, Some(32)).map_err(|_| VaultError::Kdf)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password.as_bytes(), salt, &mut out[..])
        .map_err(|_| VaultError::Kdf)?;
    Ok(out)
}
