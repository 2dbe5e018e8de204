//! Account keys, request signatures and subaccount tokens (§5.2, §5.12): the one reader of a
//! request's account fields and the one signature check, shared by every method.

use super::params::{
    self, err, one_of, require, signature_b64, token, Fields, PResult, Params, ParseError,
};
use crate::store::Store;
use ed25519_dalek::{Signature, VerifyingKey};

/// Signature window (±60 s) and the wider one for swarm-forwarded copies (±70 s).
pub(crate) const SIG_TOLERANCE_MS: u64 = 60_000;
pub(crate) const SIG_TOLERANCE_FORWARDED_MS: u64 = 70_000;

/// Whether `t` lies within `tol` of `now`.
pub(crate) fn within(t: u64, now: u64, tol: u64) -> bool {
    t.abs_diff(now) <= tol
}

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

/// A request's account fields as given: type-checked, not yet validated. Every method reads
/// them here, runs its own earlier rules, then asks for the account [`signed`](Self::signed)
/// or, where upstream allows it, [`unsigned`](Self::unsigned).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AuthParams<'a> {
    pubkey: Option<&'a str>,
    /// The old `pubKey` spelling; only read by the methods that accept it.
    legacy_pubkey: Option<&'a str>,
    pubkey_ed25519: Option<&'a str>,
    signature: Option<&'a str>,
    /// Subaccount fields; only read by the methods that accept a subaccount.
    subaccount: Option<&'a str>,
    subaccount_sig: Option<&'a str>,
}

impl<'a> AuthParams<'a> {
    /// `pubkey`, `pubkey_ed25519`, `signature`, `subaccount` and `subaccount_sig`.
    pub fn read(f: &mut Fields<'a>) -> Self {
        AuthParams {
            subaccount: f.string("subaccount"),
            subaccount_sig: f.string("subaccount_sig"),
            ..Self::read_owner(f)
        }
    }

    /// As [`read`](Self::read), also taking the legacy `pubKey` (store and retrieve do).
    pub fn read_with_legacy_pubkey(f: &mut Fields<'a>) -> Self {
        AuthParams {
            legacy_pubkey: f.string("pubKey"),
            ..Self::read(f)
        }
    }

    /// Without the subaccount fields, which upstream does not even read where only the
    /// account owner may act ((un)revoking subaccounts).
    pub fn read_owner(f: &mut Fields<'a>) -> Self {
        AuthParams {
            pubkey: f.string("pubkey"),
            legacy_pubkey: None,
            pubkey_ed25519: f.string("pubkey_ed25519"),
            signature: f.string("signature"),
            subaccount: None,
            subaccount_sig: None,
        }
    }

    /// Whether a `signature` was given.
    pub fn has_signature(&self) -> bool {
        self.signature.is_some()
    }

    /// Whether a `pubkey_ed25519` was given.
    pub fn has_pubkey_ed25519(&self) -> bool {
        self.pubkey_ed25519.is_some()
    }

    /// Just the account key, which must be present and valid; the other fields are ignored.
    pub fn unsigned(&self) -> PResult<Account> {
        let pk = one_of("pubkey", self.pubkey, "pubKey", self.legacy_pubkey, true)?;
        let pubkey = params::pubkey(pk)
            .ok_or_else(|| ParseError("Pubkey must be 66 hex digits (33 bytes) long".into()))?;
        Ok(Account {
            pubkey,
            pubkey_ed25519: None,
            signature: None,
            subaccount: None,
        })
    }

    /// The account key with a required `signature`, an optional `pubkey_ed25519` (`05` keys
    /// only) and an optional subaccount token with its signature, checked in upstream's order.
    pub fn signed(&self) -> PResult<Account> {
        let mut acc = self.unsigned()?;
        let sig = require("signature", self.signature)?;
        if let Some(ed) = self.pubkey_ed25519 {
            if acc.pubkey[0] != 5 {
                return err("pubkey_ed25519 is only permitted for 05[...] pubkeys");
            }
            acc.pubkey_ed25519 = Some(ed25519_key(ed)?);
        }
        acc.signature = Some(signature_b64(sig).ok_or_else(|| {
            ParseError("invalid signature: expected base64 encoded Ed25519 signature".into())
        })?);
        acc.subaccount = subaccount(self.subaccount, self.subaccount_sig)?;
        Ok(acc)
    }
}

/// The usual shape of a signed method: the account fields plus the method's own (read by `read`),
/// type-checked together, then the signed account, before any of the method's own rules.
pub(crate) fn signed_request<'a, T>(
    p: Params<'a>,
    read: impl FnOnce(&mut Fields<'a>) -> T,
) -> PResult<(Account, T)> {
    let mut f = Fields::new(p);
    let auth = AuthParams::read(&mut f);
    let fields = read(&mut f);
    f.finish()?;
    Ok((auth.signed()?, fields))
}

/// `pubkey_ed25519`: 64 hex digits or the 32 raw bytes.
fn ed25519_key(ed: &str) -> PResult<[u8; 32]> {
    let mut key = [0u8; 32];
    match ed.len() {
        64 => hex::decode_to_slice(ed, &mut key)
            .map_err(|_| ParseError("invalid pubkey_ed25519: value is not hex".into()))?,
        32 => key.copy_from_slice(ed.as_bytes()),
        _ => return err("Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey"),
    }
    Ok(key)
}

/// An optional subaccount token (empty means none) with its required signature.
fn subaccount(sub: Option<&str>, sub_sig: Option<&str>) -> PResult<Option<([u8; 36], [u8; 64])>> {
    let Some(sub) = sub.filter(|s| !s.is_empty()) else {
        return Ok(None);
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
    Ok(Some((tok, sig)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn signed(params: serde_json::Value) -> PResult<Account> {
        let map = params.as_object().cloned().unwrap_or_default();
        let mut f = Fields::new(Params(&map));
        let auth = AuthParams::read(&mut f);
        f.finish()?;
        auth.signed()
    }

    #[test]
    fn the_ed25519_key_is_the_given_one_never_a_placeholder() {
        let base = json!({"pubkey": format!("05{}", "ab".repeat(32)), "signature": "A".repeat(86)});
        let with_key = |k: &str| {
            let mut p = base.clone();
            p["pubkey_ed25519"] = k.into();
            signed(p).map(|a| a.pubkey_ed25519)
        };
        let hex_key: Vec<u8> = (0u8..32).collect();
        assert_eq!(
            with_key(&hex::encode(&hex_key)),
            Ok(hex_key.clone().try_into().ok())
        );
        assert_eq!(with_key(&"q".repeat(32)), Ok(Some([b'q'; 32])));
        assert!(with_key(&"0".repeat(62)).is_err());
        assert!(with_key(&format!("{}g", "0".repeat(63))).is_err());
        assert_eq!(signed(base).map(|a| a.pubkey_ed25519), Ok(None));
    }
}
