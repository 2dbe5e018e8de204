//! The serialized config message (groups-and-config.md §1.3–§1.8), byte-exact with the
//! official library: the outer dict `#` seqno, `&` data, `<` lagged diffs, `=` diff and, for
//! signed group configs, the `~` signature; its hash; the diff of a revision; and the
//! deterministic merge of competing messages.
//!
//! Two types:
//! - [`ConfigMessage`]: a fixed message — parsed, merged, blank, or a finished revision.
//!   Its [`hash`](ConfigMessage::hash) is that of the bytes it came from (or was made as).
//! - [`MutableConfigMessage`]: a revision being edited ([`ConfigMessage::increment`]); its `=`
//!   diff is computed when it is serialized, from the data it started with.
//!
//! A dump stores [`ConfigMessage::serialize`]; [`ConfigMessage::parse`] (with the same
//! verifier) or [`ConfigMessage::parse_trusting_signature`] gives the same message back.

use std::collections::{BTreeMap, BTreeSet};

use super::bt::{self, Reader};
use super::value::{Dict, Scalar, Value};
use super::ConfigError;
use crate::crypto::hash::blake2b_n;

/// How many seqnos of history a message carries and takes part in a merge (the library's
/// `DEFAULT_DIFF_LAGS`): a message keeps the diffs of seqnos `s−4 … s−1`, and one `LAG` or
/// more behind the newest is dropped from a merge.
pub const LAG: i64 = 5;

/// `H_32` of a serialized message (§1.4).
pub type Hash = [u8; 32];

/// A message's identity in lagged diffs and in the merge order: `(seqno, hash)`.
pub type SeqnoHash = (i64, Hash);

/// Checks an Ed25519 signature (second argument) over the signed bytes (first argument, §1.8).
pub type Verifier<'a> = &'a dyn Fn(&[u8], &[u8; 64]) -> bool;

/// Signs the bytes to be signed (§1.8), returning the Ed25519 signature.
pub type Signer<'a> = &'a dyn Fn(&[u8]) -> [u8; 64];

/// One entry of a diff (§1.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diff {
    /// `0:` — a scalar was assigned (added or changed).
    Assigned,
    /// `1:-` — a scalar was removed.
    Removed,
    /// `l l…e l…e e` — elements added to and removed from a set.
    Set {
        /// Elements added.
        added: BTreeSet<Scalar>,
        /// Elements removed.
        removed: BTreeSet<Scalar>,
    },
    /// Changes inside a nested dict.
    Dict(DiffDict),
}

/// A diff: what changed at each key of a dict.
pub type DiffDict = BTreeMap<Vec<u8>, Diff>;

/// The unkeyed BLAKE2b-256 of serialized bytes (§1.4).
pub fn hash_bytes(serialized: &[u8]) -> Hash {
    blake2b_n::<32>(&[serialized])
}

/// A fixed config message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigMessage {
    seqno: i64,
    hash: Hash,
    data: Dict,
    diff: DiffDict,
    lagged: BTreeMap<SeqnoHash, DiffDict>,
    /// Unknown top-level keys and their canonical bencoded values, re-emitted in place.
    unknown: BTreeMap<Vec<u8>, Vec<u8>>,
    signature: Option<[u8; 64]>,
}

/// A revision being edited: the next seqno after a message, whose `=` diff is the difference
/// between its data now and its data when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutableConfigMessage {
    seqno: i64,
    data: Dict,
    orig: Dict,
    lagged: BTreeMap<SeqnoHash, DiffDict>,
    unknown: BTreeMap<Vec<u8>, Vec<u8>>,
}

/// Which message a merge produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The input at this index already included every other usable input: it is the result,
    /// unchanged.
    Unmerged(usize),
    /// A new merge message (seqno one above the highest, empty diff) was made; it must be pushed.
    Merged,
}

/// What [`ConfigMessage::merge`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeResult {
    /// The resulting message.
    pub message: ConfigMessage,
    /// Whether it is one of the inputs or a new merge.
    pub outcome: MergeOutcome,
    /// Inputs that could not be read (or failed signature checks), by index, with why. Leave
    /// them alone: they may come from a newer client.
    pub unparsable: Vec<(usize, ConfigError)>,
    /// Readable inputs that did not become the result (included in it, duplicates, too old,
    /// merged into it, or outranked): obsolete, to delete from the swarm. Ascending indices.
    pub redundant: Vec<usize>,
}

