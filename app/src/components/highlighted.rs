//! Text with search matches marked (`<mark>`), as text nodes: remote text is never HTML.

use leptos::prelude::*;
use std::ops::Range;

use crate::state::search::marked_pieces;

/// `text` with `ranges` (byte ranges) marked.
#[component]
pub fn Highlighted(
    /// The text.
    text: String,
    /// What to mark.
    ranges: Vec<Range<usize>>,
) -> impl IntoView {
    marked_pieces(&text, &ranges)
        .into_iter()
        .map(|(piece, marked)| {
            if marked {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
