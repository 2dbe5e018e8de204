//! [`Transport`] over the browser's `fetch`, through the relay that served the app:
//! `POST /relay/v1/onion/{guard}` and `POST /relay/v1/seed`.
//!
//! Each request has its own deadline, enforced with an `AbortController`. A request that never
//! got an HTTP answer is a [`TransportError`] (our own link: no node is blamed); any HTTP answer,
//! including the relay's own 502/504, is an [`HttpReply`], with the relay's `x-relay-error`
//! header copied into [`HttpReply::relay_error`] so the client knows whom to blame.
//!
//! Large bodies (attachments) go through `XMLHttpRequest` instead, the one browser API that
//! reports an upload's progress, with a deadline that grows with the body. Either way, a
//! request whose future is dropped (a cancelled upload) is aborted.

use js_sys::{ArrayBuffer, Uint8Array};
use session_core::client::{HttpReply, NodeRecord, RelayReason, Transport, TransportError};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ProgressEvent, RequestInit, Response, XmlHttpRequest,
    XmlHttpRequestResponseType,
};

/// The relay marks answers it made itself (rather than the guard) with this header.
pub const RELAY_ERROR_HEADER: &str = "x-relay-error";

/// Deadline of an onion request: hops wait up to 30 s for each other, so a little less than
/// that on our side still lets a slow path answer while not hanging the UI for long.
pub const ONION_TIMEOUT_MS: u32 = 25_000;

/// Deadline of a seed request.
pub const SEED_TIMEOUT_MS: u32 = 15_000;

/// Bodies from this size on are sent with progress reports.
pub const LARGE_BODY: usize = 64 * 1024;

/// Extra time a large body gets: a second per 50 KB (a 10 MB upload on a slow link).
const MS_PER_50_KB: u32 = 1_000;

/// Hears the progress of large uploads: `(body length, bytes sent, bytes to send)`.
pub type UploadSink = Rc<dyn Fn(u64, u64, u64)>;

/// Hears the progress of large replies (downloads): `(reply length, bytes received)`.
pub type DownloadSink = Rc<dyn Fn(u64, u64)>;

/// `fetch` through the relay at `base` (the page's origin, normally).
#[derive(Clone)]
pub struct FetchTransport {
    base: String,
    /// Whether the last request got an HTTP answer from the relay (`None`: none made yet).
    relay_answered: Rc<Cell<Option<bool>>>,
    /// Where large uploads report their progress.
    uploads: Rc<RefCell<Option<UploadSink>>>,
    /// Where large replies report theirs.
    downloads: Rc<RefCell<Option<DownloadSink>>>,
}

impl std::fmt::Debug for FetchTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchTransport")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
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
            uploads: Rc::new(RefCell::new(None)),
            downloads: Rc::new(RefCell::new(None)),
        }
    }

    /// Reports the progress of large replies to `sink` (`None`: to nobody).
    pub fn on_download_progress(&self, sink: Option<DownloadSink>) {
        *self.downloads.borrow_mut() = sink;
    }

    /// Reports the progress of large uploads to `sink` (`None`: to nobody).
    pub fn on_upload_progress(&self, sink: Option<UploadSink>) {
        *self.uploads.borrow_mut() = sink;
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
        let sink = self.uploads.borrow().clone();
        let result = match sink {
            Some(sink) if body.len() >= LARGE_BODY => {
                let extra = (body.len() / 50_000) as u32 * MS_PER_50_KB;
                post_xhr(url, body, content_type, timeout_ms + extra, sink).await
            }
            _ => {
                let sink = self.downloads.borrow().clone();
                post(url, body, content_type, timeout_ms, sink).await
            }
        };
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
    sink: Option<DownloadSink>,
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

    // Dropped before it settles (a cancelled upload): the request is aborted, not left running.
    let mut on_drop = AbortOnDrop(Some(controller.clone()));
    let result = fetch(&window, url, body, content_type, &controller, sink).await;
    on_drop.0 = None;

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
    sink: Option<DownloadSink>,
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
    let length = resp
        .headers()
        .get("content-length")?
        .and_then(|l| l.parse::<u64>().ok())
        .unwrap_or(0);
    let body = match (sink, resp.body()) {
        (Some(sink), Some(stream)) if length >= LARGE_BODY as u64 => {
            read_reporting(&stream, length, &sink).await?
        }
        _ => {
            let buf: ArrayBuffer = JsFuture::from(resp.array_buffer()?).await?.dyn_into()?;
            Uint8Array::new(&buf).to_vec()
        }
    };
    Ok(reply_from_parts(resp.status(), relay_error, body))
}

