//! One node's message store: a SQLite database in the node's data directory, with the same
//! semantics as the real storage server (insertion order per node, duplicate hashes extend the
//! expiry, public-outbox replacement). Expired rows are purged before every access, so reads
//! never see them even between periodic cleanups.

use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &["CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        pubkey BLOB NOT NULL,
        namespace INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        expiry INTEGER NOT NULL,
        data BLOB NOT NULL
    );
    CREATE INDEX messages_owner ON messages(pubkey, namespace, id);
    CREATE INDEX messages_expiry ON messages(expiry);
    CREATE TABLE revoked_subaccounts (
        pubkey BLOB NOT NULL,
        token BLOB NOT NULL,
        timestamp INTEGER NOT NULL,
        PRIMARY KEY (pubkey, token)
    );"];

/// Most revoked tokens kept per account (older ones are forgotten, as upstream).
const MAX_REVOKED: i64 = 50;

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub hash: String,
    pub namespace: i16,
    pub timestamp: u64,
    pub expiry: u64,
    pub data: Vec<u8>,
}

/// What a store did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stored {
    New,
    /// Already there; the expiry is the (possibly extended) stored one.
    Existing,
}

/// The database of one node.
#[derive(Debug)]
pub(crate) struct Store {
    conn: Mutex<Connection>,
}

type DbResult<T> = Result<T, rusqlite::Error>;

