//! Settings' "Attachments" panel: what the kept attachments take in this browser, and a way
//! to remove them (they are downloaded again when next seen, while the file server has them).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::context::use_part;
use crate::state::files::{format_size, Files};
use crate::state::ui::Ui;

/// The panel.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let files = use_part::<Files>();
    let ui = expect_context::<Ui>();
    let usage = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let load = move || {
        let files = files.get_value();
        spawn_local(async move {
            let u = files.usage().await;
            usage.try_set(u);
        });
    };
    load();
    let clear = move |_| {
        let files = files.get_value();
        busy.set(true);
        spawn_local(async move {
            if files.clear(&[]).await {
                ui.show_toast("Downloaded attachments removed from this browser.");
            } else {
                ui.show_toast("The attachments could not be removed.");
            }
            busy.try_set(false);
            usage.try_set(files.usage().await);
        });
    };
    view! {
        <section class="panel" data-testid="storage-panel">
            <h2>"Attachments"</h2>
            <p class="muted" data-testid="storage-usage">
                {move || match usage.get() {
                    None => "Measuring…".to_owned(),
                    Some(u) if u.files == 0 => "No attachments are kept in this browser.".to_owned(),
                    Some(u) => format!(
                        "{} kept in this browser ({} {}).",
                        format_size(u.bytes),
                        u.files,
                        if u.files == 1 { "file" } else { "files" },
                    ),
                }}
            </p>
            <button type="button" class="btn btn-secondary" data-testid="storage-clear"
                disabled=move || busy.get() || usage.get().is_none_or(|u| u.files == 0)
                on:click=clear>
                "Clear attachments"
            </button>
        </section>
    }
}