/// Whether a lagged row of `row` belongs in a message of seqno `seqno`.
fn in_window(row: i64, seqno: i64) -> bool {
    let (row, seqno) = (i128::from(row), i128::from(seqno));
    row < seqno && row > seqno - i128::from(LAG)
}

impl ConfigMessage {
    /// The empty message of seqno 0: `d1:#i0e1:&de1:<le1:=dee` (T1.1).
    pub fn blank() -> ConfigMessage {
        let mut m = ConfigMessage {
            seqno: 0,
            hash: [0; 32],
            data: Dict::new(),
            diff: DiffDict::new(),
            lagged: BTreeMap::new(),
            unknown: BTreeMap::new(),
            signature: None,
        };
        m.hash = hash_bytes(&m.serialize(None));
        m
    }

    /// Reads a serialized message, strictly (§1.2–§1.3). With a `verifier` the `~` signature
    /// must be present and valid (§1.8), and is kept so that [`serialize`](Self::serialize)
    /// gives the same bytes back; without one a signature is accepted unchecked and dropped,
    /// as the official library does.
    pub fn parse(bytes: &[u8], verifier: Option<Verifier<'_>>) -> Result<Self, ConfigError> {
        parse_message(bytes, verifier, false)
    }

    /// Reads a message from a local dump: any signature is kept without being checked.
    pub fn parse_trusting_signature(bytes: &[u8]) -> Result<Self, ConfigError> {
        parse_message(bytes, None, true)
    }

    /// The seqno.
    pub fn seqno(&self) -> i64 {
        self.seqno
    }

    /// `H_32` of the bytes this message was read from or made as (§1.4).
    pub fn hash(&self) -> &Hash {
        &self.hash
    }

    /// `(seqno, hash)`.
    pub fn seqno_hash(&self) -> SeqnoHash {
        (self.seqno, self.hash)
    }

    /// The data (`&`).
    pub fn data(&self) -> &Dict {
        &self.data
    }

    /// The diff of this revision (`=`).
    pub fn diff(&self) -> &DiffDict {
        &self.diff
    }

    /// The diffs of earlier revisions (`<`) by `(seqno, hash)`.
    pub fn lagged(&self) -> &BTreeMap<SeqnoHash, DiffDict> {
        &self.lagged
    }

    /// The kept signature (verified, trusted, or made by the signer of a merge).
    pub fn signature(&self) -> Option<&[u8; 64]> {
        self.signature.as_ref()
    }

    /// The serialization: the kept signature if there is one, else one made by `signer` if
    /// given, else unsigned.
    pub fn serialize(&self, signer: Option<Signer<'_>>) -> Vec<u8> {
        let signing = match &self.signature {
            Some(sig) => Signing::Kept(sig),
            None => signer.map_or(Signing::None, Signing::With),
        };
        serialize_message(
            self.seqno,
            &self.data,
            &self.lagged,
            &self.diff,
            &self.unknown,
            signing,
        )
        .0
    }

    /// A new revision on top of this message (§1.6): seqno + 1, this message's diff becomes a
    /// lagged row, its data is the starting point of the new diff. Unknown keys carry over; the
    /// signature does not. (At seqno `i64::MAX` the seqno stays.)
    pub fn increment(&self) -> MutableConfigMessage {
        let mut lagged: BTreeMap<SeqnoHash, DiffDict> = self
            .lagged
            .iter()
            .filter(|((s, _), _)| in_window(*s, self.seqno))
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        lagged.insert(self.seqno_hash(), self.diff.clone());
        MutableConfigMessage {
            seqno: self.seqno.saturating_add(1),
            data: self.data.clone(),
            orig: self.data.clone(),
            lagged,
            unknown: self.unknown.clone(),
        }
    }

    /// This message made editable at the same seqno, its current data the start of the diff
    /// (so it serializes with an empty `=` until edited): what the library does with a merge
    /// result while it has unpushed changes (its "dirty" merge).
    ///
    /// Note: the library's clean-state path (`MutableConfigMessage(ConfigMessage&&,
    /// retain_seqno)` in `ConfigBase::_merge`) starts the diff from an *empty* dict, so its
    /// pushed merge carries every value as added; [`Self::retain_seqno_from_empty`] reproduces
    /// that.
    pub fn retain_seqno(self) -> MutableConfigMessage {
        let orig = self.data.clone();
        self.into_mutable(orig)
    }

