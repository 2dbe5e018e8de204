//! Inputs for timing merges, shared by `session-cli debug bench` (native) and the app's bench
//! page (wasm) so that both time the very same work (`cargo xtask bench`). Building an input
//! is not part of what is timed: callers clone [`MergeInput::holder`], start the clock, call
//! [`MergeInput::merge`] and stop it, then compare with [`MergeInput::expected`].
//!
//! The contacts look like a real address book: names of varied scripts and lengths, a
//! nickname for one in five, an avatar for one in two, a few pinned, hidden, blocked, muted
//! or with disappearing messages. Everything is derived from the index, so runs repeat.

use super::contacts::{self, Contact};
use super::encrypt::Domain;
use super::fields::{Disappearing, NotifyMode, ProfilePic};
use super::object::ConfigObject;
use super::value::Dict;
use super::ConfigError;
use crate::crypto::hash::blake2b_n;
use crate::identity::{Identity, SessionId};

/// The clock of every push and merge of these inputs (unix milliseconds).
pub const NOW_MS: i64 = 1_700_000_000_000;

/// Revisions the common base of [`competing_contacts`] went through before the race (the
/// first adds the contacts, the others change a few), so that its messages carry lagged
/// diffs as a long-used config does.
const BASE_REVISIONS: i64 = 5;

/// Contacts each competing device changes (besides adding one and removing one).
const CHANGES_PER_DEVICE: usize = 5;

const FIRST_NAMES: [&str; 32] = [
    "Alice",
    "Bilal",
    "Chen",
    "Dmitri",
    "Elena",
    "Fatima",
    "Gustavo",
    "Hana",
    "Inès",
    "Jamal",
    "Kenji",
    "Lucía",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Umar",
    "Valentina",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Aroha",
    "Björn",
    "Анна",
    "Дмитрий",
    "さくら",
    "محمد",
];

const LAST_NAMES: [&str; 24] = [
    "Nakamura",
    "O'Brien",
    "Schmidt",
    "Kowalski",
    "García López",
    "Okafor",
    "Nguyen",
    "Haddad",
    "Johansson",
    "Silva",
    "Petrović",
    "Dubois",
    "Rossi",
    "Kim",
    "Hernández",
    "Andersen",
    "Yılmaz",
    "Papadopoulos",
    "Müller",
    "van der Berg",
    "Иванова",
    "李",
    "",
    "",
];

const NICKNAMES: [&str; 8] = [
    "from work",
    "🏔️ climbing",
    "neighbour",
    "book club",
    "(old number)",
    "cousin",
    "landlord",
    "❤️",
];

/// The merges `cargo xtask bench` times, each one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeCase {
    /// A fresh device opens one pushed config of 2,000 contacts ([`contacts_config`]).
    Contacts2000,
    /// A device holding a 500-contact config merges 10 competing revisions of it
    /// ([`competing_contacts`]).
    Competing10x500,
}

impl MergeCase {
    /// Every case, in the order of the report.
    pub const ALL: [MergeCase; 2] = [MergeCase::Contacts2000, MergeCase::Competing10x500];

    /// Its name in the bench's JSON (the figure is `<name>_ms`).
    pub fn name(self) -> &'static str {
        match self {
            MergeCase::Contacts2000 => "config_merge_2000_contacts",
            MergeCase::Competing10x500 => "config_merge_10x500",
        }
    }

    /// The case of a name.
    pub fn from_name(name: &str) -> Option<MergeCase> {
        MergeCase::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Builds its input (slow: not to be timed).
    pub fn build(self) -> Result<MergeInput, ConfigError> {
        match self {
            MergeCase::Contacts2000 => contacts_config(2_000),
            MergeCase::Competing10x500 => competing_contacts(500, 10),
        }
    }
}

/// A config to merge into, the swarm messages to merge in one call, and what must come out.
#[derive(Debug, Clone)]
pub struct MergeInput {
    /// The device that merges, before the merge (clone it for each run).
    pub holder: ConfigObject,
    /// The messages a poll hands over: `(swarm hash, data)`.
    pub messages: Vec<(String, Vec<u8>)>,
    /// The data the merge must end with.
    pub expected: Dict,
}

