//! Minimal logging to stderr. Deliberately takes only fixed text and counts: there is no way to
//! log a request body, a key or an address through it by accident.

/// Logs an informational line.
pub fn info(msg: std::fmt::Arguments<'_>) {
    eprintln!("session-relay: {msg}");
}

/// Logs a warning line.
pub fn warn(msg: std::fmt::Arguments<'_>) {
    eprintln!("session-relay: warning: {msg}");
}
