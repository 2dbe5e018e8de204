//! The lines of a command's stderr that say why it failed, kept for the summary.
//!
//! A failed rustc makes cargo print its whole command line (tens of kilobytes for web-sys), and
//! a CI log shown in part may show only that. The summary therefore repeats the few lines that
//! name the cause: `error…`, a full disk, a killed process.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// At most this many lines are kept.
const MAX_LINES: usize = 12;
/// Each kept line is cut to this many characters.
const MAX_CHARS: usize = 240;

/// Whether a stderr line says why a build or test failed.
pub fn is_cause(line: &str) -> bool {
    let line = line.trim_start();
    (line.starts_with("error") && !line.starts_with("error: could not compile"))
        || line.contains("No space left")
        || line.contains("SIGKILL")
        || line.contains("signal: 9")
        || line.contains("panicked at")
        || line.contains("out of memory")
}

/// A line cut to [`MAX_CHARS`] characters, at a character boundary.
fn shortened(line: &str) -> String {
    let line = line.trim_end();
    match line.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// A stderr being copied to ours on a thread of its own, its cause lines kept.
#[derive(Debug)]
pub struct Tee {
    kept: Arc<Mutex<Vec<String>>>,
    handle: JoinHandle<()>,
}

/// Starts copying `from` to our stderr line by line.
pub fn tee(from: impl Read + Send + 'static) -> Tee {
    let kept = Arc::new(Mutex::new(Vec::new()));
    let shared = Arc::clone(&kept);
    let handle = std::thread::spawn(move || tee_to(from, &mut std::io::stderr(), &shared));
    Tee { kept, handle }
}

impl Tee {
    /// The cause lines, once the stream has ended or after two seconds: a process the command
    /// left behind may hold the pipe open and must not keep us waiting.
    pub fn finish(self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(2);
        while !self.handle.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kept.lock().map(|k| k.clone()).unwrap_or_default()
    }
}

fn tee_to(from: impl Read, sink: &mut impl Write, kept: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
        let _ = sink.write_all(&line);
        let text = String::from_utf8_lossy(&line);
        if is_cause(&text) {
            if let Ok(mut kept) = kept.lock() {
                if kept.len() < MAX_LINES {
                    kept.push(shortened(&text));
                }
            }
        }
        line.clear();
    }
    let _ = sink.flush();
}

/// The free space of the file system holding `dir`, as `df -h` says it, for failure reports.
pub fn free_space(dir: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("df")
        .args(["-h", "--output=avail"])
        .arg(dir)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().nth(1).map(|s| s.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_causes_and_passes_everything_through() {
        let long = format!("error: {}", "x".repeat(1000));
        let input = format!(
            "   Compiling web-sys v0.3\n{long}\nwarning: unused\nerror: could not compile `web-sys`\n\
             Caused by:\n  process didn't exit successfully: `rustc …` (signal: 9, SIGKILL: kill)\n\
             error: failed to write: No space left on device (os error 28)\n"
        );
        let mut sink = Vec::new();
        let kept = Mutex::new(Vec::new());
        tee_to(input.as_bytes(), &mut sink, &kept);
        let kept = kept.into_inner().expect("lock");
        assert_eq!(sink, input.as_bytes());
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert_eq!(kept[0].chars().count(), MAX_CHARS + 1);
        assert!(kept[1].contains("SIGKILL"));
        assert!(kept[2].contains("No space left"));
    }

    #[test]
    fn keeps_at_most_a_dozen_lines() {
        let input = "error[E0308]: mismatched types\n".repeat(50);
        let kept = Mutex::new(Vec::new());
        tee_to(input.as_bytes(), &mut Vec::new(), &kept);
        assert_eq!(kept.into_inner().expect("lock").len(), MAX_LINES);
    }
}