    /// Like [`retain_seqno`](Self::retain_seqno) but with the diff started from an empty dict,
    /// as the library's clean-state merge path does (see there).
    pub fn retain_seqno_from_empty(self) -> MutableConfigMessage {
        self.into_mutable(Dict::new())
    }

    fn into_mutable(self, orig: Dict) -> MutableConfigMessage {
        MutableConfigMessage {
            seqno: self.seqno,
            data: self.data,
            orig,
            lagged: self.lagged,
            unknown: self.unknown,
        }
    }

    /// Merges serialized messages (§1.7), exactly as the library: unreadable inputs (and,
    /// with a `verifier`, unsigned or badly signed ones) are set aside; inputs contained in
    /// another's lagged diffs, duplicates and those [`LAG`] or more behind the newest are
    /// redundant; if one input remains it is the result, else a merge of seqno `max + 1` is
    /// built (signed with `signer` if given).
    ///
    /// Signed configs whose holder cannot sign (a `verifier` but no `signer`: a group member
    /// without the admin key) take the remaining input of highest `(seqno, hash)` instead of
    /// merging; an admin publishes the merge.
    pub fn merge(
        inputs: &[&[u8]],
        verifier: Option<Verifier<'_>>,
        signer: Option<Signer<'_>>,
    ) -> Result<MergeResult, ConfigError> {
        let mut unparsable = Vec::new();
        let mut parsed: Vec<(usize, ConfigMessage)> = Vec::new();
        for (i, bytes) in inputs.iter().enumerate() {
            match ConfigMessage::parse(bytes, verifier) {
                Ok(m) => parsed.push((i, m)),
                Err(e) => unparsable.push((i, e)),
            }
        }
        let max = parsed
            .iter()
            .map(|(_, m)| m.seqno)
            .max()
            .ok_or(ConfigError::NothingToMerge)?;

        let n = parsed.len();
        let mut redundant = vec![false; n];
        for i in 0..n {
            let sh = parsed[i].1.seqno_hash();
            redundant[i] = (0..n).any(|j| {
                j != i
                    && (parsed[j].1.lagged.contains_key(&sh)
                        || (j < i && parsed[j].1.seqno_hash() == sh))
            });
            if i128::from(parsed[i].1.seqno) + i128::from(LAG) <= i128::from(max) {
                redundant[i] = true;
            }
        }
        let live: Vec<usize> = (0..n).filter(|&i| !redundant[i]).collect();

        let chosen = match live.as_slice() {
            [] => return Err(ConfigError::NothingToMerge),
            [only] => Some(*only),
            _ if verifier.is_some() && signer.is_none() => {
                let mut best = live[0];
                for &i in &live[1..] {
                    if parsed[i].1.seqno_hash() > parsed[best].1.seqno_hash() {
                        best = i;
                    }
                }
                Some(best)
            }
            _ => None,
        };
        let others = |keep: Option<usize>| -> Vec<usize> {
            (0..n)
                .filter(|&i| Some(i) != keep)
                .map(|i| parsed[i].0)
                .collect()
        };
        if let Some(c) = chosen {
            let redundant = others(Some(c));
            let (index, message) = parsed.swap_remove(c);
            return Ok(MergeResult {
                message,
                outcome: MergeOutcome::Unmerged(index),
                unparsable,
                redundant,
            });
        }
        let redundant_inputs = others(None);

        let mut sources: Vec<&ConfigMessage> = live.iter().map(|&i| &parsed[i].1).collect();
        sources.sort_by_key(|m| std::cmp::Reverse(m.seqno_hash()));
        let seqno = max.saturating_add(1);
        let mut data = sources.first().map(|m| m.data.clone()).unwrap_or_default();

        // Every diff once, by (seqno, hash); a higher-ranked message's copy wins.
        let mut replay: BTreeMap<SeqnoHash, (&Dict, &DiffDict)> = BTreeMap::new();
        for m in &sources {
            replay.entry(m.seqno_hash()).or_insert((&m.data, &m.diff));
            for (sh, diff) in &m.lagged {
                replay.entry(*sh).or_insert((&m.data, diff));
            }
        }
        let mut lagged = BTreeMap::new();
        for (sh, (source, diff)) in &replay {
            apply_diff(&mut data, diff, source);
            if in_window(sh.0, seqno) {
                lagged.insert(*sh, (*diff).clone());
            }
        }
        data.prune();

        let mut message = ConfigMessage {
            seqno,
            hash: [0; 32],
            data,
            diff: DiffDict::new(),
            lagged,
            unknown: BTreeMap::new(),
            signature: None,
        };
        let (bytes, signature) = serialize_message(
            message.seqno,
            &message.data,
            &message.lagged,
            &message.diff,
            &message.unknown,
            signer.map_or(Signing::None, Signing::With),
        );
        message.hash = hash_bytes(&bytes);
        message.signature = signature;
        Ok(MergeResult {
            message,
            outcome: MergeOutcome::Merged,
            unparsable,
            redundant: redundant_inputs,
        })
    }
}

