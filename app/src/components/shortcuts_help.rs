//! The list of keyboard shortcuts (Ctrl+/ or ?, or Settings → Keyboard shortcuts).

use leptos::prelude::*;

use super::dialog::Dialog;
use crate::state::shortcuts::HELP;
use crate::state::ui::Ui;

/// The dialog, shown while [`Ui::shortcuts`] is set.
#[component]
pub fn ShortcutsHelp() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let close = Callback::new(move |()| ui.shortcuts.set(false));
    move || {
        ui.shortcuts.get().then(|| {
            view! {
                <Dialog title="Keyboard shortcuts" test_id="shortcuts-help" on_close=close>
                    <table class="shortcuts">
                        <caption class="visually-hidden">"Keys and what they do"</caption>
                        <thead class="visually-hidden">
                            <tr><th scope="col">"Keys"</th><th scope="col">"Action"</th></tr>
                        </thead>
                        <tbody>
                            {HELP.iter().map(|(keys, what)| view! {
                                <tr><td><kbd>{*keys}</kbd></td><td>{*what}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="actions">
                        <button type="button" class="btn btn-primary" data-autofocus
                            data-testid="shortcuts-close" on:click=move |_| close.run(())>
                            "Close"
                        </button>
                    </div>
                </Dialog>
            }
        })
    }
}
