//! Server administration for operators and tests (not reachable over HTTP).

use crate::auth::user_row;
use crate::errors::bad;
use crate::rooms::{room_id, RoomId};
use crate::{Sogs, SogsError};
use rusqlite::params;
use session_core::crypto::blinding;

/// Creates a room; 400 when the token is taken or not `[A-Za-z0-9_-]{1,64}`.
pub fn create_room(
    sogs: &Sogs,
    token: &str,
    name: &str,
    description: Option<&str>,
) -> Result<RoomId, SogsError> {
    let valid = !token.is_empty()
        && token.len() <= 64
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid {
        return Err(bad("Invalid room token"));
    }
    let conn = sogs.conn();
    conn.execute(
        "INSERT INTO rooms (token, name, description, created) VALUES (?1, ?2, ?3, ?4)",
        params![token, name, description, sogs.now()],
    )
    .map_err(|_| bad("Room token already exists"))?;
    Ok(RoomId(conn.last_insert_rowid()))
}

/// The IDs under which an account may appear: a `15`/`25` ID as is; a `05` ID as its two
/// blind15 candidates and its blind25 ID (the server only ever sees blinded IDs).
pub fn blinded_forms(sogs: &Sogs, session_id: &str) -> Result<Vec<String>, SogsError> {
    let raw = hex::decode(session_id).map_err(|_| bad("Invalid session ID"))?;
    match raw.first() {
        Some(0x15 | 0x25) if raw.len() == 33 => Ok(vec![session_id.to_ascii_lowercase()]),
        Some(0x05) if raw.len() == 33 => {
            let pk = sogs.public_key();
            let invalid = |_| bad("Invalid session ID");
            let [a, b] = blinding::blind15_id_candidates(&raw, &pk).map_err(invalid)?;
            let c = blinding::blind25_id(&raw, &pk).map_err(invalid)?;
            Ok(vec![hex::encode(a), hex::encode(b), hex::encode(c)])
        }
        _ => Err(bad("Invalid session ID")),
    }
}

/// Makes `session_id` a moderator (or admin) of a room, or globally when `token` is `None`.
pub fn add_moderator(
    sogs: &Sogs,
    token: Option<&str>,
    session_id: &str,
    admin: bool,
) -> Result<(), SogsError> {
    let ids = blinded_forms(sogs, session_id)?;
    let room = token.map(|t| room_id(sogs, t)).transpose()?;
    for id in ids {
        match room {
            Some(r) => {
                let conn = sogs.conn();
                conn.execute(
                    "INSERT OR REPLACE INTO room_moderators (room, session_id, admin) VALUES (?1, ?2, ?3)",
                    params![r.0, id, admin],
                )?;
                // The room's details list its moderators: pollers fetch them anew.
                conn.execute(
                    "UPDATE rooms SET info_updates = info_updates + 1 WHERE id = ?1",
                    [r.0],
                )?;
            }
            None => {
                user_row(sogs, &id, true)?;
                sogs.conn().execute(
                    "UPDATE users SET moderator = 1, admin = ?2 WHERE session_id = ?1",
                    params![id, admin],
                )?;
            }
        }
    }
    Ok(())
}

/// Bans `session_id` from a room, or from the whole server when `token` is `None`.
pub fn ban(sogs: &Sogs, token: Option<&str>, session_id: &str) -> Result<(), SogsError> {
    ban_for(sogs, token, session_id, None)
}

/// Bans `session_id` (from a room, or server-wide when `token` is `None`) for `timeout` seconds,
/// or for good when `None` or zero (pysogs' `timeout`). The ban replaces any earlier one, so a
/// ban without timeout makes a timed ban permanent. A lapsed ban no longer counts; the periodic
/// [`cleanup`] removes it.
pub fn ban_for(
    sogs: &Sogs,
    token: Option<&str>,
    session_id: &str,
    timeout: Option<f64>,
) -> Result<(), SogsError> {
    let expires = timeout.filter(|t| *t != 0.0).map(|t| sogs.now() + t);
    set_ban(sogs, token, session_id, Some(expires))
}

/// Lifts a ban made by [`ban`] or [`ban_for`].
pub fn unban(sogs: &Sogs, token: Option<&str>, session_id: &str) -> Result<(), SogsError> {
    set_ban(sogs, token, session_id, None)
}

