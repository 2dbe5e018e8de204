//! Whether this browser's storage takes our writes. A write that fails once is retried
//! without fuss (a poll is fetched again, a send can be repeated); storage that is full, or
//! writes that keep failing, are shown in a banner in every tab of the account — otherwise
//! new messages would wait unseen on the network until they expire.

use leptos::prelude::*;
use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use super::tabs::Tabs;
use crate::net::tabs::TabMessage;
use crate::storage::StorageError;
use crate::t;

/// Failed writes in a row after which the problem is shown (full storage is shown at once).
pub const SHOWN_AFTER: u32 = 3;

/// Why messages cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorageProblem {
    /// The browser's storage for the app is full.
    Full,
    /// Writes keep failing, for this reason.
    Failing(String),
}

impl StorageProblem {
    /// The problem a failed write shows, if it shows one after `in_a_row` failures.
    pub fn after(e: &StorageError, in_a_row: u32) -> Option<StorageProblem> {
        match e {
            StorageError::Full => Some(StorageProblem::Full),
            e if in_a_row >= SHOWN_AFTER => Some(StorageProblem::Failing(e.to_string())),
            _ => None,
        }
    }

    /// Its form in tab messages.
    pub fn code(&self) -> String {
        match self {
            StorageProblem::Full => "full".into(),
            StorageProblem::Failing(why) => format!("failing:{why}"),
        }
    }

    /// The problem of a code (`None`: storage works).
    pub fn from_code(code: &str) -> Option<StorageProblem> {
        match code {
            "full" => Some(StorageProblem::Full),
            other => other
                .strip_prefix("failing:")
                .map(|why| StorageProblem::Failing(why.to_owned())),
        }
    }
}

impl fmt::Display for StorageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            StorageProblem::Full => t!("settings-storage-full"),
            StorageProblem::Failing(why) => t!("settings-storage-failing", reason = why.as_str()),
        })
    }
}

/// The storage-health part.
pub struct StorageHealth {
    tabs: Rc<Tabs>,
    failures: Cell<u32>,
    /// The problem shown, if any.
    pub problem: RwSignal<Option<StorageProblem>>,
}

impl fmt::Debug for StorageHealth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StorageHealth")
            .field("failures", &self.failures.get())
            .finish_non_exhaustive()
    }
}

impl StorageHealth {
    /// Storage that works so far, in this tab among `tabs`.
    pub fn new(tabs: Rc<Tabs>) -> StorageHealth {
        StorageHealth {
            tabs,
            failures: Cell::new(0),
            problem: RwSignal::new(None),
        }
    }

    /// A write failed.
    pub fn failed(&self, e: &StorageError) {
        let n = self.failures.get().saturating_add(1);
        self.failures.set(n);
        if let Some(p) = StorageProblem::after(e, n) {
            self.report(Some(p));
        }
    }

    /// A write went through.
    pub fn worked(&self) {
        self.failures.set(0);
        self.report(None);
    }

    /// Notes the outcome of a write.
    pub fn note<T>(&self, result: &Result<T, StorageError>) {
        match result {
            Ok(_) => self.worked(),
            Err(e) => self.failed(e),
        }
    }

    /// Shows what another tab found.
    pub fn show(&self, problem: Option<StorageProblem>) {
        if self.problem.get_untracked() != problem {
            self.problem.set(problem);
        }
    }

    fn report(&self, problem: Option<StorageProblem>) {
        if self.problem.get_untracked() == problem {
            return;
        }
        self.tabs.post(&TabMessage::Storage {
            state: problem
                .as_ref()
                .map(StorageProblem::code)
                .unwrap_or_default(),
        });
        self.problem.set(problem);
    }
}
