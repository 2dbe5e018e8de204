//! The data tree of a config (groups-and-config.md §1.2): dicts keyed by byte strings whose
//! values are integers, byte strings, sets of scalars, or nested dicts. Records are edited in
//! place so that keys this client does not know survive every write (§8 gotcha 1).

use std::collections::{BTreeMap, BTreeSet};

/// A leaf: what a set holds and what a dict key may map to directly. The derived order is the
/// order of a serialized set: every integer (numerically) before every string (bytewise).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// A signed 64-bit integer.
    Int(i64),
    /// Bytes: UTF-8 text or binary (a key, a 33-byte ID).
    Bytes(Vec<u8>),
}

/// A value in a config dict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An integer or a byte string.
    Scalar(Scalar),
    /// A set of unique scalars; never serialized when empty.
    Set(BTreeSet<Scalar>),
    /// A nested dict; never serialized when empty.
    Dict(Dict),
}

/// A dict of the data tree, keys in bytewise order as bencoding writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dict(pub BTreeMap<Vec<u8>, Value>);

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// Whether nothing is in it.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value at `key`.
    pub fn get(&self, key: &[u8]) -> Option<&Value> {
        self.0.get(key)
    }

    /// The integer at `key`; `None` when absent or of another kind.
    pub fn int(&self, key: &[u8]) -> Option<i64> {
        match self.0.get(key) {
            Some(Value::Scalar(Scalar::Int(i))) => Some(*i),
            _ => None,
        }
    }

    /// The integer at `key`, 0 when absent or of another kind.
    pub fn int_or_zero(&self, key: &[u8]) -> i64 {
        self.int(key).unwrap_or(0)
    }

    /// Whether the flag at `key` is set (the integer 1; absent means false).
    pub fn flag(&self, key: &[u8]) -> bool {
        self.int(key) == Some(1)
    }

    /// The bytes at `key`; `None` when absent or of another kind.
    pub fn bytes(&self, key: &[u8]) -> Option<&[u8]> {
        match self.0.get(key) {
            Some(Value::Scalar(Scalar::Bytes(b))) => Some(b),
            _ => None,
        }
    }

    /// The UTF-8 text at `key` (invalid sequences replaced); `None` when absent.
    pub fn text(&self, key: &[u8]) -> Option<String> {
        self.bytes(key)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// The set at `key`.
    pub fn set(&self, key: &[u8]) -> Option<&BTreeSet<Scalar>> {
        match self.0.get(key) {
            Some(Value::Set(s)) => Some(s),
            _ => None,
        }
    }

    /// The dict at `key`.
    pub fn dict(&self, key: &[u8]) -> Option<&Dict> {
        match self.0.get(key) {
            Some(Value::Dict(d)) => Some(d),
            _ => None,
        }
    }

    /// The dict at `key`, made (replacing a value of another kind) when there is none.
    pub fn dict_mut(&mut self, key: &[u8]) -> &mut Dict {
        let slot = self
            .0
            .entry(key.to_vec())
            .or_insert_with(|| Value::Dict(Dict::new()));
        if !matches!(slot, Value::Dict(_)) {
            *slot = Value::Dict(Dict::new());
        }
        match slot {
            Value::Dict(d) => d,
            _ => unreachable!("made a dict just above"),
        }
    }

    /// The set at `key`, made (replacing a value of another kind) when there is none.
    pub fn set_mut(&mut self, key: &[u8]) -> &mut BTreeSet<Scalar> {
        let slot = self
            .0
            .entry(key.to_vec())
            .or_insert_with(|| Value::Set(BTreeSet::new()));
        if !matches!(slot, Value::Set(_)) {
            *slot = Value::Set(BTreeSet::new());
        }
        match slot {
            Value::Set(s) => s,
            _ => unreachable!("made a set just above"),
        }
    }

    /// Stores `value` at `key`.
    pub fn insert(&mut self, key: &[u8], value: Value) {
        self.0.insert(key.to_vec(), value);
    }

    /// Stores the integer `value` at `key`.
    pub fn set_int(&mut self, key: &[u8], value: i64) {
        self.insert(key, Value::Scalar(Scalar::Int(value)));
    }

    /// Stores `value` at `key`, or removes the key when `value` is 0 (the "nonzero int"
    /// fields of §2).
    pub fn set_nonzero(&mut self, key: &[u8], value: i64) {
        if value == 0 {
            self.remove(key);
        } else {
            self.set_int(key, value);
        }
    }

    /// Stores `value` at `key`, or removes the key when `value` ≤ 0 (the "positive int"
    /// fields of §2).
    pub fn set_positive(&mut self, key: &[u8], value: i64) {
        if value <= 0 {
            self.remove(key);
        } else {
            self.set_int(key, value);
        }
    }

    /// Sets the flag at `key` (the integer 1) or removes it.
    pub fn set_flag(&mut self, key: &[u8], on: bool) {
        if on {
            self.set_int(key, 1);
        } else {
            self.remove(key);
        }
    }

    /// Stores the bytes `value` at `key`.
    pub fn set_bytes(&mut self, key: &[u8], value: &[u8]) {
        self.insert(key, Value::Scalar(Scalar::Bytes(value.to_vec())));
    }

    /// Stores `value` at `key`, or removes the key when `value` is empty (the optional
    /// strings of §2).
    pub fn set_nonempty(&mut self, key: &[u8], value: &[u8]) {
        if value.is_empty() {
            self.remove(key);
        } else {
            self.set_bytes(key, value);
        }
    }

    /// Removes `key`; what it held.
    pub fn remove(&mut self, key: &[u8]) -> Option<Value> {
        self.0.remove(key)
    }

    /// Removes empty sets and empty dicts, recursively (they are never serialized, §1.2).
    pub fn prune(&mut self) {
        self.0.retain(|_, v| match v {
            Value::Scalar(_) => true,
            Value::Set(s) => !s.is_empty(),
            Value::Dict(d) => {
                d.prune();
                !d.is_empty()
            }
        });
    }

    /// The entries, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Vec<u8>, &Value)> {
        self.0.iter()
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Scalar(Scalar::Int(i))
    }
}

