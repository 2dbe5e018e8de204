//! Start-up and onboarding: open storage, then either start the session or walk through
//! creating or restoring an account and choosing a display name.

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::identity::{Identity, MnemonicError};
use std::cell::RefCell;
use std::rc::Rc;

use super::ui::{OnboardingStep, Phase, Ui};
use crate::storage::repo;
use crate::storage::{Db, ProfileRecord};
use crate::util::{log, time};

/// Longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

thread_local! {
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
    /// The account being created or restored, until it is stored.
    static PENDING: RefCell<Option<Identity>> = const { RefCell::new(None) };
}

fn db() -> Option<Rc<Db>> {
    DB.with(|d| d.borrow().clone())
}

/// Opens storage and decides what to show.
pub async fn boot(ui: Ui) {
    let db = match Db::open().await {
        Ok(db) => Rc::new(db),
        Err(e) => {
            log::error(&format!("storage: {e}"));
            ui.phase.set(Phase::Fatal(e.to_string()));
            return;
        }
    };
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    let identity = match repo::load_identity(&db).await {
        Ok(i) => i,
        Err(e) => {
            ui.phase.set(Phase::Fatal(e.to_string()));
            return;
        }
    };
    let Some(identity) = identity else {
        ui.phase.set(Phase::Onboarding(OnboardingStep::Welcome));
        return;
    };
    match repo::load_profile(&db).await {
        Ok(Some(profile)) => super::session::start(db, identity, profile, ui).await,
        _ => {
            ui.me
                .update(|m| m.session_id = identity.session_id().to_hex());
            PENDING.with(|p| *p.borrow_mut() = Some(identity));
            ui.phase.set(Phase::Onboarding(OnboardingStep::DisplayName));
        }
    }
}

/// What the "create account" screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// The Session ID.
    pub session_id: String,
    /// The 13 words.
    pub words: Vec<String>,
}

/// Makes a new account (kept in memory until [`confirm_created`]).
pub fn create_account() -> NewAccount {
    let identity = Identity::generate(&mut OsRng);
    let words = identity
        .mnemonic()
        .map(|m| m.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let account = NewAccount {
        session_id: identity.session_id().to_hex(),
        words,
    };
    PENDING.with(|p| *p.borrow_mut() = Some(identity));
    account
}

/// Stores the pending account and moves on to the display name.
pub async fn confirm_created(ui: Ui) -> Result<(), String> {
    store_pending(ui).await
}

async fn store_pending(ui: Ui) -> Result<(), String> {
    let db = db().ok_or("storage is not open")?;
    let identity = PENDING
        .with(|p| p.borrow().clone())
        .ok_or("no account to save")?;
    repo::save_identity(&db, &identity)
        .await
        .map_err(|e| format!("Could not save the account: {e}"))?;
    ui.me
        .update(|m| m.session_id = identity.session_id().to_hex());
    ui.phase.set(Phase::Onboarding(OnboardingStep::DisplayName));
    Ok(())
}

/// The user-facing explanation of a recovery phrase error.
pub fn phrase_error_message(e: &MnemonicError) -> String {
    match e {
        MnemonicError::UnknownWord(w) => {
            format!("“{w}” is not a word of the recovery phrase list. Check its spelling.")
        }
        MnemonicError::WordCount { got, expected } => {
            format!("A recovery phrase has {expected} words; you entered {got}.")
        }
        MnemonicError::Checksum => "The words do not check out: one of them is wrong or they are \
             in the wrong order."
            .into(),
        _ => format!("This is not a valid recovery phrase: {e}."),
    }
}

/// Checks a recovery phrase and, if it is valid, stores its account.
pub async fn restore(ui: Ui, phrase: &str) -> Result<(), String> {
    let normalized = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let identity = Identity::from_mnemonic(&normalized).map_err(|e| phrase_error_message(&e))?;
    PENDING.with(|p| *p.borrow_mut() = Some(identity));
    store_pending(ui).await
}

/// A display name as it will be stored, or why it cannot be used.
pub fn validate_display_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter a display name.".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "A display name has at most {MAX_NAME_CHARS} characters."
        ));
    }
    Ok(name.to_owned())
}

/// Saves the display name and starts the session.
pub async fn finish(ui: Ui, name: &str) -> Result<(), String> {
    let name = validate_display_name(name)?;
    let db = db().ok_or("storage is not open")?;
    let identity = PENDING
        .with(|p| p.borrow_mut().take())
        .ok_or("no account to finish")?;
    let profile = ProfileRecord {
        display_name: name,
        updated_s: time::now_ms() / 1000,
    };
    if let Err(e) = repo::save_profile(&db, &profile).await {
        PENDING.with(|p| *p.borrow_mut() = Some(identity));
        return Err(format!("Could not save the display name: {e}"));
    }
    super::session::start(db, identity, profile, ui).await;
    Ok(())
}

/// Goes back to the first onboarding screen, forgetting an account not yet stored.
pub fn back_to_welcome(ui: Ui) {
    PENDING.with(|p| *p.borrow_mut() = None);
    ui.phase.set(Phase::Onboarding(OnboardingStep::Welcome));
}
