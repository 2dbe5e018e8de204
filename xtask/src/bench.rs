//! `cargo xtask bench`: release builds, the native figures, then the browser figures in headless
//! Chromium against the real relay and local network (tests/e2e/bench.mjs), into
//! target/bench/bench.json. Not part of `cargo xtask test`: it reports, it never fails on a
//! figure.

use crate::stats::Summary;
use crate::{e2e, tools, web};
use serde_json::{json, Map, Value};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// libsodium.js files the bench page imports, from the npm package (ESM builds).
const SODIUM_FILES: [(&str, &str); 2] = [
    (
        "libsodium-wrappers-sumo/dist/modules-sumo-esm/libsodium-wrappers.mjs",
        "libsodium-wrappers.mjs",
    ),
    (
        "libsodium-sumo/dist/modules-sumo-esm/libsodium-sumo.mjs",
        "libsodium-sumo.mjs",
    ),
];

const USAGE: &str = "usage: cargo xtask bench [--runs N] [--quick] [--only PART,PART...]";

/// Runs of the measured parts without `--runs` (`--quick`: one).
const DEFAULT_RUNS: usize = 5;

/// Milliseconds `session-cli debug bench --ms` spends on each native operation in `--quick`.
const QUICK_NATIVE_MS: &str = "100";

/// Numbers that describe a run's workload (how many messages, posts...) rather than measure
/// it: kept as the number when every run that has it agrees. Every other number is a figure.
const WORKLOAD_KEYS: [&str; 14] = [
    "messages",
    "contacts",
    "posts",
    "authors",
    "members",
    "batch",
    "bytes",
    "conversations",
    "poll_interval",
    "unread",
    "rows",
    "messages_shown",
    "applied",
    "keys_message_bytes",
];

/// What `cargo xtask bench` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    /// `--only PARTS`: these parts of the browser figures only.
    only: Option<String>,
    /// `--runs N`: runs of the native and browser figures.
    runs: usize,
    /// `--quick`: one run (unless `--runs`), smaller workloads; not a measurement.
    quick: bool,
}

/// Where one run's files go.
#[derive(Debug)]
struct RunFiles {
    native: PathBuf,
    browser: PathBuf,
}

/// Runs the bench: the builds once, then the native and browser figures `--runs` times (with
/// `--only PARTS`, only those parts of the browser figures), the median and spread of every
/// figure into target/bench/bench.json, and the table (tests/e2e/bench.mjs --report).
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    let started = Instant::now();
    let out = tools::target_dir().join("bench");
    let site = out.join("site");
    build(&site)?;

    let runs_dir = out.join("runs");
    if runs_dir.exists() {
        std::fs::remove_dir_all(&runs_dir)
            .map_err(|e| format!("cannot clear {}: {e}", runs_dir.display()))?;
    }
    std::fs::create_dir_all(&runs_dir)
        .map_err(|e| format!("cannot create {}: {e}", runs_dir.display()))?;
    let runs: Vec<Option<Value>> = (0..options.runs)
        .map(|i| measure_once(&options, &site, &runs_dir, i))
        .collect();

    let bench = aggregate(&runs, &options)?;
    let path = out.join("bench.json");
    let text = serde_json::to_string_pretty(&bench).map_err(|e| format!("bench.json: {e}"))?;
    std::fs::write(&path, format!("{text}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tools::run(
        Command::new("node")
            .arg(e2e::suite_dir().join("bench.mjs"))
            .arg("--report")
            .arg(&path),
    )?;
    let secs = started.elapsed().as_secs();
    eprintln!("xtask: bench done in {}m{:02}s", secs / 60, secs % 60);
    Ok(())
}

/// Parses `[--runs N] [--quick] [--only PARTS]`, in any order.
fn parse_options(args: &[String]) -> Result<Options, String> {
    let (mut only, mut runs, mut quick) = (None, None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--only" => {
                let parts = it.next().filter(|p| !p.is_empty()).ok_or(USAGE)?;
                only = Some(parts.clone());
            }
            "--runs" => {
                let n = it.next().and_then(|n| n.parse::<usize>().ok());
                runs = Some(n.filter(|&n| n >= 1).ok_or(USAGE)?);
            }
            _ => return Err(USAGE.into()),
        }
    }
    let runs = runs.unwrap_or(if quick { 1 } else { DEFAULT_RUNS });
    Ok(Options { only, runs, quick })
}

