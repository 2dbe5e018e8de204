//! The one way commands report: a JSON value on stdout, or an error line on stderr.

use serde_json::Value;
use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// A failure a command reports to the user; its text is printed as `error: …`.
#[derive(Debug)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

impl CliError {
    /// Wraps any displayable error with what was being done.
    pub fn context(what: &str, err: impl fmt::Display) -> Self {
        CliError(format!("{what}: {err}"))
    }
}

/// Parses a lowercase-or-uppercase hex argument, naming the flag in the error.
pub fn hex_arg(flag: &str, value: &str) -> Result<Vec<u8>, CliError> {
    hex::decode(value.trim()).map_err(|e| CliError(format!("{flag} is not valid hex: {e}")))
}

/// Parses a hex argument that must be exactly `N` bytes long.
pub fn hex_arg_fixed<const N: usize>(flag: &str, value: &str) -> Result<[u8; N], CliError> {
    let bytes = hex_arg(flag, value)?;
    let len = bytes.len();
    bytes.try_into().map_err(|_| {
        CliError(format!(
            "{flag} must be {N} bytes ({} hex characters), got {len} bytes",
            N * 2
        ))
    })
}

/// Prints the command's result and turns it into the process exit code.
pub fn finish(result: Result<Value, CliError>) -> ExitCode {
    match result {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Writes one JSON document as a line and flushes it, so that a reader sees it at once (and so
/// that a command learns of a closed stdout before it records the output as delivered).
pub fn emit(out: &mut impl Write, value: &Value) -> Result<(), CliError> {
    writeln!(out, "{value}")
        .and_then(|()| out.flush())
        .map_err(|e| CliError::context("cannot write the output", e))
}

/// The exit code of a command that printed its own output: 0, or `error: …` on stderr and 1.
pub fn exit(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
