//! The built web app (`--dist`), served with the headers a PWA needs.

use crate::headers::{content_type, is_hashed_asset, CACHE_IMMUTABLE, CACHE_REVALIDATE};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::{Component, Path, PathBuf};

/// Files that must be revalidated on every load, because they name everything else: the page,
/// the service worker and the manifest.
const ENTRY_POINTS: [&str; 4] = [
    "index.html",
    "sw.js",
    "manifest.webmanifest",
    "manifest.json",
];

/// Serves `uri_path` from `dist`; unknown paths get the app's index so that client-side routes
/// survive a reload. A missing file (a name with an extension, such as an old build's wasm) is a
/// 404: answering it with the page would fail later and obscurely, as wasm that is not wasm.
pub async fn serve(dist: &Path, uri_path: &str) -> Response {
    let rel = match safe_relative(uri_path) {
        Some(p) => p,
        None => return (StatusCode::BAD_REQUEST, "Bad path").into_response(),
    };
    let candidate = if rel.as_os_str().is_empty() {
        PathBuf::from("index.html")
    } else {
        rel
    };
    let full = dist.join(&candidate);
    match tokio::fs::metadata(&full).await {
        Ok(m) if m.is_file() => file_response(&full, &candidate).await,
        _ if candidate.extension().is_some() => {
            (StatusCode::NOT_FOUND, "Not found").into_response()
        }
        _ => file_response(&dist.join("index.html"), Path::new("index.html")).await,
    }
}

/// The request path as a relative path with only normal components, or None for anything that
/// could step outside the folder.
fn safe_relative(uri_path: &str) -> Option<PathBuf> {
    let path = uri_path.split(['?', '#']).next().unwrap_or_default();
    if path.contains('\\') || path.contains('\0') || path.contains("%") {
        return None;
    }
    let mut out = PathBuf::new();
    for comp in Path::new(path.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

async fn file_response(full: &Path, rel: &Path) -> Response {
    let bytes = match tokio::fs::read(full).await {
        Ok(b) => b,
        Err(_) => return (StatusCode::NOT_FOUND, "Not found").into_response(),
    };
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let rel_str = rel.to_string_lossy();
    let cache = if ENTRY_POINTS.contains(&rel_str.as_ref()) || !is_hashed_asset(name) {
        CACHE_REVALIDATE
    } else {
        CACHE_IMMUTABLE
    };
    let mut resp = (StatusCode::OK, bytes).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(name)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    resp
}

#[cfg(test)]
mod tests {
    use super::safe_relative;
    use std::path::PathBuf;

    #[test]
    fn paths_cannot_escape_the_folder() {
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
        assert_eq!(safe_relative("/a/b.js?v=1"), Some(PathBuf::from("a/b.js")));
        assert_eq!(safe_relative("/./a"), Some(PathBuf::from("a")));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/a/../../x"), None);
        assert_eq!(safe_relative("/%2e%2e/x"), None);
        assert_eq!(safe_relative("/a\\..\\x"), None);
    }
}
