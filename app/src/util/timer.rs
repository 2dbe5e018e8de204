//! Timers: a plain sleep and a sleep that can be cut short (the poller's, woken on focus).

use js_sys::{Function, Promise};
use std::cell::RefCell;
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

/// A sleep that [`Alarm::wake`] ends early. One sleeper at a time.
#[derive(Debug, Default)]
pub struct Alarm {
    resolve: RefCell<Option<Function>>,
    /// A wake that came while nobody slept: the next sleep returns at once.
    pending: RefCell<bool>,
}

impl Alarm {
    /// Sleeps up to `ms` milliseconds, or until woken.
    pub async fn sleep(&self, ms: u64) {
        if std::mem::take(&mut *self.pending.borrow_mut()) {
            return;
        }
        let p = Promise::new(&mut |resolve, _| {
            let _ = set_timeout(&resolve, ms);
            *self.resolve.borrow_mut() = Some(resolve);
        });
        let _ = JsFuture::from(p).await;
        self.resolve.borrow_mut().take();
    }

    /// Ends the current sleep now (or the next one, if nobody sleeps).
    pub fn wake(&self) {
        let resolve = self.resolve.borrow_mut().take();
        match resolve {
            Some(f) => {
                let _ = f.call0(&JsValue::NULL);
            }
            None => *self.pending.borrow_mut() = true,
        }
    }
}
