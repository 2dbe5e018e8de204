//! The SQLite schema and its migrations (`PRAGMA user_version` counts the applied ones).

use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE config (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE rooms (
    id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    description TEXT, created REAL NOT NULL, info_updates INTEGER NOT NULL DEFAULT 0,
    message_sequence INTEGER NOT NULL DEFAULT 0);
CREATE TABLE users (
    id INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, created REAL NOT NULL,
    last_active REAL NOT NULL, banned INTEGER NOT NULL DEFAULT 0,
    moderator INTEGER NOT NULL DEFAULT 0, admin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE room_moderators (
    room INTEGER NOT NULL REFERENCES rooms, session_id TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (room, session_id));
CREATE TABLE room_bans (
    room INTEGER NOT NULL REFERENCES rooms, session_id TEXT NOT NULL,
    PRIMARY KEY (room, session_id));
CREATE TABLE room_users (
    room INTEGER NOT NULL REFERENCES rooms, user INTEGER NOT NULL REFERENCES users,
    last_active REAL NOT NULL, PRIMARY KEY (room, user));
CREATE TABLE user_request_nonces (
    user INTEGER NOT NULL REFERENCES users, nonce BLOB NOT NULL, expiry REAL NOT NULL,
    PRIMARY KEY (user, nonce));
CREATE TABLE messages (
    id INTEGER PRIMARY KEY, room INTEGER NOT NULL REFERENCES rooms,
    user INTEGER NOT NULL REFERENCES users, seqno INTEGER NOT NULL, posted REAL NOT NULL,
    edited REAL, data BLOB, signature BLOB);
CREATE INDEX messages_seqno ON messages (room, seqno);
CREATE TABLE inbox (
    id INTEGER PRIMARY KEY, sender INTEGER NOT NULL REFERENCES users,
    recipient INTEGER NOT NULL REFERENCES users, posted REAL NOT NULL, expires REAL NOT NULL,
    data BLOB NOT NULL);
"#,
    r#"
CREATE TABLE reactions (
    id INTEGER PRIMARY KEY, message INTEGER NOT NULL REFERENCES messages,
    user INTEGER NOT NULL REFERENCES users, reaction TEXT NOT NULL, at REAL NOT NULL,
    UNIQUE (message, user, reaction));
"#,
    r#"
CREATE TABLE files (
    id INTEGER PRIMARY KEY, room INTEGER NOT NULL REFERENCES rooms,
    uploader INTEGER NOT NULL REFERENCES users, data BLOB NOT NULL, filename TEXT,
    uploaded REAL NOT NULL, expiry REAL NOT NULL);
"#,
    "ALTER TABLE rooms ADD COLUMN image INTEGER REFERENCES files;",
    // Attachments owned by posts, pins, timed bans, room default permissions and per-user
    // permission overrides (pysogs' `user_permission_overrides` read/accessible/write/upload).
    r#"
ALTER TABLE files ADD COLUMN message INTEGER REFERENCES messages;
CREATE INDEX files_message ON files (message);
CREATE INDEX files_expiry ON files (expiry);
CREATE TABLE pinned_messages (
    room INTEGER NOT NULL REFERENCES rooms, message INTEGER NOT NULL REFERENCES messages,
    pinned_by INTEGER NOT NULL REFERENCES users, pinned_at REAL NOT NULL,
    PRIMARY KEY (room, message));
ALTER TABLE room_bans ADD COLUMN expires REAL;
ALTER TABLE users ADD COLUMN ban_expires REAL;
ALTER TABLE rooms ADD COLUMN read INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rooms ADD COLUMN accessible INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rooms ADD COLUMN write INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rooms ADD COLUMN upload INTEGER NOT NULL DEFAULT 1;
CREATE TABLE room_permissions (
    room INTEGER NOT NULL REFERENCES rooms, session_id TEXT NOT NULL,
    read INTEGER, accessible INTEGER, write INTEGER, upload INTEGER,
    PRIMARY KEY (room, session_id));
CREATE INDEX inbox_expires ON inbox (expires);
CREATE INDEX nonces_expiry ON user_request_nonces (expiry);
"#,
];

/// Applies the migrations the database has not seen yet.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}