/// The tools, the relay, `session-cli`, the app (dist/) and the bench page, into `site`.
fn build(site: &Path) -> Result<(), String> {
    let suite = e2e::suite_dir();
    web::ensure_tools()?;
    for mut cmd in tools::chromium_installs()? {
        tools::run(&mut cmd)?;
    }
    e2e::npm_ci_if_stale(&suite)?;
    tools::run(&mut tools::cargo(&[
        "build",
        "--release",
        "-p",
        "session-relay",
        "-p",
        "session-cli",
    ]))?;

    eprintln!("xtask: the app's release build (dist/)");
    web::build()?;
    eprintln!("xtask: the bench page ({}/bench)", site.display());
    if site.exists() {
        std::fs::remove_dir_all(site)
            .map_err(|e| format!("cannot clear {}: {e}", site.display()))?;
    }
    copy_dir(&web::dist_dir(), site)?;
    let bench_dist = site.join("bench");
    web::trunk_build(&[
        OsStr::new("bench/index.html"),
        OsStr::new("--dist"),
        bench_dist.as_os_str(),
        OsStr::new("--public-url"),
        OsStr::new("/bench/"),
    ])?;
    web::harden_dist(&bench_dist, "/bench/")?;
    copy_sodium(&suite.join("node_modules"), &bench_dist)
}

/// Run `i`: the native figures, then the browser figures (which take the native ones in).
/// `None` when neither gave anything; a failed part is reported and missing from this run.
fn measure_once(options: &Options, site: &Path, dir: &Path, i: usize) -> Option<Value> {
    let files = RunFiles {
        native: dir.join(format!("native-{i}.json")),
        browser: dir.join(format!("run-{i}.json")),
    };
    let label = format!("run {} of {}", i + 1, options.runs);
    eprintln!("xtask: {label}: native figures (session-cli debug bench)");
    if let Err(e) = native_figures(options.quick, &files.native) {
        eprintln!("xtask: {label}: no native figures: {e}");
    }
    eprintln!("xtask: {label}: browser figures (tests/e2e/bench.mjs)");
    let browser = browser_figures(options, site, &files).and_then(|()| read_json(&files.browser));
    match browser {
        Ok(run) => Some(run),
        Err(e) => {
            eprintln!("xtask: {label}: no browser figures: {e}");
            let native = read_json(&files.native).ok()?;
            Some(json!({ "native": native }))
        }
    }
}

