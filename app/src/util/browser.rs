//! Browser APIs the app uses: document state, local storage, clipboard, notifications, Web
//! Locks, the service worker and event listeners.

use js_sys::{Function, Promise, Reflect};
use session_core::conversation::ConversationId;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use super::log;
use crate::ports::Platform;

/// The page's window (the app only runs in a window).
pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// Whether the tab is hidden (another tab in front, window minimised, screen off).
pub fn is_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

/// Whether the device has a mouse or trackpad (then a keyboard is likely at hand, and a new
/// screen's text field may take the focus; on touch screens that would pop the keyboard up).
pub fn has_fine_pointer() -> bool {
    matches_media("(pointer: fine)")
}

/// Whether the CSS media `query` matches now.
pub fn matches_media(query: &str) -> bool {
    window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether the window is narrow enough for one pane at a time (the style sheet's breakpoint).
pub fn is_narrow() -> bool {
    matches_media("(max-width: 799px)")
}

/// Whether the browser believes it is online (`false` is reliable, `true` is a guess).
pub fn is_online() -> bool {
    window().is_none_or(|w| w.navigator().on_line())
}

/// The two Web Storage areas the app uses.
#[derive(Debug, Clone, Copy)]
enum Area {
    /// `localStorage`: this origin's, kept.
    Local,
    /// `sessionStorage`: this tab's, kept across its reloads only.
    Session,
}

impl Area {
    fn storage(self) -> Option<web_sys::Storage> {
        let w = window()?;
        match self {
            Area::Local => w.local_storage(),
            Area::Session => w.session_storage(),
        }
        .ok()
        .flatten()
    }

    fn get(self, key: &str) -> Option<String> {
        self.storage().and_then(|s| s.get_item(key).ok().flatten())
    }

    /// Failures (quota, private mode) are logged and ignored.
    fn set(self, key: &str, value: &str) {
        if let Some(s) = self.storage() {
            if s.set_item(key, value).is_err() {
                log::warn(&format!("could not write to {self:?} storage"));
            }
        }
    }

    fn remove(self, key: &str) {
        if let Some(s) = self.storage() {
            let _ = s.remove_item(key);
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    Area::Local.storage()
}

/// A value from `localStorage` (small, non-secret preferences and drafts only).
pub fn local_get(key: &str) -> Option<String> {
    Area::Local.get(key)
}

/// Stores a value in `localStorage`; failures (quota, private mode) are logged and ignored.
pub fn local_set(key: &str, value: &str) {
    Area::Local.set(key, value);
}

/// Removes a value from `localStorage`.
pub fn local_remove(key: &str) {
    Area::Local.remove(key);
}

/// A value from this tab's `sessionStorage` (kept across reloads of the tab only).
pub fn session_get(key: &str) -> Option<String> {
    Area::Session.get(key)
}

/// Stores a value in this tab's `sessionStorage`.
pub fn session_set(key: &str, value: &str) {
    Area::Session.set(key, value);
}

/// Removes a value from this tab's `sessionStorage`.
pub fn session_remove(key: &str) {
    Area::Session.remove(key);
}

/// Removes every `localStorage` value whose key starts with `prefix`.
pub fn clear_local_prefix(prefix: &str) {
    let Some(s) = local_storage() else { return };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

/// Adds a named mark to the page's performance timeline (tools read when a stage ended).
pub fn performance_mark(name: &str) {
    let Some(w) = window() else { return };
    let Ok(perf) = Reflect::get(&w, &JsValue::from_str("performance")) else {
        return;
    };
    if let Ok(mark) =
        Reflect::get(&perf, &JsValue::from_str("mark")).and_then(|f| f.dyn_into::<Function>())
    {
        let _ = mark.call1(&perf, &JsValue::from_str(name));
    }
}

/// Reloads the page.
pub fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// Sets (or with `None` removes) an attribute of the `<html>` element.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

/// A field of an event that `web_sys` has no type for here (`persisted` of `pageshow`, `key` of
/// `storage`): `undefined` when it is missing.
pub fn event_field(ev: &web_sys::Event, name: &str) -> JsValue {
    Reflect::get(ev, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The browser's languages, most preferred first (`navigator.languages`).
pub fn languages() -> Vec<String> {
    let Some(w) = window() else { return Vec::new() };
    let nav = w.navigator();
    let mut out: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if out.is_empty() {
        out.extend(nav.language());
    }
    out
}

/// The text of a same-origin file, or `None` when it cannot be had.
pub async fn fetch_text(url: &str) -> Option<String> {
    let resp: web_sys::Response = JsFuture::from(window()?.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !resp.ok() {
        return None;
    }
    JsFuture::from(resp.text().ok()?).await.ok()?.as_string()
}

/// Copies text to the clipboard; `false` when the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Registers the service worker that caches the app shell for offline starts.
pub fn register_service_worker(url: &str) {
    let Some(w) = window() else { return };
    let nav = w.navigator();
    if Reflect::get(&nav, &JsValue::from_str("serviceWorker"))
        .map(|v| v.is_undefined())
        .unwrap_or(true)
    {
        return;
    }
    let promise = nav.service_worker().register(url);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            log::warn(&format!("service worker not registered: {e:?}"));
        }
    });
}

/// The names of this origin's IndexedDB databases (none where the browser cannot list them).
pub async fn database_names() -> Vec<String> {
    let Some(factory) = window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return Vec::new();
    };
    let Ok(list) = Reflect::get(&factory, &JsValue::from_str("databases"))
        .and_then(|f| f.dyn_into::<Function>())
        .and_then(|f| f.call0(&factory))
        .and_then(|p| p.dyn_into::<Promise>())
    else {
        return Vec::new();
    };
    let Ok(list) = JsFuture::from(list).await else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|d| Reflect::get(&d, &JsValue::from_str("name")).ok())
        .filter_map(|n| n.as_string())
        .collect()
}

/// Where the user stands on notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyPermission {
    /// The browser has no notifications.
    Unsupported,
    /// Not asked yet.
    Default,
    /// Allowed.
    Granted,
    /// Refused.
    Denied,
}

fn notifications_supported() -> bool {
    window().is_some_and(|w| Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false))
}

/// The current notification permission.
pub fn notify_permission() -> NotifyPermission {
    if !notifications_supported() {
        return NotifyPermission::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Granted => NotifyPermission::Granted,
        NotificationPermission::Denied => NotifyPermission::Denied,
        _ => NotifyPermission::Default,
    }
}

/// Asks for notification permission (must run from a user gesture) and returns the answer.
pub async fn request_notify_permission() -> NotifyPermission {
    if !notifications_supported() {
        return NotifyPermission::Unsupported;
    }
    if let Ok(p) = Notification::request_permission() {
        let _ = JsFuture::from(p).await;
    }
    notify_permission()
}

/// Shows a notification (text only); clicking it focuses the tab and opens `hash`.
pub fn notify(title: &str, body: &str, tag: &str, hash: &str) {
    let hash = hash.to_owned();
    notify_then(title, body, tag, move || set_location_hash(&hash));
}

/// Shows a notification (when allowed) that brings the window forward and runs `on_click`
/// when clicked.
pub fn notify_then(title: &str, body: &str, tag: &str, on_click: impl Fn() + 'static) {
    if notify_permission() != NotifyPermission::Granted {
        return;
    }
    let opts = NotificationOptions::new();
    opts.set_body(body);
    opts.set_tag(tag);
    opts.set_icon("/icons/icon-192.png");
    match Notification::new_with_options(title, &opts) {
        Ok(n) => {
            let onclick = Closure::<dyn FnMut()>::new(move || {
                if let Some(w) = window() {
                    let _ = w.focus();
                }
                on_click();
            });
            n.set_onclick(Some(onclick.as_ref().unchecked_ref()));
            onclick.forget();
        }
        Err(e) => log::warn(&format!("notification failed: {e:?}")),
    }
}

/// Asks the Web Locks API for the exclusive lock `name` and calls `on_acquired` once this tab
/// holds it; the lock is then held until the tab goes away. Returns `false` when the browser
/// has no Web Locks (the caller then acts as if it held the lock).
pub fn hold_lock_when_available(name: &str, on_acquired: impl FnOnce() + 'static) -> bool {
    let Some(w) = window() else { return false };
    let nav = w.navigator();
    let Ok(locks) = Reflect::get(&nav, &JsValue::from_str("locks")) else {
        return false;
    };
    if locks.is_undefined() || locks.is_null() {
        return false;
    }
    let Ok(request) =
        Reflect::get(&locks, &JsValue::from_str("request")).and_then(|f| f.dyn_into::<Function>())
    else {
        return false;
    };
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        on_acquired();
        // Never settles: the lock stays ours while the page lives.
        Promise::new(&mut |_, _| {}).into()
    });
    request
        .call2(&locks, &JsValue::from_str(name), &callback)
        .is_ok()
}

