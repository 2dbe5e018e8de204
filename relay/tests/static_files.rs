//! The built app is served with the headers a strict, installable PWA needs.

mod common;

use reqwest::StatusCode;
use session_relay::Limits;

fn dist() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("index.html"),
        "<!doctype html><title>Session</title>",
    )
    .unwrap();
    std::fs::write(
        p.join("session-web-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(p.join("session-web-0123456789abcdef.js"), "export {}").unwrap();
    std::fs::write(p.join("sw.js"), "self.addEventListener('fetch', () => {})").unwrap();
    std::fs::write(p.join("manifest.webmanifest"), "{}").unwrap();
    std::fs::create_dir(p.join("icons")).unwrap();
    std::fs::write(p.join("icons/icon-192.png"), b"\x89PNG").unwrap();
    dir
}

#[tokio::test]
async fn app_files_have_csp_mime_and_caching() {
    let d = dist();
    let t = common::start(Some(d.path().to_path_buf()), Limits::default()).await;
    let get = |path: &str| common::http().get(format!("{}{path}", t.base)).send();

    let index = get("/").await.unwrap();
    assert_eq!(index.status(), StatusCode::OK);
    let h = index.headers();
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    assert_eq!(h["cache-control"], "no-cache");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(index
        .text()
        .await
        .unwrap()
        .contains("<title>Session</title>"));

    let wasm = get("/session-web-0123456789abcdef_bg.wasm").await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(wasm.headers().contains_key("content-security-policy"));

    let js = get("/session-web-0123456789abcdef.js").await.unwrap();
    assert_eq!(
        js.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        js.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    for entry in ["/sw.js", "/manifest.webmanifest", "/index.html"] {
        let r = get(entry).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{entry}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{entry}");
    }
    let sw = get("/sw.js").await.unwrap();
    assert_eq!(
        sw.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let icon = get("/icons/icon-192.png").await.unwrap();
    assert_eq!(icon.headers()["content-type"], "image/png");
    t.relay.shutdown().await;
}

#[tokio::test]
async fn unknown_routes_get_the_app_but_relay_paths_and_missing_files_do_not() {
    let d = dist();
    let t = common::start(Some(d.path().to_path_buf()), Limits::default()).await;
    let get = |path: &str| common::http().get(format!("{}{path}", t.base)).send();
    let route = get("/chat/05abc").await.unwrap();
    assert_eq!(route.status(), StatusCode::OK);
    assert!(route
        .text()
        .await
        .unwrap()
        .contains("<title>Session</title>"));
    let api = get("/relay/v9/nothing").await.unwrap();
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    for gone in [
        "/session-web-fedcba9876543210_bg.wasm",
        "/icons/missing.png",
    ] {
        let old = get(gone).await.unwrap();
        assert_eq!(old.status(), StatusCode::NOT_FOUND, "{gone}");
    }
    t.relay.shutdown().await;
}

#[tokio::test]
async fn files_outside_dist_are_unreachable() {
    let outer = tempfile::TempDir::new().unwrap();
    std::fs::write(outer.path().join("secret.txt"), "top secret").unwrap();
    let d = outer.path().join("dist");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("index.html"), "<title>Session</title>").unwrap();
    let t = common::start(Some(d.clone()), Limits::default()).await;
    // reqwest normalises "..", so speak raw HTTP to send the path as an attacker would.
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/a/../../secret.txt",
    ] {
        let addr = t.relay.local_addr();
        let answer = tokio::task::spawn_blocking(move || {
            use std::io::{Read, Write};
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            write!(
                s,
                "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).unwrap();
            out
        })
        .await
        .unwrap();
        assert!(!answer.contains("top secret"), "{path}: {answer}");
    }
    t.relay.shutdown().await;
}
