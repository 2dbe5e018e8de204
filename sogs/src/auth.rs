//! `X-SOGS-*` request authentication, with the official server's rules and status codes.

use crate::errors::{bad, SogsError};
use crate::{Req, Sogs};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use rusqlite::{params, OptionalExtension};
use session_core::community::auth::{
    message_to_sign, signing_path, HEADER_NONCE, HEADER_PUBKEY, HEADER_SIGNATURE, HEADER_TIMESTAMP,
};

/// Allowed distance between the request timestamp and server time (±24 h).
pub const TIMESTAMP_WINDOW_S: f64 = 24.0 * 60.0 * 60.0;

/// A database row id of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserId(pub i64);

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct User {
    /// Row id.
    pub id: UserId,
    /// `15…`/`25…` blinded ID (hex) as presented.
    pub session_id: String,
    /// The Ed25519 key the caller signs with.
    pub key: VerifyingKey,
}

/// Decodes hex (2n digits) or base64 (padded or not) into exactly `n` bytes.
pub fn decode_hex_or_b64(s: &str, n: usize) -> Option<Vec<u8>> {
    let v = if s.len() == 2 * n {
        hex::decode(s).ok()?
    } else {
        STANDARD
            .decode(s)
            .or_else(|_| STANDARD_NO_PAD.decode(s))
            .ok()?
    };
    (v.len() == n).then_some(v)
}

/// Finds (or creates) the user row for a session ID.
pub(crate) fn user_row(
    sogs: &Sogs,
    session_id: &str,
    create: bool,
) -> Result<Option<(UserId, bool)>, SogsError> {
    let conn = sogs.conn();
    let now = sogs.now();
    if create {
        conn.execute(
            "INSERT OR IGNORE INTO users (session_id, created, last_active) VALUES (?1, ?2, ?2)",
            params![session_id, now],
        )?;
    }
    Ok(conn
        .query_row(
            "SELECT id, banned AND (ban_expires IS NULL OR ban_expires > ?2) FROM users
             WHERE session_id = ?1",
            params![session_id, now],
            |r| Ok((UserId(r.get(0)?), r.get::<_, bool>(1)?)),
        )
        .optional()?)
}

/// Checks the four headers: `Ok(None)` when all are absent, the user when valid.
pub fn authenticate(sogs: &Sogs, req: &Req) -> Result<Option<User>, SogsError> {
    let vals = [
        HEADER_PUBKEY,
        HEADER_NONCE,
        HEADER_TIMESTAMP,
        HEADER_SIGNATURE,
    ]
    .map(|h| req.header(h).filter(|v| !v.is_empty()));
    let missing = vals.iter().filter(|v| v.is_none()).count();
    if missing == 4 {
        return Ok(None);
    }
    let [Some(pk), Some(nonce), Some(ts_str), Some(sig)] = vals else {
        return Err(bad(&format!(
            "Invalid authentication headers: missing {missing}/4 required X-SOGS-* headers"
        )));
    };
    let pk = decode_hex_or_b64(pk, 33).ok_or_else(|| {
        bad("Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id")
    })?;
    let prefix = pk[0];
    if !matches!(prefix, 0x00 | 0x15 | 0x25) {
        return Err(bad(
            "Invalid authentication: X-SOGS-Pubkey must be 00- or 15- prefixed",
        ));
    }
    let key_bytes: [u8; 32] = pk[1..]
        .try_into()
        .map_err(|_| bad("Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id"))?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| {
        bad("Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey")
    })?;
    // The official server's default (REQUIRE_BLIND_KEYS): unblinded ids are refused outright.
    if prefix == 0x00 {
        return Err(bad(
            "Invalid authentication: this server requires the use of blinded ids",
        ));
    }
    let session_id = hex::encode(&pk);
    let nonce = decode_hex_or_b64(nonce, 16).ok_or_else(|| {
        bad("Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)")
    })?;
    let sig = decode_hex_or_b64(sig, 64)
        .ok_or_else(|| bad("Invalid authentication: X-SOGS-Signature is not base64[88]"))?;
    let ts: i64 = ts_str
        .parse()
        .map_err(|_| bad("Invalid authentication: X-SOGS-Timestamp is not a valid timestamp"))?;
    let now = sogs.now();
    if (ts as f64 - now).abs() > TIMESTAMP_WINDOW_S {
        return Err(SogsError::TooEarly(
            "Invalid authentication: X-SOGS-Timestamp is too far from current time".into(),
        ));
    }
    let Some((id, banned)) = user_row(sogs, &session_id, true)? else {
        return Err(SogsError::Db("user row vanished".into()));
    };
    if banned {
        // Refused whether or not the signature verifies, as the official server does.
        return Err(SogsError::Forbidden("Banned".into()));
    }
    {
        let conn = sogs.conn();
        let fresh = conn.execute(
            "INSERT OR IGNORE INTO user_request_nonces (user, nonce, expiry) VALUES (?1, ?2, ?3)",
            params![id.0, nonce, now + 2.0 * TIMESTAMP_WINDOW_S],
        )?;
        if fresh == 0 {
            return Err(SogsError::TooEarly(
                "Invalid authentication: X-SOGS-Nonce cannot be reused".into(),
            ));
        }
    }
    let path = signing_path(&req.target)
        .map_err(|_| bad("Invalid authentication: request path is not UTF-8"))?;
    let nonce16: [u8; 16] = nonce.as_slice().try_into().map_err(|_| bad("bad nonce"))?;
    let ts_u = u64::try_from(ts)
        .map_err(|_| bad("Invalid authentication: X-SOGS-Timestamp is not a valid timestamp"))?;
    if ts_u.to_string() != ts_str {
        return Err(bad(
            "Invalid authentication: X-SOGS-Timestamp is not a valid timestamp",
        ));
    }
    let msg = message_to_sign(
        &sogs.public_key(),
        &nonce16,
        ts_u,
        &req.method,
        &path,
        &req.body,
    );
    let sig = Signature::from_slice(&sig).map_err(|_| bad("bad signature"))?;
    key.verify_strict(&msg, &sig).map_err(|_| {
        SogsError::Unauthorized(
            "Invalid authentication: X-SOGS-Signature verification failed".into(),
        )
    })?;
    sogs.conn().execute(
        "UPDATE users SET last_active = ?2 WHERE id = ?1",
        params![id.0, now],
    )?;
    Ok(Some(User {
        id,
        session_id,
        key,
    }))
}

/// 401 unless a user authenticated.
pub fn require(user: Option<&User>) -> Result<&User, SogsError> {
    user.ok_or_else(|| SogsError::Unauthorized("X-SOGS-* request authentication required".into()))
}