impl MutableConfigMessage {
    /// An empty revision at `seqno` with no history (the library's `MutableConfigMessage{seqno}`):
    /// everything put in its data is "added".
    pub fn new(seqno: i64) -> MutableConfigMessage {
        MutableConfigMessage {
            seqno,
            data: Dict::new(),
            orig: Dict::new(),
            lagged: BTreeMap::new(),
            unknown: BTreeMap::new(),
        }
    }

    /// The seqno.
    pub fn seqno(&self) -> i64 {
        self.seqno
    }

    /// The data.
    pub fn data(&self) -> &Dict {
        &self.data
    }

    /// The data, to edit. Empty sets and dicts left behind are pruned when serializing.
    pub fn data_mut(&mut self) -> &mut Dict {
        &mut self.data
    }

    /// Replays `diff`, the changes of another revision whose data is `source`, onto this one:
    /// how a local edit survives a merge that dropped its revision as too old.
    pub fn replay(&mut self, diff: &DiffDict, source: &Dict) {
        apply_diff(&mut self.data, diff, source);
        self.data.prune();
    }

    /// Prunes the data and computes this revision's diff (§1.5).
    pub fn diff(&mut self) -> DiffDict {
        self.data.prune();
        diff_dicts(&self.orig, &self.data)
    }

    /// Prunes the data and serializes, signing with `signer` if given.
    pub fn serialize(&mut self, signer: Option<Signer<'_>>) -> Vec<u8> {
        let diff = self.diff();
        serialize_message(
            self.seqno,
            &self.data,
            &self.lagged,
            &diff,
            &self.unknown,
            signer.map_or(Signing::None, Signing::With),
        )
        .0
    }

    /// `H_32` of [`serialize`](Self::serialize) with the same signer.
    pub fn hash(&mut self, signer: Option<Signer<'_>>) -> Hash {
        hash_bytes(&self.serialize(signer))
    }

    /// The fixed message this revision serializes to now (signed with `signer` if given).
    pub fn to_message(&mut self, signer: Option<Signer<'_>>) -> ConfigMessage {
        let diff = self.diff();
        let lagged: BTreeMap<SeqnoHash, DiffDict> = self
            .lagged
            .iter()
            .filter(|((s, _), _)| in_window(*s, self.seqno))
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        let (bytes, signature) = serialize_message(
            self.seqno,
            &self.data,
            &lagged,
            &diff,
            &self.unknown,
            signer.map_or(Signing::None, Signing::With),
        );
        ConfigMessage {
            seqno: self.seqno,
            hash: hash_bytes(&bytes),
            data: self.data.clone(),
            diff,
            lagged,
            unknown: self.unknown.clone(),
            signature,
        }
    }

    /// The next revision after this one as it serializes now (with `signer`).
    pub fn increment(&mut self, signer: Option<Signer<'_>>) -> MutableConfigMessage {
        self.to_message(signer).increment()
    }
}

// ----- diffs -----

fn added_all(v: &Value) -> Option<Diff> {
    match v {
        Value::Scalar(_) => Some(Diff::Assigned),
        Value::Set(s) if !s.is_empty() => Some(Diff::Set {
            added: s.clone(),
            removed: BTreeSet::new(),
        }),
        Value::Dict(d) if !d.is_empty() => Some(Diff::Dict(diff_dicts(&Dict::new(), d))),
        _ => None,
    }
}