/// Adds an event listener for the page's lifetime.
pub fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The location hash without its `#`.
pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Sets the location hash (adds a history entry, so Back returns).
pub fn set_location_hash(hash: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(hash);
    }
}

/// The origin the app was served from ("http://127.0.0.1:8080"): the relay's address.
pub fn origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Prefix of the drafts' `localStorage` keys (scoped to the account, see
/// [`crate::accounts::AccountSlot::scope`]).
pub const DRAFT_PREFIX: &str = "session-web.draft.";

thread_local! {
    /// Whether drafts may be kept in `localStorage`: not while a password lock is set, as
    /// `localStorage` is never sealed.
    static KEEP_DRAFTS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Stops keeping drafts across reloads (and forgets those kept), or starts again.
pub fn keep_drafts(keep: bool) {
    KEEP_DRAFTS.with(|k| k.set(keep));
    if !keep {
        clear_drafts();
    }
}

/// The `localStorage` key of the draft of this tab's account's conversation whose text form
/// is `conv`.
pub fn draft_key(conv: &str) -> String {
    format!("{}{conv}", crate::accounts::scoped(DRAFT_PREFIX))
}

/// The unsent text of a conversation's composer.
pub fn draft_get(conv: &ConversationId) -> String {
    local_get(&draft_key(&conv.to_string())).unwrap_or_default()
}

/// Keeps the composer's text across reloads (removed when empty).
pub fn draft_set(conv: &ConversationId, text: &str) {
    let key = draft_key(&conv.to_string());
    if text.is_empty() || !KEEP_DRAFTS.with(|k| k.get()) {
        local_remove(&key);
    } else {
        local_set(&key, text);
    }
}

/// Removes every draft of this tab's account.
pub fn clear_drafts() {
    clear_local_prefix(&crate::accounts::scoped(DRAFT_PREFIX));
}

/// [`Platform`] in a browser window.
#[derive(Debug, Default, Clone, Copy)]
pub struct BrowserPlatform;

impl Platform for BrowserPlatform {
    fn is_hidden(&self) -> bool {
        is_hidden()
    }

    fn is_online(&self) -> bool {
        is_online()
    }

    fn notification_permission(&self) -> NotifyPermission {
        notify_permission()
    }

    fn notify(&self, title: &str, body: &str, tag: &str, hash: &str) {
        notify(title, body, tag, hash);
    }

    fn hold_lock(&self, name: &str, on_acquired: Box<dyn FnOnce()>) -> bool {
        hold_lock_when_available(name, on_acquired)
    }

    fn restart(&self) {
        clear_drafts();
        set_location_hash("");
        reload();
    }
}

/// The bytes of a Blob (a picked or kept file), read without blocking the page.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Option<Vec<u8>> {
    let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}
