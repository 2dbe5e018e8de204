//! # session-web
//!
//! The Session messenger as a client-side web app (Leptos, CSR). Keys are made and kept in the
//! tab; every protocol step (encryption, onion requests, polling) runs in
//! [`session_core`], and the relay only forwards opaque onion bytes.
//!
//! - [`storage`]: IndexedDB (through rexie): versioned schema, migrations, typed records;
//! - [`net`]: the browser `fetch` transport, clock and timers, tab coordination;
//! - [`ports`]: what the state needs from the outside (clock, storage, browser, tabs, relay,
//!   client engine), as traits that tests implement with simulated time;
//! - [`state`]: the session's parts (network, poller, outbox, views, profile, notifications)
//!   and the view models;
//! - [`components`]: one Leptos component per file, no domain logic;
//! - [`files`]: attachments' encryption through WebCrypto;
//! - [`i18n`]: the message catalogue every string of the interface goes through;
//! - [`util`]: small wrappers around browser APIs.

pub mod accounts;
pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
pub mod files;
pub mod i18n;
pub mod net;
pub mod ports;
pub mod search;
pub mod state;
pub mod storage;
pub mod util;
pub mod vault;

/// Loads the language, then mounts the app; registers the service worker.
pub fn start() {
    util::log::install_panic_hook();
    util::browser::register_service_worker("/sw.js");
    wasm_bindgen_futures::spawn_local(async {
        i18n::init().await;
        leptos::mount::mount_to_body(app::App);
    });
}
