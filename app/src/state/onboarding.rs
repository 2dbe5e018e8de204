//! Start-up and onboarding: open storage, then either start the session or walk through
//! creating or restoring an account and choosing a display name. This part owns the store
//! once open, the account being created or restored until it is stored, and the session once
//! signed in.

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::identity::{Identity, MnemonicError, SessionId};
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::conversations::short_id;
use super::password::{self, PasswordError};
use super::profile::{validate_display_name, NameError};
use super::session::{self, Session};
use super::ui::{OnboardingStep, Phase, Ui};
use crate::ports::Store;
use crate::storage::lock::{self, LockError, LockState};
use crate::storage::{Db, IdbStore, ProfileRecord, StorageError, StoredData};
use crate::t;
use crate::util::{browser, log, time};

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
    /// The phrase is another account's than the one whose data is stored here.
    OtherAccount {
        /// Whose data is stored.
        stored: SessionId,
        /// Whose phrase was entered.
        entered: SessionId,
    },
    /// The stored data could not be deleted.
    Delete(StorageError),
    /// The password chosen at onboarding could not be set.
    Password(PasswordError),
    /// The phrase's account is already one of this browser's accounts.
    AlreadyHere {
        /// How the account menu names it.
        label: String,
    },
}

impl fmt::Display for OnboardingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnboardingError::StorageClosed => f.write_str(&t!("onboarding-error-storage-closed")),
            OnboardingError::NothingToSave => f.write_str(&t!("onboarding-error-nothing-to-save")),
            OnboardingError::NothingToFinish => {
                f.write_str(&t!("onboarding-error-nothing-to-finish"))
            }
            OnboardingError::Phrase(e) => f.write_str(&phrase_error_message(e)),
            OnboardingError::Name(e) => write!(f, "{e}"),
            OnboardingError::SaveAccount(e) => {
                f.write_str(&t!("onboarding-error-save-account", reason = e.to_string()))
            }
            OnboardingError::SaveName(e) => {
                f.write_str(&t!("onboarding-error-save-name", reason = e.to_string()))
            }
            OnboardingError::Password(e) => e.fmt(f),
            OnboardingError::OtherAccount { stored, entered } => f.write_str(&t!(
                "onboarding-error-other-account",
                entered = short_id(&entered.to_hex()),
                stored = short_id(&stored.to_hex()),
            )),
            OnboardingError::Delete(e) => {
                f.write_str(&t!("onboarding-error-delete", reason = e.to_string()))
            }
            OnboardingError::AlreadyHere { label } => {
                f.write_str(&t!("onboarding-error-already-here", name = label.as_str()))
            }
        }
    }
}

impl std::error::Error for OnboardingError {}

/// The user-facing explanation of a recovery phrase error.
pub fn phrase_error_message(e: &MnemonicError) -> String {
    match e {
        MnemonicError::UnknownWord(w) => t!("onboarding-phrase-unknown-word", word = w.as_str()),
        MnemonicError::WordCount { got, expected } => t!(
            "onboarding-phrase-word-count",
            expected = *expected,
            count = *got
        ),
        MnemonicError::Checksum => t!("onboarding-phrase-checksum"),
        MnemonicError::InvalidWords => t!("onboarding-phrase-invalid-words"),
        // Not from a phrase being read (only from encoding one): the core's words.
        _ => t!("onboarding-phrase-invalid", reason = e.to_string()),
    }
}

