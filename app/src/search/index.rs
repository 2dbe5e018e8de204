//! The inverted index: a sorted term dictionary whose postings are sorted document numbers,
//! and the documents' texts (what hits are verified and highlighted on).
//!
//! Document numbers only grow, so a new document's number goes at the end of every postings
//! list it joins; a removed document leaves its postings at once (so no query sees it) and its
//! slot empty until there are more empty slots than documents, when the numbers are compacted.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::mem::size_of;
use std::ops::{Bound, Range};

use session_core::conversation::ConversationId;
use session_core::identity::SessionId;

use super::fold::{self, Token, TokenKind};
use crate::storage::{MessageKey, MessageRecord};

/// Empty slots tolerated before compaction, whatever the number of documents.
const COMPACT_MIN_EMPTY: usize = 1024;

/// Why a message could not be indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchError {
    /// The index holds as many documents as its numbers can name (`u32`).
    Full,
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Full => f.write_str("the search index is full"),
        }
    }
}

impl std::error::Error for SearchError {}

/// Which text of a message matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The message's text (for a message with files, their caption as the apps show it).
    Text,
    /// The name of the file at this index of `MessageRecord::attachments`.
    FileName(usize),
    /// The caption the pointer of the file at this index carries.
    Caption(usize),
}

/// The matches in one text of a hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    /// Which text.
    pub field: Field,
    /// The text, as stored (what the ranges index).
    pub text: String,
    /// Byte ranges of `text` to highlight: sorted, disjoint, on character boundaries.
    pub ranges: Vec<Range<usize>>,
}

/// A message that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The message's key in the `messages` store (conversation, sent time, author).
    pub key: MessageKey,
    /// The texts that matched, text first, then files in order.
    pub matches: Vec<FieldMatch>,
}

impl Hit {
    /// The conversation.
    pub fn conv(&self) -> &ConversationId {
        &self.key.conv
    }

    /// The sent time (ms).
    pub fn ts(&self) -> u64 {
        self.key.ts
    }
}

/// A document's key with its conversation and author interned: 16 bytes instead of ~80.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct DocKey {
    ts: u64,
    conv: u32,
    author: u32,
}

/// A stored document: its key and texts.
#[derive(Debug)]
struct Doc {
    key: DocKey,
    text: Box<str>,
    /// File names and captions (empty for most messages: no allocation).
    extra: Box<[(Field, Box<str>)]>,
}

impl Doc {
    fn fields(&self) -> impl Iterator<Item = (Field, &str)> {
        std::iter::once((Field::Text, &*self.text))
            .chain(self.extra.iter().map(|(f, t)| (*f, &**t)))
            .filter(|(_, t)| !t.is_empty())
    }

    fn heap_bytes(&self) -> usize {
        self.text.len()
            + self
                .extra
                .iter()
                .map(|(_, t)| size_of::<(Field, Box<str>)>() + t.len())
                .sum::<usize>()
    }
}

/// Values numbered in the order first seen (conversations, authors).
#[derive(Debug)]
struct Interner<T> {
    values: Vec<T>,
    numbers: HashMap<T, u32>,
}

impl<T: Clone + Eq + Hash> Interner<T> {
    fn new() -> Self {
        Interner {
            values: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    fn get(&self, value: &T) -> Option<u32> {
        self.numbers.get(value).copied()
    }

    fn intern(&mut self, value: &T) -> Result<u32, SearchError> {
        if let Some(n) = self.get(value) {
            return Ok(n);
        }
        let n = u32::try_from(self.values.len()).map_err(|_| SearchError::Full)?;
        self.values.push(value.clone());
        self.numbers.insert(value.clone(), n);
        Ok(n)
    }

    fn value(&self, n: u32) -> Option<&T> {
        self.values.get(n as usize)
    }

    fn heap_bytes(&self) -> usize {
        self.values.capacity() * size_of::<T>() + map_bytes::<T, u32>(self.numbers.capacity())
    }
}

/// The approximate heap size of a `HashMap` with this capacity (entries and control bytes).
fn map_bytes<K, V>(capacity: usize) -> usize {
    capacity * (size_of::<(K, V)>() + 1)
}

/// A query word: a word prefix or a CJK string, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    kind: TokenKind,
    text: String,
}

impl Unit {
    /// The term prefixes that must all occur in a matching document.
    fn prefixes(&self) -> Vec<&str> {
        match self.kind {
            TokenKind::Word => vec![fold::truncated(&self.text, fold::MAX_TERM_CHARS)],
            TokenKind::Cjk => {
                let mut out = Vec::new();
                let token = Token {
                    kind: TokenKind::Cjk,
                    folded: &self.text,
                    span: (0, 0),
                };
                // A CJK term is at most two characters: the pairs, or one character alone.
                fold::terms(&token, |t| {
                    if t.chars().count() == 2 || self.text.chars().count() == 1 {
                        out.push(t);
                    }
                });
                out
            }
        }
    }

