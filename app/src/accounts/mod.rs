//! Several accounts in one browser. Each account lives in its own slot: its own IndexedDB
//! database, its own `localStorage` preferences and drafts, and (keyed by its Session ID) its
//! own tab channel and poller election. Each tab is on one account: the one it was on before
//! a reload (kept in `sessionStorage`), else the one used last. Switching reloads the tab, so
//! nothing of one account stays in memory under another.
//!
//! The list of accounts ([`AccountList`]) is kept in `localStorage` so that the account menu
//! can name accounts whose databases are closed (or locked).

pub mod list;

use std::cell::RefCell;
use std::fmt;

use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use session_core::identity::SessionId;

pub use list::{AccountEntry, AccountList, AccountRow};

use crate::storage::DB_NAME;
use crate::t;
use crate::util::browser;

/// `localStorage` key of the list of accounts.
const LIST_KEY: &str = "session-web.accounts";
/// `localStorage` key of the slots of removed accounts whose databases are still to delete.
const REMOVED_KEY: &str = "session-web.accounts-removed";
/// `localStorage` key of the slot used last (new tabs open it).
const LAST_KEY: &str = "session-web.account-last";
/// `sessionStorage` key of this tab's slot.
const TAB_KEY: &str = "session-web.account";
/// `sessionStorage` key of the slot this tab was on before (where "Back" goes from a new
/// account's welcome screen).
const PREV_KEY: &str = "session-web.account-prev";
/// `sessionStorage` key of the screen to show once the tab has moved to another account.
const OPEN_KEY: &str = "session-web.account-open";
/// Prefix every slot-scoped `localStorage` key starts with.
const KEY_PREFIX: &str = "session-web.";

/// Where an account's data lives: the name of its database. The first account keeps the
/// name the app always used (`session-web`), so existing data stays where it is; others are
/// `session-web@` followed by 16 hex digits.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountSlot(String);

/// A slot name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BadSlot;

impl fmt::Display for BadSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an account slot")
    }
}

impl std::error::Error for BadSlot {}

impl AccountSlot {
    /// The slot named `text`, if it is one.
    pub fn parse(text: &str) -> Option<AccountSlot> {
        let ok = text == DB_NAME
            || text
                .strip_prefix(DB_NAME)
                .and_then(|t| t.strip_prefix('@'))
                .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        ok.then(|| AccountSlot(text.to_owned()))
    }

    /// The slot numbered `n` (a random number).
    pub fn numbered(n: u64) -> AccountSlot {
        AccountSlot(format!("{DB_NAME}@{n:016x}"))
    }

    /// The name of its IndexedDB database.
    pub fn db_name(&self) -> &str {
        &self.0
    }

    /// Whether this is the first account's slot.
    pub fn is_default(&self) -> bool {
        self.0 == DB_NAME
    }

    /// The `localStorage` key of this account's `key` (which starts with `session-web.`): the
    /// same key for the default slot (as before there were several), else one naming the slot,
    /// which no key of another slot starts with.
    pub fn scope(&self, key: &str) -> String {
        match (self.is_default(), key.strip_prefix(KEY_PREFIX)) {
            (false, Some(rest)) => format!("{}.{rest}", self.0),
            _ => key.to_owned(),
        }
    }
}

impl Default for AccountSlot {
    fn default() -> AccountSlot {
        AccountSlot(DB_NAME.to_owned())
    }
}

impl fmt::Debug for AccountSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountSlot({})", self.0)
    }
}

impl fmt::Display for AccountSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for AccountSlot {
    type Error = BadSlot;
    fn try_from(s: String) -> Result<AccountSlot, BadSlot> {
        AccountSlot::parse(&s).ok_or(BadSlot)
    }
}

impl From<AccountSlot> for String {
    fn from(s: AccountSlot) -> String {
        s.0
    }
}

thread_local! {
    static CURRENT: RefCell<AccountSlot> = RefCell::new(AccountSlot::default());
}

/// This tab's account.
pub fn current() -> AccountSlot {
    CURRENT.with(|c| c.borrow().clone())
}