fn removed_all(v: &Value) -> Option<Diff> {
    match v {
        Value::Scalar(_) => Some(Diff::Removed),
        Value::Set(s) if !s.is_empty() => Some(Diff::Set {
            added: BTreeSet::new(),
            removed: s.clone(),
        }),
        Value::Dict(d) if !d.is_empty() => Some(Diff::Dict(diff_dicts(d, &Dict::new()))),
        _ => None,
    }
}

/// The diff from `old` to `new` (§1.5): removed containers as the removal of their contents,
/// a change of kind as a fresh addition, identical values as nothing.
fn diff_dicts(old: &Dict, new: &Dict) -> DiffDict {
    let mut out = DiffDict::new();
    for (k, o) in old.iter() {
        if new.get(k).is_none() {
            if let Some(d) = removed_all(o) {
                out.insert(k.clone(), d);
            }
        }
    }
    for (k, n) in new.iter() {
        let change = match (old.get(k), n) {
            (Some(Value::Scalar(a)), Value::Scalar(b)) => (a != b).then_some(Diff::Assigned),
            (Some(Value::Dict(a)), Value::Dict(b)) => {
                let sub = diff_dicts(a, b);
                (!sub.is_empty()).then_some(Diff::Dict(sub))
            }
            (Some(Value::Set(a)), Value::Set(b)) => {
                let added: BTreeSet<Scalar> = b.difference(a).cloned().collect();
                let removed: BTreeSet<Scalar> = a.difference(b).cloned().collect();
                (!added.is_empty() || !removed.is_empty()).then_some(Diff::Set { added, removed })
            }
            _ => added_all(n),
        };
        if let Some(d) = change {
            out.insert(k.clone(), d);
        }
    }
    out
}

/// Replays `diff` onto `data`, taking values from `source`, the data of the message that
/// carried the diff (§1.7 step 6.4). Leaves empty containers for the caller to prune.
fn apply_diff(data: &mut Dict, diff: &DiffDict, source: &Dict) {
    for (k, d) in diff {
        match (d, source.get(k)) {
            (Diff::Removed, Some(Value::Scalar(_))) => {
                data.remove(k);
            }
            (Diff::Assigned, Some(Value::Scalar(s))) => {
                data.insert(k, Value::Scalar(s.clone()));
            }
            (Diff::Dict(sub), Some(Value::Dict(src))) => apply_diff(data.dict_mut(k), sub, src),
            (Diff::Set { added, removed }, Some(Value::Set(_))) => {
                let set = data.set_mut(k);
                set.extend(added.iter().cloned());
                for r in removed {
                    set.remove(r);
                }
            }
            // Gone from the source, or of another kind there: a later diff removes it or
            // changes its kind, so it goes now.
            _ => {
                data.remove(k);
            }
        }
    }
}

// ----- writing -----

