//! Running commands, and installing the toolchain pieces the build needs only when they are
//! missing.
//!
//! Every tool is checked first (present and of the exact version) and installed only if that
//! check fails, so a fresh machine and a warm one run the same code.

use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;

/// The Rust target the app and the core's wasm build compile for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk release that builds with this project's rustc (0.22 needs a newer one).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The `wasm-opt` crate release that ships Binaryen 116. Debian's Binaryen 108 emits wasm that
/// fails at page load, so this one must win on PATH.
pub const WASM_OPT_CRATE_VERSION: &str = "0.116.1";
/// Binaryen version of that crate, as `wasm-opt --version` prints it.
pub const BINARYEN_VERSION: &str = "116";
/// Where Debian puts Chromium and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The workspace root (xtask lives one level below it).
pub fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

/// Cargo's build folder: `CARGO_TARGET_DIR` when set (relative to the root), else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => repo_root().join(dir),
        _ => repo_root().join("target"),
    }
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// PATH with cargo's bin folder first, so tools we installed win over any system copy.
pub fn path_with_cargo_bin() -> Result<OsString, String> {
    let first = cargo_bin_dir();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs =
        std::iter::once(first.clone()).chain(std::env::split_paths(&rest).filter(|d| *d != first));
    std::env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))
}

/// The file `program` resolves to on `path`, as a shell would find it.
pub fn which_on(program: &str, path: &OsString) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// `cargo ARGS…` run from the repository root.
pub fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.args(args).current_dir(repo_root());
    cmd
}

/// A command as a person would type it, for messages.
pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    let name = program.file_name().unwrap_or(program.as_os_str());
    let mut words = vec![name.to_string_lossy().into_owned()];
    words.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// Runs a command with its output passed through, failing on a non-zero exit; the error