    /// Where this unit matches in `token`, as byte ranges of the token's folded form.
    fn matches_in(&self, token: &Token<'_>, mut found: impl FnMut(Range<usize>)) {
        if token.kind != self.kind {
            return;
        }
        match self.kind {
            TokenKind::Word if token.folded.starts_with(self.text.as_str()) => {
                found(0..self.text.len())
            }
            TokenKind::Word => {}
            TokenKind::Cjk => token
                .folded
                .match_indices(self.text.as_str())
                .for_each(|(i, m)| found(i..i + m.len())),
        }
    }
}

/// The query's units, without repeats.
fn parse(query: &str) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    fold::tokens(query, |t| {
        let unit = Unit {
            kind: t.kind,
            text: t.folded.to_owned(),
        };
        if !units.contains(&unit) {
            units.push(unit);
        }
    });
    units
}

/// A set of document numbers as bits: unions of many postings lists in linear time.
struct Bits(Vec<u64>);

impl Bits {
    fn new(docs: usize) -> Bits {
        Bits(vec![0; docs.div_ceil(64)])
    }

    fn insert_all(&mut self, lists: &[&Vec<u32>]) {
        for &d in lists.iter().flat_map(|l| l.iter()) {
            if let Some(w) = self.0.get_mut(d as usize / 64) {
                *w |= 1 << (d % 64);
            }
        }
    }

    fn contains(&self, d: u32) -> bool {
        self.0
            .get(d as usize / 64)
            .is_some_and(|w| w & (1 << (d % 64)) != 0)
    }

