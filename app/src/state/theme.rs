//! The colour theme: follow the system, or always light or dark.

use crate::t;
use crate::util::browser;

const KEY: &str = "session-web.theme";

/// Theme preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's preference.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// How Settings names it.
    pub fn label(self) -> String {
        match self {
            Theme::System => t!("settings-theme-system"),
            Theme::Light => t!("settings-theme-light"),
            Theme::Dark => t!("settings-theme-dark"),
        }
    }

    /// The theme of a stored name (system for anything else).
    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The saved preference.
    pub fn load() -> Theme {
        browser::local_get(KEY)
            .map(|s| Theme::parse(&s))
            .unwrap_or(Theme::System)
    }

    /// Saves the preference and applies it to the page (`<html data-theme>`; CSS follows the
    /// system when the attribute is absent).
    pub fn apply(self) {
        browser::local_set(KEY, self.as_str());
        browser::set_root_attribute(
            "data-theme",
            match self {
                Theme::System => None,
                Theme::Light => Some("light"),
                Theme::Dark => Some("dark"),
            },
        );
    }
}
