//! The web app's release build (Trunk), the rewrite of its page for the relay's strict
//! Content-Security-Policy, and its browser unit tests.

use crate::html::{self, Tag};
use crate::report::Tally;
use crate::tools::{self, BINARYEN_VERSION, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The app's package name.
pub const APP: &str = "session-web";

/// Whether the web app is in this checkout yet.
pub fn app_present() -> bool {
    tools::repo_root().join("app").join("Cargo.toml").is_file()
}

/// Trunk's output folder.
pub fn dist_dir() -> PathBuf {
    tools::repo_root().join("dist")
}

/// Checks what the web build needs, installing what is missing in the foreground.
pub fn ensure_tools() -> Result<(), String> {
    tools::ensure_rust_target(WASM_TARGET)?;
    let version = checked_wasm_bindgen_pin()?;
    for mut cmd in tools::missing_tool_installs(&tools::web_tools(&version)) {
        eprintln!("xtask: (a first install takes several minutes)");
        tools::run(&mut cmd)?;
    }
    Ok(())
}

/// The wasm-bindgen version, after checking that Trunk.toml pins it and Binaryen 116 exactly as
/// Cargo.lock and this tool expect.
pub fn checked_wasm_bindgen_pin() -> Result<String, String> {
    let locked = tools::locked_wasm_bindgen()?;
    let path = tools::repo_root().join("Trunk.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let pinned = |key| toml_value(&text, "tools", key);
    match pinned("wasm_bindgen") {
        Some(v) if v == locked => {}
        Some(v) => {
            return Err(format!(
                "Trunk.toml pins wasm_bindgen = \"{v}\" but Cargo.lock has wasm-bindgen {locked}: \
                 set [tools] wasm_bindgen = \"{locked}\" in Trunk.toml"
            ))
        }
        None => {
            return Err(format!(
                "Trunk.toml must pin [tools] wasm_bindgen = \"{locked}\" (Cargo.lock's version)"
            ))
        }
    }
    let binaryen = format!("version_{BINARYEN_VERSION}");
    match pinned("wasm_opt") {
        Some(v) if v == binaryen => Ok(locked),
        other => Err(format!(
            "Trunk.toml must pin [tools] wasm_opt = \"{binaryen}\" (found {})",
            other.map_or("nothing".into(), |v| format!("\"{v}\""))
        )),
    }
}

/// A string value `key = "…"` of section `[section]` of a simple TOML file.
fn toml_value(text: &str, section: &str, key: &str) -> Option<String> {
    let header = format!("[{section}]");
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == header;
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if inside && k.trim() == key {
            let v = v.trim();
            let v = v.strip_prefix('"')?;
            return v.split_once('"').map(|(value, _)| value.to_string());
        }
    }
    None
}

/// `trunk build --release --offline` of the app into dist/, then the CSP rewrite.
/// The tools must already be installed.
pub fn build() -> Result<(), String> {
    trunk_build(&[])?;
    harden_dist(&dist_dir(), "/")
}

/// `trunk build EXTRA… --release --offline` with our pinned tools first on PATH.
pub fn trunk_build(extra: &[&std::ffi::OsStr]) -> Result<(), String> {
    checked_wasm_bindgen_pin()?;
    let path = tools::path_with_cargo_bin()?;
    let wasm_opt = tools::which_on("wasm-opt", &path)
        .ok_or("wasm-opt is not installed (cargo install wasm-opt)")?;
    if !tools::reports_version(&wasm_opt, BINARYEN_VERSION) {
        return Err(format!(
            "{} is not Binaryen {BINARYEN_VERSION}; Trunk must not use it (reinstall with \
             `cargo install wasm-opt --version {} --locked --force`)",
            wasm_opt.display(),
            tools::WASM_OPT_CRATE_VERSION
        ));
    }
    // `--offline` reaches Trunk's own cargo build too: have every crate downloaded first.
    tools::run(&mut tools::cargo(&["fetch"]))?;
    let trunk = tools::cargo_bin_dir().join("trunk");
    tools::run(
        Command::new(trunk)
            .arg("build")
            // Before `--offline`, whose optional value would swallow a following target.
            .args(extra)
            .args(["--release", "--offline"])
            .current_dir(tools::repo_root())
            .env("PATH", &path),
    )
}

/// Moves the inline scripts of `dist/index.html` into files and checks nothing inline remains.
/// `public_url` is where `dist` is served (`/`, or `/bench/` for the bench page).
pub fn harden_dist(dist: &Path, public_url: &str) -> Result<(), String> {
    let index = dist.join("index.html");
    let page = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let hardened = externalize_scripts(&page, public_url)?;
    for (name, body) in &hardened.files {
        let path = dist.join(name);
        std::fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let problems = csp_violations(&hardened.html)?;
    if !problems.is_empty() {
        return Err(format!(
            "{} would break under the relay's Content-Security-Policy:\n  {}",
            index.display(),
            problems.join("\n  ")
        ));
    }
    std::fs::write(&index, &hardened.html)
        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    eprintln!(
        "xtask: {} ready ({} inline script(s) moved to files)",
        dist.display(),
        hardened.files.len()
    );
    Ok(())
}

/// A page whose inline scripts were moved into files.
#[derive(Debug, PartialEq, Eq)]
pub struct Externalized {
    /// The rewritten page.
    pub html: String,
    /// (file name, content) of each script file to write next to it.
    pub files: Vec<(String, String)>,
}

/// Replaces each inline JavaScript `<script>` with `<script … src="{public_url}init-<hash>.js">`, the body
/// going into that file. `nonce` and `integrity` are dropped: a nonce is pointless once the CSP
/// allows only 'self', and an inline script had no integrity to keep.
pub fn externalize_scripts(page: &str, public_url: &str) -> Result<Externalized, String> {
    let mut html = String::with_capacity(page.len());
    let mut files = Vec::new();
    let mut copied = 0;
    for tag in html::tags(page)? {
        let Some(body) = tag.body.clone() else {
            continue;
        };
        if tag.name != "script" || tag.attr("src").is_some() || !is_javascript(&tag) {
            continue;
        }
        let code = page.get(body).unwrap_or_default();
        let name = format!("init-{}.js", short_hash(code));
        let mut attrs: Vec<_> = tag
            .attrs
            .iter()
            .filter(|(n, _)| n != "nonce" && n != "integrity")
            .cloned()
            .collect();
        attrs.push(("src".into(), Some(format!("{public_url}{name}"))));
        html.push_str(page.get(copied..tag.span.start).unwrap_or_default());
        html.push_str(&html::start_tag("script", &attrs));
        html.push_str("</script>");
        copied = tag.span.end;
        if !files.iter().any(|(n, _)| *n == name) {
            files.push((name, code.to_string()));
        }
    }
    html.push_str(page.get(copied..).unwrap_or_default());
    Ok(Externalized { html, files })
}

/// Whether a script element holds JavaScript (rather than a data block such as JSON).
fn is_javascript(tag: &Tag) -> bool {
    let kind = tag.attr("type").unwrap_or("").trim().to_ascii_lowercase();
    matches!(
        kind.as_str(),
        "" | "module" | "text/javascript" | "application/javascript" | "text/ecmascript"
    )
}

/// First 16 hex digits of the SHA-256 of `text`.
fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Everything in a page that `script-src 'self'` / `style-src 'self'` would block.
pub fn csp_violations(page: &str) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for tag in html::tags(page)? {
        let has_body = tag
            .body
            .clone()
            .and_then(|b| page.get(b))
            .is_some_and(|b| !b.trim().is_empty());
        let inline_script = tag.name == "script"
            && tag.attr("src").is_none()
            && (is_javascript(&tag) || tag.attr("type") == Some("importmap"));
        if inline_script {
            problems.push("an inline <script>".to_string());
        }
        if tag.name == "style" && has_body {
            problems.push("an inline <style> element".to_string());
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") && name.len() > 2 {
                problems.push(format!(
                    "an event handler attribute {name}= on <{}>",
                    tag.name
                ));
            }
            if name == "style" {
                problems.push(format!("a style= attribute on <{}>", tag.name));
            }
            let value = value.as_deref().unwrap_or("").trim_start();
            if value
                .get(..11)
                .is_some_and(|v| v.eq_ignore_ascii_case("javascript:"))
            {
                problems.push(format!("a javascript: URL in {name}= on <{}>", tag.name));
            }
        }
    }
    Ok(problems)
}