/// `session-cli debug bench` into `path` (shorter timings with `quick`).
fn native_figures(quick: bool, path: &Path) -> Result<(), String> {
    let release = tools::target_dir().join("release");
    let mut cmd = Command::new(release.join("session-cli"));
    cmd.args(["debug", "bench"]);
    if quick {
        cmd.args(["--ms", QUICK_NATIVE_MS]);
    }
    let native = cmd
        .output()
        .map_err(|e| format!("cannot run session-cli debug bench: {e}"))?;
    if !native.status.success() {
        return Err(format!(
            "session-cli debug bench failed: {}",
            String::from_utf8_lossy(&native.stderr)
        ));
    }
    std::fs::write(path, &native.stdout)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// One run of tests/e2e/bench.mjs (its own relay, local network and browser) into
/// `files.browser`.
fn browser_figures(options: &Options, site: &Path, files: &RunFiles) -> Result<(), String> {
    let release = tools::target_dir().join("release");
    let mut node = Command::new("node");
    node.arg(e2e::suite_dir().join("bench.mjs"));
    if let Some(parts) = &options.only {
        node.args(["--only", parts]);
    }
    if options.quick {
        node.arg("--quick");
    }
    tools::run(
        node.arg("--relay-bin")
            .arg(release.join("session-relay"))
            .arg("--site")
            .arg(site)
            .arg("--native")
            .arg(&files.native)
            .arg("--out")
            .arg(&files.browser)
            .current_dir(tools::repo_root()),
    )
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// bench.json from the runs (`None`: a run that gave nothing): every figure as its median and
/// spread with the raw samples, plus how it was run.
fn aggregate(runs: &[Option<Value>], options: &Options) -> Result<Value, String> {
    let completed = runs.iter().flatten().count();
    if completed == 0 {
        return Err("no run of the bench gave any figure (errors above)".into());
    }
    let column: Vec<Option<&Value>> = runs.iter().map(Option::as_ref).collect();
    let mut bench = merge(&column, None);
    let map = bench
        .as_object_mut()
        .ok_or("a bench run did not write a JSON object")?;
    map.insert("quick".into(), options.quick.into());
    map.insert("runs".into(), options.runs.into());
    map.insert("runs_completed".into(), completed.into());
    match &options.only {
        Some(parts) => map.insert("only".into(), parts.split(',').map(str::trim).collect()),
        None => map.remove("only"),
    };
    Ok(bench)
}

/// The values one key has in each run (`None`: that run lacks it), as one value: objects key by
/// key, numbers as a figure (or the workload number they all agree on), arrays and differing
/// strings as the list of each run's value, anything else as the value every run agrees on.
fn merge(values: &[Option<&Value>], key: Option<&str>) -> Value {
    let present = || values.iter().flatten();
    if present().any(|v| v.is_object()) {
        merge_objects(values)
    } else if present().any(|v| v.is_array()) {
        per_run(values)
    } else if present().any(|v| v.is_number()) {
        merge_numbers(values, key)
    } else if values.iter().all(|v| v.is_some() && *v == values[0]) {
        values[0].cloned().unwrap_or(Value::Null)
    } else {
        per_run(values)
    }
}

/// Objects key by key, over the keys any run has (a run without the key lacks that figure).
fn merge_objects(values: &[Option<&Value>]) -> Value {
    let mut keys: Vec<&String> = Vec::new();
    for map in values.iter().flatten().filter_map(|v| v.as_object()) {
        for k in map.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let merged: Map<String, Value> = keys
        .into_iter()
        .map(|k| {
            let column: Vec<Option<&Value>> =
                values.iter().map(|v| v.and_then(|v| v.get(k))).collect();
            (k.clone(), merge(&column, Some(k)))
        })
        .collect();
    Value::Object(merged)
}

/// Each run's value, `null` where a run lacks it.
fn per_run(values: &[Option<&Value>]) -> Value {
    values
        .iter()
        .map(|v| v.cloned().unwrap_or(Value::Null))
        .collect()
}

/// A workload number every run that has it agrees on stays that number; anything else is a
/// figure.
fn merge_numbers(values: &[Option<&Value>], key: Option<&str>) -> Value {
    let numbers: Vec<&Value> = values
        .iter()
        .flatten()
        .filter(|v| v.is_number())
        .copied()
        .collect();
    let workload = key.is_some_and(|k| WORKLOAD_KEYS.contains(&k));
    if workload && numbers.iter().all(|v| *v == numbers[0]) {
        return numbers[0].clone();
    }
    figure(values)
}

/// `{median, min, max, spread, samples}` of a figure (`spread`: (max - min) / median), plus
/// `missing`, the runs without it, when there are any. A non-number counts as missing.
fn figure(values: &[Option<&Value>]) -> Value {
    let samples: Vec<Value> = values
        .iter()
        .map(|v| v.filter(|v| v.is_number()).cloned().unwrap_or(Value::Null))
        .collect();
    let floats: Vec<Option<f64>> = samples.iter().map(Value::as_f64).collect();
    let mut fig = Map::new();
    match Summary::of(&floats) {
        Ok(s) => {
            fig.insert("median".into(), json!(s.median));
            fig.insert("min".into(), json!(s.min));
            fig.insert("max".into(), json!(s.max));
            fig.insert("spread".into(), json!(s.relative_spread().map(round3)));
            let missing = samples.len() - s.count;
            if missing > 0 {
                fig.insert("missing".into(), missing.into());
            }
        }
        Err(_) => {
            for k in ["median", "min", "max", "spread"] {
                fig.insert(k.into(), Value::Null);
            }
            fig.insert("missing".into(), samples.len().into());
        }
    }
    fig.insert("samples".into(), samples.into());
    Value::Object(fig)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Copies libsodium.js next to the bench page, pointing the wrapper's import of the bare
/// specifier `libsodium-sumo` at the copied file (a page has no package resolution).
fn copy_sodium(node_modules: &Path, dest: &Path) -> Result<(), String> {
    for (from, to) in SODIUM_FILES {
        let src = node_modules.join(from);
        let text = std::fs::read_to_string(&src).map_err(|e| {
            format!(
                "cannot read {} (npm package libsodium-wrappers-sumo): {e}",
                src.display()
            )
        })?;
        let text = rewrite_sodium_import(&text);
        let path = dest.join(to);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// `from"libsodium-sumo"` (either quote) becomes `from"./libsodium-sumo.mjs"`.
fn rewrite_sodium_import(text: &str) -> String {
    text.replace("\"libsodium-sumo\"", "\"./libsodium-sumo.mjs\"")
        .replace("'libsodium-sumo'", "'./libsodium-sumo.mjs'")
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrapper_imports_the_copied_file() {
        let wrapper = r#"import e from"libsodium-sumo";let r;"#;
        assert_eq!(
            rewrite_sodium_import(wrapper),
            r#"import e from"./libsodium-sumo.mjs";let r;"#
        );
        assert_eq!(
            rewrite_sodium_import("import x from 'libsodium-sumo'"),
            "import x from './libsodium-sumo.mjs'"
        );
    }

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    fn options(runs: usize, quick: bool) -> Options {
        Options {
            only: None,
            runs,
            quick,
        }
    }

    #[test]
    fn options_take_runs_quick_and_parts() {
        assert_eq!(parse_options(&args(&[])), Ok(options(5, false)));
        assert_eq!(parse_options(&args(&["--quick"])), Ok(options(1, true)));
        assert_eq!(
            parse_options(&args(&["--quick", "--runs", "3"])),
            Ok(options(3, true))
        );
        assert_eq!(
            parse_options(&args(&["--runs", "2", "--only", "communities,cold"])),
            Ok(Options {
                only: Some("communities,cold".into()),
                ..options(2, false)
            })
        );
        for bad in [
            &["--only"][..],
            &["communities"],
            &["--runs"],
            &["--runs", "0"],
            &["--runs", "x"],
            &["--only", ""],
        ] {
            assert!(parse_options(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn figures_become_median_spread_and_samples() {
        let runs = [
            Some(
                json!({"crypto": {"x25519": {"ours_us": 10.0, "ratio": 0.5}},
                "backlog": {"messages": 5000, "ms": 100}, "latency_samples_ms": [1, 2],
                "browser": "headless Chromium"}),
            ),
            Some(
                json!({"crypto": {"x25519": {"ours_us": 30.0, "ratio": 0.7}},
                "backlog": {"messages": 5000, "ms": 300}, "latency_samples_ms": [3],
                "browser": "headless Chromium"}),
            ),
            Some(
                json!({"crypto": {"x25519": {"ours_us": 20.0, "ratio": 0.6}},
                "backlog": {"messages": 5000, "ms": 200}, "latency_samples_ms": [4],
                "browser": "headless Chromium"}),
            ),
        ];
        let bench = aggregate(&runs, &options(3, false)).expect("runs");
        assert_eq!(
            bench["crypto"]["x25519"]["ratio"],
            json!({"median": 0.6, "min": 0.5, "max": 0.7, "spread": 0.333,
                "samples": [0.5, 0.7, 0.6]})
        );
        assert_eq!(bench["crypto"]["x25519"]["ours_us"]["median"], json!(20.0));
        assert_eq!(bench["backlog"]["messages"], json!(5000));
        assert_eq!(bench["backlog"]["ms"]["samples"], json!([100, 300, 200]));
        assert_eq!(bench["latency_samples_ms"], json!([[1, 2], [3], [4]]));
        assert_eq!(bench["browser"], json!("headless Chromium"));
        assert_eq!(
            (&bench["quick"], &bench["runs"], &bench["runs_completed"]),
            (&json!(false), &json!(3), &json!(3))
        );
    }

    #[test]
    fn a_figure_missing_from_a_run_comes_from_the_others() {
        let runs = [
            Some(json!({"memory_mb": 40.0, "attachment": {"error": "boom"}})),
            None,
            Some(json!({"memory_mb": 44.0, "attachment": {"ms": 7}})),
            Some(json!({"memory_mb": null, "attachment": {"ms": 9}})),
        ];
        let bench = aggregate(&runs, &options(4, false)).expect("runs");
        assert_eq!(
            bench["memory_mb"],
            json!({"median": 42.0, "min": 40.0, "max": 44.0, "spread": 0.095, "missing": 2,
                "samples": [40.0, null, 44.0, null]})
        );
        assert_eq!(
            bench["attachment"]["ms"]["samples"],
            json!([null, null, 7, 9])
        );
        assert_eq!(
            bench["attachment"]["error"],
            json!(["boom", null, null, null])
        );
        assert_eq!(bench["runs_completed"], json!(3));
    }

    #[test]
    fn no_run_is_an_error() {
        assert!(aggregate(&[None, None], &options(2, false)).is_err());
    }

    #[test]
    fn differing_workloads_are_figures_and_only_is_the_option() {
        let runs = [
            Some(json!({"backlog": {"messages": 10}, "only": ["cold"]})),
            Some(json!({"backlog": {"messages": 12}, "only": ["cold"]})),
        ];
        let opts = Options {
            only: Some("cold, scale".into()),
            ..options(2, true)
        };
        let bench = aggregate(&runs, &opts).expect("runs");
        assert_eq!(bench["backlog"]["messages"]["median"], json!(11.0));
        assert_eq!(bench["only"], json!(["cold", "scale"]));
        assert_eq!(bench["quick"], json!(true));
    }

    #[test]
    fn copies_a_tree() {
        let dir = std::env::temp_dir().join(format!("xtask-copy-{}", std::process::id()));
        let from = dir.join("a");
        std::fs::create_dir_all(from.join("icons")).expect("mkdir");
        std::fs::write(from.join("index.html"), "x").expect("write");
        std::fs::write(from.join("icons").join("i.png"), "y").expect("write");
        copy_dir(&from, &dir.join("b")).expect("copy");
        assert_eq!(
            std::fs::read_to_string(dir.join("b").join("icons").join("i.png")).expect("read"),
            "y"
        );
        std::fs::remove_dir_all(&dir).expect("clean");
    }
}
