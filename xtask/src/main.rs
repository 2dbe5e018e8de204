//! `cargo xtask test | run | build-web | bench`: installs what is missing, builds, runs.
//!
//! Every install step is idempotent: it checks first and installs only what is absent, so a
//! fresh machine and a warm one run the same commands.

mod bench;
mod digest;
mod e2e;
mod html;
mod report;
mod run;
mod stats;
mod tools;
mod web;

use report::Report;
use std::process::ExitCode;
use tools::{Background, WASM_TARGET};

const USAGE: &str = "usage: cargo xtask <test|run|build-web|bench>

  test               everything CI checks: rustfmt, clippy (warnings denied), every test, the
                     wasm32 builds, the fuzz targets, and with the web app its release build,
                     browser unit tests and end-to-end suite
  run [--port N]     build the app and serve it on the embedded local network (default 8080)
  build-web          the app's release build into dist/ (Trunk), CSP-hardened
  bench              release builds, then size, crypto against libsodium.js, receive throughput,
                     cold start, delivery latency and memory in headless Chromium against the
                     relay and local network; prints each figure's median and spread over
                     the runs, writes target/bench/bench.json (with the raw samples)
    [--runs N]       runs of the native and browser figures (default 5; the builds run once)
    [--quick]        one run, smaller workloads: for development, marked as not a measurement
    [--only PARTS]   only these parts of the browser figures (comma-separated: bundle, crypto,
                     merges, attachment, transfer, backlog, groups, cold, scale, communities,
                     latency)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "test" if rest.is_empty() => test(),
        "run" => run::run(rest),
        "build-web" if rest.is_empty() => build_web(),
        "bench" => bench::run(rest),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask build-web`: the tools, then the release build.
fn build_web() -> Result<(), String> {
    if !web::app_present() {
        return Err("app/ is not in this checkout yet: there is no web app to build".into());
    }
    web::ensure_tools()?;
    web::build()
}

/// The whole check CI runs. Every step runs even after a failure (unless it needs what failed),
/// so one run shows every problem; the summary lists them.
fn test() -> Result<(), String> {
    let mut report = Report::new();
    let web = web::app_present();
    let logs = tools::target_dir().join("xtask");

    report.step("rustup target wasm32", |_| {
        tools::ensure_rust_target(WASM_TARGET)
    });
    // The web tools take many minutes to compile on a fresh machine: start them now, next to
    // clippy and the tests, and wait for them only before the web build.
    let mut web_tools = None;
    let mut chromium = None;
    if web {
        report.step("web tool pins", |_| {
            let version = web::checked_wasm_bindgen_pin()?;
            let installs = tools::missing_tool_installs(&tools::web_tools(&version));
            web_tools = Some(Background::start(
                "trunk, wasm-bindgen-cli, wasm-opt",
                logs.join("install-web-tools.log"),
                installs,
            )?);
            chromium = Some(Background::start(
                "Chromium",
                logs.join("install-chromium.log"),
                tools::chromium_installs()?,
            )?);
            Ok(())
        });
    }

    let exclude_app: &[&str] = if web { &["--exclude", web::APP] } else { &[] };
    report.step("rustfmt", |_| {
        tools::run(&mut tools::cargo(&["fmt", "--all", "--check"]))
    });
    report.step("clippy", |_| {
        let mut cmd = tools::cargo(&["clippy", "--workspace", "--all-targets"]);
        tools::run(cmd.args(exclude_app).args(["--", "-D", "warnings"]))
    });
    if web {
        report.step("clippy session-web (wasm32)", |_| {
            tools::run(&mut tools::cargo(&[
                "clippy",
                "-p",
                web::APP,
                "--target",
                WASM_TARGET,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        });
    }
    report.step("tests", |tally| {
        // Every test binary runs even after one fails, so one run shows every failure.
        let mut cmd = tools::cargo(&["test", "--workspace", "--no-fail-fast"]);
        report::run_counting(cmd.args(exclude_app), tally)
    });
    // The web build compiles the core for wasm32 as part of the app; without the app, this
    // step keeps the core's wasm32 build checked.
    if !web {
        report.step("session-core for wasm32", |_| {
            tools::run(&mut tools::cargo(&[
                "build",
                "-p",
                "session-core",
                "--target",
                WASM_TARGET,
            ]))
        });
    }
    report.step("fuzz targets compile", |_| {
        tools::run(&mut tools::cargo(&[
            "check",
            "--manifest-path",
            "fuzz/Cargo.toml",
            "--bins",
        ]))
    });

    match (web_tools, chromium) {
        (Some(mut web_tools), Some(mut chromium)) => {
            web_steps(&mut report, &mut web_tools, &mut chromium)
        }
        _ if web => {
            for step in ["web build", "browser unit tests", "e2e"] {
                report.skip(step, "the web tools could not be set up (above)");
            }
        }
        _ => {
            let why = "app/ is not in this checkout yet";
            for step in ["web build", "browser unit tests", "e2e"] {
                report.skip(step, why);
            }
        }
    }

    if report.finish() {
        Ok(())
    } else {
        Err("some checks failed (summary above)".into())
    }
}

/// The app's release build, its browser unit tests and the end-to-end suite.
fn web_steps(report: &mut Report, web_tools: &mut Background, chromium: &mut Background) {
    let tools_ready = report.step("web tools installed", |_| web_tools.wait());
    let built = tools_ready && report.step("web build", |_| web::build());
    if !tools_ready {
        report.skip("web build", "the web tools are missing");
    }
    let chromium_ready = report.step("Chromium installed", |_| chromium.wait());
    if tools_ready && chromium_ready {
        report.step("browser unit tests", web::browser_tests);
    } else {
        report.skip("browser unit tests", "needs the web tools and Chromium");
    }
    if !e2e::present() {
        report.skip("e2e", "tests/e2e is not in this checkout yet");
    } else if built && chromium_ready {
        report.step("e2e", |tally| e2e::run(&web::dist_dir(), tally));
    } else {
        report.skip("e2e", "needs the web build and Chromium");
    }
}
