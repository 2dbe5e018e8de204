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

/// How long start-up waits for a language's files before it starts in English (a relay that
/// accepts the request and never answers must not leave the page blank).
const FETCH_TIMEOUT_MS: u64 = 8_000;

/// Picks the language and installs its catalogue: fetched from `/i18n/<tag>/` unless English.
/// When it cannot be had in time (offline before it was ever cached) the app stays in English.
pub async fn init() {
    init_with(|url| async move {
        let fetch = Box::pin(browser::fetch_text(&url));
        let timeout = Box::pin(crate::util::timer::sleep_ms(FETCH_TIMEOUT_MS));
        match futures::future::select(fetch, timeout).await {
            futures::future::Either::Left((text, _)) => text,
            futures::future::Either::Right(((), _)) => None,
        }
    })
    .await;
}

/// [`init`] with `fetch` getting a file's text by its path (`/i18n/<tag>/<area>.ftl`).
pub async fn init_with<F, Fut>(fetch: F)
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Option<String>>,
{
    let wanted = Choice::load().resolve(&browser::languages());
    if wanted != Locale::English {
        let urls = bundled::AREAS
            .iter()
            .map(|area| format!("/i18n/{}/{area}.ftl", wanted.tag()));
        let texts = futures::future::join_all(urls.map(&fetch)).await;
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