/// The app's wasm-bindgen-test unit tests in headless Chromium.
pub fn browser_tests(tally: &mut Tally) -> Result<(), String> {
    // The app's own browser settings win; ours are the same flags, for an app without them.
    let own = tools::repo_root().join("app").join("webdriver.json");
    let config = if own.is_file() {
        own
    } else {
        let ours = tools::target_dir().join("xtask").join("webdriver.json");
        write_webdriver_json(&ours)?;
        ours
    };
    let runner = tools::cargo_bin_dir().join("wasm-bindgen-test-runner");
    let mut cmd = tools::cargo(&["test", "-p", APP, "--target", WASM_TARGET]);
    cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("PATH", tools::path_with_cargo_bin()?)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &config)
        // Test binaries without `wasm_bindgen_test_configure!` run in the browser too.
        .env("WASM_BINDGEN_USE_BROWSER", "1");
    crate::report::run_counting(&mut cmd, tally)
}

/// Chrome options for running headless as root on a machine without outside network.
fn write_webdriver_json(path: &Path) -> Result<(), String> {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
    let args = args.map(|a| format!("\"{a}\"")).join(", ");
    let json = format!(
        "{{\n  \"goog:chromeOptions\": {{\n    \"binary\": \"{CHROMIUM}\",\n    \"args\": [{args}]\n  }}\n}}\n"
    );
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21 writes for a Rust app in release mode, nonce option on.
    const TRUNK_PAGE: &str = r#"<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/style-0123456789abcdef.css" integrity="sha384-abc"/>
<link rel="modulepreload" href="/session-web-0011223344556677.js" crossorigin="anonymous" integrity="sha384-def">
</head><body>
<script type="module" nonce="{{__TRUNK NONCE__}}">
import init, * as bindings from '/session-web-0011223344556677.js';
const wasm = await init({ module_or_path: '/session-web-0011223344556677_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
<script type="application/json" id="cfg">{"a":1}</script>
<script src="/sw-register.js"></script>
</body></html>"#;

    fn loader_body() -> &'static str {
        let start = TRUNK_PAGE.find("\nimport init").expect("loader");
        let end = TRUNK_PAGE.find("</script>").expect("end");
        &TRUNK_PAGE[start..end]
    }

    #[test]
    fn the_inline_loader_becomes_a_hashed_module_file() {
        let out = externalize_scripts(TRUNK_PAGE, "/").expect("rewrite");
        assert_eq!(out.files.len(), 1);
        let (name, body) = &out.files[0];
        assert_eq!(body, loader_body());
        let hash = name
            .strip_prefix("init-")
            .and_then(|n| n.strip_suffix(".js"))
            .expect("name");
        assert_eq!(hash.len(), 16);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        let full = format!("{:x}", Sha256::digest(body.as_bytes()));
        assert!(full.starts_with(hash));
        let tag = format!(r#"<script type="module" src="/{name}"></script>"#);
        assert!(out.html.contains(&tag), "{}", out.html);
        assert!(!out.html.contains("nonce"));
        assert!(!out.html.contains("import init"));
        // Everything else is untouched.
        assert!(out.html.contains(r#"integrity="sha384-def""#));
        assert!(out
            .html
            .contains(r#"<script type="application/json" id="cfg">{"a":1}</script>"#));
        assert!(out
            .html
            .contains(r#"<script src="/sw-register.js"></script>"#));
        assert_eq!(
            csp_violations(&out.html).expect("scan"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_rewrite_is_stable_and_idempotent() {
        let once = externalize_scripts(TRUNK_PAGE, "/").expect("rewrite");
        let again = externalize_scripts(TRUNK_PAGE, "/").expect("rewrite");
        assert_eq!(once, again);
        let twice = externalize_scripts(&once.html, "/").expect("rewrite");
        assert_eq!(twice.html, once.html);
        assert!(twice.files.is_empty());
    }

    #[test]
    fn classic_and_minified_inline_scripts_are_moved_too() {
        let page = "<body><script>a()</script><script type=module>b()</script></body>";
        let out = externalize_scripts(page, "/").expect("rewrite");
        assert_eq!(out.files.len(), 2);
        let expected = format!(
            "<body><script src=\"/{}\"></script><script type=\"module\" src=\"/{}\"></script></body>",
            out.files[0].0, out.files[1].0
        );
        assert_eq!(out.html, expected);
        assert_ne!(out.files[0].0, out.files[1].0);
    }

    #[test]
    fn leftover_inline_code_and_styles_are_reported() {
        let page = r#"<body onload="x()"><div style="color:red"><a href=" JavaScript:go()">a</a>
            <style>p{}</style><script type="importmap">{}</script><script>y()</script>"#;
        let problems = csp_violations(page).expect("scan");
        assert_eq!(problems.len(), 6, "{problems:?}");
        assert!(problems[0].contains("onload"));
        assert!(problems[1].contains("style="));
        assert!(problems[2].contains("javascript:"));
        assert!(problems[3].contains("<style>"));
        assert!(
            problems
                .iter()
                .filter(|p| p.contains("inline <script>"))
                .count()
                == 2
        );
    }

    #[test]
    fn harden_dist_writes_the_files_and_fails_on_what_it_cannot_fix() {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("index.html"), TRUNK_PAGE).expect("write");
        harden_dist(&dir, "/").expect("harden");
        let page = std::fs::read_to_string(dir.join("index.html")).expect("read");
        let name = format!("init-{}.js", short_hash(loader_body()));
        assert!(page.contains(&format!("/{name}")));
        let written = std::fs::read_to_string(dir.join(&name)).expect("script file");
        assert_eq!(written, loader_body());

        std::fs::write(dir.join("index.html"), "<p style=\"x\">").expect("write");
        let err = harden_dist(&dir, "/").expect_err("style attribute");
        assert!(err.contains("style="), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn trunk_toml_pins_are_read_from_their_section() {
        let toml = "[build]\nwasm_opt = \"no\"\n[tools]\n# pins\nwasm_bindgen = \"0.2.130\" \
                    # same as Cargo.lock\nwasm_opt = \"version_116\"\n[serve]\n";
        assert_eq!(
            toml_value(toml, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            toml_value(toml, "tools", "wasm_opt").as_deref(),
            Some("version_116")
        );
        assert_eq!(toml_value(toml, "build", "wasm_opt").as_deref(), Some("no"));
        assert_eq!(toml_value(toml, "serve", "wasm_opt"), None);
    }
}
