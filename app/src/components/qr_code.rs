//! A QR code drawn as SVG.

use leptos::prelude::*;

use crate::util::qr::qr_path;

/// The QR code of `data`.
#[component]
pub fn QrCode(
    /// What the code encodes.
    #[prop(into)]
    data: String,
    /// Accessible description.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    qr_path(&data).map(|(size, d)| {
        view! {
            <div class="qr-frame">
                <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=label
                    shape-rendering="crispEdges">
                    <rect class="qr-bg" x="0" y="0" width=size height=size />
                    <path class="qr-fg" d=d />
                </svg>
            </div>
        }
    })
}
