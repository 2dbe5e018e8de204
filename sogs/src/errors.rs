//! Request failures, each mapped to the status code and plain-text body the official server uses.

use std::fmt;

/// Why a request (or opening the server) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SogsError {
    /// 400: malformed input; the text says what.
    BadRequest(String),
    /// 401: authentication missing or a signature that does not verify.
    Unauthorized(String),
    /// 403: the caller lacks the permission (or is banned).
    Forbidden(String),
    /// 404: no such room, message or user.
    NotFound,
    /// 406: a value the request names is not acceptable (a room image that is no file of the
    /// room).
    NotAcceptable(String),
    /// 413: body larger than allowed.
    TooLarge,
    /// 425: stale timestamp or reused nonce.
    TooEarly(String),
    /// 500: the database failed.
    Db(String),
}

impl SogsError {
    /// The HTTP status code the official server answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::Unauthorized(_) => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound => 404,
            Self::NotAcceptable(_) => 406,
            Self::TooLarge => 413,
            Self::TooEarly(_) => 425,
            Self::Db(_) => 500,
        }
    }
}

impl fmt::Display for SogsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadRequest(m)
            | Self::Unauthorized(m)
            | Self::Forbidden(m)
            | Self::NotAcceptable(m)
            | Self::TooEarly(m) => f.write_str(m),
            Self::NotFound => f.write_str("Not Found"),
            Self::TooLarge => f.write_str("Payload Too Large"),
            Self::Db(_) => f.write_str("Internal Server Error"),
        }
    }
}

impl std::error::Error for SogsError {}

impl From<rusqlite::Error> for SogsError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Db(e.to_string())
    }
}

/// Shorthand for a 400 with a reason.
pub(crate) fn bad(msg: &str) -> SogsError {
    SogsError::BadRequest(msg.to_owned())
}
