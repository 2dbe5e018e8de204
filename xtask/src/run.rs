//! `cargo xtask run`: the app on the relay's embedded local network.

use crate::{tools, web};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Command;
use std::time::Duration;

/// The port the relay listens on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// Builds what is needed and runs the relay until it stops (Ctrl-C).
pub fn run(args: &[String]) -> Result<(), String> {
    let port = port(args)?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    if let Err(e) = TcpListener::bind(addr) {
        return Err(format!(
            "cannot listen on {addr} ({e}); choose another with --port N"
        ));
    }
    let dist = if web::app_present() {
        web::ensure_tools()?;
        web::build()?;
        Some(web::dist_dir())
    } else {
        eprintln!("xtask: app/ is not in this checkout yet: starting the relay without --dist");
        eprintln!("xtask: (it serves only its /relay/v1/ API until the web app lands)");
        None
    };
    tools::run(&mut tools::cargo(&["build", "-p", "session-relay"]))?;
    let relay = tools::target_dir().join("debug").join("session-relay");
    let mut cmd = Command::new(&relay);
    cmd.args(["--network", "local", "--listen"])
        .arg(format!("127.0.0.1:{port}"));
    if let Some(dist) = &dist {
        cmd.arg("--dist").arg(dist);
    }
    eprintln!("xtask: {}", tools::describe(&cmd));
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", relay.display()))?;
    // The relay's output goes straight to the terminal (so Ctrl-C cannot leave it writing to a
    // closed pipe); readiness is seen by connecting to its port.
    while child.try_wait().ok().flatten().is_none() {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            let url = format!("http://{addr}");
            if dist.is_some() {
                eprintln!("\n  Open {url} in two browser tabs: create an account in each and");
                eprintln!("  send a message from one to the other's Session ID.");
            } else {
                eprintln!("\n  Relay API at {url}/relay/v1/info (no web app yet).");
            }
            eprintln!("  Stop with Ctrl-C.\n");
            break;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let status = child
        .wait()
        .map_err(|e| format!("session-relay did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("session-relay stopped ({status})"))
    }
}

/// `--port N` (or `--port=N`), else [`DEFAULT_PORT`].
fn port(args: &[String]) -> Result<u16, String> {
    let mut port = DEFAULT_PORT;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = match arg.strip_prefix("--port") {
            Some("") => rest.next().map(String::as_str),
            Some(v) if v.starts_with('=') => v.get(1..),
            _ => {
                return Err(format!(
                    "unknown argument `{arg}` (usage: cargo xtask run [--port N])"
                ))
            }
        };
        port = value
            .and_then(|v| v.parse().ok())
            .filter(|p| *p != 0)
            .ok_or("--port needs a port number (1-65535)")?;
    }
    Ok(port)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_defaults_and_parses() {
        assert_eq!(port(&args(&[])), Ok(DEFAULT_PORT));
        assert_eq!(port(&args(&["--port", "9000"])), Ok(9000));
        assert_eq!(port(&args(&["--port=9001"])), Ok(9001));
        assert!(port(&args(&["--port"])).is_err());
        assert!(port(&args(&["--port", "0"])).is_err());
        assert!(port(&args(&["--port", "70000"])).is_err());
        assert!(port(&args(&["--verbose"])).is_err());
    }
}
