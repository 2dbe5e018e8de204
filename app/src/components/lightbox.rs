//! A picture full size over everything; closed by its button, a click outside or Escape.

use leptos::prelude::*;

use super::icon::{Icon, IconName};
use crate::state::ui::Ui;
use crate::t;

/// The lightbox (renders nothing while no picture is open).
#[component]
pub fn Lightbox() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let close = move || ui.lightbox.set(None);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    move || {
        ui.lightbox.get().map(|shown| {
            let label = shown.name.clone();
            view! {
                <div class="lightbox" data-testid="lightbox" role="dialog" aria-modal="true"
                    aria-label=label tabindex="-1" on:keydown=on_key
                    on:click=move |_| close()>
                    <img src=shown.url alt=shown.name on:click=|ev| ev.stop_propagation() />
                    <button type="button" class="lightbox-close" data-testid="lightbox-close"
                        aria-label=t!("common-close") autofocus=true on:click=move |_| close()>
                        <Icon name=IconName::Close />
                    </button>
                </div>
            }
        })
    }
}
