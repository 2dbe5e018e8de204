//! Why the relay could not start.

use crate::seed::SeedError;
use std::fmt;

/// Why the relay could not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum RelayError {
    /// The listen address could not be bound.
    Bind(std::io::Error),
    /// The seeds are misconfigured.
    Seeds(SeedError),
    /// The embedded local network did not start.
    LocalNetwork(session_localnet::Error),
    /// The HTTP client for service nodes could not be built.
    Client(reqwest::Error),
}

impl fmt::Display for RelayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelayError::Bind(e) => write!(f, "cannot listen: {e}"),
            RelayError::Seeds(e) => write!(f, "{e}"),
            RelayError::LocalNetwork(e) => write!(f, "local network: {e}"),
            RelayError::Client(e) => write!(f, "HTTP client: {e}"),
        }
    }
}

impl std::error::Error for RelayError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RelayError::Bind(e) => Some(e),
            RelayError::Seeds(e) => Some(e),
            RelayError::LocalNetwork(e) => Some(e),
            RelayError::Client(e) => Some(e),
        }
    }
}
