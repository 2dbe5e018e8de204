//! The recovery phrase as numbered words.

use leptos::prelude::*;

/// The words of a recovery phrase.
#[component]
pub fn RecoveryPhrase(
    /// The words, in order.
    words: Vec<String>,
) -> impl IntoView {
    view! {
        <ol class="phrase" data-testid="recovery-phrase">
            {words
                .into_iter()
                .map(|w| view! { <li class="phrase-word">{w}</li> })
                .collect_view()}
        </ol>
    }
}
