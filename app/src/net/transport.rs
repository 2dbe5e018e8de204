//! [`Transport`] over the browser's `fetch`, through the relay that served the app:
//! `POST /relay/v1/onion/{guard}` and `POST /relay/v1/seed`.
//!
//! Each request has its own deadline, enforced with an `AbortController`. A request that never
//! got an HTTP answer is a [`TransportError`] (our own link: no node is blamed); any HTTP answer,
//! including the relay's own 502/504, is an [`HttpReply`], with the relay's `x-relay-error`
//! header copied into [`HttpReply::relay_error`] so the client knows whom to blame.

use js_sys::{ArrayBuffer, Uint8Array};
use session_core::client::{HttpReply, NodeRecord, RelayReason, Transport, TransportError};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

/// The relay marks answers it made itself (rather than the guard) with this header.
pub const RELAY_ERROR_HEADER: &str = "x-relay-error";

/// Deadline of an onion request: hops wait up to 30 s for each other, so a little less than
/// that on our side still lets a slow path answer while not hanging the UI for long.
pub const ONION_TIMEOUT_MS: u32 = 25_000;

/// Deadline of a seed request.
pub const SEED_TIMEOUT_MS: u32 = 15_000;

/// `fetch` through the relay at `base` (the page's origin, normally).
#[derive(Debug, Clone)]
pub struct FetchTransport {
    base: String,
    /// Whether the last request got an HTTP answer from the relay (`None`: none made yet).
    relay_answered: Rc<Cell<Option<bool>>>,
}

impl FetchTransport {
    /// A transport to the relay at `base` ("https://relay.example", no trailing slash).
    pub fn new(base: impl Into<String>) -> Self {
        let mut base = base.into();
        while base.ends_with('/') {
            base.pop();
        }
        FetchTransport {
            base,
            relay_answered: Rc::new(Cell::new(None)),
        }
    }

    /// `Some(false)` when the last request got no HTTP answer at all: the relay (or our link
    /// to it) is down, as opposed to the Session network behind it.
    pub fn relay_answered(&self) -> Option<bool> {
        self.relay_answered.get()
    }

    async fn post(
        &self,
        url: &str,
        body: &[u8],
        content_type: &str,
        timeout_ms: u32,
    ) -> Result<HttpReply, TransportError> {
        let result = post(url, body, content_type, timeout_ms).await;
        self.relay_answered.set(Some(result.is_ok()));
        result
    }

    /// The relay's address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// URL of the onion endpoint for a guard.
    pub fn onion_url(&self, guard: &NodeRecord) -> String {
        format!("{}/relay/v1/onion/{}", self.base, guard.ed25519.to_hex())
    }

    /// URL of the seed endpoint.
    pub fn seed_url(&self) -> String {
        format!("{}/relay/v1/seed", self.base)
    }
}

impl Transport for FetchTransport {
    async fn send_onion(
        &self,
        guard: &NodeRecord,
        body: Vec<u8>,
    ) -> Result<HttpReply, TransportError> {
        self.post(
            &self.onion_url(guard),
            &body,
            "application/octet-stream",
            ONION_TIMEOUT_MS,
        )
        .await
    }

    async fn seed(&self, body: Vec<u8>) -> Result<HttpReply, TransportError> {
        self.post(&self.seed_url(), &body, "application/json", SEED_TIMEOUT_MS)
            .await
    }
}

/// How a failed `fetch` maps to a [`TransportError`], from the name of the error it rejected
/// with: our deadline → `Timeout`; a browser that knows it is offline → `Offline`; a network
/// failure (`TypeError`: relay down, connection refused, DNS) → `Unreachable`; an abort that
/// was not ours → `Aborted`; anything else → `Malformed`.
pub fn classify_fetch_error(error_name: &str, timed_out: bool, online: bool) -> TransportError {
    if timed_out {
        return TransportError::Timeout;
    }
    if !online {
        return TransportError::Offline;
    }
    match error_name {
        // fetch rejects with a TypeError for every network failure (refused, DNS, CORS…).
        "TypeError" => TransportError::Unreachable,
        "AbortError" => TransportError::Aborted,
        _ => TransportError::Malformed,
    }
}

/// An HTTP answer as the client sees it: the relay's own errors carry their reason.
pub fn reply_from_parts(status: u16, relay_error: Option<String>, body: Vec<u8>) -> HttpReply {
    HttpReply {
        status,
        body,
        relay_error: relay_error
            .filter(|r| !r.trim().is_empty())
            .map(|r| RelayReason::from_header(&r)),
    }
}

fn error_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

async fn post(
    url: &str,
    body: &[u8],
    content_type: &str,
    timeout_ms: u32,
) -> Result<HttpReply, TransportError> {
    let window = web_sys::window().ok_or(TransportError::Unsupported("window"))?;
    let controller =
        AbortController::new().map_err(|_| TransportError::Unsupported("AbortController"))?;
    let timed_out = Rc::new(Cell::new(false));
    let abort = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            timeout_ms as i32,
        )
        .ok();

    let result = fetch(&window, url, body, content_type, &controller).await;

    if let Some(id) = timer {
        window.clear_timeout_with_handle(id);
    }
    drop(abort);
    result.map_err(|e| {
        classify_fetch_error(
            &error_name(&e),
            timed_out.get(),
            crate::util::browser::is_online(),
        )
    })
}

async fn fetch(
    window: &web_sys::Window,
    url: &str,
    body: &[u8],
    content_type: &str,
    controller: &AbortController,
) -> Result<HttpReply, JsValue> {
    let headers = Headers::new()?;
    headers.set("content-type", content_type)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&Uint8Array::from(body).into());
    init.set_signal(Some(&controller.signal()));
    init.set_cache(web_sys::RequestCache::NoStore);
    let resp: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let relay_error = resp.headers().get(RELAY_ERROR_HEADER)?;
    let buf: ArrayBuffer = JsFuture::from(resp.array_buffer()?).await?.dyn_into()?;
    Ok(reply_from_parts(
        resp.status(),
        relay_error,
        Uint8Array::new(&buf).to_vec(),
    ))
}