    fn to_sorted(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for (i, &w) in self.0.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                out.push(i as u32 * 64 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        out
    }
}

/// A full-text index of messages: see the module's documentation.
pub struct SearchIndex {
    /// Term → numbers of the documents holding it, ascending.
    terms: BTreeMap<Box<str>, Vec<u32>>,
    /// Documents by number; `None` once removed (until compaction).
    docs: Vec<Option<Doc>>,
    live: usize,
    numbers: HashMap<DocKey, u32>,
    convs: Interner<ConversationId>,
    authors: Interner<SessionId>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.live)
            .field("terms", &self.terms.len())
            .finish_non_exhaustive()
    }
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex::new()
    }
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> SearchIndex {
        SearchIndex {
            terms: BTreeMap::new(),
            docs: Vec::new(),
            live: 0,
            numbers: HashMap::new(),
            convs: Interner::new(),
            authors: Interner::new(),
        }
    }

    /// Messages indexed.
    pub fn len(&self) -> usize {
        self.live
    }

    /// No message indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Distinct terms indexed.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Indexes `msg` under its key, replacing what was indexed under it. A message deleted
    /// for everyone, a notice, or one without text or file names leaves nothing indexed.
    /// Returns whether something was indexed.
    pub fn add(&mut self, msg: &MessageRecord) -> Result<bool, SearchError> {
        self.remove(&msg.key());
        let Some((text, extra)) = searchable(msg) else {
            return Ok(false);
        };
        let number = u32::try_from(self.docs.len()).map_err(|_| SearchError::Full)?;
        let key = DocKey {
            ts: msg.ts,
            conv: self.convs.intern(&msg.conv)?,
            author: self.authors.intern(&msg.author)?,
        };
        let doc = Doc { key, text, extra };
        let terms = Terms::of(&doc);
        if terms.is_empty() {
            return Ok(false);
        }
        for term in terms.iter() {
            match self.terms.get_mut(term) {
                Some(list) => list.push(number),
                None => {
                    self.terms.insert(term.into(), vec![number]);
                }
            }
        }
        self.docs.push(Some(doc));
        self.numbers.insert(key, number);
        self.live += 1;
        Ok(true)
    }

    /// Forgets the message under `key`; returns whether it was indexed.
    pub fn remove(&mut self, key: &MessageKey) -> bool {
        let Some(key) = self.doc_key(key) else {
            return false;
        };
        match self.numbers.remove(&key) {
            Some(number) => {
                self.remove_number(number);
                self.compact_if_sparse();
                true
            }
            None => false,
        }
    }

    /// Forgets every message of `conv`; returns how many there were.
    pub fn remove_conversation(&mut self, conv: &ConversationId) -> usize {
        self.remove_conversation_since(conv, 0)
    }

    /// Forgets the messages of `conv` sent at `since_ts` (ms) or later (a window of the
    /// conversation about to be indexed again); returns how many there were. Walks every
    /// document: about a millisecond for 100,000.
    pub fn remove_conversation_since(&mut self, conv: &ConversationId, since_ts: u64) -> usize {
        let Some(c) = self.convs.get(conv) else {
            return 0;
        };
        let numbers: Vec<u32> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(n, d)| {
                let d = d.as_ref()?;
                (d.key.conv == c && d.key.ts >= since_ts).then_some(n as u32)
            })
            .collect();
        // From the last, so that the slots dropped from the end leave the others' numbers.
        for &n in numbers.iter().rev() {
            if let Some(doc) = self.doc(n) {
                let key = doc.key;
                self.numbers.remove(&key);
            }
            self.remove_number(n);
        }
        self.compact_if_sparse();
        numbers.len()
    }

    /// The messages matching `query`, newest first, at most `limit`, in `scope` only when
    /// given. Every word of the query must match (a word matches the words it begins, case
    /// and accents aside; CJK text matches where it occurs); a query without words matches
    /// nothing.
    pub fn query(&self, query: &str, scope: Option<&ConversationId>, limit: usize) -> Vec<Hit> {
        let units = parse(query);
        if units.is_empty() || limit == 0 {
            return Vec::new();
        }
        let scope = match scope.map(|c| self.convs.get(c)) {
            Some(None) => return Vec::new(),
            Some(Some(c)) => Some(c),
            None => None,
        };
        let mut candidates = self.candidates(&units);
        if let Some(c) = scope {
            candidates.retain(|&n| self.doc(n).is_some_and(|d| d.key.conv == c));
        }
        self.newest_verified(candidates, &units, limit)
    }

    /// An estimate of the heap the index holds, in bytes: documents (slots, texts), the term
    /// dictionary (keys, postings capacity, ~1.5× the entries for B-tree nodes' slack), the
    /// key map and interned conversations and authors. The allocator's own overhead is not
    /// counted.
    pub fn heap_bytes(&self) -> usize {
        let docs = self.docs.capacity() * size_of::<Option<Doc>>()
            + self
                .docs
                .iter()
                .flatten()
                .map(Doc::heap_bytes)
                .sum::<usize>();
        let entry = size_of::<(Box<str>, Vec<u32>)>();
        let terms = self
            .terms
            .iter()
            .map(|(t, l)| entry * 3 / 2 + t.len() + l.capacity() * size_of::<u32>())
            .sum::<usize>();
        docs + terms
            + map_bytes::<DocKey, u32>(self.numbers.capacity())
            + self.convs.heap_bytes()
            + self.authors.heap_bytes()
    }

    /// Returns spare capacity to the allocator (after a bulk build).
    pub fn shrink_to_fit(&mut self) {
        self.docs.shrink_to_fit();
        self.terms.values_mut().for_each(Vec::shrink_to_fit);
        self.numbers.shrink_to_fit();
    }

    fn doc(&self, number: u32) -> Option<&Doc> {
        self.docs.get(number as usize).and_then(Option::as_ref)
    }

    fn doc_key(&self, key: &MessageKey) -> Option<DocKey> {
        Some(DocKey {
            ts: key.ts,
            conv: self.convs.get(&key.conv)?,
            author: self.authors.get(&key.author)?,
        })
    }

    fn message_key(&self, key: DocKey) -> Option<MessageKey> {
        Some(MessageKey {
            conv: self.convs.value(key.conv)?.clone(),
            ts: key.ts,
            author: *self.authors.value(key.author)?,
        })
    }

    /// Takes document `number` out of its postings and its slot (the key map and compaction
    /// are the caller's: numbers stay valid meanwhile).
    fn remove_number(&mut self, number: u32) {
        let Some(doc) = self.docs.get_mut(number as usize).and_then(Option::take) else {
            return;
        };
        for term in Terms::of(&doc).iter() {
            let Some(list) = self.terms.get_mut(term) else {
                continue;
            };
            if let Ok(i) = list.binary_search(&number) {
                list.remove(i);
            }
            if list.is_empty() {
                self.terms.remove(term);
            }
        }
        self.live -= 1;
        // The newest document replaced (an edit, a status change) costs no slot.
        while self.docs.last().is_some_and(Option::is_none) {
            self.docs.pop();
        }
    }

    /// Renumbers the documents when most slots are empty; the order (so every postings list's)
    /// stays the same.
    fn compact_if_sparse(&mut self) {
        let empty = self.docs.len() - self.live;
        if empty <= COMPACT_MIN_EMPTY || empty <= self.live {
            return;
        }
        let mut renumber = vec![u32::MAX; self.docs.len()];
        let mut next = 0u32;
        for (old, doc) in self.docs.iter().enumerate() {
            if doc.is_some() {
                renumber[old] = next;
                next += 1;
            }
        }
        let map = |n: &mut u32| *n = renumber.get(*n as usize).copied().unwrap_or(u32::MAX);
        self.terms.values_mut().flatten().for_each(map);
        self.numbers.values_mut().for_each(map);
        self.docs.retain(Option::is_some);
        self.shrink_to_fit();
    }

    /// The documents holding every unit's terms (a superset of the hits: a CJK string's pairs
    /// may be apart), ascending. The rarest condition goes first, so that the list carried
    /// along is as short as it can be.
    fn candidates(&self, units: &[Unit]) -> Vec<u32> {
        let mut conditions: Vec<Vec<&Vec<u32>>> = Vec::new();
        for prefix in units.iter().flat_map(Unit::prefixes) {
            let lists = self.lists_with_prefix(prefix);
            if lists.is_empty() {
                return Vec::new();
            }
            conditions.push(lists);
        }
        conditions.sort_unstable_by_key(|lists| lists.iter().map(|l| l.len()).sum::<usize>());
        let mut conditions = conditions.into_iter();
        let Some(first) = conditions.next() else {
            return Vec::new();
        };
        let mut out = self.union(&first);
        for lists in conditions {
            if out.is_empty() {
                break;
            }
            self.keep_in(&mut out, &lists);
        }
        out
    }

    /// The postings lists of the terms that begin with `prefix`.
    fn lists_with_prefix(&self, prefix: &str) -> Vec<&Vec<u32>> {
        self.terms
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(prefix))
            .map(|(_, l)| l)
            .collect()
    }

    fn union(&self, lists: &[&Vec<u32>]) -> Vec<u32> {
        match lists {
            [one] => one.to_vec(),
            _ => {
                let mut bits = Bits::new(self.docs.len());
                bits.insert_all(lists);
                bits.to_sorted()
            }
        }
    }

    /// Keeps in `out` the documents in one of `lists`: by binary search when `out` is short
    /// beside the lists, else through a bit set of their union.
    fn keep_in(&self, out: &mut Vec<u32>, lists: &[&Vec<u32>]) {
        let total: usize = lists.iter().map(|l| l.len()).sum();
        let probes = out.len().saturating_mul(lists.len());
        if probes.saturating_mul(16) < total {
            out.retain(|n| lists.iter().any(|l| l.binary_search(n).is_ok()));
        } else if let [one] = lists {
            intersect_sorted(out, one);
        } else {
            let mut bits = Bits::new(self.docs.len());
            bits.insert_all(lists);
            out.retain(|&n| bits.contains(n));
        }
    }

    /// The first `limit` candidates, newest first, that really match: only the top of the
    /// order is sorted, the rest only if verification dropped some.
    fn newest_verified(&self, candidates: Vec<u32>, units: &[Unit], limit: usize) -> Vec<Hit> {
        let mut ranked: Vec<(u64, u32)> = candidates
            .into_iter()
            .filter_map(|n| self.doc(n).map(|d| (d.key.ts, n)))
            .collect();
        let newest = |a: &(u64, u32), b: &(u64, u32)| Reverse(*a).cmp(&Reverse(*b));
        let top = limit.min(ranked.len());
        if top < ranked.len() {
            ranked.select_nth_unstable_by(top, newest);
        }
        ranked[..top].sort_unstable_by(newest);
        let mut hits = Vec::with_capacity(top);
        for i in 0..ranked.len() {
            if hits.len() == limit {
                break;
            }
            if i == top {
                ranked[top..].sort_unstable_by(newest);
            }
            if let Some(hit) = self.doc(ranked[i].1).and_then(|d| self.verify(d, units)) {
                hits.push(hit);
            }
        }
        hits
    }

    /// The hit `doc` makes, with its highlights, when every unit matches one of its texts.
    fn verify(&self, doc: &Doc, units: &[Unit]) -> Option<Hit> {
        let mut found = vec![false; units.len()];
        let mut matches = Vec::new();
        for (field, text) in doc.fields() {
            let mut ranges = Vec::new();
            fold::tokens(text, |token| {
                let mut folded = Vec::new();
                for (unit, found) in units.iter().zip(found.iter_mut()) {
                    unit.matches_in(&token, |r| {
                        *found = true;
                        folded.push(r);
                    });
                }
                if folded.is_empty() {
                    return;
                }
                let (start, end) = token.span;
                let mut unfolder = fold::Unfolder::new(&text[start..end]);
                for r in merged(folded) {
                    let r = unfolder.range(r);
                    ranges.push(start + r.start..start + r.end);
                }
            });
            if !ranges.is_empty() {
                matches.push(FieldMatch {
                    field,
                    text: text.to_owned(),
                    ranges: merged(ranges),
                });
            }
        }
        if !found.iter().all(|&f| f) {
            return None;
        }
        Some(Hit {
            key: self.message_key(doc.key)?,
            matches,
        })
    }
}

