//! The browser's other accounts, polled in this tab while it shows one: each gets a session
//! of its own (its database, network, poller and notifications), with no screen. Each still
//! takes part in its account's poller election, so it polls only while no tab is open on that
//! account, and it counts as a hidden tab there: its messages are never marked read, and its
//! notifications name the account and open it in this tab when clicked.
//!
//! An account with a password is left alone (its data key is in no tab but its own, and
//! nothing polls while it is locked). When another account's tab locks it, sets its first
//! password or removes it, the message that reloads that account's tabs reloads this one too,
//! which drops its keys from memory.

use leptos::prelude::Set;
use std::rc::Rc;

use super::session::{self, Session};
use crate::accounts::{self, AccountEntry, AccountSlot};
use crate::ports::{Platform, Store};
use crate::storage::lock::{self, LockError, LockState};
use crate::storage::{ConversationRecord, Db, IdbStore, StorageError};
use crate::util::browser::{self, BrowserPlatform, NotifyPermission};
use crate::util::log;

/// The browser as an account polled in the background sees it.
#[derive(Debug)]
struct BackgroundPlatform {
    slot: AccountSlot,
}

impl Platform for BackgroundPlatform {
    /// Nobody is looking at this account in this tab.
    fn is_hidden(&self) -> bool {
        true
    }

    fn is_online(&self) -> bool {
        BrowserPlatform.is_online()
    }

    fn notification_permission(&self) -> NotifyPermission {
        BrowserPlatform.notification_permission()
    }

    /// A click opens the conversation: this tab moves to the account.
    fn notify(&self, title: &str, body: &str, tag: &str, hash: &str) {
        let slot = self.slot.clone();
        let hash = hash.to_owned();
        browser::notify_then(title, body, tag, move || accounts::open_in(&slot, &hash));
    }

    fn hold_lock(&self, name: &str, on_acquired: Box<dyn FnOnce()>) -> bool {
        BrowserPlatform.hold_lock(name, on_acquired)
    }

    /// The account was locked or removed elsewhere: the whole tab starts again.
    fn restart(&self) {
        browser::reload();
    }
}

/// Why an account is not polled in the background.
#[derive(Debug)]
enum Skipped {
    /// It has a password.
    Locked,
    /// Its data is not (or no longer) the listed account's.
    NotThere,
    /// Its storage failed.
    Storage(StorageError),
    /// Its lock record could not be read.
    Lock(LockError),
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skipped::Locked => f.write_str("it has a password"),
            Skipped::NotThere => f.write_str("its data is not the listed account's"),
            Skipped::Storage(e) => e.fmt(f),
            Skipped::Lock(e) => e.fmt(f),
        }
    }
}

/// How many messages wait unread in an account's conversations (`list`), requests included,
/// muted ones and blocked contacts not: what the account menu shows beside it.
pub fn unread_of(list: &[ConversationRecord], now_s: i64) -> u32 {
    list.iter()
        .filter(|c| (c.is_listed() || c.is_request()) && !c.settings.silenced(now_s))
        .map(|c| c.unread)
        .sum()
}

/// Starts polling every other listed account that has no password.
pub async fn start_others() -> Vec<Rc<Session>> {
    let list = accounts::load();
    let here = accounts::current();
    let mut started = Vec::new();
    for entry in list.others(&here).filter(|e| e.id.is_some() && !e.locked) {
        match start_one(entry).await {
            Ok(s) => started.push(s),
            Err(Skipped::Locked | Skipped::NotThere) => {}
            Err(e) => log::warn(&format!("another account cannot be polled here: {e}")),
        }
    }
    started
}

async fn start_one(entry: &AccountEntry) -> Result<Rc<Session>, Skipped> {
    let db = Rc::new(
        Db::open_named(entry.slot.db_name())
            .await
            .map_err(Skipped::Storage)?,
    );
    match lock::state(&db).await.map_err(Skipped::Lock)? {
        LockState::Plain => {}
        // A password removed: sealed records, their key beside them.
        LockState::Open => lock::open_without_password(&db)
            .await
            .map_err(Skipped::Lock)?,
        LockState::Locked(_) => return Err(Skipped::Locked),
    }
    let store: Rc<dyn Store> = Rc::new(IdbStore::new(db));
    let identity = store
        .load_identity()
        .await
        .map_err(Skipped::Storage)?
        .filter(|i| Some(i.session_id()) == entry.id)
        .ok_or(Skipped::NotThere)?;
    let profile = store
        .load_profile()
        .await
        .map_err(Skipped::Storage)?
        .ok_or(Skipped::NotThere)?;
    let platform = Rc::new(BackgroundPlatform {
        slot: entry.slot.clone(),
    });
    let s = session::start_in(entry.slot.clone(), platform, store, identity, profile).await;
    s.profile.account_label.set(Some(entry.label()));
    s.tabs.hello();
    s.discover();
    s.elect_poller();
    Ok(s)
}
