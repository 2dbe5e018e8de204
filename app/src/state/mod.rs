//! Application state: the reactive UI state ([`ui::Ui`]), the session service that owns the
//! client, storage and poller ([`session`]), and plain view models the components render.

pub mod compose;
pub mod conversations;
pub mod net_state;
pub mod onboarding;
pub mod receive;
pub mod recipient;
pub mod route;
pub mod session;
pub mod theme;
pub mod timeline;
pub mod ui;