impl From<&[u8]> for Value {
    fn from(b: &[u8]) -> Value {
        Value::Scalar(Scalar::Bytes(b.to_vec()))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Scalar(Scalar::Bytes(s.as_bytes().to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_order_integers_before_strings() {
        let mut s = BTreeSet::new();
        s.insert(Scalar::Bytes(b"a".to_vec()));
        s.insert(Scalar::Int(42));
        s.insert(Scalar::Int(-1));
        s.insert(Scalar::Bytes(b"B".to_vec()));
        let order: Vec<_> = s.into_iter().collect();
        assert_eq!(
            order,
            [
                Scalar::Int(-1),
                Scalar::Int(42),
                Scalar::Bytes(b"B".to_vec()),
                Scalar::Bytes(b"a".to_vec())
            ]
        );
    }

    #[test]
    fn prune_drops_empty_containers_at_any_depth_and_keeps_scalars() {
        let mut d = Dict::new();
        d.dict_mut(b"a").dict_mut(b"b").set_mut(b"c");
        d.set_mut(b"s");
        d.set_bytes(b"n", b"");
        d.dict_mut(b"k").set_int(b"x", 0);
        d.prune();
        assert_eq!(
            d.0.keys().cloned().collect::<Vec<_>>(),
            [b"k".to_vec(), b"n".to_vec()]
        );
    }

    #[test]
    fn a_container_of_the_wrong_kind_is_replaced() {
        let mut d = Dict::new();
        d.set_int(b"x", 5);
        d.dict_mut(b"x").set_int(b"y", 1);
        assert_eq!(d.dict(b"x").and_then(|x| x.int(b"y")), Some(1));
        d.set_mut(b"x").insert(Scalar::Int(3));
        assert!(d.dict(b"x").is_none() && d.set(b"x").is_some());
    }
}
