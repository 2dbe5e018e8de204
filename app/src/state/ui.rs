//! The reactive state the components read. Signals only hold plain data; everything that
//! talks to storage or the network lives in [`super::session`].

use leptos::prelude::*;

use super::net_state::NetState;
use super::route::Route;
use super::theme::Theme;
use crate::storage::{ConversationRecord, MessageRecord};
use crate::util::browser::NotifyPermission;

/// Where the app is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Opening storage.
    Loading,
    /// No account yet (or no display name yet).
    Onboarding(OnboardingStep),
    /// Signed in.
    Ready,
    /// Cannot run (storage unavailable…); the message says why.
    Fatal(String),
}

/// Steps of onboarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnboardingStep {
    /// Create or restore.
    Welcome,
    /// A new account: its ID and recovery phrase.
    Create,
    /// Restoring from a recovery phrase.
    Restore,
    /// Choosing a display name.
    DisplayName,
}

/// Who we are (public parts only).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Me {
    /// Our Session ID (hex).
    pub session_id: String,
    /// Our display name.
    pub display_name: String,
}

/// One hop of the onion path, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopView {
    /// "ip:port".
    pub address: String,
    /// Start of the node's Ed25519 key.
    pub key_prefix: String,
}

/// The open conversation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpenChat {
    /// The other party.
    pub conv: String,
    /// Loaded messages, oldest first.
    pub messages: Vec<MessageRecord>,
    /// Unread marker: shown before the first incoming message after this time.
    pub marker_after: Option<u64>,
    /// Whether older messages exist beyond those loaded.
    pub has_more: bool,
    /// How many newest messages are loaded.
    pub limit: u32,
}

/// All reactive state, cheap to copy into closures.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// App phase.
    pub phase: RwSignal<Phase>,
    /// Current screen.
    pub route: RwSignal<Route>,
    /// Our public identity.
    pub me: RwSignal<Me>,
    /// Conversation summaries, newest first.
    pub conversations: RwSignal<Vec<ConversationRecord>>,
    /// The open conversation.
    pub chat: RwSignal<Option<OpenChat>>,
    /// Network health.
    pub net: RwSignal<NetState>,
    /// The onion path in use.
    pub path: RwSignal<Vec<HopView>>,
    /// Theme preference.
    pub theme: RwSignal<Theme>,
    /// Notification permission.
    pub notify: RwSignal<NotifyPermission>,
    /// A short message at the bottom of the screen (copied, errors…).
    pub toast: RwSignal<Option<String>>,
    /// Bumped whenever the chat should scroll to its newest message.
    pub scroll_to_end: RwSignal<u32>,
}

impl Ui {
    /// Fresh state.
    pub fn new() -> Self {
        Ui {
            phase: RwSignal::new(Phase::Loading),
            route: RwSignal::new(Route::List),
            me: RwSignal::new(Me::default()),
            conversations: RwSignal::new(Vec::new()),
            chat: RwSignal::new(None),
            net: RwSignal::new(NetState::Connecting),
            path: RwSignal::new(Vec::new()),
            theme: RwSignal::new(Theme::System),
            notify: RwSignal::new(NotifyPermission::Unsupported),
            toast: RwSignal::new(None),
            scroll_to_end: RwSignal::new(0),
        }
    }

    /// Shows a short message for a few seconds.
    pub fn show_toast(&self, text: impl Into<String>) {
        let text = text.into();
        self.toast.set(Some(text.clone()));
        let toast = self.toast;
        leptos::task::spawn_local(async move {
            crate::util::timer::sleep_ms(3_500).await;
            if toast.get_untracked().as_deref() == Some(text.as_str()) {
                toast.set(None);
            }
        });
    }
}

impl Default for Ui {
    fn default() -> Self {
        Ui::new()
    }
}