/// Puts this tab on `slot` without reloading (start-up, and tests).
pub fn set_current(slot: AccountSlot) {
    CURRENT.with(|c| *c.borrow_mut() = slot);
}

/// The `localStorage` key of this tab's account's `key` (see [`AccountSlot::scope`]).
pub fn scoped(key: &str) -> String {
    current().scope(key)
}

/// Preferences kept per account in `localStorage` (drafts are found by their prefix).
const SCOPED_KEYS: [&str; 5] = [
    crate::state::privacy::RECEIPTS_KEY,
    crate::state::privacy::TYPING_KEY,
    crate::state::privacy::COMMUNITY_KEY,
    crate::state::password::AUTO_LOCK_KEY,
    crate::state::emoji::RECENT_KEY,
];

/// The stored list of accounts.
pub fn load() -> AccountList {
    AccountList::parse(browser::local_get(LIST_KEY).as_deref())
}

fn save(list: &AccountList) {
    browser::local_set(LIST_KEY, &list.to_json());
}

/// Chooses this tab's account at start-up (see [`AccountList::choose`]) and lists it; and
/// goes to the screen a notification of it asked for (before the app reads the address).
pub fn select_for_tab() -> AccountSlot {
    let mut list = load();
    let slot = list.choose(
        browser::session_get(TAB_KEY).as_deref(),
        browser::local_get(LAST_KEY).as_deref(),
    );
    if list.get(&slot).is_none() {
        list.ensure(&slot);
        save(&list);
    }
    browser::session_set(TAB_KEY, slot.db_name());
    if let Some(hash) = browser::session_get(OPEN_KEY) {
        browser::session_remove(OPEN_KEY);
        browser::set_location_hash(&hash);
    }
    set_current(slot.clone());
    slot
}

/// Deletes the databases of removed accounts (a removed account's database is emptied at
/// once, and deleted here, at a later start, once no tab has it open); lists again any
/// account's database the list lost.
pub async fn sweep() {
    let databases: Vec<AccountSlot> = browser::database_names()
        .await
        .iter()
        .filter_map(|n| AccountSlot::parse(n))
        .collect();
    let mut list = load();
    let before = list.clone();
    let noted = load_removed();
    let (delete, still) = list.reconcile(&noted, &databases);
    if list != before {
        save(&list);
    }
    let mut settled: Vec<AccountSlot> = noted.into_iter().filter(|s| !still.contains(s)).collect();
    for slot in delete {
        match rexie::Rexie::delete(slot.db_name()).await {
            Ok(()) => settled.push(slot),
            Err(e) => {
                crate::util::log::warn(&format!("could not delete a removed account's data: {e}"))
            }
        }
    }
    // Read again: another tab may have removed an account meanwhile.
    let mut removed = load_removed();
    removed.retain(|s| !settled.contains(s));
    save_removed(&removed);
}

/// The slots of removed accounts whose databases may still be there.
fn load_removed() -> Vec<AccountSlot> {
    browser::local_get(REMOVED_KEY)
        .and_then(|j| serde_json::from_str::<Vec<String>>(&j).ok())
        .unwrap_or_default()
        .iter()
        .filter_map(|s| AccountSlot::parse(s))
        .collect()
}

fn save_removed(removed: &[AccountSlot]) {
    if removed.is_empty() {
        browser::local_remove(REMOVED_KEY);
    } else if let Ok(json) = serde_json::to_string(removed) {
        browser::local_set(REMOVED_KEY, &json);
    }
}

/// Shows whose account this tab is on, `id` named `name`: notes it in the list (for the menu
/// of every tab) and, when there are several accounts, in the page's title. Returns the
/// account's label when there are several (notifications name it then).
pub fn show_in_tab(id: SessionId, name: &str, locked: bool) -> Option<String> {
    let list = note(&current(), id, name, locked);
    tab_label(&list, name)
}

/// Notes in the list whose the account in `slot` is; the list as it is now.
pub fn note(slot: &AccountSlot, id: SessionId, name: &str, locked: bool) -> AccountList {
    let mut list = load();
    let before = list.clone();
    list.update(slot, id, name, locked);
    // Written only when it changed: every other tab hears of each write.
    if list != before {
        save(&list);
    }
    list
}