impl Store {
    /// Opens (creating and migrating as needed) the database at `path`.
    pub fn open(path: &Path) -> DbResult<Store> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tx = conn.transaction()?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(m)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn with<T>(&self, now_ms: u64, f: impl FnOnce(&mut Connection) -> DbResult<T>) -> DbResult<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        conn.execute("DELETE FROM messages WHERE expiry <= ?1", [now_ms as i64])?;
        f(&mut conn)
    }

    /// Removes expired messages.
    pub fn clean_expired(&self, now_ms: u64) -> DbResult<()> {
        self.with(now_ms, |_| Ok(()))
    }

    /// Stores a message; returns whether it is new and the expiry now stored.
    pub fn store(&self, pubkey: &[u8; 33], msg: &Message, now_ms: u64) -> DbResult<(Stored, u64)> {
        self.with(now_ms, |conn| {
            let tx = conn.transaction()?;
            let out = store_in(&tx, pubkey, msg)?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Every unexpired message of an account (all namespaces), in insertion order: what a
    /// node hands to the new members of the account's swarm after a swarm change.
    pub fn export(&self, pubkey: &[u8; 33], now_ms: u64) -> DbResult<Vec<Message>> {
        self.with(now_ms, |conn| {
            let mut st = conn.prepare(
                "SELECT hash, namespace, timestamp, expiry, data FROM messages
                 WHERE pubkey = ?1 ORDER BY id",
            )?;
            let rows = st.query_map([&pubkey[..]], row_to_message)?;
            rows.collect()
        })
    }

    /// Takes in an account's messages handed over by another node, in their order, as stores
    /// of the same messages would (duplicates keep the later expiry; public outboxes keep one);
    /// returns how many were new. Expired ones are skipped.
    pub fn import(&self, pubkey: &[u8; 33], msgs: &[Message], now_ms: u64) -> DbResult<usize> {
        self.with(now_ms, |conn| {
            let tx = conn.transaction()?;
            let mut new = 0;
            for m in msgs.iter().filter(|m| m.expiry > now_ms) {
                if store_in(&tx, pubkey, m)?.0 == Stored::New {
                    new += 1;
                }
            }
            tx.commit()?;
            Ok(new)
        })
    }

    /// The accounts this node holds unexpired messages of.
    pub fn accounts(&self, now_ms: u64) -> DbResult<Vec<[u8; 33]>> {
        self.with(now_ms, |conn| {
            let mut st = conn.prepare("SELECT DISTINCT pubkey FROM messages")?;
            let rows = st.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
            let mut out = Vec::new();
            for row in rows {
                // Every row was written with a 33-byte key; anything else is not an account.
                if let Ok(pk) = <[u8; 33]>::try_from(row?) {
                    out.push(pk);
                }
            }
            Ok(out)
        })
    }

    /// Messages after `last_hash` (from the start when it is unknown), in insertion order, with
    /// the count/size limits of §5.5; the flag says whether more were left.
    pub fn retrieve(
        &self,
        pubkey: &[u8; 33],
        ns: i16,
        last_hash: Option<&str>,
        max_count: Option<usize>,
        max_size: Option<usize>,
        now_ms: u64,
    ) -> DbResult<(Vec<Message>, bool)> {
        self.with(now_ms, |conn| {
            let last_id: Option<i64> = match last_hash {
                Some(h) => conn
                    .query_row(
                        "SELECT id FROM messages WHERE pubkey = ?1 AND namespace = ?2 AND hash = ?3",
                        params![&pubkey[..], ns, h],
                        |r| r.get(0),
                    )
                    .optional()?,
                None => None,
            };
            let max_count = max_count.map(|c| c.max(1));
            // One more than asked, to tell whether there is more; a count past i64 saturates.
            let limit = max_count
                .map(|c| i64::try_from(c).unwrap_or(i64::MAX).saturating_add(1))
                .unwrap_or(-1);
            let mut st = conn.prepare(
                "SELECT hash, namespace, timestamp, expiry, data FROM messages
                 WHERE pubkey = ?1 AND namespace = ?2 AND id > ?3 ORDER BY id LIMIT ?4",
            )?;
            let rows = st.query_map(
                params![&pubkey[..], ns, last_id.unwrap_or(0), limit],
                row_to_message,
            )?;
            let mut out = Vec::new();
            let mut more = false;
            let mut size = 0usize;
            for row in rows {
                let m = row?;
                if max_count.is_some_and(|c| out.len() >= c) {
                    more = true;
                    break;
                }
                if let Some(max) = max_size {
                    size += 100 + m.hash.len() + m.data.len() * 4 / 3;
                    if !out.is_empty() && size > max {
                        more = true;
                        break;
                    }
                }
                out.push(m);
            }
            Ok((out, more))
        })
    }

    /// Deletes the listed messages of the account; returns the hashes deleted.
    pub fn delete_by_hash(
        &self,
        pubkey: &[u8; 33],
        hashes: &[String],
        now_ms: u64,
    ) -> DbResult<Vec<String>> {
        self.with(now_ms, |conn| {
            let tx = conn.transaction()?;
            let mut out = Vec::new();
            for h in hashes {
                if tx.execute(
                    "DELETE FROM messages WHERE pubkey = ?1 AND hash = ?2",
                    params![&pubkey[..], h],
                )? > 0
                    && !out.contains(h)
                {
                    out.push(h.clone());
                }
            }
            tx.commit()?;
            Ok(out)
        })
    }

    /// Deletes every message of the account (in one namespace, or all); returns (ns, hash).
    pub fn delete_all(
        &self,
        pubkey: &[u8; 33],
        ns: Option<i16>,
        now_ms: u64,
    ) -> DbResult<Vec<(i16, String)>> {
        self.delete_where(pubkey, ns, None, now_ms)
    }

    /// Deletes the account's messages whose timestamp is ≤ `before`.
    pub fn delete_before(
        &self,
        pubkey: &[u8; 33],
        ns: Option<i16>,
        before: u64,
        now_ms: u64,
    ) -> DbResult<Vec<(i16, String)>> {
        self.delete_where(pubkey, ns, Some(before), now_ms)
    }

    fn delete_where(
        &self,
        pubkey: &[u8; 33],
        ns: Option<i16>,
        before: Option<u64>,
        now_ms: u64,
    ) -> DbResult<Vec<(i16, String)>> {
        self.with(now_ms, |conn| {
            let mut st = conn.prepare(
                "DELETE FROM messages WHERE pubkey = ?1
                   AND (?2 IS NULL OR namespace = ?2) AND (?3 IS NULL OR timestamp <= ?3)
                 RETURNING namespace, hash",
            )?;
            let rows = st.query_map(params![&pubkey[..], ns, before.map(|b| b as i64)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect()
        })
    }

    /// Sets new expiries (one for all, or one per hash); `extend_only`/`shorten_only` restrict
    /// the change. Returns (hash, new expiry) of the rows changed, in request order.
    pub fn update_expiry(
        &self,
        pubkey: &[u8; 33],
        hashes: &[String],
        expiries: &[u64],
        extend_only: bool,
        shorten_only: bool,
        now_ms: u64,
    ) -> DbResult<Vec<(String, u64)>> {
        let cond = if extend_only {
            " AND expiry < ?1"
        } else if shorten_only {
            " AND expiry > ?1"
        } else {
            ""
        };
        self.with(now_ms, |conn| {
            let tx = conn.transaction()?;
            let mut out: Vec<(String, u64)> = Vec::new();
            {
                let mut st = tx.prepare(&format!(
                    "UPDATE messages SET expiry = ?1 WHERE hash = ?2 AND pubkey = ?3{cond}"
                ))?;
                for (i, h) in hashes.iter().enumerate() {
                    let exp = expiries.get(i).or(expiries.first()).copied().unwrap_or(0);
                    if st.execute(params![exp as i64, h, &pubkey[..]])? > 0
                        && !out.iter().any(|(x, _)| x == h)
                    {
                        out.push((h.clone(), exp));
                    }
                }
            }
            tx.commit()?;
            Ok(out)
        })
    }

    /// Current expiries of the listed messages that exist.
    pub fn get_expiries(
        &self,
        pubkey: &[u8; 33],
        hashes: &[String],
        now_ms: u64,
    ) -> DbResult<BTreeMap<String, u64>> {
        self.with(now_ms, |conn| {
            let mut st =
                conn.prepare("SELECT expiry FROM messages WHERE hash = ?1 AND pubkey = ?2")?;
            let mut out = BTreeMap::new();
            for h in hashes {
                if let Some(e) = st
                    .query_row(params![h, &pubkey[..]], |r| r.get::<_, i64>(0))
                    .optional()?
                {
                    out.insert(h.clone(), e as u64);
                }
            }
            Ok(out)
        })
    }

    /// Lowers every later expiry of the account (one namespace or all) to `expiry`.
    pub fn update_all_expiries(
        &self,
        pubkey: &[u8; 33],
        ns: Option<i16>,
        expiry: u64,
        now_ms: u64,
    ) -> DbResult<Vec<(i16, String)>> {
        self.with(now_ms, |conn| {
            let mut st = conn.prepare(
                "UPDATE messages SET expiry = ?1 WHERE expiry > ?1 AND pubkey = ?2
                   AND (?3 IS NULL OR namespace = ?3)
                 RETURNING namespace, hash",
            )?;
            let rows = st.query_map(params![expiry as i64, &pubkey[..], ns], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect()
        })
    }

    /// Records revoked subaccount tokens (keeping the newest 50 per account).
    pub fn revoke(&self, pubkey: &[u8; 33], tokens: &[[u8; 36]], now_ms: u64) -> DbResult<()> {
        self.with(now_ms, |conn| {
            let tx = conn.transaction()?;
            for t in tokens {
                tx.execute(
                    "INSERT INTO revoked_subaccounts (pubkey, token, timestamp) VALUES (?1, ?2, ?3)
                     ON CONFLICT(pubkey, token) DO UPDATE SET timestamp = excluded.timestamp",
                    params![&pubkey[..], &t[..], now_ms as i64],
                )?;
            }
            tx.execute(
                "DELETE FROM revoked_subaccounts WHERE pubkey = ?1 AND token NOT IN (
                    SELECT token FROM revoked_subaccounts WHERE pubkey = ?1
                    ORDER BY timestamp DESC LIMIT ?2)",
                params![&pubkey[..], MAX_REVOKED],
            )?;
            tx.commit()
        })
    }

    /// Removes revocations; returns how many existed.
    pub fn unrevoke(&self, pubkey: &[u8; 33], tokens: &[[u8; 36]], now_ms: u64) -> DbResult<usize> {
        self.with(now_ms, |conn| {
            let mut n = 0;
            for t in tokens {
                n += conn.execute(
                    "DELETE FROM revoked_subaccounts WHERE pubkey = ?1 AND token = ?2",
                    params![&pubkey[..], &t[..]],
                )?;
            }
            Ok(n)
        })
    }

    /// Whether the token is revoked for the account.
    pub fn is_revoked(&self, pubkey: &[u8; 33], token: &[u8; 36], now_ms: u64) -> DbResult<bool> {
        self.with(now_ms, |conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM revoked_subaccounts WHERE pubkey = ?1 AND token = ?2",
                params![&pubkey[..], &token[..]],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
        })
    }

    /// Number of messages held (all accounts), for tests and the admin view.
    pub fn count(&self, now_ms: u64) -> DbResult<u64> {
        self.with(now_ms, |conn| {
            conn.query_row("SELECT COUNT(*) FROM messages", [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
        })
    }
}

/// One store inside a transaction: public-outbox replacement, then insert, or extend the
/// expiry of the message already there.
fn store_in(
    tx: &rusqlite::Transaction<'_>,
    pubkey: &[u8; 33],
    msg: &Message,
) -> DbResult<(Stored, u64)> {
    if crate::rules::is_public_outbox(msg.namespace) {
        tx.execute(
            "DELETE FROM messages WHERE pubkey = ?1 AND namespace = ?2 AND hash != ?3",
            params![&pubkey[..], msg.namespace, msg.hash],
        )?;
    }
    let existing: Option<(i64, i64)> = tx
        .query_row(
            "SELECT id, expiry FROM messages WHERE hash = ?1",
            [&msg.hash],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match existing {
        Some((id, exp)) => {
            let new_exp = msg.expiry as i64;
            if exp < new_exp {
                tx.execute(
                    "UPDATE messages SET expiry = ?1 WHERE id = ?2",
                    params![new_exp, id],
                )?;
            }
            (Stored::Existing, exp.max(new_exp) as u64)
        }
        None => {
            tx.execute(
                "INSERT INTO messages (hash, pubkey, namespace, timestamp, expiry, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    msg.hash,
                    &pubkey[..],
                    msg.namespace,
                    msg.timestamp as i64,
                    msg.expiry as i64,
                    msg.data
                ],
            )?;
            (Stored::New, msg.expiry)
        }
    })
}

fn row_to_message(r: &rusqlite::Row<'_>) -> DbResult<Message> {
    Ok(Message {
        hash: r.get(0)?,
        namespace: r.get(1)?,
        timestamp: r.get::<_, i64>(2)? as u64,
        expiry: r.get::<_, i64>(3)? as u64,
        data: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(hash: &str, namespace: i16, expiry: u64) -> Message {
        Message {
            hash: hash.into(),
            namespace,
            timestamp: 1,
            expiry,
            data: hash.as_bytes().to_vec(),
        }
    }

    #[test]
    fn an_accounts_messages_move_as_stores_would() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (
            Store::open(&dir.path().join("a.db")).unwrap(),
            Store::open(&dir.path().join("b.db")).unwrap(),
        );
        let (alice, bob) = ([5u8; 33], [6u8; 33]);
        let now = 1_000;
        for m in [
            msg("h1", 0, 5_000),
            msg("h2", 2, 6_000),
            msg("o1", -21, 5_000),
        ] {
            a.store(&alice, &m, now).unwrap();
        }
        a.store(&bob, &msg("b1", 0, 5_000), now).unwrap();
        let mut accounts = a.accounts(now).unwrap();
        accounts.sort_unstable();
        assert_eq!(accounts, [alice, bob]);
        let out = a.export(&alice, now).unwrap();
        assert_eq!(
            out.iter().map(|m| m.hash.as_str()).collect::<Vec<_>>(),
            ["h1", "h2", "o1"]
        );
        // The receiver already has h1 (with a later expiry), another public-outbox message
        // (replaced), and the expired copy of an old one is not taken.
        b.store(&alice, &msg("h1", 0, 9_000), now).unwrap();
        b.store(&alice, &msg("o0", -21, 5_000), now).unwrap();
        let mut with_expired = out.clone();
        with_expired.push(msg("gone", 0, 500));
        assert_eq!(b.import(&alice, &with_expired, now).unwrap(), 2);
        let got = b.export(&alice, now).unwrap();
        let hashes: Vec<&str> = got.iter().map(|m| m.hash.as_str()).collect();
        assert_eq!(hashes, ["h1", "h2", "o1"]);
        assert_eq!(got[0].expiry, 9_000);
        assert!(b.export(&bob, now).unwrap().is_empty());
    }
}
