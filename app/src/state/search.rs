//! The search part: the index of every stored message ([`crate::search::SearchIndex`]), built
//! from storage when the user first searches and kept up to date from then on as the views
//! hear of changed conversations (here or in another tab); the query, its scope (all
//! conversations, or one) and its results for the list to show.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::ports::Store;
use crate::search::{Hit, SearchIndex};
use crate::storage::StorageError;
use crate::util::log;

/// Results shown at most.
pub const MAX_RESULTS: usize = 200;
/// The newest messages of a changed conversation indexed again (new, edited and recently
/// deleted ones; a hit on an older deleted message is dropped when its conversation is
/// cleared or rebuilt).
pub const RECENT: u32 = 200;

/// The search part.
pub struct Search {
    store: Rc<dyn Store>,
    index: RefCell<Option<SearchIndex>>,
    building: Cell<bool>,
    /// Conversations that changed while the index was being built or refreshed.
    stale: RefCell<Vec<ConversationId>>,
    /// A refresh is running: others queue their conversations in `stale` for it, so that
    /// refreshes never overlap (a slower one finishing last would put back its older reading).
    refreshing: Cell<bool>,
    /// What the user typed.
    pub query: RwSignal<String>,
    /// Search this conversation only.
    pub scope: RwSignal<Option<ConversationId>>,
    /// The hits of the current query, newest first.
    pub results: RwSignal<Vec<Hit>>,
    /// The index is being built (the first search).
    pub indexing: RwSignal<bool>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search").finish_non_exhaustive()
    }
}

impl Search {
    /// The part; the index is built at the first search.
    pub fn new(store: Rc<dyn Store>) -> Search {
        Search {
            store,
            index: RefCell::new(None),
            building: Cell::new(false),
            stale: RefCell::new(Vec::new()),
            refreshing: Cell::new(false),
            query: RwSignal::new(String::new()),
            scope: RwSignal::new(None),
            results: RwSignal::new(Vec::new()),
            indexing: RwSignal::new(false),
        }
    }

    /// Searches for the query (in the scope), building the index first if need be. While the
    /// index is being built, the search that started the build shows the query as it is by
    /// then.
    pub async fn run(&self) {
        if self.query.with_untracked(|q| q.trim().is_empty()) {
            self.results.set(Vec::new());
            return;
        }
        if let Err(e) = self.ensure_built().await {
            log::error(&format!("could not read the messages to search: {e}"));
            return;
        }
        if !self.building.get() {
            self.show_current();
        }
    }

    /// The results of the query and scope as they are now.
    fn show_current(&self) {
        let query = self.query.get_untracked();
        let hits = if query.trim().is_empty() {
            Vec::new()
        } else {
            self.find(&query, self.scope.get_untracked().as_ref())
        };
        self.results.set(hits);
    }

    /// The hits of `query` in the index as it is (none before it is built).
    pub fn find(&self, query: &str, scope: Option<&ConversationId>) -> Vec<Hit> {
        self.index
            .borrow()
            .as_ref()
            .map(|i| i.query(query, scope, MAX_RESULTS))
            .unwrap_or_default()
    }

    /// Builds the index from every stored conversation, once.
    pub async fn ensure_built(&self) -> Result<(), StorageError> {
        if self.index.borrow().is_some() || self.building.replace(true) {
            return Ok(());
        }
        self.indexing.set(true);
        let built = self.build().await;
        self.building.set(false);
        self.indexing.set(false);
        let index = built?;
        *self.index.borrow_mut() = Some(index);
        let stale = std::mem::take(&mut *self.stale.borrow_mut());
        self.refresh(&stale).await;
        Ok(())
    }

    async fn build(&self) -> Result<SearchIndex, StorageError> {
        let mut index = SearchIndex::new();
        for conv in self.store.load_conversations().await? {
            for msg in self.store.load_messages(&conv.id, u32::MAX).await? {
                if let Err(e) = index.add(&msg) {
                    log::warn(&format!("a message was not indexed: {e}"));
                }
            }
        }
        index.shrink_to_fit();
        Ok(index)
    }

    /// Indexes again the newest messages of `convs` (after they changed); a conversation
    /// left without messages (cleared, deleted) leaves the index. Then the open query runs
    /// again.
    pub async fn refresh(&self, convs: &[ConversationId]) {
        if convs.is_empty() {
            return;
        }
        if self.building.get() || self.refreshing.get() {
            self.stale.borrow_mut().extend_from_slice(convs);
            return;
        }
        if self.index.borrow().is_none() {
            return;
        }
        self.refreshing.set(true);
        let mut todo = convs.to_vec();
        while !todo.is_empty() {
            self.reindex(&todo).await;
            todo = std::mem::take(&mut *self.stale.borrow_mut());
            todo.sort_unstable();
            todo.dedup();
        }
        self.refreshing.set(false);
        self.show_current();
    }

    /// Reads the newest messages of `convs` again into the index.
    async fn reindex(&self, convs: &[ConversationId]) {
        for conv in convs {
            let recent = match self.store.load_messages(conv, RECENT).await {
                Ok(m) => m,
                Err(e) => {
                    log::warn(&format!("could not read messages to index: {e}"));
                    continue;
                }
            };
            let mut guard = self.index.borrow_mut();
            let Some(index) = guard.as_mut() else {
                return;
            };
            if recent.is_empty() {
                index.remove_conversation(conv);
                continue;
            }
            // Of the window read again, what is no longer stored (or deleted) leaves.
            let oldest = recent.first().map_or(0, |m| m.ts);
            index.remove_conversation_since(conv, oldest);
            for msg in &recent {
                if let Err(e) = index.add(msg) {
                    log::warn(&format!("a message was not indexed: {e}"));
                }
            }
        }
    }

    /// Clears the query (the list shows the conversations again).
    pub fn clear(&self) {
        self.query.set(String::new());
        self.scope.set(None);
        self.results.set(Vec::new());
    }
}

/// `text` cut into pieces, each marked or not by `ranges` (byte ranges on character
/// boundaries, sorted and disjoint; ranges outside the text or not on boundaries are skipped).
pub fn marked_pieces(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end <= r.start || text.get(r.clone()).is_none() {
            continue;
        }
        if r.start > at {
            out.push((text[at..r.start].to_owned(), false));
        }
        out.push((text[r.clone()].to_owned(), true));
        at = r.end;
    }
    if at < text.len() {
        out.push((text[at..].to_owned(), false));
    }
    out
}

/// The part of `text` worth showing in a result of at most about `max` characters: from a
/// little before the first match (with an ellipsis when cut), its ranges moved to match.
pub fn snippet(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    max: usize,
) -> (String, Vec<std::ops::Range<usize>>) {
    const BEFORE: usize = 20;
    let first = ranges.first().map_or(0, |r| r.start);
    let start = if text[..first.min(text.len())].chars().count() > BEFORE {
        text[..first]
            .char_indices()
            .rev()
            .nth(BEFORE - 1)
            .map_or(0, |(i, _)| i)
    } else {
        0
    };
    let end = text[start..]
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(i, _)| start + i);
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = prefix.len();
    let moved = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| (r.start - start + shift)..(r.end - start + shift))
        .collect();
    (format!("{prefix}{}{suffix}", &text[start..end]), moved)
}
