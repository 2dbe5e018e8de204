//! Screens and their URL hashes (`#/`, `#/new`, `#/settings`, `#/c/<Session ID>`), so that the
//! browser's Back button and reloads work.

/// A screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The conversation list.
    List,
    /// Starting a new conversation.
    New,
    /// Settings.
    Settings,
    /// A conversation with this Session ID.
    Chat(String),
}

impl Route {
    /// The route of a location hash (without `#`); unknown hashes show the list.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('/');
        match path {
            "new" => Route::New,
            "settings" => Route::Settings,
            _ => match path.strip_prefix("c/") {
                Some(id) if id.len() == 66 && id.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    Route::Chat(id.to_ascii_lowercase())
                }
                _ => Route::List,
            },
        }
    }

    /// The location hash of the route (without `#`).
    pub fn to_hash(&self) -> String {
        match self {
            Route::List => "/".into(),
            Route::New => "/new".into(),
            Route::Settings => "/settings".into(),
            Route::Chat(id) => format!("/c/{id}"),
        }
    }

    /// The open conversation, if this is one.
    pub fn chat_id(&self) -> Option<&str> {
        match self {
            Route::Chat(id) => Some(id),
            _ => None,
        }
    }
}

/// Goes to `route` (through the location hash, so Back works; the hash listener in
/// [`crate::app`] updates the state).
pub fn navigate(route: &Route) {
    crate::util::browser::set_location_hash(&route.to_hash());
}
