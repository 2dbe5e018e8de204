//! Response headers for the web app: the Content-Security-Policy and caching rules.

/// Content-Security-Policy of every response. No inline script and no eval: the only script
/// exception is `'wasm-unsafe-eval'`, which lets the page compile its own WebAssembly module.
/// The page may talk to this origin only (`connect-src 'self'`), so even injected markup could
/// not send anything elsewhere. Attachments are shown from `blob:` URLs of their decrypted
/// bytes (images, and audio and video players).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; \
connect-src 'self'; \
manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'";

/// Headers sent with every response besides the CSP. The page may use the microphone (voice
/// messages), and nothing else sensitive; frames may use nothing.
pub const SECURITY: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    (
        "permissions-policy",
        "camera=(), microphone=(self), geolocation=(), interest-cohort=()",
    ),
];

/// Caching of hashed assets, whose name changes whenever their content does.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Caching of the entry points that must always be revalidated.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// The MIME type of a served file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("webp") => "image/webp",
        Some("txt") => "text/plain; charset=utf-8",
        // Fluent message catalogues (`/i18n/<locale>/<area>.ftl`).
        Some("ftl") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Whether a file name carries a content hash (as Trunk writes them: `name-0123456789abcdef.ext`),
/// so it may be cached forever. Trunk prints the 64-bit hash without leading zeros, so it can be
/// shorter than 16 digits.
pub fn is_hashed_asset(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or(file_name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => {
            (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset("session-web-4f1e2d3c4b5a6978.js"));
        assert!(is_hashed_asset("session-web-4f1e2d3c4b5a6978_bg.wasm"));
        assert!(
            is_hashed_asset("session-web-6d990ad4fa7d7ff_bg.wasm"),
            "15 digits"
        );
        assert!(
            !is_hashed_asset("style-00112233445566778899aabb.css"),
            "not Trunk's 64-bit hash"
        );
        assert!(!is_hashed_asset("index.html"));
        assert!(!is_hashed_asset("sw.js"));
        assert!(!is_hashed_asset("icon-192.png"));
        assert!(!is_hashed_asset("session-web-notahexhashatall.js"));
    }

    #[test]
    fn wasm_has_its_mime_type() {
        assert_eq!(content_type("a/b/app_bg.wasm"), "application/wasm");
        assert_eq!(content_type("INDEX.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(
            content_type("i18n/fr/chat.ftl"),
            "text/plain; charset=utf-8"
        );
    }

    #[test]
    fn csp_forbids_inline_and_eval_script() {
        let script = CSP
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .expect("script-src");
        assert!(!script.contains("unsafe-inline"));
        assert!(!script.contains("'unsafe-eval'"));
        assert!(script.contains("'wasm-unsafe-eval'"));
        assert!(CSP.contains("connect-src 'self'"));
    }

    #[test]
    fn only_the_page_itself_may_use_the_microphone() {
        let policy = SECURITY
            .iter()
            .find(|(name, _)| *name == "permissions-policy")
            .map(|(_, v)| *v)
            .expect("permissions-policy");
        let features: Vec<&str> = policy.split(',').map(str::trim).collect();
        assert!(features.contains(&"microphone=(self)"), "{policy}");
        assert!(features.contains(&"camera=()"), "{policy}");
        assert!(features.contains(&"geolocation=()"), "{policy}");
    }
}