enum Signing<'a, 's> {
    None,
    Kept(&'a [u8; 64]),
    With(Signer<'s>),
}

fn put_scalar(out: &mut Vec<u8>, s: &Scalar) {
    match s {
        Scalar::Int(i) => bt::put_int(out, *i),
        Scalar::Bytes(b) => bt::put_bytes(out, b),
    }
}

fn put_set(out: &mut Vec<u8>, s: &BTreeSet<Scalar>) {
    out.push(b'l');
    for x in s {
        put_scalar(out, x);
    }
    out.push(b'e');
}

fn put_data(out: &mut Vec<u8>, d: &Dict) {
    out.push(b'd');
    for (k, v) in d.iter() {
        match v {
            Value::Scalar(s) => {
                bt::put_bytes(out, k);
                put_scalar(out, s);
            }
            Value::Set(s) if !s.is_empty() => {
                bt::put_bytes(out, k);
                put_set(out, s);
            }
            Value::Dict(sub) if !sub.is_empty() => {
                bt::put_bytes(out, k);
                put_data(out, sub);
            }
            _ => {}
        }
    }
    out.push(b'e');
}

fn put_diff(out: &mut Vec<u8>, d: &DiffDict) {
    out.push(b'd');
    for (k, v) in d {
        bt::put_bytes(out, k);
        match v {
            Diff::Assigned => bt::put_bytes(out, b""),
            Diff::Removed => bt::put_bytes(out, b"-"),
            Diff::Set { added, removed } => {
                out.push(b'l');
                put_set(out, added);
                put_set(out, removed);
                out.push(b'e');
            }
            Diff::Dict(sub) => put_diff(out, sub),
        }
    }
    out.push(b'e');
}

/// Writes every unknown key sorting before `limit` (all remaining when `None`).
fn put_unknowns<'u>(
    out: &mut Vec<u8>,
    unknown: &mut std::iter::Peekable<impl Iterator<Item = (&'u Vec<u8>, &'u Vec<u8>)>>,
    limit: Option<&[u8]>,
) {
    while let Some((k, v)) = unknown.next_if(|(k, _)| limit.is_none_or(|l| k.as_slice() < l)) {
        bt::put_bytes(out, k);
        out.extend_from_slice(v);
    }
}

/// The serialization and the signature it ends with, if any.
fn serialize_message(
    seqno: i64,
    data: &Dict,
    lagged: &BTreeMap<SeqnoHash, DiffDict>,
    diff: &DiffDict,
    unknown: &BTreeMap<Vec<u8>, Vec<u8>>,
    signing: Signing<'_, '_>,
) -> (Vec<u8>, Option<[u8; 64]>) {
    let mut out = Vec::new();
    let mut unknown = unknown.iter().peekable();
    out.push(b'd');
    bt::put_bytes(&mut out, b"#");
    bt::put_int(&mut out, seqno);
    put_unknowns(&mut out, &mut unknown, Some(b"&"));
    bt::put_bytes(&mut out, b"&");
    put_data(&mut out, data);
    put_unknowns(&mut out, &mut unknown, Some(b"<"));
    bt::put_bytes(&mut out, b"<");
    out.push(b'l');
    for ((s, h), d) in lagged {
        if in_window(*s, seqno) {
            out.push(b'l');
            bt::put_int(&mut out, *s);
            bt::put_bytes(&mut out, h);
            put_diff(&mut out, d);
            out.push(b'e');
        }
    }
    out.push(b'e');
    put_unknowns(&mut out, &mut unknown, Some(b"="));
    bt::put_bytes(&mut out, b"=");
    put_diff(&mut out, diff);
    put_unknowns(&mut out, &mut unknown, None);
    let signature = match signing {
        Signing::None => None,
        Signing::Kept(sig) => Some(*sig),
        Signing::With(signer) => Some(signer(&out)),
    };
    if let Some(sig) = &signature {
        bt::put_bytes(&mut out, b"~");
        bt::put_bytes(&mut out, sig);
    }
    out.push(b'e');
    (out, signature)
}

// ----- reading -----

fn bad(why: &'static str) -> ConfigError {
    ConfigError::Malformed(why)
}

fn parse_message(
    bytes: &[u8],
    verifier: Option<Verifier<'_>>,
    trust_signature: bool,
) -> Result<ConfigMessage, ConfigError> {
    let mut r = Reader::new(bytes);
    let depth = bt::deeper(0)?;
    r.expect(b'd', "a config message is a dict")?;
    let mut prev = None;

    let seqno = match r.key(&mut prev)? {
        Some(k) if k < &b"#"[..] => return Err(ConfigError::FutureFormat),
        Some(b"#") => r.int()?,
        _ => return Err(bad("first key must be #")),
    };
    let mut unknown = BTreeMap::new();
    let mut key = read_unknowns(&mut r, &mut prev, &mut unknown, b"&", depth)?;
    let data = match key {
        Some(b"&") => read_data(&mut r, depth, true)?,
        _ => return Err(bad("no & data dict")),
    };
    key = read_unknowns(&mut r, &mut prev, &mut unknown, b"<", depth)?;
    let mut lagged = BTreeMap::new();
    if key == Some(&b"<"[..]) {
        lagged = read_lagged(&mut r, seqno, depth)?;
        key = read_unknowns(&mut r, &mut prev, &mut unknown, b"=", depth)?;
    } else {
        key = read_unknowns_from(key, &mut r, &mut prev, &mut unknown, b"=", depth)?;
    }
    let mut diff = DiffDict::new();
    if key == Some(&b"="[..]) {
        diff = read_diff(&mut r, depth)?;
        key = read_unknowns(&mut r, &mut prev, &mut unknown, b"~", depth)?;
    } else {
        key = read_unknowns_from(key, &mut r, &mut prev, &mut unknown, b"~", depth)?;
    }

    let mut signature = None;
    if key == Some(&b"~"[..]) {
        // The signed bytes end just before the `1:~` key.
        let signed = r
            .pos()
            .checked_sub(3)
            .and_then(|end| bytes.get(..end))
            .ok_or(bad("signature position"))?;
        let sig: [u8; 64] = r
            .bytes()
            .map_err(|_| bad("signature is not a string"))?
            .try_into()
            .map_err(|_| ConfigError::Signature)?;
        if let Some(verify) = verifier {
            if !verify(signed, &sig) {
                return Err(ConfigError::Signature);
            }
        }
        if verifier.is_some() || trust_signature {
            signature = Some(sig);
        }
        key = r.key(&mut prev)?;
    } else if verifier.is_some() {
        // All keys before `~` are read: the signature is missing.
        return Err(ConfigError::Signature);
    }
    if key.is_some() {
        return Err(bad("key after ~"));
    }
    if !r.is_done() {
        return Err(bad("bytes after the message"));
    }
    Ok(ConfigMessage {
        seqno,
        hash: hash_bytes(bytes),
        data,
        diff,
        lagged,
        unknown,
        signature,
    })
}

/// Reads the next key, then unknown keys while they sort before `until`; the first key not
/// consumed (or `None` at the end of the dict).
fn read_unknowns<'a>(
    r: &mut Reader<'a>,
    prev: &mut Option<&'a [u8]>,
    unknown: &mut BTreeMap<Vec<u8>, Vec<u8>>,
    until: &[u8],
    depth: usize,
) -> Result<Option<&'a [u8]>, ConfigError> {
    let key = r.key(prev)?;
    read_unknowns_from(key, r, prev, unknown, until, depth)
}

