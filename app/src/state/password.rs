//! The password lock as Settings shows it: whether a password is set; setting, changing and
//! removing it; locking now; and locking after a chosen idle time. Locking reloads the tab
//! (and every other tab of the account), which drops every key and message from memory and
//! opens on the unlock screen.

use leptos::prelude::*;
use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use super::tabs::Tabs;
use crate::net::tabs::TabMessage;
use crate::ports::{Clock, Platform, Vault};
use crate::storage::lock::LockError;
use crate::t;
use crate::util::browser;

/// Shortest password accepted (as the desktop app).
pub const MIN_LEN: usize = 6;
/// Longest password accepted.
pub const MAX_LEN: usize = 64;

/// Idle times offered before the app locks itself, in minutes (0: never).
pub const AUTO_LOCK_CHOICES: [u32; 6] = [0, 1, 5, 15, 60, 240];

/// The idle time a new password starts with.
pub const DEFAULT_AUTO_LOCK_MIN: u32 = 15;

pub(crate) const AUTO_LOCK_KEY: &str = "session-web.auto-lock-min";

/// What is wrong with a new password as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordProblem {
    /// Shorter than [`MIN_LEN`] characters.
    TooShort,
    /// Longer than [`MAX_LEN`] characters.
    TooLong,
    /// The confirmation differs.
    Mismatch,
}

impl fmt::Display for PasswordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordProblem::TooShort => {
                f.write_str(&t!("onboarding-password-too-short", count = MIN_LEN))
            }
            PasswordProblem::TooLong => {
                f.write_str(&t!("onboarding-password-too-long", count = MAX_LEN))
            }
            PasswordProblem::Mismatch => f.write_str(&t!("onboarding-password-mismatch")),
        }
    }
}

/// Why a password could not be set, changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordError {
    /// The new password as typed.
    Problem(PasswordProblem),
    /// The lock refused (a wrong current password, a wait, storage).
    Lock(LockError),
    /// This storage cannot be locked.
    Unavailable,
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordError::Problem(p) => p.fmt(f),
            PasswordError::Lock(e) => e.fmt(f),
            PasswordError::Unavailable => f.write_str(&t!("onboarding-password-unavailable")),
        }
    }
}

impl std::error::Error for PasswordError {}

/// Checks a new password and its confirmation.
pub fn check_new(password: &str, confirm: &str) -> Result<(), PasswordProblem> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(PasswordProblem::TooShort);
    }
    if n > MAX_LEN {
        return Err(PasswordProblem::TooLong);
    }
    if password != confirm {
        return Err(PasswordProblem::Mismatch);
    }
    Ok(())
}

/// How an idle time reads in the settings.
pub fn auto_lock_label(min: u32) -> String {
    match min {
        0 => t!("onboarding-auto-lock-never"),
        m if m % 60 == 0 && m >= 60 => t!("onboarding-auto-lock-hours", count = m / 60),
        m => t!("onboarding-auto-lock-minutes", count = m),
    }
}

/// The password lock part.
pub struct PasswordLock {
    vault: Option<Rc<dyn Vault>>,
    tabs: Rc<Tabs>,
    platform: Rc<dyn Platform>,
    clock: Rc<dyn Clock>,
    /// Whether a password is set.
    pub has_password: RwSignal<bool>,
    /// Minutes of inactivity before the app locks itself (0: never).
    pub auto_lock_min: RwSignal<u32>,
    last_active_ms: Cell<u64>,
}

impl fmt::Debug for PasswordLock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordLock")
            .field("has_password", &self.has_password.get_untracked())
            .finish_non_exhaustive()
    }
}