/// repeats the stderr lines that say why (see [`crate::digest`]).
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let what = describe(cmd);
    eprintln!("xtask: {what}");
    let mut child = cmd
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{what}`: {e}"))?;
    let causes = child.stderr.take().map(crate::digest::tee);
    let status = child
        .wait()
        .map_err(|e| format!("`{what}` did not finish: {e}"))?;
    let causes = causes.map(crate::digest::Tee::finish).unwrap_or_default();
    failure(&what, status, causes)
}

/// Ok for a successful exit, else an error naming the command, its status and the causes.
pub fn failure(
    what: &str,
    status: std::process::ExitStatus,
    causes: Vec<String>,
) -> Result<(), String> {
    if status.success() {
        return Ok(());
    }
    let mut message = format!("`{what}` failed ({status})");
    for line in causes {
        message.push('\n');
        message.push_str(&line);
    }
    Err(message)
}

/// What a command printed (stdout then stderr) if it ran and succeeded.
fn output_of(program: &Path, arg: &str) -> Option<String> {
    let out = Command::new(program).arg(arg).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(text)
}

/// Whether `program --version` prints `version` as a word of its own (`trunk 0.21.14`,
/// `wasm-opt version 116 (version_116)`).
pub fn reports_version(program: &Path, version: &str) -> bool {
    output_of(program, "--version")
        .is_some_and(|text| text.split_whitespace().any(|word| word == version))
}

/// Adds a rustup target unless it is already installed.
pub fn ensure_rust_target(target: &str) -> Result<(), String> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    let installed = String::from_utf8_lossy(&out.stdout);
    if installed.lines().any(|l| l.trim() == target) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", target]))
}

/// A binary installed with `cargo install`, pinned to one version.
#[derive(Debug, Clone)]
pub struct Tool {
    crate_name: &'static str,
    crate_version: String,
    /// The binary whose `--version` must print `reported`.
    binary: &'static str,
    reported: String,
    /// Other binaries the same crate installs that we use.
    also: &'static [&'static str],
    locked: bool,
    opt_level: &'static str,
}

impl Tool {
    /// Whether the exact version is installed in cargo's bin folder.
    pub fn is_installed(&self) -> bool {
        let bin = cargo_bin_dir();
        self.also.iter().all(|b| bin.join(b).is_file())
            && reports_version(&bin.join(self.binary), &self.reported)
    }

    /// The `cargo install` command for this tool. `--force` because we only install after the
    /// check failed: cargo alone would skip a crate it believes installed whose binary is gone.
    ///
    /// The same sources are built with a cheaper release profile (cargo's environment overrides
    /// a manifest's profile): Trunk's own asks for fat LTO with one codegen unit, which alone
    /// costs minutes of a single core. `opt_level` is lowered for tools whose speed does not
    /// matter to us.
    pub fn install_command(&self) -> Command {
        let mut cmd = cargo(&["install", self.crate_name, "--version", &self.crate_version]);
        cmd.arg("--force");
        if self.locked {
            cmd.arg("--locked");
        }
        cmd.env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", self.opt_level);
        cmd
    }

    /// A short name for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.crate_name, self.crate_version)
    }
}

/// The tools `trunk build` needs: Trunk, wasm-bindgen of the version in Cargo.lock (with its
/// test runner) and wasm-opt from Binaryen 116.
pub fn web_tools(wasm_bindgen_version: &str) -> Vec<Tool> {
    vec![
        Tool {
            crate_name: "wasm-bindgen-cli",
            crate_version: wasm_bindgen_version.to_string(),
            binary: "wasm-bindgen",
            reported: wasm_bindgen_version.to_string(),
            also: &["wasm-bindgen-test-runner"],
            // Its lock file may pin crates this rustc cannot build; let cargo resolve.
            locked: false,
            opt_level: "1",
        },
        Tool {
            crate_name: "wasm-opt",
            crate_version: WASM_OPT_CRATE_VERSION.to_string(),
            binary: "wasm-opt",
            reported: BINARYEN_VERSION.to_string(),
            also: &[],
            locked: true,
            // Binaryen's C++ follows this level too, and it optimises every release build.
            opt_level: "3",
        },
        Tool {
            crate_name: "trunk",
            crate_version: TRUNK_VERSION.to_string(),
            binary: "trunk",
            reported: TRUNK_VERSION.to_string(),
            also: &[],
            locked: true,
            opt_level: "1",
        },
    ]
}

/// The install commands for whichever of `tools` are missing.
pub fn missing_tool_installs(tools: &[Tool]) -> Vec<Command> {
    tools
        .iter()
        .filter(|t| {
            let present = t.is_installed();
            if !present {
                eprintln!("xtask: {} is missing; installing it", t.label());
            }
            !present
        })
        .map(Tool::install_command)
        .collect()
}

/// The commands that install Debian's Chromium and ChromeDriver, empty when both are present.
pub fn chromium_installs() -> Result<Vec<Command>, String> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return Ok(Vec::new());
    }
    eprintln!("xtask: Chromium or ChromeDriver is missing; installing them with apt-get");
    let as_root = |args: &[&str]| -> Result<Command, String> {
        let mut cmd = if is_root() {
            Command::new("apt-get")
        } else if which_on("sudo", &std::env::var_os("PATH").unwrap_or_default()).is_some() {
            let mut sudo = Command::new("sudo");
            sudo.args(["-n", "apt-get"]);
            sudo
        } else {
            return Err(format!(
                "{CHROMIUM} is missing and this user cannot run apt-get: \
                 install the Debian packages chromium and chromium-driver as root"
            ));
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        Ok(cmd)
    };
    Ok(vec![
        as_root(&["update"])?,
        as_root(&[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])?,
    ])
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Install commands running on a thread of their own, their output going to a log file.
#[derive(Debug)]
pub struct Background {
    what: String,
    log: PathBuf,
    handle: Option<JoinHandle<Result<(), String>>>,
}

impl Background {
    /// Starts `commands` one after the other in the background; with none it does nothing.
    /// They run at the lowest CPU priority (`nice`), so the tests running meanwhile, some of which
    /// time network operations, keep the processors and the installs use what is left idle.
    pub fn start(what: &str, log: PathBuf, commands: Vec<Command>) -> Result<Self, String> {
        if commands.is_empty() {
            return Ok(Background {
                what: what.to_string(),
                log,
                handle: None,
            });
        }
        if let Some(dir) = log.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let file =
            File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        eprintln!(
            "xtask: installing {what} in the background (log: {})",
            log.display()
        );
        let handle = std::thread::spawn(move || {
            for cmd in commands {
                let what = describe(&cmd);
                let mut cmd = niced(cmd);
                let out = file.try_clone().map_err(|e| format!("log file: {e}"))?;
                let err = file.try_clone().map_err(|e| format!("log file: {e}"))?;
                let status = cmd
                    .stdin(Stdio::null())
                    .stdout(out)
                    .stderr(err)
                    .status()
                    .map_err(|e| format!("cannot start `{what}`: {e}"))?;
                if !status.success() {
                    return Err(format!("`{what}` failed ({status})"));
                }
            }
            Ok(())
        });
        Ok(Background {
            what: what.to_string(),
            log,
            handle: Some(handle),
        })
    }

    /// Waits for the installs; on failure the error carries the end of the log.
    pub fn wait(&mut self) -> Result<(), String> {
        let Some(handle) = self.handle.take() else {
            return Ok(());
        };
        eprintln!("xtask: waiting for the installation of {}", self.what);
        let result = handle
            .join()
            .map_err(|_| format!("the installation of {} crashed", self.what))
            .and_then(|r| r);
        result.map_err(|e| {
            let tail = std::fs::read_to_string(&self.log)
                .map(|log| last_lines(&log, 25))
                .unwrap_or_default();
            format!("{e}\n--- end of {} ---\n{tail}", self.log.display())
        })
    }
}

/// The same command under `nice -n 19` (when `nice` exists; coreutils has it).
fn niced(cmd: Command) -> Command {
    if which_on("nice", &std::env::var_os("PATH").unwrap_or_default()).is_none() {
        return cmd;
    }
    let mut nice = Command::new("nice");
    nice.args(["-n", "19"])
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => nice.env(key, v),
            None => nice.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        nice.current_dir(dir);
    }
    nice
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The versions of crate `name` recorded in a Cargo.lock.
pub fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines().map(str::trim);
    let mut versions = Vec::new();
    while let Some(line) = lines.next() {
        if line == wanted {
            let version = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'));
            if let Some(v) = version {
                versions.push(v.to_string());
            }
        }
    }
    versions
}

/// The single version of the `wasm-bindgen` crate in the workspace's Cargo.lock.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match locked_versions(&lock, "wasm-bindgen").as_slice() {
        [one] => Ok(one.clone()),
        [] => Err("Cargo.lock has no wasm-bindgen; is the app in the workspace?".into()),
        many => Err(format!(
            "Cargo.lock has several wasm-bindgen versions ({}); wasm-bindgen-cli must match \
             exactly one",
            many.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"

[[package]]
name = "wasm-bindgen-futures"
version = "0.4.53"
"#;

    #[test]
    fn finds_the_locked_version_of_one_crate_only() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "wasm-bindgen-futures"), ["0.4.53"]);
        assert!(locked_versions(LOCK, "trunk").is_empty());
    }

    #[test]
    fn cargo_bin_comes_first_on_the_path() {
        let path = path_with_cargo_bin().expect("PATH");
        let first = std::env::split_paths(&path).next();
        assert_eq!(first, Some(cargo_bin_dir()));
    }

    #[test]
    fn last_lines_keeps_the_end() {
        assert_eq!(last_lines("a\nb\nc", 2), "b\nc");
        assert_eq!(last_lines("a", 5), "a");
    }
}