impl MergeInput {
    /// Merges [`MergeInput::messages`] into `config` (a clone of the holder): the timed work.
    /// Returns how many swarm hashes were read.
    pub fn merge(&self, config: &mut ConfigObject) -> usize {
        config.merge(&self.messages, NOW_MS).len()
    }

    /// Whether `merged` holds the expected data (checked after the clock stops).
    pub fn check(&self, merged: &ConfigObject) -> bool {
        let mut data = merged.data().clone();
        data.prune();
        data == self.expected
    }

    /// The number of contacts the merge ends with.
    pub fn contacts(&self) -> usize {
        contacts::all(&self.expected).len()
    }
}

/// The account every input belongs to.
pub fn account() -> Identity {
    Identity::from_seed(&[0x5e; 16])
}

/// Sample contact `i`: the same on every call.
pub fn contact(i: u32) -> Contact {
    let n = i.to_le_bytes();
    let key: [u8; 32] = blake2b_n(&[b"bench contact", &n]);
    let mut c = Contact::new(SessionId::from_x25519(key));
    let i = i as usize;
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let last = LAST_NAMES[(i / FIRST_NAMES.len() + i * 7) % LAST_NAMES.len()];
    c.name = if last.is_empty() {
        first.to_owned()
    } else {
        format!("{first} {last}")
    };
    if i % 5 == 0 {
        c.nickname = format!("{first} {}", NICKNAMES[(i / 5) % NICKNAMES.len()]);
    }
    if i % 2 == 1 {
        let file: [u8; 8] = blake2b_n(&[b"bench avatar", &n]);
        c.pic = Some(ProfilePic {
            url: format!(
                "http://filev2.getsession.org/file/{}",
                u64::from_le_bytes(file) % 10_000_000
            ),
            key: blake2b_n(&[b"bench avatar key", &n]),
        });
    }
    c.approved = true;
    c.approved_me = i % 4 != 3;
    c.blocked = i % 61 == 17;
    c.priority = match i % 97 {
        0 => 1,
        50 => -1,
        _ => 0,
    };
    if i % 13 == 4 {
        c.notify = NotifyMode::Disabled;
    }
    if i % 29 == 8 {
        c.mute_until = NOW_MS / 1000 + 7 * 86_400;
    }
    c.disappearing = match i % 17 {
        3 => Disappearing::AfterRead(86_400),
        9 => Disappearing::AfterSend(7 * 86_400),
        _ => Disappearing::Off,
    };
    c.created = NOW_MS / 1000 - 86_400 * 400 + (i as i64) * 5_000;
    c
}

/// The swarm hash a node would give `data` (any unique string does for a merge).
fn swarm_hash(data: &[u8]) -> String {
    hex::encode(blake2b_n::<32>(&[data]))
}

/// Pushes `config` and confirms the push; the messages as a poll would hand them over.
fn push(config: &mut ConfigObject) -> Result<Vec<(String, Vec<u8>)>, ConfigError> {
    let pushed = config.push(None, NOW_MS)?;
    let messages: Vec<(String, Vec<u8>)> = pushed
        .messages
        .into_iter()
        .map(|m| (swarm_hash(&m), m))
        .collect();
    config.confirm_pushed(pushed.seqno, messages.iter().map(|m| m.0.clone()).collect());
    Ok(messages)
}

fn pruned(data: &Dict) -> Dict {
    let mut d = data.clone();
    d.prune();
    d
}

/// One pushed Contacts config holding `count` sample contacts, to be opened by a fresh
/// device (seqno 0): unwrap, decrypt, unpad, reassemble the parts, parse, adopt. Pushed as
/// this app pushes (no compressor), so it is split in parts when large.
pub fn contacts_config(count: u32) -> Result<MergeInput, ConfigError> {
    let account = account();
    let mut writer = ConfigObject::new(&account, Domain::Contacts)?;
    writer.edit(|d| {
        for i in 0..count {
            contacts::set(d, &contact(i));
        }
    });
    let messages = push(&mut writer)?;
    Ok(MergeInput {
        holder: ConfigObject::new(&account, Domain::Contacts)?,
        messages,
        expected: pruned(writer.data()),
    })
}

