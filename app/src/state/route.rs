//! Screens and their URL hashes (`#/`, `#/new`, `#/settings`, `#/requests`, `#/c/<conversation>`), so that
//! the browser's Back button and reloads work. A conversation is written in its text form
//! (`ConversationId`): a Session ID, `self` for Note to Self, `community:<room>@<server>`.

use session_core::conversation::ConversationId;
use session_core::identity::SessionId;

/// A screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The conversation list.
    List,
    /// Starting a new conversation.
    New,
    /// Settings.
    Settings,
    /// Message requests.
    Requests,
    /// A conversation.
    Chat(ConversationId),
}

impl Route {
    /// The route of a location hash (without `#`); unknown hashes show the list. Our own
    /// Session ID reads as a direct chat here: see [`Route::for_account`].
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('/');
        match path {
            "new" => Route::New,
            "settings" => Route::Settings,
            "requests" => Route::Requests,
            _ => match path.strip_prefix("c/").map(str::parse) {
                Some(Ok(id)) => Route::Chat(id),
                _ => Route::List,
            },
        }
    }

    /// The route as the account `me` means it: a chat with our own Session ID (as older
    /// versions wrote Note to Self) is Note to Self.
    pub fn for_account(self, me: &SessionId) -> Route {
        match self {
            Route::Chat(ConversationId::Direct(id)) if id == *me => {
                Route::Chat(ConversationId::NoteToSelf)
            }
            other => other,
        }
    }

    /// The location hash of the route (without `#`).
    pub fn to_hash(&self) -> String {
        match self {
            Route::List => "/".into(),
            Route::New => "/new".into(),
            Route::Settings => "/settings".into(),
            Route::Requests => "/requests".into(),
            Route::Chat(id) => format!("/c/{id}"),
        }
    }

    /// The open conversation, if this is one.
    pub fn chat_id(&self) -> Option<&ConversationId> {
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