/// `ban`: `Some(expiry)` bans (until `expiry`, or for good), `None` lifts the ban.
fn set_ban(
    sogs: &Sogs,
    token: Option<&str>,
    session_id: &str,
    ban: Option<Option<f64>>,
) -> Result<(), SogsError> {
    let ids = blinded_forms(sogs, session_id)?;
    let room = token.map(|t| room_id(sogs, t)).transpose()?;
    for id in ids {
        match (room, ban) {
            (Some(r), Some(expires)) => sogs.conn().execute(
                "INSERT INTO room_bans (room, session_id, expires) VALUES (?1, ?2, ?3)
                 ON CONFLICT (room, session_id) DO UPDATE SET expires = excluded.expires",
                params![r.0, id, expires],
            )?,
            (Some(r), None) => sogs.conn().execute(
                "DELETE FROM room_bans WHERE room = ?1 AND session_id = ?2",
                params![r.0, id],
            )?,
            (None, _) => {
                user_row(sogs, &id, true)?;
                sogs.conn().execute(
                    "UPDATE users SET banned = ?2, ban_expires = ?3 WHERE session_id = ?1",
                    params![id, ban.is_some(), ban.flatten()],
                )?
            }
        };
    }
    Ok(())
}

/// Makes an uploaded file of the room its image (`image_id`); the file then never expires.
/// Bumps `info_updates` so pollers fetch the new details.
pub fn set_room_image(sogs: &Sogs, token: &str, file_id: i64) -> Result<(), SogsError> {
    crate::rooms::set_image(sogs, room_id(sogs, token)?, file_id)
}

pub use crate::cleanup::{cleanup, CleanupReport};

/// Posts `count` messages ("{prefix} 1" … "{prefix} {count}", oldest first, one second apart
/// ending now) to a room as one made-up member named `name`, each a padded Content signed by
/// that member's key exactly as a client signs it: history for tests and the bench to page
/// through. The member's `15…` ID.
pub fn seed_posts(
    sogs: &Sogs,
    token: &str,
    count: u32,
    prefix: &str,
    name: &str,
) -> Result<String, SogsError> {
    use ed25519_dalek::{Signer, SigningKey};
    use session_core::message::compose::{ContentBuilder, Profile};
    use session_core::message::encode_content;
    let room = room_id(sogs, token)?;
    let key = SigningKey::generate(&mut rand_core::OsRng);
    let mut raw = vec![0x15];
    raw.extend_from_slice(key.verifying_key().as_bytes());
    let author = hex::encode(raw);
    let (user, _) = user_row(sogs, &author, true)?.ok_or_else(|| bad("Invalid session ID"))?;
    let profile = Profile {
        display_name: name.to_owned(),
        picture: None,
        updated_s: 0,
    };
    let end = sogs.now();
    let mut conn = sogs.conn();
    let tx = conn.transaction()?;
    for i in 1..=count {
        let posted = end - f64::from(count - i);
        let mut content = ContentBuilder::text(&format!("{prefix} {i}"))
            .profile(&profile)
            .build();
        content.sig_timestamp = Some((posted * 1000.0) as u64);
        let data = encode_content(&content);
        let signature = key.sign(&data).to_bytes();
        let seq = crate::messages::next_seqno(&tx, room)?;
        tx.execute(
            "INSERT INTO messages (room, user, seqno, posted, data, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![room.0, user.0, seq, posted, data, signature.to_vec()],
        )?;
    }
    tx.commit()?;
    Ok(author)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD as B64;
    use base64::Engine as _;
    use session_core::community::api::RoomMessage;
    use session_core::community::poll::check_post;
    use session_core::message::decode_content;

    #[test]
    fn seeded_posts_are_signed_by_their_author_and_numbered_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let sogs = Sogs::open(dir.path()).unwrap();
        create_room(&sogs, "history", "History", None).unwrap();
        let author = seed_posts(&sogs, "history", 5, "Old post", "Archivist").unwrap();
        assert!(author.starts_with("15") && author.len() == 66);
        type Row = (i64, i64, f64, Vec<u8>, Vec<u8>);
        let rows: Vec<Row> = {
            let conn = sogs.conn();
            let mut st = conn
                .prepare("SELECT id, seqno, posted, data, signature FROM messages ORDER BY id")
                .unwrap();
            let rows = st
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(rows.len(), 5);
        for (i, (id, seqno, posted, data, sig)) in rows.iter().enumerate() {
            let json = serde_json::json!({
                "id": id, "session_id": author, "posted": posted, "seqno": seqno,
                "data": B64.encode(data), "signature": B64.encode(sig),
            });
            let m = RoomMessage::parse(json.to_string().as_bytes()).unwrap();
            check_post(&m).unwrap();
            let content = decode_content(data).unwrap();
            let body = content.data_message.unwrap().body.unwrap();
            assert_eq!(body, format!("Old post {}", i + 1));
            if i > 0 {
                assert!(*posted > rows[i - 1].2 && *seqno > rows[i - 1].1);
            }
        }
    }
}
