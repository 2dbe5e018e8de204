//! BLAKE2b as libsodium's `crypto_generichash` (and libsession's `hash::hash`): any output size
//! from 1 to 64 bytes, an optional key of up to 64 bytes, and optional 16-byte salt and
//! personalisation.

use super::CryptoError;
use blake2::digest::core_api::{Buffer, UpdateCore, VariableOutputCore};
use blake2::digest::generic_array::GenericArray;
use blake2::Blake2bVarCore;
use zeroize::{Zeroize, Zeroizing};

/// Largest output, key, and (salt/personalisation ×4) size of BLAKE2b.
pub const MAX_SIZE: usize = 64;

/// Length of the salt and of the personalisation.
pub const SALT_SIZE: usize = 16;

/// BLAKE2b of `parts` (hashed as one concatenated message) into `out`, whose length (1–64) is
/// the digest size. `key` may be empty (unkeyed, ≤ 64 bytes); `salt` and `personal` are empty or
/// up to 16 bytes (zero-padded, as libsodium does).
pub fn blake2b_into(
    out: &mut [u8],
    key: &[u8],
    salt: &[u8],
    personal: &[u8],
    parts: &[&[u8]],
) -> Result<(), CryptoError> {
    if out.is_empty() || out.len() > MAX_SIZE {
        return Err(CryptoError::InvalidLength {
            what: "BLAKE2b output",
            got: out.len(),
        });
    }
    if key.len() > MAX_SIZE {
        return Err(CryptoError::InvalidLength {
            what: "BLAKE2b key",
            got: key.len(),
        });
    }
    if salt.len() > SALT_SIZE || personal.len() > SALT_SIZE {
        return Err(CryptoError::InvalidLength {
            what: "BLAKE2b salt or personalisation",
            got: salt.len().max(personal.len()),
        });
    }
    let mut core = Blake2bVarCore::new_with_params(salt, personal, key.len(), out.len());
    let mut buffer: Buffer<Blake2bVarCore> = Default::default();
    if !key.is_empty() {
        // A keyed BLAKE2b starts with the key zero-padded to one 128-byte block.
        let mut block = Zeroizing::new([0u8; 128]);
        block[..key.len()].copy_from_slice(key);
        buffer.digest_blocks(&block[..], |blocks| core.update_blocks(blocks));
    }
    for part in parts {
        buffer.digest_blocks(part, |blocks| core.update_blocks(blocks));
    }
    let mut full = GenericArray::default();
    core.finalize_variable_core(&mut buffer, &mut full);
    let n = out.len();
    out.copy_from_slice(&full[..n]);
    full.as_mut_slice().zeroize();
    Ok(())
}

/// libsession's `hash::hash(size, msg, key)`: BLAKE2b of `msg` with a `size`-byte digest.
pub fn blake2b(size: usize, msg: &[u8], key: Option<&[u8]>) -> Result<Vec<u8>, CryptoError> {
    let mut out = vec![0u8; size];
    blake2b_into(&mut out, key.unwrap_or_default(), &[], &[], &[msg])?;
    Ok(out)
}

/// Unkeyed BLAKE2b with an `N`-byte digest over the concatenation of `parts`; `N` must be
/// 1–64, which is checked when the program is compiled.
pub fn blake2b_n<const N: usize>(parts: &[&[u8]]) -> [u8; N] {
    const { assert!(N >= 1 && N <= MAX_SIZE) };
    let mut out = [0u8; N];
    // Cannot fail: N is in range, and there is no key, salt or personalisation.
    let _ = blake2b_into(&mut out, &[], &[], &[], parts);
    out
}

/// Keyed BLAKE2b with an `N`-byte digest over the concatenation of `parts`.
pub fn blake2b_keyed<const N: usize>(key: &[u8], parts: &[&[u8]]) -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    blake2b_into(&mut out, key, &[], &[], parts)?;
    Ok(out)
}
