//! Steps with timings, test counts read off the runners' closing lines, and the final summary.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Tests counted across every runner.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests ignored or skipped.
    pub skipped: u64,
}

impl Tally {
    /// Adds the counts of a runner's closing line: cargo's and wasm-bindgen's
    /// `test result: ok. 3 passed; 0 failed; 1 ignored; …` or the e2e suite's
    /// `e2e: 3 passed, 0 failed`.
    pub fn add_line(&mut self, line: &str) {
        let line = line.trim();
        let counts = match line.strip_prefix("test result:") {
            Some(rest) => rest.split_once('.').map(|(_, counts)| counts),
            None => line.strip_prefix("e2e:"),
        };
        let Some(counts) = counts else {
            return;
        };
        for part in counts.split([';', ',']) {
            let mut words = part.split_whitespace();
            let (Some(n), Some(kind)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else {
                continue;
            };
            match kind {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" | "skipped" => self.skipped += n,
                _ => {}
            }
        }
    }
}

/// Runs a test command, passing its stdout through while counting its tests.
pub fn run_counting(cmd: &mut Command, tally: &mut Tally) -> Result<(), String> {
    run_counting_to(cmd, tally, &mut std::io::stdout())
}

fn run_counting_to(
    cmd: &mut Command,
    tally: &mut Tally,
    sink: &mut impl Write,
) -> Result<(), String> {
    let what = crate::tools::describe(cmd);
    eprintln!("xtask: {what}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{what}`: {e}"))?;
    let causes = child.stderr.take().map(crate::digest::tee);
    // Lines are read on a thread of their own: a process the command leaves behind may hold
    // the pipe open, and must not keep us waiting once the command itself has exited.
    let (lines, received) = mpsc::channel::<Vec<u8>>();
    if let Some(out) = child.stdout.take() {
        std::thread::spawn(move || {
            let mut reader = BufReader::new(out);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
                if lines.send(std::mem::take(&mut line)).is_err() {
                    break;
                }
            }
        });
    }
    let mut pass_on = |line: Vec<u8>| {
        let _ = sink.write_all(&line);
        let _ = sink.flush();
        tally.add_line(&String::from_utf8_lossy(&line));
    };
    let status = loop {
        match received.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => pass_on(line),
            Err(RecvTimeoutError::Timeout) => {
                if let Some(status) = child.try_wait().map_err(|e| format!("`{what}`: {e}"))? {
                    break status;
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                break child
                    .wait()
                    .map_err(|e| format!("`{what}` did not finish: {e}"))?
            }
        }
    };
    // What the command printed last may still be on its way.
    while let Ok(line) = received.recv_timeout(Duration::from_secs(2)) {
        pass_on(line);
    }
    let causes = causes.map(crate::digest::Tee::finish).unwrap_or_default();
    crate::tools::failure(&what, status, causes)
}

/// How a step ended.
#[derive(Debug)]
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// The steps of one `cargo xtask test`.
#[derive(Debug)]
pub struct Report {
    started: Instant,
    steps: Vec<(String, Outcome, f64)>,
    /// Tests counted so far.
    pub tally: Tally,
}

impl Report {
    /// An empty report, its clock started.
    pub fn new() -> Self {
        Report {
            started: Instant::now(),
            steps: Vec::new(),
            tally: Tally::default(),
        }
    }

    /// Runs and records one step; true if it passed.
    pub fn step(&mut self, name: &str, f: impl FnOnce(&mut Tally) -> Result<(), String>) -> bool {
        eprintln!("\nxtask: ── {name} ──");
        let start = Instant::now();
        let result = f(&mut self.tally);
        let secs = start.elapsed().as_secs_f64();
        let passed = result.is_ok();
        let outcome = match result {
            Ok(()) => Outcome::Passed,
            Err(e) => {
                eprintln!("xtask: {name} FAILED: {e}");
                Outcome::Failed(e)
            }
        };
        self.steps.push((name.to_string(), outcome, secs));
        passed
    }

    /// Records a step that did not run, and why.
    pub fn skip(&mut self, name: &str, why: &str) {
        eprintln!("\nxtask: ── {name} ── skipped: {why}");
        self.steps
            .push((name.to_string(), Outcome::Skipped(why.to_string()), 0.0));
    }

    /// Prints the summary; true if no step failed.
    pub fn finish(&self) -> bool {
        let mut ok = true;
        println!("\nxtask: summary");
        for (name, outcome, secs) in &self.steps {
            let (word, note) = match outcome {
                Outcome::Passed => ("ok", String::new()),
                Outcome::Failed(e) => {
                    ok = false;
                    ("FAILED", e.clone())
                }
                Outcome::Skipped(why) => ("skipped", why.clone()),
            };
            let mut lines = note.lines();
            let first = lines.next().unwrap_or_default();
            println!("  {word:<8} {name:<32} {secs:>7.1}s  {first}");
            for line in lines {
                println!("           {line}");
            }
        }
        if !ok {
            let target = crate::tools::target_dir();
            if let Some(free) = crate::digest::free_space(target.parent().unwrap_or(&target)) {
                println!("xtask: free disk space where the build goes: {free}");
            }
        }
        let total = self.started.elapsed().as_secs();
        println!(
            "xtask: {} in {}m{:02}s",
            if ok { "all steps passed" } else { "FAILED" },
            total / 60,
            total % 60
        );
        let t = self.tally;
        println!(
            "tests: {} passed, {} failed, {} skipped",
            t.passed, t.failed, t.skipped
        );
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_wasm_bindgen_and_e2e_closing_lines() {
        let mut t = Tally::default();
        t.add_line("test result: ok. 12 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.31s\n");
        t.add_line(
            "test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
        );
        t.add_line("e2e: 5 passed, 0 failed, 1 skipped");
        t.add_line("running 12 tests");
        t.add_line("test foo ... ok");
        t.add_line("note: 7 passed, 9 failed");
        assert_eq!(
            t,
            Tally {
                passed: 20,
                failed: 1,
                skipped: 3
            }
        );
    }

    #[test]
    fn a_failing_command_is_an_error_with_its_name() {
        let mut t = Tally::default();
        let mut sink = Vec::new();
        let err =
            run_counting_to(&mut Command::new("false"), &mut t, &mut sink).expect_err("fails");
        assert!(err.contains("`false` failed"), "{err}");
        let mut echo = Command::new("echo");
        echo.arg("test result: ok. 4 passed; 0 failed; 0 ignored");
        run_counting_to(&mut echo, &mut t, &mut sink).expect("echo");
        assert_eq!(t.passed, 4);
        assert!(String::from_utf8_lossy(&sink).contains("4 passed"));
    }

    #[test]
    fn a_process_left_holding_the_pipe_does_not_block() {
        let mut t = Tally::default();
        let mut sh = Command::new("sh");
        sh.args(["-c", "echo 'e2e: 1 passed, 0 failed'; sleep 30 &"]);
        let started = Instant::now();
        run_counting_to(&mut sh, &mut t, &mut Vec::new()).expect("sh");
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(t.passed, 1);
    }
}