/// As [`read_unknowns`], starting from the already-read `key`.
fn read_unknowns_from<'a>(
    mut key: Option<&'a [u8]>,
    r: &mut Reader<'a>,
    prev: &mut Option<&'a [u8]>,
    unknown: &mut BTreeMap<Vec<u8>, Vec<u8>>,
    until: &[u8],
    depth: usize,
) -> Result<Option<&'a [u8]>, ConfigError> {
    while let Some(k) = key {
        if k >= until {
            break;
        }
        unknown.insert(k.to_vec(), r.raw_value(depth)?.to_vec());
        key = r.key(prev)?;
    }
    Ok(key)
}

fn read_scalar(r: &mut Reader<'_>) -> Result<Scalar, ConfigError> {
    match r.peek() {
        Some(b'i') => Ok(Scalar::Int(r.int()?)),
        Some(b'0'..=b'9') => Ok(Scalar::Bytes(r.bytes()?.to_vec())),
        _ => Err(bad("set element is not an integer or string")),
    }
}

/// A list of scalars in strictly increasing set order (ints first), possibly empty.
fn read_sorted_scalars(r: &mut Reader<'_>, depth: usize) -> Result<BTreeSet<Scalar>, ConfigError> {
    bt::deeper(depth)?;
    r.expect(b'l', "expected a list of set elements")?;
    let mut set = BTreeSet::new();
    while !r.at_end() {
        let x = read_scalar(r)?;
        if set.last().is_some_and(|last| &x <= last) {
            return Err(bad("set elements unsorted or repeated"));
        }
        set.insert(x);
    }
    Ok(set)
}

fn read_data(r: &mut Reader<'_>, depth: usize, top_level: bool) -> Result<Dict, ConfigError> {
    let depth = bt::deeper(depth)?;
    r.expect(b'd', "expected a data dict")?;
    let mut d = Dict::new();
    let mut prev = None;
    while let Some(k) = r.key(&mut prev)? {
        let v = match r.peek() {
            Some(b'd') => Value::Dict(read_data(r, depth, false)?),
            Some(b'l') => {
                let s = read_sorted_scalars(r, depth)?;
                if s.is_empty() {
                    return Err(bad("empty set in data"));
                }
                Value::Set(s)
            }
            _ => Value::Scalar(read_scalar(r).map_err(|_| bad("invalid value in data"))?),
        };
        d.0.insert(k.to_vec(), v);
    }
    if !top_level && d.is_empty() {
        return Err(bad("empty dict in data"));
    }
    Ok(d)
}

