//! Wall-clock time and local-time formatting (through JavaScript's `Date`, which knows the
//! user's time zone and locale).

use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

/// Milliseconds since the Unix epoch, from the local clock.
pub fn now_ms() -> u64 {
    Date::now().max(0.0) as u64
}

/// The local calendar day of a timestamp, as days since 1970-01-01 in the user's time zone:
/// two timestamps are on the same day exactly when these are equal.
pub fn local_day(ts_ms: u64) -> i64 {
    let d = Date::new(&JsValue::from_f64(ts_ms as f64));
    let offset_ms = d.get_timezone_offset() * 60_000.0;
    ((ts_ms as f64 - offset_ms) / 86_400_000.0).floor() as i64
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

/// "14:05" (or "2:05 PM", as the user's locale writes times).
pub fn format_time(ts_ms: u64) -> String {
    let d = Date::new(&JsValue::from_f64(ts_ms as f64));
    d.to_locale_time_string_with_options(
        &crate::i18n::date_tag(),
        &options(&[("hour", "2-digit"), ("minute", "2-digit")]),
    )
    .into()
}

/// A weekday name ("Monday") in the user's locale.
pub fn format_weekday(ts_ms: u64) -> String {
    let d = Date::new(&JsValue::from_f64(ts_ms as f64));
    d.to_locale_date_string(&crate::i18n::date_tag(), &options(&[("weekday", "long")]))
        .into()
}

/// A full date ("12 March 2026") in the user's locale.
pub fn format_date(ts_ms: u64) -> String {
    let d = Date::new(&JsValue::from_f64(ts_ms as f64));
    d.to_locale_date_string(
        &crate::i18n::date_tag(),
        &options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")]),
    )
    .into()
}

/// A short date ("12/03/2026") for conversation list entries older than a week.
pub fn format_short_date(ts_ms: u64) -> String {
    let d = Date::new(&JsValue::from_f64(ts_ms as f64));
    d.to_locale_date_string(
        &crate::i18n::date_tag(),
        &options(&[("day", "numeric"), ("month", "short")]),
    )
    .into()
}