/// This tab's account's label, named `name`, when the list has several accounts (also put
/// in the page's title); after another tab changed the list.
pub fn relabel(name: &str) -> Option<String> {
    tab_label(&load(), name)
}

fn tab_label(list: &AccountList, name: &str) -> Option<String> {
    let label = list.several().then(|| {
        let mut entry = list.get(&current()).cloned();
        if let Some(e) = entry.as_mut() {
            e.name = Some(name.to_owned());
        }
        entry.map(|e| e.label()).unwrap_or_default()
    });
    set_tab_title(label.as_deref());
    label
}

/// Whether a `storage` event's `key` is the list of accounts.
pub fn is_list_key(key: Option<&str>) -> bool {
    key == Some(LIST_KEY)
}

/// This tab's account's label as the list has it, when there are several (the unlock and
/// welcome screens show it, before any session), also put in the page's title.
pub fn listed_label() -> Option<String> {
    let list = load();
    let label = list
        .several()
        .then(|| list.get(&current()).map(AccountEntry::label))
        .flatten();
    set_tab_title(label.as_deref());
    label
}

/// Names the account in the page's title (seen in the browser's tabs and window lists).
fn set_tab_title(label: Option<&str>) {
    if let Some(doc) = browser::document() {
        doc.set_title(&match label {
            Some(l) => t!("onboarding-tab-title", name = l),
            None => t!("onboarding-app-name"),
        });
    }
}

/// Notes that this tab's account has no data: it is being set up (again).
pub fn note_unset() {
    let mut list = load();
    list.clear(&current());
    save(&list);
}

/// The label of another account that already holds `id`.
pub fn holder_of(id: &SessionId) -> Option<String> {
    load().holder_of(id, &current()).map(AccountEntry::label)
}

/// The account this tab was on before this one, if it is still listed (else the first
/// other one).
pub fn previous() -> Option<AccountEntry> {
    let list = load();
    let here = current();
    browser::session_get(PREV_KEY)
        .and_then(|p| AccountSlot::parse(&p))
        .and_then(|p| list.get(&p).filter(|e| e.slot != here).cloned())
        .or_else(|| list.others(&here).next().cloned())
}

/// Gives up the account being set up in this tab: it leaves the list and the tab goes back
/// to the one it came from.
pub fn cancel_new() {
    forget(&current());
    browser::reload();
}

/// Moves this tab to the account in `slot` (reloading it).
pub fn switch_to(slot: &AccountSlot) {
    browser::session_set(PREV_KEY, current().db_name());
    browser::session_set(TAB_KEY, slot.db_name());
    browser::local_set(LAST_KEY, slot.db_name());
    browser::reload();
}

/// Moves this tab to the account in `slot` and, once there, to the screen of `hash` (a
/// notification of that account was clicked).
pub fn open_in(slot: &AccountSlot, hash: &str) {
    browser::session_set(OPEN_KEY, hash);
    switch_to(slot);
}

/// Adds an account and moves this tab to it, where onboarding creates or restores it.
pub fn add_account() {
    let mut list = load();
    let slot = list.add(|| OsRng.next_u64());
    save(&list);
    switch_to(&slot);
}

/// Forgets the account in `slot` (its data has been deleted): it leaves the list, with its
/// preferences and drafts. Returns the account this tab goes on to, if another is left.
pub fn forget(slot: &AccountSlot) -> Option<AccountSlot> {
    let back = previous().map(|e| e.slot);
    let mut list = load();
    list.remove(slot);
    save(&list);
    let mut removed = load_removed();
    if !removed.contains(slot) {
        removed.push(slot.clone());
        save_removed(&removed);
    }
    for key in SCOPED_KEYS {
        browser::local_remove(&slot.scope(key));
    }
    browser::clear_local_prefix(&slot.scope(browser::DRAFT_PREFIX));
    let next = back
        .filter(|b| list.get(b).is_some())
        .or_else(|| list.entries().first().map(|e| e.slot.clone()));
    let target = next.clone().unwrap_or_default();
    browser::session_set(TAB_KEY, target.db_name());
    browser::local_set(LAST_KEY, target.db_name());
    next
}