/// Reads a reply of `length` bytes chunk by chunk, telling `sink` how much has come.
async fn read_reporting(
    stream: &web_sys::ReadableStream,
    length: u64,
    sink: &DownloadSink,
) -> Result<Vec<u8>, JsValue> {
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().dyn_into()?;
    let mut out = Vec::with_capacity(length.min(16 << 20) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
        let value: Uint8Array =
            js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))?.dyn_into()?;
        out.extend_from_slice(&value.to_vec());
        sink(length, out.len() as u64);
    }
    Ok(out)
}

/// Aborts a `fetch` when the future awaiting it is dropped.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            c.abort();
        }
    }
}

/// Aborts an `XMLHttpRequest` when the future awaiting it is dropped.
struct XhrOnDrop(Option<XmlHttpRequest>);

impl Drop for XhrOnDrop {
    fn drop(&mut self) {
        if let Some(xhr) = self.0.take() {
            let _ = xhr.abort();
        }
    }
}

/// How an `XMLHttpRequest` ended without an HTTP answer.
const XHR_ERROR: &str = "error";
const XHR_TIMEOUT: &str = "timeout";
const XHR_ABORT: &str = "abort";

/// A POST through `XMLHttpRequest`, reporting the upload's progress to `sink`.
async fn post_xhr(
    url: &str,
    body: &[u8],
    content_type: &str,
    timeout_ms: u32,
    sink: UploadSink,
) -> Result<HttpReply, TransportError> {
    let unsupported = |_| TransportError::Unsupported("XMLHttpRequest");
    let xhr = XmlHttpRequest::new().map_err(unsupported)?;
    xhr.open("POST", url).map_err(unsupported)?;
    xhr.set_request_header("content-type", content_type)
        .map_err(unsupported)?;
    xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
    xhr.set_timeout(timeout_ms);
    let len = body.len() as u64;
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |ev: ProgressEvent| {
        let total = if ev.length_computable() {
            ev.total() as u64
        } else {
            len
        };
        sink(len, ev.loaded() as u64, total);
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    // Settles with the load event, or rejects with the way it ended otherwise.
    let mut handlers: Vec<Closure<dyn FnMut()>> = Vec::new();
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let target: &web_sys::XmlHttpRequestEventTarget = &xhr;
        target.set_onload(Some(ok.as_ref().unchecked_ref()));
        handlers.push(ok);
        let ended = |tag: &'static str| {
            let reject = reject.clone();
            Closure::<dyn FnMut()>::new(move || {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(tag));
            })
        };
        let (error, timeout, abort) = (ended(XHR_ERROR), ended(XHR_TIMEOUT), ended(XHR_ABORT));
        target.set_onerror(Some(error.as_ref().unchecked_ref()));
        target.set_ontimeout(Some(timeout.as_ref().unchecked_ref()));
        target.set_onabort(Some(abort.as_ref().unchecked_ref()));
        handlers.extend([error, timeout, abort]);
    });
    xhr.send_with_opt_u8_array(Some(body))
        .map_err(|_| TransportError::Unreachable)?;
    let mut guard = XhrOnDrop(Some(xhr.clone()));
    let settled = JsFuture::from(done).await;
    guard.0 = None;
    drop(handlers);
    drop(progress);
    if let Err(e) = settled {
        return Err(match e.as_string().as_deref() {
            Some(XHR_TIMEOUT) => TransportError::Timeout,
            Some(XHR_ABORT) => TransportError::Aborted,
            _ if !crate::util::browser::is_online() => TransportError::Offline,
            _ => TransportError::Unreachable,
        });
    }
    let status = xhr.status().map_err(|_| TransportError::Malformed)?;
    let relay_error = xhr.get_response_header(RELAY_ERROR_HEADER).ok().flatten();
    let body = xhr
        .response()
        .ok()
        .and_then(|r| r.dyn_into::<ArrayBuffer>().ok())
        .map(|b| Uint8Array::new(&b).to_vec())
        .unwrap_or_default();
    Ok(reply_from_parts(status, relay_error, body))
}
