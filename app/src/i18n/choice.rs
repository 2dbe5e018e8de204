//! Which language the app speaks: the one chosen in Settings, else the browser's first that the
//! app has; and loading its catalogue at start-up.

use super::locale::Locale;
use super::{bundled, install, locale, Catalogue};
use crate::util::{browser, log};

/// Where the choice is kept: one per browser, for every account (a device's language).
const KEY: &str = "session-web.locale";

/// The language setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The browser's language when the app has it, else English.
    System,
    Fixed(Locale),
}

impl Choice {
    /// The saved choice (`System` when none or unreadable).
    pub fn load() -> Choice {
        browser::local_get(KEY)
            .and_then(|t| Locale::from_tag(&t))
            .map_or(Choice::System, Choice::Fixed)
    }

    pub fn save(self) {
        match self {
            Choice::System => browser::local_remove(KEY),
            Choice::Fixed(l) => browser::local_set(KEY, l.tag()),
        }
    }

    /// The language this choice means in this browser.
    pub fn resolve(self, browser_languages: &[String]) -> Locale {
        match self {
            Choice::Fixed(l) => l,
            Choice::System => Locale::pick(browser_languages.iter().map(String::as_str)),
        }
    }
}

/// Picks the language and installs its catalogue: fetched from `/i18n/<tag>/` unless English.
/// When it cannot be fetched (offline before it was ever cached) the app stays in English.
pub async fn init() {
    init_from("/i18n").await;
}

/// [`init`] with the catalogues under `base`.
pub async fn init_from(base: &str) {
    let wanted = Choice::load().resolve(&browser::languages());
    if wanted != Locale::English {
        let urls = bundled::AREAS
            .iter()
            .map(|area| format!("{base}/{}/{area}.ftl", wanted.tag()));
        let texts =
            futures::future::join_all(urls.map(|u| async move { browser::fetch_text(&u).await }))
                .await;
        match texts.into_iter().collect::<Option<Vec<String>>>() {
            Some(texts) => install(Catalogue::new(wanted, texts.iter().map(String::as_str))),
            None => log::warn(&format!("i18n: the {wanted} catalogue could not be loaded")),
        }
    }
    apply_to_document(locale());
}

/// Sets `<html lang dir>` for `locale`, so the browser, screen readers and the stylesheet's
/// logical properties follow it.
pub fn apply_to_document(locale: Locale) {
    browser::set_root_attribute("lang", Some(locale.tag()));
    browser::set_root_attribute("dir", Some(locale.direction().attribute()));
}

thread_local! {
    static DATE_TAG: std::cell::RefCell<Option<(Locale, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// The tag dates and times are formatted with: the browser's own (with its region, such as
/// `en-GB`) when it is the language in use, else the language's. Worked out once per language.
pub fn date_tag() -> String {
    let locale = locale();
    DATE_TAG.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some((l, tag)) if *l == locale => tag.clone(),
            _ => {
                let tag = browser::languages()
                    .into_iter()
                    .find(|t| Locale::from_tag(t) == Some(locale))
                    .unwrap_or_else(|| locale.tag().to_owned());
                *cell = Some((locale, tag.clone()));
                tag
            }
        }
    })
}
