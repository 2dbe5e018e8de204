//! The app-wide reactive state: where the app is in its life, the screen, the theme and the
//! toast. What belongs to the signed-in account lives in the session's parts.

use leptos::prelude::*;

use super::route::Route;
use super::theme::Theme;
use crate::storage::{StorageError, StoredData};

/// Where the app is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Opening storage.
    Loading,
    /// No account yet (or no display name yet).
    Onboarding(OnboardingStep),
    /// A password lock is set: the unlock screen asks for it.
    Locked,
    /// Signed in.
    Ready,
    /// Cannot run: storage is unavailable (or holds data this version cannot read).
    Fatal(StorageError),
}

/// Steps of onboarding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnboardingStep {
    /// Create or restore.
    Welcome,
    /// A new account: its ID and recovery phrase.
    Create,
    /// Restoring from a recovery phrase.
    Restore,
    /// Choosing a display name.
    DisplayName,
    /// The stored account cannot be read: restore it from its phrase (what is stored is
    /// kept), or delete the stored data.
    Recover(StoredData),
}

/// App-wide reactive state, cheap to copy into closures.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// App phase.
    pub phase: RwSignal<Phase>,
    /// Current screen.
    pub route: RwSignal<Route>,
    /// Theme preference.
    pub theme: RwSignal<Theme>,
    /// A short message at the bottom of the screen (copied, errors…).
    pub toast: RwSignal<Option<String>>,
    /// A picture shown full size over everything.
    pub lightbox: RwSignal<Option<Lightboxed>>,
    /// The list of keyboard shortcuts is open.
    pub shortcuts: RwSignal<bool>,
}

/// A picture in the lightbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lightboxed {
    /// Its `blob:` URL.
    pub url: String,
    /// Its name (the image's text alternative).
    pub name: String,
}

impl Ui {
    /// Fresh state.
    pub fn new() -> Self {
        Ui {
            phase: RwSignal::new(Phase::Loading),
            route: RwSignal::new(Route::List),
            theme: RwSignal::new(Theme::System),
            toast: RwSignal::new(None),
            lightbox: RwSignal::new(None),
            shortcuts: RwSignal::new(false),
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
