//! Timers: `setTimeout` as a future.

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn set_timeout(f: &Function, ms: u64) -> Option<i32> {
    let ms = ms.min(i32::MAX as u64) as i32;
    let global = js_sys::global();
    let set: Function = js_sys::Reflect::get(&global, &JsValue::from_str("setTimeout"))
        .ok()?
        .into();
    set.call2(&global, f, &JsValue::from(ms))
        .ok()
        .and_then(|v| v.as_f64())
        .map(|v| v as i32)
}

/// Waits `ms` milliseconds (works in windows and workers).
pub async fn sleep_ms(ms: u64) {
    let p = Promise::new(&mut |resolve, _| {
        let _ = set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(p).await;
}
