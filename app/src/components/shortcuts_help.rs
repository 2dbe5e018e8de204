//! The list of keyboard shortcuts (Ctrl+/ or ?, or Settings → Keyboard shortcuts).

use leptos::prelude::*;

use super::dialog::Dialog;
use crate::state::shortcuts::HELP;
use crate::state::ui::Ui;
use crate::t;

/// The dialog, shown while [`Ui::shortcuts`] is set.
#[component]
pub fn ShortcutsHelp() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let close = Callback::new(move |()| ui.shortcuts.set(false));
    move || {
        ui.shortcuts.get().then(|| {
            view! {
                <Dialog title=t!("settings-keyboard-shortcuts") test_id="shortcuts-help" on_close=close>
                    <table class="shortcuts">
                        <caption class="visually-hidden">{t!("settings-shortcuts-caption")}</caption>
                        <thead class="visually-hidden">
                            <tr>
                                <th scope="col">{t!("settings-shortcuts-keys")}</th>
                                <th scope="col">{t!("settings-shortcuts-action")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {HELP.iter().map(|line| view! {
                                <tr><td><kbd>{line.keys()}</kbd></td><td>{line.action()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="actions">
                        <button type="button" class="btn btn-primary" data-autofocus
                            data-testid="shortcuts-close" on:click=move |_| close.run(())>
                            {t!("common-close")}
                        </button>
                    </div>
                </Dialog>
            }
        })
    }
}