/// Device `device`'s change during the race: renames or re-nicknames, pins, mutes or blocks
/// a few contacts of its own, adds a new contact and removes an old one. Devices change
/// different contacts.
fn race_change(d: &mut Dict, device: u32, base: u32) {
    for k in 0..CHANGES_PER_DEVICE as u32 {
        let i = (device * CHANGES_PER_DEVICE as u32 + k) % base;
        let mut c = contacts::get_or_new(d, &contact(i).session_id);
        match k {
            0 => c.nickname = format!("nickname from device {device}"),
            1 => c.priority = 1 + i64::from(device),
            2 => c.mute_until = NOW_MS / 1000 + 3_600,
            3 => c.name = format!("{} (new name)", c.name),
            _ => c.blocked = !c.blocked,
        }
        contacts::set(d, &c);
    }
    contacts::set(d, &contact(base + device));
    contacts::erase(d, &contact(base - 1 - device % base).session_id);
}

/// `devices` competing revisions of a config of `base` contacts: every device held the same
/// revision N (5 revisions in), changed different contacts ([`race_change`]) and pushed its
/// own revision N+1. The holder is a device that still holds revision N and merges all of
/// them in one call (a new merged revision N+2).
pub fn competing_contacts(base: u32, devices: u32) -> Result<MergeInput, ConfigError> {
    let account = account();
    let mut first = ConfigObject::new(&account, Domain::Contacts)?;
    first.edit(|d| {
        for i in 0..base {
            contacts::set(d, &contact(i));
        }
    });
    let mut base_messages = push(&mut first)?;
    for r in 1..BASE_REVISIONS {
        first.edit(|d| {
            for k in 0..3 {
                let i = ((r * 3 + k) as u32 * 37) % base.max(1);
                let mut c = contacts::get_or_new(d, &contact(i).session_id);
                c.approved_me = !c.approved_me;
                contacts::set(d, &c);
            }
        });
        base_messages = push(&mut first)?;
    }
    // The holder has read revision N from the swarm, like every competing device.
    let mut holder = ConfigObject::new(&account, Domain::Contacts)?;
    holder.merge(&base_messages, NOW_MS);
    let mut expected = holder.data().clone();
    let mut messages = Vec::new();
    for device in 0..devices {
        let mut other = holder.clone();
        other.edit(|d| race_change(d, device, base));
        race_change(&mut expected, device, base);
        messages.extend(push(&mut other)?);
    }
    Ok(MergeInput {
        holder,
        messages,
        expected: pruned(&expected),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_device_opens_the_whole_config() {
        let input = contacts_config(800).unwrap();
        assert!(input.messages.len() > 1, "a large config comes in parts");
        assert_eq!(input.contacts(), 800);
        let mut c = input.holder.clone();
        assert_eq!(input.merge(&mut c), input.messages.len());
        assert!(input.check(&c));
        let all = contacts::all(c.data());
        assert!(all.iter().any(|c| !c.nickname.is_empty()));
        assert!(all.iter().any(|c| c.pic.is_some()));
        assert!(all.iter().any(|c| c.pic.is_none()));
    }

    #[test]
    fn competing_revisions_merge_into_one_with_every_change() {
        let input = competing_contacts(60, 4).unwrap();
        assert_eq!(input.holder.seqno(), BASE_REVISIONS);
        assert_eq!(input.contacts(), 60);
        let mut c = input.holder.clone();
        assert!(input.merge(&mut c) >= 4);
        assert!(input.check(&c));
        assert_eq!(c.seqno(), BASE_REVISIONS + 2, "a new merged revision");
        assert_ne!(pruned(input.holder.data()), input.expected);
    }

    #[test]
    fn contacts_repeat_and_differ() {
        assert_eq!(contact(7), contact(7));
        assert_ne!(contact(7).session_id, contact(8).session_id);
        assert!(contact(0).name.len() <= crate::config::fields::MAX_NAME_BYTES);
    }
}
