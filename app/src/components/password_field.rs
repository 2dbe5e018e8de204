//! A password field with its label.

use leptos::prelude::*;

use crate::state::password::MAX_LEN;

/// A labelled password field bound to `value`.
#[component]
pub fn PasswordField(
    /// Its element id (the label points at it), also its `data-testid`.
    id: &'static str,
    /// The label.
    #[prop(into)]
    label: String,
    /// `current-password` or `new-password`.
    autocomplete: &'static str,
    /// The value.
    value: RwSignal<String>,
    /// Runs after each change (to clear an error shown for the previous value).
    #[prop(optional)]
    on_input: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <label class="field-label" for=id>{label}</label>
        <input id=id class="input" type="password" autocomplete=autocomplete data-testid=id
            maxlength=MAX_LEN.to_string()
            prop:value=move || value.get()
            on:input=move |ev| {
                value.set(event_target_value(&ev));
                if let Some(f) = on_input {
                    f.run(());
                }
            } />
    }
}
