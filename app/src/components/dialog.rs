//! A modal dialog: a titled card over a dimmed page. It takes the focus when it opens (its
//! element marked `data-autofocus`, else itself), gives it back when it closes, and closes
//! on Escape or a click outside it.

use leptos::prelude::*;

use crate::util::browser;
use crate::util::focus::focus;

/// The dialog (render it only while open).
#[component]
pub fn Dialog(
    /// Its title.
    #[prop(into)]
    title: String,
    /// `data-testid` of the card.
    test_id: &'static str,
    /// A wider card (a panel of a group).
    #[prop(optional)]
    wide: bool,
    /// Called to close it (Escape, a click outside).
    on_close: Callback<()>,
    /// Its content (text, fields, an `.actions` row of buttons).
    children: Children,
) -> impl IntoView {
    let card = NodeRef::<leptos::html::Div>::new();
    // Where the focus was: it goes back there when the dialog closes.
    let before = StoredValue::new_local(browser::document().and_then(|d| d.active_element()));
    on_cleanup(move || {
        if let Some(el) = before.try_get_value().flatten() {
            if el.is_connected() {
                focus(Some(el));
            }
        }
    });
    Effect::new(move |_| {
        if let Some(el) = card.get() {
            let target = el
                .query_selector("[data-autofocus]")
                .ok()
                .flatten()
                .unwrap_or_else(|| el.clone().into());
            focus(Some(target));
        }
    });
    let title_id = format!("dialog-title-{test_id}");
    let labelled_by = title_id.clone();
    view! {
        <div class="dialog-backdrop" on:click=move |ev| {
            // Only a click on the dimmed page itself, not one inside the card.
            if ev.target() == ev.current_target() { on_close.run(()) }
        }>
            <div node_ref=card class="dialog" class:dialog-wide=wide role="dialog" aria-modal="true"
                aria-labelledby=labelled_by tabindex="-1" data-testid=test_id
                on:keydown=move |ev| if ev.key() == "Escape" {
                    ev.stop_propagation();
                    on_close.run(());
                }>
                <h2 class="dialog-title" id=title_id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}
