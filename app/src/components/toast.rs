//! A short message at the bottom of the screen.

use leptos::prelude::*;

use crate::state::ui::Ui;

/// The toast, when there is one.
#[component]
pub fn Toast() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.toast.get().map(|text| {
            view! { <div class="toast" role="status" data-testid="toast">{text}</div> }
        })
    }
}