fn read_diff(r: &mut Reader<'_>, depth: usize) -> Result<DiffDict, ConfigError> {
    let depth = bt::deeper(depth)?;
    r.expect(b'd', "expected a diff dict")?;
    let mut d = DiffDict::new();
    let mut prev = None;
    while let Some(k) = r.key(&mut prev)? {
        let v = match r.peek() {
            Some(b'0'..=b'9') => match r.bytes()? {
                b"" => Diff::Assigned,
                b"-" => Diff::Removed,
                _ => return Err(bad("diff string is neither \"\" nor \"-\"")),
            },
            Some(b'l') => {
                let inner = bt::deeper(depth)?;
                r.expect(b'l', "expected a set diff")?;
                let added = read_sorted_scalars(r, inner)?;
                let removed = read_sorted_scalars(r, inner)?;
                r.expect(b'e', "set diff is not exactly two lists")?;
                Diff::Set { added, removed }
            }
            Some(b'd') => Diff::Dict(read_diff(r, depth)?),
            _ => return Err(bad("invalid value in diff")),
        };
        d.insert(k.to_vec(), v);
    }
    Ok(d)
}

fn read_lagged(
    r: &mut Reader<'_>,
    seqno: i64,
    depth: usize,
) -> Result<BTreeMap<SeqnoHash, DiffDict>, ConfigError> {
    let depth = bt::deeper(depth)?;
    r.expect(b'l', "lagged diffs are not a list")?;
    let mut rows = BTreeMap::new();
    while !r.at_end() {
        let row_depth = bt::deeper(depth)?;
        r.expect(b'l', "lagged diff row is not a list")?;
        let s = r.int()?;
        if s >= seqno {
            return Err(bad("lagged seqno not below the message seqno"));
        }
        if !in_window(s, seqno) {
            // Too old: dropped unread, as the library does.
            while !r.at_end() {
                r.raw_value(row_depth)?;
            }
            continue;
        }
        let hash: Hash = r
            .bytes()?
            .try_into()
            .map_err(|_| bad("lagged diff hash is not 32 bytes"))?;
        let sh = (s, hash);
        if rows.last_key_value().is_some_and(|(last, _)| &sh <= last) {
            return Err(bad("lagged diffs unsorted or repeated"));
        }
        let diff = read_diff(r, row_depth)?;
        r.expect(b'e', "lagged diff row is not exactly 3 elements")?;
        rows.insert(sh, diff);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_the_empty_message() {
        let m = ConfigMessage::blank();
        assert_eq!(m.serialize(None), b"d1:#i0e1:&de1:<le1:=dee");
        assert_eq!(ConfigMessage::parse(&m.serialize(None), None), Ok(m));
    }

    #[test]
    fn identical_assignment_gives_no_diff_and_kind_change_is_an_addition() {
        let mut m = ConfigMessage::blank().increment();
        m.data_mut().set_int(b"a", 1);
        m.data_mut().set_mut(b"s").insert(Scalar::Int(3));
        let mut next = m.increment(None);
        next.data_mut().set_int(b"a", 1);
        assert!(next.diff().is_empty());
        next.data_mut().dict_mut(b"s").set_int(b"x", 2);
        let mut expected = DiffDict::new();
        expected.insert(b"x".to_vec(), Diff::Assigned);
        assert_eq!(next.diff().get(&b"s"[..]), Some(&Diff::Dict(expected)));
    }

    #[test]
    fn unknown_keys_are_kept_in_place() {
        let raw = b"d1:#i3e1:$i7e1:&d1:ai1ee1:<le2:<a3:abc1:=de1:}d1:xi1eee";
        let m = ConfigMessage::parse(raw, None).unwrap();
        assert_eq!(m.serialize(None), raw);
        let mut next = m.increment();
        let out = next.serialize(None);
        assert!(out.starts_with(b"d1:#i4e1:$i7e1:&"));
        assert!(out.ends_with(b"1:}d1:xi1eee"));
    }
}
