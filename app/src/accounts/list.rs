//! The list of this browser's accounts, as plain data: which slots exist, whose they are, and
//! which one a tab opens on. The browser glue in [`super`] keeps it in `localStorage`.

use serde::{Deserialize, Serialize};
use session_core::identity::SessionId;

use super::AccountSlot;
use crate::state::conversations::short_id;
use crate::t;

/// One account: its database and, once known, whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEntry {
    /// Where its data lives.
    pub slot: AccountSlot,
    /// Its Session ID (none while it is being created or restored).
    #[serde(default)]
    pub id: Option<SessionId>,
    /// Its display name, as last seen (never kept while a password is set: `localStorage` is
    /// not sealed).
    #[serde(default)]
    pub name: Option<String>,
    /// Whether it has a password lock.
    #[serde(default)]
    pub locked: bool,
}

impl AccountEntry {
    /// How the account menu and notifications name it: its display name, else its short
    /// Session ID, else "New account".
    pub fn label(&self) -> String {
        match (&self.name, &self.id) {
            (Some(n), _) if !n.trim().is_empty() => n.clone(),
            (_, Some(id)) => short_id(&id.to_hex()),
            _ => t!("onboarding-account-new"),
        }
    }
}

/// An account as the account menu shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    /// Where it lives.
    pub slot: AccountSlot,
    /// Its Session ID in hex (empty while it is being set up).
    pub id: String,
    /// Its name (see [`AccountEntry::label`]).
    pub label: String,
    /// Its short Session ID under the name, when the name is not already that.
    pub detail: Option<String>,
    /// Whether this tab is on it.
    pub current: bool,
    /// Whether it has a password lock.
    pub locked: bool,
}

/// The accounts, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountList {
    entries: Vec<AccountEntry>,
}

impl AccountList {
    /// The list stored as `json`; a missing or damaged one is empty (the default slot's
    /// database is still found: [`AccountList::choose`] falls back to it).
    pub fn parse(json: Option<&str>) -> AccountList {
        let mut entries: Vec<AccountEntry> = json
            .and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default();
        let mut seen = Vec::new();
        entries.retain(|e| {
            let fresh = !seen.contains(&e.slot);
            seen.push(e.slot.clone());
            fresh
        });
        AccountList { entries }
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.entries).unwrap_or_else(|_| "[]".into())
    }

    /// Every account.
    pub fn entries(&self) -> &[AccountEntry] {
        &self.entries
    }

    /// The account in `slot`.
    pub fn get(&self, slot: &AccountSlot) -> Option<&AccountEntry> {
        self.entries.iter().find(|e| e.slot == *slot)
    }

    /// Whether there is more than one account (then tabs and notifications name theirs).
    pub fn several(&self) -> bool {
        self.entries.len() > 1
    }

    /// The slot a tab opens: the one it was on (`tab`, kept across reloads), else the one
    /// used last (`last`), else the first listed, else the default one. Unlisted slots (a
    /// removed account) are passed over.
    pub fn choose(&self, tab: Option<&str>, last: Option<&str>) -> AccountSlot {
        [tab, last]
            .into_iter()
            .flatten()
            .filter_map(AccountSlot::parse)
            .find(|s| self.get(s).is_some())
            .or_else(|| self.entries.first().map(|e| e.slot.clone()))
            .unwrap_or_default()
    }

    /// Lists `slot` if it is not yet.
    pub fn ensure(&mut self, slot: &AccountSlot) {
        if self.get(slot).is_none() {
            self.entries.push(AccountEntry {
                slot: slot.clone(),
                id: None,
                name: None,
                locked: false,
            });
        }
    }

    /// Adds an account with a new slot (whose 64 random bits no other has).
    pub fn add(&mut self, mut random: impl FnMut() -> u64) -> AccountSlot {
        let slot = loop {
            let s = AccountSlot::numbered(random());
            if self.get(&s).is_none() {
                break s;
            }
        };
        self.ensure(&slot);
        slot
    }

    /// Notes that the account in `slot` has no data (yet, or any more): it is being set up.
    pub fn clear(&mut self, slot: &AccountSlot) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.slot == *slot) {
            e.id = None;
            e.name = None;
            e.locked = false;
        }
    }

    /// Removes the account in `slot`.
    pub fn remove(&mut self, slot: &AccountSlot) {
        self.entries.retain(|e| e.slot != *slot);
    }

    /// Notes whose the account in `slot` is; the name is dropped while it is `locked`.
    pub fn update(&mut self, slot: &AccountSlot, id: SessionId, name: &str, locked: bool) {
        self.ensure(slot);
        if let Some(e) = self.entries.iter_mut().find(|e| e.slot == *slot) {
            e.id = Some(id);
            e.locked = locked;
            e.name = (!locked && !name.trim().is_empty()).then(|| name.to_owned());
        }
    }

    /// Another slot than `except` that already holds the account `id`.
    pub fn holder_of(&self, id: &SessionId, except: &AccountSlot) -> Option<&AccountEntry> {
        self.entries
            .iter()
            .find(|e| e.slot != *except && e.id.as_ref() == Some(id))
    }

    /// The menu's rows, with this tab's account (`current`) named `live_name` when it is known
    /// (the list's name may be older, or dropped under a password).
    pub fn rows(&self, current: &AccountSlot, live_name: Option<&str>) -> Vec<AccountRow> {
        self.entries
            .iter()
            .map(|e| {
                let is_current = e.slot == *current;
                let mut entry = e.clone();
                if let Some(name) = live_name.filter(|n| is_current && !n.trim().is_empty()) {
                    entry.name = Some(name.to_owned());
                }
                let id = e.id.as_ref().map(|i| i.to_hex()).unwrap_or_default();
                let label = entry.label();
                let short = (!id.is_empty()).then(|| short_id(&id));
                AccountRow {
                    slot: e.slot.clone(),
                    detail: short.filter(|s| *s != label),
                    id,
                    label,
                    current: is_current,
                    locked: e.locked,
                }
            })
            .collect()
    }

    /// Brings the list in line with the `databases` found, given the slots `removed` (whose
    /// accounts were removed): a database that is neither listed nor removed is listed again
    /// (the list was damaged or cleared: its data is never given up for that), and the
    /// removed ones that are not the first account's are to be deleted. Returns those to
    /// delete, and the removed slots still to remember (a listed slot is no longer removed).
    pub fn reconcile(
        &mut self,
        removed: &[AccountSlot],
        databases: &[AccountSlot],
    ) -> (Vec<AccountSlot>, Vec<AccountSlot>) {
        for db in databases {
            if !removed.contains(db) {
                self.ensure(db);
            }
        }
        let still_removed: Vec<AccountSlot> = removed
            .iter()
            .filter(|s| self.get(s).is_none() && databases.contains(s))
            .cloned()
            .collect();
        let delete = still_removed
            .iter()
            .filter(|s| !s.is_default())
            .cloned()
            .collect();
        (delete, still_removed)
    }

    /// The accounts other than `slot`.
    pub fn others<'a>(&'a self, slot: &'a AccountSlot) -> impl Iterator<Item = &'a AccountEntry> {
        self.entries.iter().filter(move |e| e.slot != *slot)
    }
}
