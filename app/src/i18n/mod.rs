//! The interface's words: one message catalogue (Fluent, `app/i18n/<locale>/<area>.ftl`) that
//! every string of the app goes through, by the [`t!`](crate::t) macro.
//!
//! English is compiled in; another language's catalogue is fetched once at start-up (and kept
//! by the service worker), so each language added costs nothing to those who do not use it.
//! The language is the browser's when the app speaks it, or the one chosen in Settings;
//! changing it reloads the page, as the official apps restart.

mod audit;
mod catalogue;
mod choice;
mod locale;

pub use audit::{arguments_of, audit, Problem};
pub use catalogue::{Arg, Catalogue};
pub use choice::{apply_to_document, date_tag, init, init_with, Choice};
pub use locale::{Direction, Locale};

use std::cell::RefCell;
use std::rc::Rc;

/// What the build found in `app/i18n` (see `build.rs`).
pub mod bundled {
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Catalogue>>> = const { RefCell::new(None) };
}

/// The catalogue in use (English until [`install`] puts another).
pub fn current() -> Rc<Catalogue> {
    CURRENT.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| Rc::new(Catalogue::english()))
            .clone()
    })
}

/// Makes `catalogue` the one every later [`text`] reads.
pub fn install(catalogue: Catalogue) {
    CURRENT.with(|c| *c.borrow_mut() = Some(Rc::new(catalogue)));
}

/// The language in use.
pub fn locale() -> Locale {
    current().locale()
}

/// The message `key`, without arguments. Use [`t!`](crate::t), which checks the key exists.
pub fn text(key: &str) -> String {
    current().format(key, &[])
}

/// The message `key` with its arguments. Use [`t!`](crate::t).
pub fn format(key: &str, args: &[(&str, Arg)]) -> String {
    current().format(key, args)
}

/// Whether the English catalogue defines `key` (at compile time, for [`t!`](crate::t)).
pub const fn known(key: &str) -> bool {
    let keys = bundled::KEYS;
    let (mut lo, mut hi) = (0, keys.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match compare(keys[mid].as_bytes(), key.as_bytes()) {
            0 => return true,
            c if c < 0 => lo = mid + 1,
            _ => hi = mid,
        }
    }
    false
}

/// Byte-wise ordering of two strings, usable in a constant.
const fn compare(a: &[u8], b: &[u8]) -> i32 {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] as i32 - b[i] as i32;
        }
        i += 1;
    }
    a.len() as i32 - b.len() as i32
}

/// A message of the catalogue in the language in use: `t!("key")`, or with arguments
/// `t!("key", name = value, count = n)`. A key missing from the English catalogue does not
/// compile.
#[macro_export]
macro_rules! t {
    ($key:literal) => {{
        const _: () = assert!(
            $crate::i18n::known($key),
            concat!("no message \"", $key, "\" in app/i18n/en")
        );
        $crate::i18n::text($key)
    }};
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        const _: () = assert!(
            $crate::i18n::known($key),
            concat!("no message \"", $key, "\" in app/i18n/en")
        );
        $crate::i18n::format(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    }};
}
