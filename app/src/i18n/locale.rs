//! The languages the app speaks.

use std::fmt;

/// A language with a complete catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Locale {
    English,
    French,
    Arabic,
}

/// Which way a language's text and layout run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Locale {
    /// Every language, English first.
    pub const ALL: [Locale; 3] = [Locale::English, Locale::French, Locale::Arabic];

    /// The BCP 47 tag, as the catalogue's folder is named.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::English => "en",
            Locale::French => "fr",
            Locale::Arabic => "ar",
        }
    }

    /// The language's own name for itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::English => "English",
            Locale::French => "Français",
            Locale::Arabic => "العربية",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Locale::Arabic => Direction::RightToLeft,
            Locale::English | Locale::French => Direction::LeftToRight,
        }
    }

    /// The language a tag such as `fr-CA` or `ar` names, if the app speaks it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The first language of the user's list (most preferred first) the app speaks, else
    /// English.
    pub fn pick<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or(Locale::English)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl Direction {
    /// The value of HTML's `dir` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}
