//! Start-up and onboarding: open storage, then either start the session or walk through
//! creating or restoring an account and choosing a display name. This part owns the store
//! once open, the account being created or restored until it is stored, and the session once
//! signed in.

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::identity::{Identity, MnemonicError};
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::profile::{validate_display_name, NameError};
use super::session::{self, Session};
use super::ui::{OnboardingStep, Phase, Ui};
use crate::ports::Store;
use crate::storage::{Db, IdbStore, ProfileRecord, StorageError};
use crate::util::{log, time};

/// What the "create account" screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// The Session ID.
    pub session_id: String,
    /// The 13 words.
    pub words: Vec<String>,
}

/// Why an onboarding step did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OnboardingError {
    /// Storage is not open (start-up failed).
    StorageClosed,
    /// There is no account to store (the screen outlived it).
    NothingToSave,
    /// There is no account to finish.
    NothingToFinish,
    /// The recovery phrase is not valid.
    Phrase(MnemonicError),
    /// The display name cannot be used.
    Name(NameError),
    /// The account could not be stored.
    SaveAccount(StorageError),
    /// The display name could not be stored.
    SaveName(StorageError),
}

impl fmt::Display for OnboardingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnboardingError::StorageClosed => f.write_str("storage is not open"),
            OnboardingError::NothingToSave => f.write_str("no account to save"),
            OnboardingError::NothingToFinish => f.write_str("no account to finish"),
            OnboardingError::Phrase(e) => f.write_str(&phrase_error_message(e)),
            OnboardingError::Name(e) => write!(f, "{e}"),
            OnboardingError::SaveAccount(e) => write!(f, "Could not save the account: {e}"),
            OnboardingError::SaveName(e) => write!(f, "Could not save the display name: {e}"),
        }
    }
}

impl std::error::Error for OnboardingError {}

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

/// Start-up and onboarding.
pub struct Onboarding {
    ui: Ui,
    store: RefCell<Option<Rc<dyn Store>>>,
    /// The account being created or restored, until it is stored.
    pending: RefCell<Option<Identity>>,
    session: RefCell<Option<Rc<Session>>>,
}

impl fmt::Debug for Onboarding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Onboarding").finish_non_exhaustive()
    }
}

impl Onboarding {
    /// Nothing open yet.
    pub fn new(ui: Ui) -> Onboarding {
        Onboarding {
            ui,
            store: RefCell::new(None),
            pending: RefCell::new(None),
            session: RefCell::new(None),
        }
    }

    /// The signed-in session, once started.
    pub fn session(&self) -> Option<Rc<Session>> {
        self.session.borrow().clone()
    }

    fn store(&self) -> Result<Rc<dyn Store>, OnboardingError> {
        self.store
            .borrow()
            .clone()
            .ok_or(OnboardingError::StorageClosed)
    }

    /// Opens storage and decides what to show.
    pub async fn boot(&self) {
        let ui = self.ui;
        let store: Rc<dyn Store> = match Db::open().await {
            Ok(db) => Rc::new(IdbStore::new(Rc::new(db))),
            Err(e) => {
                log::error(&format!("storage: {e}"));
                ui.phase.set(Phase::Fatal(e));
                return;
            }
        };
        *self.store.borrow_mut() = Some(store.clone());
        let identity = match store.load_identity().await {
            Ok(i) => i,
            Err(e) => {
                ui.phase.set(Phase::Fatal(e));
                return;
            }
        };
        let Some(identity) = identity else {
            ui.phase.set(Phase::Onboarding(OnboardingStep::Welcome));
            return;
        };
        match store.load_profile().await {
            Ok(Some(profile)) => self.sign_in(store, identity, profile).await,
            _ => {
                *self.pending.borrow_mut() = Some(identity);
                ui.phase.set(Phase::Onboarding(OnboardingStep::DisplayName));
            }
        }
    }

    async fn sign_in(&self, store: Rc<dyn Store>, identity: Identity, profile: ProfileRecord) {
        let session = session::start(store, identity, profile).await;
        *self.session.borrow_mut() = Some(session.clone());
        session::show(&session, self.ui).await;
    }

    /// Makes a new account (kept in memory until [`Onboarding::confirm_created`]).
    pub fn create_account(&self) -> NewAccount {
        let identity = Identity::generate(&mut OsRng);
        let words = identity
            .mnemonic()
            .map(|m| m.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        let account = NewAccount {
            session_id: identity.session_id().to_hex(),
            words,
        };
        *self.pending.borrow_mut() = Some(identity);
        account
    }

    /// Stores the pending account and moves on to the display name.
    pub async fn confirm_created(&self) -> Result<(), OnboardingError> {
        self.store_pending().await
    }

    async fn store_pending(&self) -> Result<(), OnboardingError> {
        let store = self.store()?;
        let identity = self
            .pending
            .borrow()
            .clone()
            .ok_or(OnboardingError::NothingToSave)?;
        store
            .save_identity(&identity)
            .await
            .map_err(OnboardingError::SaveAccount)?;
        self.ui
            .phase
            .set(Phase::Onboarding(OnboardingStep::DisplayName));
        Ok(())
    }

    /// Checks a recovery phrase and, if it is valid, stores its account.
    pub async fn restore(&self, phrase: &str) -> Result<(), OnboardingError> {
        let normalized = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        let identity = Identity::from_mnemonic(&normalized).map_err(OnboardingError::Phrase)?;
        *self.pending.borrow_mut() = Some(identity);
        self.store_pending().await
    }

    /// Saves the display name and starts the session.
    pub async fn finish(&self, name: &str) -> Result<(), OnboardingError> {
        let name = validate_display_name(name).map_err(OnboardingError::Name)?;
        let store = self.store()?;
        let identity = self
            .pending
            .borrow_mut()
            .take()
            .ok_or(OnboardingError::NothingToFinish)?;
        let profile = ProfileRecord {
            display_name: name,
            updated_s: time::now_ms() / 1000,
        };
        if let Err(e) = store.save_profile(&profile).await {
            *self.pending.borrow_mut() = Some(identity);
            return Err(OnboardingError::SaveName(e));
        }
        self.sign_in(store, identity, profile).await;
        Ok(())
    }

    /// Goes back to the first onboarding screen, forgetting an account not yet stored.
    pub fn back_to_welcome(&self) {
        *self.pending.borrow_mut() = None;
        self.ui
            .phase
            .set(Phase::Onboarding(OnboardingStep::Welcome));
    }
}
