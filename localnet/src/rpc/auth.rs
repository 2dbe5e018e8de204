//! Account keys, request signatures and subaccount tokens (§5.2, §5.12).

use super::params::{err, require, signature_b64, token, PResult};
use crate::store::Store;
use ed25519_dalek::{Signature, VerifyingKey};

/// Subaccount flags (token byte 1).
pub(crate) const READ: u8 = 0x01;
pub(crate) const WRITE: u8 = 0x02;
pub(crate) const DELETE: u8 = 0x04;
const ANY_PREFIX: u8 = 0x08;

/// The account a request acts on, with its authentication.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub pubkey: [u8; 33],
    pub pubkey_ed25519: Option<[u8; 32]>,
    pub signature: Option<[u8; 64]>,
    pub subaccount: Option<([u8; 36], [u8; 64])>,
}

impl Account {
    /// The prefixed 66-hex form used in node signatures.
    pub fn hex(&self) -> String {
        hex::encode(self.pubkey)
    }
}

/// `pubkey` must be present and valid.
pub(crate) fn load_pk(pk: Option<&str>) -> PResult<Account> {
    let pk = require("pubkey", pk)?;
    let pubkey = super::params::pubkey(pk).ok_or_else(|| {
        super::params::ParseError("Pubkey must be 66 hex digits (33 bytes) long".into())
    })?;
    Ok(Account {
        pubkey,
        pubkey_ed25519: None,
        signature: None,
        subaccount: None,
    })
}

/// `pubkey` plus a required `signature` and an optional `pubkey_ed25519`.
pub(crate) fn load_pk_signature(
    pk: Option<&str>,
    pk_ed: Option<&str>,
    sig: Option<&str>,
) -> PResult<Account> {
    let mut acc = load_pk(pk)?;
    let sig = require("signature", sig)?;
    if let Some(ed) = pk_ed {
        if acc.pubkey[0] != 5 {
            return err("pubkey_ed25519 is only permitted for 05[...] pubkeys");
        }
        acc.pubkey_ed25519 = Some(if ed.len() == 64 {
            let bytes = hex::decode(ed).map_err(|_| {
                super::params::ParseError("invalid pubkey_ed25519: value is not hex".into())
            })?;
            bytes.try_into().unwrap_or([0; 32])
        } else if ed.len() == 32 {
            ed.as_bytes().try_into().unwrap_or([0; 32])
        } else {
            return err("Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey");
        });
    }
    acc.signature = Some(signature_b64(sig).ok_or_else(|| {
        super::params::ParseError(
            "invalid signature: expected base64 encoded Ed25519 signature".into(),
        )
    })?);
    Ok(acc)
}

/// Optional `subaccount` (token) with its required `subaccount_sig`.
pub(crate) fn load_subaccount(
    acc: &mut Account,
    sub: Option<&str>,
    sub_sig: Option<&str>,
) -> PResult<()> {
    let Some(sub) = sub.filter(|s| !s.is_empty()) else {
        return Ok(());
    };
    let Some(sub_sig) = sub_sig else {
        return err("invalid subaccount: subaccount_sig is required when using subaccount");
    };
    let Some(tok) = token(sub) else {
        return err("invalid subaccount: expected base64 or hex-encoded subaccount token");
    };
    let Some(sig) = signature_b64(sub_sig) else {
        return err("invalid subaccount signature: expected base64 encoded Ed25519 signature");
    };
    acc.subaccount = Some((tok, sig));
    Ok(())
}

fn verify_raw(pk: &[u8; 32], msg: &[u8], sig: &[u8; 64]) -> bool {
    VerifyingKey::from_bytes(pk)
        .map(|k| k.verify_strict(msg, &Signature::from_bytes(sig)).is_ok())
        .unwrap_or(false)
}

/// Checks the request signature over `msg` as upstream does: the `05` account key comes from
/// `pubkey_ed25519` (which must convert to the X25519 key), other prefixes use the key bytes
/// directly; a subaccount must not be revoked (unless `skip_revoke`), must allow the prefix and
/// carry `required` flags, must be signed by the account key, and then signs the request.
pub(crate) fn verify(
    store: &Store,
    acc: &Account,
    required: u8,
    skip_revoke: bool,
    msg: &[u8],
    now_ms: u64,
) -> bool {
    let Some(sig) = acc.signature else {
        return false;
    };
    let mut key = [0u8; 32];
    key.copy_from_slice(&acc.pubkey[1..]);
    if acc.pubkey[0] == 5 {
        if let Some(ed) = acc.pubkey_ed25519 {
            let converts = VerifyingKey::from_bytes(&ed)
                .map(|k| k.to_montgomery().to_bytes() == key)
                .unwrap_or(false);
            if !converts {
                return false;
            }
            key = ed;
        }
    }
    if let Some((tok, tok_sig)) = acc.subaccount {
        if !skip_revoke && store.is_revoked(&acc.pubkey, &tok, now_ms).unwrap_or(true) {
            return false;
        }
        let flags = tok[1];
        if tok[0] != acc.pubkey[0] && flags & ANY_PREFIX == 0 {
            return false;
        }
        if flags & required != required {
            return false;
        }
        if !verify_raw(&key, &tok, &tok_sig) {
            return false;
        }
        key.copy_from_slice(&tok[4..]);
    }
    verify_raw(&key, msg, &sig)
}
