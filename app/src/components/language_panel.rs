//! Settings' language choice: the browser's language or one of the app's; the page reloads in
//! the new language (as the official apps restart).

use leptos::prelude::*;

use crate::i18n::{Choice, Locale};
use crate::t;
use crate::util::browser;

/// The `<select>` value of a choice.
fn value_of(choice: Choice) -> &'static str {
    match choice {
        Choice::System => "system",
        Choice::Fixed(l) => l.tag(),
    }
}

/// The choice a `<select>` value names.
fn choice_of(value: &str) -> Choice {
    Locale::from_tag(value).map_or(Choice::System, Choice::Fixed)
}

/// The language panel of Settings.
#[component]
pub fn LanguagePanel() -> impl IntoView {
    let saved = Choice::load();
    let system = Choice::System.resolve(&browser::languages());
    let on_change = move |ev: leptos::ev::Event| {
        let choice = choice_of(&event_target_value(&ev));
        if choice != saved {
            choice.save();
            browser::reload();
        }
    };
    view! {
        <section class="panel">
            <h2 id="language-title">{t!("language-title")}</h2>
            <select class="input auto-lock" data-testid="language-select"
                aria-labelledby="language-title" on:change=on_change>
                <option value="system" selected=saved == Choice::System>
                    {t!("language-system", language = system.native_name())}
                </option>
                {Locale::ALL.into_iter().map(|l| {
                    let choice = Choice::Fixed(l);
                    view! {
                        <option value=value_of(choice) lang=l.tag() selected=saved == choice>
                            {l.native_name()}
                        </option>
                    }
                }).collect_view()}
            </select>
            <p class="muted">{t!("language-reload")}</p>
        </section>
    }
}
