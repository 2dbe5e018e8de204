//! Errors of starting and controlling a local network.

use std::fmt;

/// Why the network could not start or a control call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing the data directory, or binding a socket, failed.
    Io(std::io::Error),
    /// A node database could not be opened or migrated.
    Db(rusqlite::Error),
    /// The persisted network description is unreadable.
    Corrupt(String),
    /// TLS setup (certificate generation or loading) failed.
    Tls(String),
    /// The configuration cannot describe a network (e.g. zero nodes).
    Config(String),
    /// No node has that Ed25519 key.
    UnknownNode(String),
    /// A swarm move cannot be made in this network.
    Move(crate::MoveError),
    /// The community server could not be opened or given its rooms.
    Community(session_sogs::SogsError),
    /// A name to register is not a valid ONS name.
    Name(session_core::ons::OnsError),
    /// A Session ID to register a name for is not a `05` account ID.
    SessionId(session_core::identity::SessionIdError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Db(e) => write!(f, "database error: {e}"),
            Error::Corrupt(what) => write!(f, "the data directory is damaged: {what}"),
            Error::Tls(what) => write!(f, "TLS setup failed: {what}"),
            Error::Config(what) => write!(f, "invalid configuration: {what}"),
            Error::UnknownNode(key) => write!(f, "no node has the key {key}"),
            Error::Move(e) => write!(f, "cannot move the account: {e}"),
            Error::Community(e) => write!(f, "the community server failed to start: {e}"),
            Error::Name(e) => write!(f, "invalid name: {e}"),
            Error::SessionId(e) => write!(f, "invalid Session ID: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Db(e) => Some(e),
            Error::Move(e) => Some(e),
            Error::Community(e) => Some(e),
            Error::Name(e) => Some(e),
            Error::SessionId(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e)
    }
}
