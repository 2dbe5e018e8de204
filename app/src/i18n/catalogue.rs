//! A language's catalogue: its Fluent messages, formatted with their arguments, falling back to
//! English for a message the language lacks (which the tests forbid, but a catalogue fetched
//! from an older build may).

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

use super::bundled;
use super::locale::{Direction, Locale};
use crate::util::log;

type Bundle = FluentBundle<FluentResource>;

/// An argument of a message: a number (which also picks the plural form) or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Number(f64),
    Text(String),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

/// One language's messages, ready to format.
pub struct Catalogue {
    locale: Locale,
    bundle: Bundle,
    /// English, for messages `bundle` lacks; `None` when the catalogue is English.
    fallback: Option<Bundle>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("locale", &self.locale)
            .finish()
    }
}

impl Catalogue {
    /// The compiled-in English catalogue.
    pub fn english() -> Catalogue {
        Catalogue {
            locale: Locale::English,
            bundle: bundle(Locale::English, bundled::ENGLISH.iter().map(|(_, s)| *s)),
            fallback: None,
        }
    }

    /// `locale`'s catalogue from its Fluent sources. Damaged entries are skipped (and logged):
    /// their messages come out in English.
    pub fn new<'a>(locale: Locale, sources: impl IntoIterator<Item = &'a str>) -> Catalogue {
        if locale == Locale::English {
            return Catalogue::english();
        }
        Catalogue {
            locale,
            bundle: bundle(locale, sources),
            fallback: Some(bundle(
                Locale::English,
                bundled::ENGLISH.iter().map(|(_, s)| *s),
            )),
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The message `key` with `args`. A message missing everywhere comes out as its key.
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let (bundle, found) = match self.bundle.get_message(key) {
            Some(m) => (&self.bundle, Some(m)),
            None => match &self.fallback {
                Some(en) => (en, en.get_message(key)),
                None => (&self.bundle, None),
            },
        };
        let Some(pattern) = found.and_then(|m| m.value()) else {
            log::warn(&format!("i18n: no message {key}"));
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::String(Cow::Owned(s.clone())),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            log::warn(&format!("i18n: {key}: {errors:?}"));
        }
        out.into_owned()
    }
}

/// A bundle of `sources` for `locale`. Text that runs against the page's direction is isolated
/// (Unicode FSI…PDI) only in right-to-left languages, where names and Session IDs most need it.
fn bundle<'a>(locale: Locale, sources: impl IntoIterator<Item = &'a str>) -> Bundle {
    let lang = locale
        .tag()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = Bundle::new(vec![lang]);
    bundle.set_use_isolating(locale.direction() == Direction::RightToLeft);
    for source in sources {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(r) => r,
            Err((r, errors)) => {
                log::warn(&format!("i18n {locale}: {} syntax errors", errors.len()));
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            log::warn(&format!("i18n {locale}: {errors:?}"));
        }
    }
    bundle
}
