//! The profile part: who we are (Session ID, display name, avatar, recovery phrase) and
//! changing the display name and avatar, which travel with our messages (messaging.md §5.9).

use leptos::prelude::*;
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::{Profile as OutgoingProfile, ProfilePicture};
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::privacy::Privacy;
use super::tabs::Tabs;
use crate::accounts::AccountSlot;
use crate::net::tabs::TabMessage;
use crate::ports::{Clock, Store};
use crate::storage::records::AvatarRef;
use crate::storage::{ProfileRecord, StorageError};
use crate::t;
use crate::util::log;

/// Longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Who we are (public parts only), as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Me {
    /// Our Session ID (hex).
    pub session_id: String,
    /// Our display name.
    pub display_name: String,
}

impl Me {
    /// What names us on our avatar: the display name, or the short Session ID without one.
    pub fn title(&self) -> String {
        if self.display_name.trim().is_empty() {
            super::conversations::short_id(&self.session_id)
        } else {
            self.display_name.clone()
        }
    }
}

/// Why a display name cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_NAME_CHARS`].
    TooLong,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => f.write_str(&t!("groups-profile-name-empty")),
            NameError::TooLong => {
                f.write_str(&t!("groups-profile-name-too-long", max = MAX_NAME_CHARS))
            }
        }
    }
}

impl std::error::Error for NameError {}

/// A display name as it will be stored, or why it cannot be used.
pub fn validate_display_name(name: &str) -> Result<String, NameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong);
    }
    Ok(name.to_owned())
}

/// Why the display name was not changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProfileError {
    /// The name cannot be used.
    Name(NameError),
    /// It could not be stored.
    Save(StorageError),
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::Name(e) => write!(f, "{e}"),
            ProfileError::Save(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ProfileError {}

/// The profile part.
pub struct Profile {
    identity: Identity,
    id: SessionId,
    account: AccountSlot,
    store: Rc<dyn Store>,
    clock: Rc<dyn Clock>,
    tabs: Rc<Tabs>,
    record: RefCell<ProfileRecord>,
    /// What the screens show of us.
    pub me: RwSignal<Me>,
    /// Our avatar, as uploaded.
    pub avatar: RwSignal<Option<AvatarRef>>,
    /// How this tab names its account when the browser has several (none when it has one):
    /// the list's header and notifications show it.
    pub account_label: RwSignal<Option<String>>,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Profile {
    /// The profile of `identity`, named as `record` says, kept in `account`.
    pub fn new(
        identity: Identity,
        account: AccountSlot,
        record: ProfileRecord,
        store: Rc<dyn Store>,
        clock: Rc<dyn Clock>,
        tabs: Rc<Tabs>,
    ) -> Profile {
        let id = identity.session_id();
        let me = RwSignal::new(Me {
            session_id: id.to_hex(),
            display_name: record.display_name.clone(),
        });
        let avatar = RwSignal::new(record.avatar.clone());
        Profile {
            identity,
            id,
            account,
            store,
            clock,
            tabs,
            record: RefCell::new(record),
            me,
            avatar,
            account_label: RwSignal::new(None),
        }
    }

    /// Our Session ID.
    pub fn session_id(&self) -> SessionId {
        self.id
    }

    /// Where our data lives.
    pub fn account(&self) -> &AccountSlot {
        &self.account
    }

    /// Our privacy switches (this account's, whichever the tab shows).
    pub fn privacy(&self) -> Privacy {
        Privacy::load_for(&self.account)
    }

    /// The account's keys.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// The recovery phrase's words (for the settings screen, behind a confirmation).
    pub fn recovery_words(&self) -> Vec<String> {
        self.identity
            .mnemonic()
            .map(|m| m.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// The profile our messages carry; none while we have no display name (a restored
    /// account before its settings arrive), so that no empty name replaces ours elsewhere.
    pub fn outgoing(&self) -> Option<OutgoingProfile> {
        let record = self.record.borrow();
        (!record.display_name.trim().is_empty()).then(|| OutgoingProfile {
            display_name: record.display_name.clone(),
            picture: record.avatar.as_ref().and_then(|a| {
                Some(ProfilePicture {
                    url: a.url.clone(),
                    key: *a.key_bytes()?,
                })
            }),
            updated_s: record.updated_s,
        })
    }

    /// Changes our display name (sent with our next messages).
    pub async fn set_display_name(&self, name: &str) -> Result<(), ProfileError> {
        let name = validate_display_name(name).map_err(ProfileError::Name)?;
        let record = ProfileRecord {
            display_name: name.clone(),
            updated_s: self.clock.now_ms() / 1000,
            ..self.stored().await
        };
        self.store
            .save_profile(&record)
            .await
            .map_err(ProfileError::Save)?;
        *self.record.borrow_mut() = record;
        self.me.update(|m| m.display_name = name);
        self.tabs.post(&TabMessage::Profile);
        Ok(())
    }

    /// Our avatar as uploaded (`None`: removed), sent with our next messages and put in the
    /// account's settings at the next sync. The profile's time moves past the last one even
    /// within the same second: receivers take only a strictly newer profile.
    pub async fn set_avatar(&self, avatar: Option<AvatarRef>) -> Result<(), ProfileError> {
        let current = self.stored().await;
        let record = ProfileRecord {
            avatar: avatar.clone(),
            updated_s: (self.clock.now_ms() / 1000).max(current.updated_s + 1),
            ..current
        };
        self.store
            .save_profile(&record)
            .await
            .map_err(ProfileError::Save)?;
        *self.record.borrow_mut() = record;
        self.avatar.set(avatar);
        self.tabs.post(&TabMessage::Profile);
        Ok(())
    }

    /// The profile as stored, which is newer than ours in what the settings' sync last agreed
    /// on (it saves that without telling us); ours when it cannot be read.
    async fn stored(&self) -> ProfileRecord {
        match self.store.load_profile().await {
            Ok(Some(p)) => p,
            _ => self.record.borrow().clone(),
        }
    }

    /// Takes the profile the account's settings brought (already stored), and tells the
    /// other tabs.
    pub fn adopt(&self, record: ProfileRecord) {
        self.show(&record);
        *self.record.borrow_mut() = record;
        self.tabs.post(&TabMessage::Profile);
    }

    /// Shows `record` on the screens.
    fn show(&self, record: &ProfileRecord) {
        self.me
            .update(|m| m.display_name = record.display_name.clone());
        if self.avatar.with_untracked(|a| *a != record.avatar) {
            self.avatar.set(record.avatar.clone());
        }
    }

    /// Reloads the profile another tab changed.
    pub async fn reload(&self) {
        match self.store.load_profile().await {
            Ok(Some(p)) => {
                self.show(&p);
                *self.record.borrow_mut() = p;
            }
            Ok(None) => {}
            Err(e) => log::error(&format!("could not reload the profile: {e}")),
        }
    }
}
