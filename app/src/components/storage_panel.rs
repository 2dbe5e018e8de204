//! Settings' "Attachments" panel: what the kept attachments take in this browser, and a way
//! to remove them (they are downloaded again when next seen, while the file server has them).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::context::use_part;
use crate::state::files::{format_size, Files};
use crate::state::ui::Ui;
use crate::t;

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
                ui.show_toast(t!("settings-attachments-cleared"));
            } else {
                ui.show_toast(t!("settings-attachments-clear-failed"));
            }
            busy.try_set(false);
            usage.try_set(files.usage().await);
        });
    };
    view! {
        <section class="panel" data-testid="storage-panel">
            <h2>{t!("settings-attachments")}</h2>
            <p class="muted" data-testid="storage-usage">
                {move || match usage.get() {
                    None => t!("settings-attachments-measuring"),
                    Some(u) if u.files == 0 => t!("settings-attachments-none"),
                    Some(u) => t!(
                        "settings-attachments-usage",
                        size = format_size(u.bytes),
                        count = u.files,
                    ),
                }}
            </p>
            <button type="button" class="btn btn-secondary" data-testid="storage-clear"
                disabled=move || busy.get() || usage.get().is_none_or(|u| u.files == 0)
                on:click=clear>
                {t!("settings-attachments-clear")}
            </button>
        </section>
    }
}