/// What of `msg` is searchable: its text and its files' names and captions; `None` for what
/// shows no text of its own (deleted for everyone, notices).
#[allow(clippy::type_complexity)]
fn searchable(msg: &MessageRecord) -> Option<(Box<str>, Box<[(Field, Box<str>)]>)> {
    if msg.deleted || msg.timer_notice.is_some() || msg.group_notice.is_some() {
        return None;
    }
    let mut extra = Vec::new();
    for (i, a) in msg.attachments.iter().enumerate() {
        if let Some(name) = a.name.as_deref().filter(|n| !n.trim().is_empty()) {
            extra.push((Field::FileName(i), name.into()));
        }
        // The caption travels in the pointer only; an unreadable pointer has none.
        let caption = a
            .attachment()
            .and_then(Result::ok)
            .and_then(|a| a.meta.caption);
        if let Some(caption) = caption.filter(|c| !c.trim().is_empty()) {
            extra.push((Field::Caption(i), caption.into_boxed_str()));
        }
    }
    Some((msg.text.as_str().into(), extra.into_boxed_slice()))
}

/// The distinct terms of a document's texts, in one buffer (a message has a dozen: one
/// allocation rather than one each).
#[derive(Debug, Default)]
struct Terms {
    buf: String,
    spans: Vec<(usize, usize)>,
}

impl Terms {
    fn of(doc: &Doc) -> Terms {
        let mut out = Terms::default();
        for (_, text) in doc.fields() {
            fold::tokens(text, |token| {
                fold::terms(&token, |t| {
                    let start = out.buf.len();
                    out.buf.push_str(t);
                    out.spans.push((start, out.buf.len()));
                })
            });
        }
        let buf = &out.buf;
        out.spans
            .sort_unstable_by(|a, b| buf[a.0..a.1].cmp(&buf[b.0..b.1]));
        out.spans.dedup_by(|a, b| buf[a.0..a.1] == buf[b.0..b.1]);
        out
    }

    fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&(s, e)| &self.buf[s..e])
    }
}

/// Keeps in `out` (ascending) what `list` (ascending) holds: a merge.
fn intersect_sorted(out: &mut Vec<u32>, list: &[u32]) {
    let mut j = 0;
    out.retain(|&n| {
        while list.get(j).is_some_and(|&m| m < n) {
            j += 1;
        }
        list.get(j) == Some(&n)
    });
}

/// `ranges` sorted, with overlapping and touching ones joined.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}