impl PasswordLock {
    /// The lock of `vault` (none: this storage cannot be locked).
    pub fn new(
        vault: Option<Rc<dyn Vault>>,
        tabs: Rc<Tabs>,
        platform: Rc<dyn Platform>,
        clock: Rc<dyn Clock>,
    ) -> PasswordLock {
        let auto = browser::local_get(&crate::accounts::scoped(AUTO_LOCK_KEY))
            .and_then(|v| v.parse().ok())
            .filter(|m| AUTO_LOCK_CHOICES.contains(m))
            .unwrap_or(DEFAULT_AUTO_LOCK_MIN);
        let now = clock.now_ms();
        PasswordLock {
            vault,
            tabs,
            platform,
            clock,
            has_password: RwSignal::new(false),
            auto_lock_min: RwSignal::new(auto),
            last_active_ms: Cell::new(now),
        }
    }

    /// Whether this storage can be locked at all.
    pub fn available(&self) -> bool {
        self.vault.is_some()
    }

    fn vault(&self) -> Result<&Rc<dyn Vault>, PasswordError> {
        self.vault.as_ref().ok_or(PasswordError::Unavailable)
    }

    /// Reads whether a password is set.
    pub async fn load(&self) {
        if let Some(v) = &self.vault {
            if let Ok(has) = v.has_password().await {
                self.has_password.set(has);
                browser::keep_drafts(!has);
            }
        }
    }

    /// Sets the first password. The other tabs reload to ask for it; this one stays open.
    pub async fn set(&self, password: &str, confirm: &str) -> Result<(), PasswordError> {
        check_new(password, confirm).map_err(PasswordError::Problem)?;
        self.vault()?
            .set_password(password)
            .await
            .map_err(PasswordError::Lock)?;
        browser::keep_drafts(false);
        self.has_password.set(true);
        self.tabs.post(&TabMessage::Restart);
        Ok(())
    }

    /// Replaces the password.
    pub async fn change(&self, old: &str, new: &str, confirm: &str) -> Result<(), PasswordError> {
        check_new(new, confirm).map_err(PasswordError::Problem)?;
        self.vault()?
            .change_password(old, new)
            .await
            .map_err(PasswordError::Lock)
    }

    /// Removes the password: the app opens without asking from then on.
    pub async fn remove(&self, current: &str) -> Result<(), PasswordError> {
        self.vault()?
            .remove_password(current)
            .await
            .map_err(PasswordError::Lock)?;
        self.has_password.set(false);
        browser::keep_drafts(true);
        Ok(())
    }

    /// Locks every tab of the account now.
    pub fn lock_now(&self) {
        if !self.has_password.get_untracked() {
            return;
        }
        self.tabs.post(&TabMessage::Restart);
        self.platform.restart();
    }

    /// Chooses the idle time before the app locks itself.
    pub fn set_auto_lock(&self, minutes: u32) {
        if AUTO_LOCK_CHOICES.contains(&minutes) {
            self.auto_lock_min.set(minutes);
            browser::local_set(
                &crate::accounts::scoped(AUTO_LOCK_KEY),
                &minutes.to_string(),
            );
        }
    }

    /// The user did something in this tab.
    pub fn note_activity(&self) {
        self.last_active_ms.set(self.clock.now_ms());
    }

    /// Whether this tab has been idle for the chosen time (with a password set).
    pub fn idle_expired(&self) -> bool {
        let minutes = self.auto_lock_min.get_untracked();
        self.has_password.get_untracked()
            && minutes > 0
            && self
                .clock
                .now_ms()
                .saturating_sub(self.last_active_ms.get())
                >= u64::from(minutes) * 60_000
    }

    /// Locks this tab once it has been idle for the chosen time: checked every 15 seconds
    /// for the page's lifetime.
    pub fn watch_idle(self: &Rc<Self>) {
        let lock = Rc::downgrade(self);
        let clock = self.clock.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                clock.sleep(15_000).await;
                let Some(lock) = lock.upgrade() else { return };
                if lock.idle_expired() {
                    // Only this tab: another may be in use.
                    lock.platform.restart();
                    return;
                }
            }
        });
    }
}
