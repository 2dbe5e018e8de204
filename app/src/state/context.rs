//! The session's parts in Leptos context. Context values and the closures of views must be
//! `Send + Sync`, so each part (an `Rc`, single-threaded like everything in the tab) is held
//! by a local `StoredValue`: a `Copy` handle owned by the component that provided it.

use leptos::prelude::*;
use std::rc::Rc;

/// A handle to a part, cheap to copy into closures.
pub type Part<T> = StoredValue<Rc<T>, LocalStorage>;

/// Provides `part` to the components below the current one.
pub fn provide_part<T: 'static>(part: Rc<T>) {
    provide_context::<Part<T>>(StoredValue::new_local(part));
}

/// The handle of the part of type `T` provided above; panics (a programming error) when
/// none was.
pub fn use_part<T: 'static>() -> Part<T> {
    expect_context::<Part<T>>()
}
