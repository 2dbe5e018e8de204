//! Console logging (the app's only diagnostics channel; never logs secrets or message text).

use wasm_bindgen::JsValue;

/// Logs an error to the browser console.
pub fn error(msg: &str) {
    web_sys::console::error_1(&JsValue::from_str(msg));
}

/// Logs a warning to the browser console.
pub fn warn(msg: &str) {
    web_sys::console::warn_1(&JsValue::from_str(msg));
}

/// Logs information to the browser console.
pub fn info(msg: &str) {
    web_sys::console::info_1(&JsValue::from_str(msg));
}

/// Sends panic messages to the console (the release build aborts after the hook has run).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        error(&format!("session-web panicked: {info}"))
    }));
}
