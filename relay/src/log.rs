//! Minimal logging to stderr. Deliberately takes only fixed text and counts: there is no way to
//! log a request body, a key or an address through it by accident.

use std::io::Write;

/// Logs an informational line.
pub fn info(msg: std::fmt::Arguments<'_>) {
    line(format!("session-relay: {msg}\n"));
}

/// Logs a warning line.
pub fn warn(msg: std::fmt::Arguments<'_>) {
    line(format!("session-relay: warning: {msg}\n"));
}

/// Writes a whole line with one call. `eprintln!` writes each formatted piece separately, so a
/// program reading the pipe could see half a line (half an address) in one read.
fn line(text: String) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