/// Start-up and onboarding.
pub struct Onboarding {
    ui: Ui,
    store: RefCell<Option<Rc<dyn Store>>>,
    /// The account being created or restored, until it is stored.
    pending: RefCell<Option<Identity>>,
    /// What is stored for an account whose record cannot be read, until it is restored or
    /// deleted.
    recovering: RefCell<Option<StoredData>>,
    session: RefCell<Option<Rc<Session>>>,
    /// The database waiting for its password (the unlock screen is shown).
    locked: RefCell<Option<Rc<Db>>>,
    /// Started from the browser's page (not a test): once signed in, the browser's other
    /// accounts are polled too.
    in_browser: std::cell::Cell<bool>,
    /// The other accounts' sessions, polled in the background.
    others: RwSignal<Vec<Rc<Session>>, LocalStorage>,
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
            recovering: RefCell::new(None),
            session: RefCell::new(None),
            locked: RefCell::new(None),
            in_browser: std::cell::Cell::new(false),
            others: RwSignal::new_local(Vec::new()),
        }
    }

    /// The other accounts' sessions, polled in the background (none until the session
    /// shows).
    pub fn others(&self) -> RwSignal<Vec<Rc<Session>>, LocalStorage> {
        self.others
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
        self.in_browser.set(true);
        wasm_bindgen_futures::spawn_local(crate::accounts::sweep());
        let db = match Db::open().await {
            Ok(db) => Rc::new(db),
            Err(e) => {
                log::error(&format!("storage: {e}"));
                self.ui.phase.set(Phase::Fatal(e));
                return;
            }
        };
        let opened = match lock::state(&db).await {
            Ok(LockState::Plain) => Ok(()),
            Ok(LockState::Open) => lock::open_without_password(&db).await,
            Ok(LockState::Locked(_)) => {
                browser::keep_drafts(false);
                *self.locked.borrow_mut() = Some(db);
                self.ui.phase.set(Phase::Locked);
                return;
            }
            Err(e) => Err(e),
        };
        match opened {
            Ok(()) => self.start_with(Rc::new(IdbStore::new(db))).await,
            Err(e) => {
                log::error(&format!("storage: the password lock: {e}"));
                self.ui.phase.set(Phase::Fatal(StorageError::Db(t!(
                    "onboarding-fatal-lock",
                    reason = e.to_string()
                ))));
            }
        }
    }

    /// Deletes the locked data (its password is forgotten), then starts again from the welcome
    /// screen, where the account can be restored from its recovery phrase.
    pub async fn forget_locked(&self) -> Result<(), OnboardingError> {
        let db = self
            .locked
            .borrow()
            .clone()
            .ok_or(OnboardingError::StorageClosed)?;
        crate::storage::repo::wipe(&db)
            .await
            .map_err(OnboardingError::Delete)?;
        browser::keep_drafts(true);
        use crate::ports::Platform;
        browser::BrowserPlatform.restart();
        Ok(())
    }

    /// Unlocks with `password` and opens the account.
    pub async fn unlock(&self, password: &str) -> Result<(), LockError> {
        let db = self.locked.borrow().clone().ok_or(LockError::NoPassword)?;
        lock::unlock(&db, password, time::now_ms()).await?;
        *self.locked.borrow_mut() = None;
        self.start_with(Rc::new(IdbStore::new(db))).await;
        Ok(())
    }

    /// Decides what to show over the open `store`: the session, a step of onboarding, or —
    /// when the stored account cannot be read — the screen that restores it, never the
    /// welcome screen, whose new account would take the old one's place and its outbox.
    pub async fn start_with(&self, store: Rc<dyn Store>) {
        let ui = self.ui;
        *self.store.borrow_mut() = Some(store.clone());
        let identity = match store.load_identity().await {
            Ok(i) => i,
            Err(StorageError::UnreadableAccount) => {
                log::error("storage: the stored account cannot be read");
                let data = match store.stored_data().await {
                    Ok(d) => d,
                    Err(e) => {
                        log::error(&format!("storage: {e}"));
                        StoredData::default()
                    }
                };
                *self.recovering.borrow_mut() = Some(data.clone());
                ui.phase
                    .set(Phase::Onboarding(OnboardingStep::Recover(data)));
                return;
            }
            Err(e) => {
                ui.phase.set(Phase::Fatal(e));
                return;
            }
        };
        let Some(identity) = identity else {
            crate::accounts::note_unset();
            ui.phase.set(Phase::Onboarding(OnboardingStep::Welcome));
            return;
        };
        // Keeps the account's ID beside it (data stored before this version has none).
        if let Err(e) = store.save_identity(&identity).await {
            log::warn(&format!("storage: could not note the account's ID: {e}"));
        }
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
        if self.in_browser.get() {
            let others = super::background::start_others().await;
            if !others.is_empty() {
                // The bench reads when the other accounts are polled too.
                browser::performance_mark("session-web:background-ready");
            }
            self.others.set(others);
        }
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

    /// Checks a recovery phrase and, if it is valid, stores its account. When the stored
    /// account could not be read, only the phrase of the account the data belongs to is
    /// taken, and the data is kept.
    pub async fn restore(&self, phrase: &str) -> Result<(), OnboardingError> {
        let normalized = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        let identity = Identity::from_mnemonic(&normalized).map_err(OnboardingError::Phrase)?;
        if let Some(label) = crate::accounts::holder_of(&identity.session_id()) {
            return Err(OnboardingError::AlreadyHere { label });
        }
        let recovering = self.recovering.borrow().clone();
        if let Some(data) = recovering {
            return self.recover(identity, &data).await;
        }
        let store = self.store()?;
        store
            .save_identity(&identity)
            .await
            .map_err(OnboardingError::SaveAccount)?;
        self.sign_in_restored(store, identity).await
    }

    /// Signs a restored account in without a display name: the account's own comes with its
    /// settings at the first poll (the home screen asks for one meanwhile, in case it has none).
    async fn sign_in_restored(
        &self,
        store: Rc<dyn Store>,
        identity: Identity,
    ) -> Result<(), OnboardingError> {
        let profile = ProfileRecord {
            display_name: String::new(),
            updated_s: 0,
            synced_name: None,
            ..ProfileRecord::default()
        };
        store
            .save_profile(&profile)
            .await
            .map_err(OnboardingError::SaveName)?;
        self.sign_in(store, identity, profile).await;
        Ok(())
    }

    /// Restores the account whose record could not be read, from its phrase.
    async fn recover(&self, identity: Identity, data: &StoredData) -> Result<(), OnboardingError> {
        let entered = identity.session_id();
        if let Some(stored) = data.owner.filter(|o| *o != entered) {
            return Err(OnboardingError::OtherAccount { stored, entered });
        }
        let store = self.store()?;
        store
            .repair_identity(&identity)
            .await
            .map_err(|e| match e {
                StorageError::AccountStored => OnboardingError::OtherAccount {
                    stored: data.owner.unwrap_or(entered),
                    entered,
                },
                e => OnboardingError::SaveAccount(e),
            })?;
        *self.recovering.borrow_mut() = None;
        match store.load_profile().await {
            Ok(Some(profile)) => {
                self.sign_in(store, identity, profile).await;
                Ok(())
            }
            _ => self.sign_in_restored(store, identity).await,
        }
    }

    /// Deletes everything stored (the user chose to, on the screen of an unreadable account),
    /// then shows the welcome screen.
    pub async fn delete_stored_data(&self) -> Result<(), OnboardingError> {
        self.store()?
            .wipe()
            .await
            .map_err(OnboardingError::Delete)?;
        *self.recovering.borrow_mut() = None;
        *self.pending.borrow_mut() = None;
        self.back_to_welcome();
        Ok(())
    }

    /// [`Onboarding::finish`], with the password lock set first when a password was chosen
    /// (empty: none). Nothing is stored when the name or the password cannot be used.
    pub async fn finish_with_password(
        &self,
        name: &str,
        password: &str,
        confirm: &str,
    ) -> Result<(), OnboardingError> {
        validate_display_name(name).map_err(OnboardingError::Name)?;
        if !password.is_empty() || !confirm.is_empty() {
            password::check_new(password, confirm)
                .map_err(|p| OnboardingError::Password(PasswordError::Problem(p)))?;
            let vault = self
                .store()?
                .vault()
                .ok_or(OnboardingError::Password(PasswordError::Unavailable))?;
            match vault.set_password(password).await {
                // Set by an attempt whose name could not be saved.
                Ok(()) | Err(LockError::PasswordSet) => browser::keep_drafts(false),
                Err(e) => return Err(OnboardingError::Password(PasswordError::Lock(e))),
            }
        }
        self.finish(name).await
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
            synced_name: None,
            ..ProfileRecord::default()
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

/// What the screen of an unreadable account says about the data kept in this browser.
pub fn stored_summary(data: &StoredData) -> String {
    let (c, w) = (data.conversations, data.waiting);
    match (c, w, data.owner) {
        (0, 0, _) => t!("onboarding-recover-summary-empty"),
        (c, 0, Some(owner)) => t!(
            "onboarding-recover-summary-conversations",
            conversations = c,
            account = short_id(&owner.to_hex())
        ),
        (c, 0, None) => t!(
            "onboarding-recover-summary-conversations-unknown",
            conversations = c
        ),
        (0, w, Some(owner)) => t!(
            "onboarding-recover-summary-waiting",
            waiting = w,
            account = short_id(&owner.to_hex())
        ),
        (0, w, None) => t!("onboarding-recover-summary-waiting-unknown", waiting = w),
        (c, w, Some(owner)) => t!(
            "onboarding-recover-summary-both",
            conversations = c,
            waiting = w,
            account = short_id(&owner.to_hex())
        ),
        (c, w, None) => t!(
            "onboarding-recover-summary-both-unknown",
            conversations = c,
            waiting = w
        ),
    }
}

/// A form that restores an account from its phrase: what is typed, what was wrong, and
/// whether an attempt is under way.
#[derive(Debug, Clone, Copy)]
pub struct PhraseForm {
    /// The words typed.
    pub phrase: RwSignal<String>,
    /// Why the last attempt failed.
    pub error: RwSignal<Option<String>>,
    /// An attempt is under way.
    pub busy: RwSignal<bool>,
}

impl PhraseForm {
    /// An empty form.
    pub fn new() -> PhraseForm {
        PhraseForm {
            phrase: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Restores the account of the typed phrase (one attempt at a time).
    pub async fn submit(&self, onboarding: &Onboarding) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        if let Err(e) = onboarding.restore(&self.phrase.get_untracked()).await {
            self.error.set(Some(e.to_string()));
            self.busy.set(false);
        }
    }

    /// Whether Continue can be pressed.
    pub fn can_submit(&self) -> bool {
        !self.busy.get() && !self.phrase.with(|p| p.trim().is_empty())
    }
}

impl Default for PhraseForm {
    fn default() -> Self {
        PhraseForm::new()
    }
}
