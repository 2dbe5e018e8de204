//! The rules of the group forms (making a group, adding members, editing its name and
//! description): which contacts can be picked, which pasted Session IDs are valid and why the
//! others are not, how many members the group would have, and what keeps a form from being
//! sent. The components only render these.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;

use super::conversations::title;
use super::recipient::parse_recipient;
use crate::storage::ConversationRecord;
use crate::t;

pub use session_core::group::info::{MAX_DESCRIPTION_BYTES, MAX_NAME_BYTES};
pub use session_core::group::MAX_MEMBERS;

/// A contact that can be picked as a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Their account.
    pub id: SessionId,
    /// Their name as the list shows it (our nickname, their name, or a short ID).
    pub name: String,
}

/// The account's contacts that can be picked: its direct chats (not requests, not blocked),
/// leaving out `exclude` (the members a group has already), by name.
pub fn contacts(list: &[ConversationRecord], exclude: &[SessionId]) -> Vec<Contact> {
    let mut out: Vec<Contact> = list
        .iter()
        .filter(|c| !c.is_request() && !c.settings.blocked)
        .filter_map(|c| match &c.id {
            ConversationId::Direct(id) if !exclude.contains(id) => Some(Contact {
                id: *id,
                name: title(c),
            }),
            _ => None,
        })
        .collect();
    out.sort_by_key(|c| (c.name.to_lowercase(), c.id));
    out.dedup_by_key(|c| c.id);
    out
}

/// The contacts whose name or Session ID contains `query` (case aside); all of them for an
/// empty query.
pub fn filter_contacts(contacts: &[Contact], query: &str) -> Vec<Contact> {
    let q = query.trim().to_lowercase();
    contacts
        .iter()
        .filter(|c| {
            q.is_empty() || c.name.to_lowercase().contains(&q) || c.id.to_hex().contains(&q)
        })
        .cloned()
        .collect()
}

/// A pasted piece of text that is not an account's Session ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadId {
    /// What was pasted (shortened when long).
    pub text: String,
    /// Why it is not a Session ID.
    pub reason: String,
}

/// What the "Session IDs" box holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pasted {
    /// The valid Session IDs, in order, each once.
    pub ids: Vec<SessionId>,
    /// What is not a Session ID.
    pub invalid: Vec<BadId>,
    /// Our own Session ID was among them (we are a member anyway; it is left out).
    pub mine: bool,
}

/// Reads the Session IDs of `text`: separated by spaces, line breaks, commas or semicolons.
pub fn parse_ids(text: &str, me: &SessionId) -> Pasted {
    let mut out = Pasted::default();
    for piece in text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|p| !p.is_empty())
    {
        match parse_recipient(piece) {
            Ok(id) if id == *me => out.mine = true,
            Ok(id) => {
                if !out.ids.contains(&id) {
                    out.ids.push(id);
                }
            }
            Err(e) => out.invalid.push(BadId {
                text: shorten(piece),
                reason: e.to_string(),
            }),
        }
    }
    out
}

/// `text` short enough to name in a list: its first 10 and last 4 characters around "…".
fn shorten(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    if chars.len() <= 20 {
        return chars.into_iter().collect();
    }
    let head: String = chars[..10].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// The members picked: the chosen contacts, then the pasted IDs, each once, never us.
pub fn picked(chosen: &[SessionId], pasted: &Pasted, me: &SessionId) -> Vec<SessionId> {
    let mut out: Vec<SessionId> = Vec::new();
    for id in chosen.iter().chain(pasted.ids.iter()) {
        if id != me && !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

/// "3 of 100 members": a group of `total` members (us included).
pub fn count_text(total: usize) -> String {
    t!("groups-picker-count", count = total, max = MAX_MEMBERS)
}

/// Why `name` cannot be a group's name (`None`: it can).
pub fn name_problem(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        Some(t!("groups-error-no-name"))
    } else if name.len() > MAX_NAME_BYTES {
        Some(t!(
            "groups-error-name-too-long",
            max = MAX_NAME_BYTES,
            count = name.len()
        ))
    } else {
        None
    }
}

/// Why `description` cannot be a group's description (`None`: it can).
pub fn description_problem(description: &str) -> Option<String> {
    let d = description.trim();
    (d.len() > MAX_DESCRIPTION_BYTES).then(|| {
        t!(
            "groups-error-description-too-long",
            max = MAX_DESCRIPTION_BYTES,
            count = d.len()
        )
    })
}

/// Why members cannot be added: invalid pasted text, none picked, or too many for a group of
/// `existing` members (us included). `None`: they can.
pub fn members_problem(existing: usize, picked: usize, pasted: &Pasted) -> Option<String> {
    if !pasted.invalid.is_empty() {
        Some(t!("groups-error-invalid-ids", count = pasted.invalid.len()))
    } else if picked == 0 {
        Some(t!("groups-error-no-member"))
    } else if existing + picked > MAX_MEMBERS {
        Some(t!(
            "groups-error-too-many-picked",
            max = MAX_MEMBERS,
            count = existing + picked - MAX_MEMBERS
        ))
    } else {
        None
    }
}

/// Why the new group cannot be made yet (`None`: it can): its name, its description, then
/// its members.
pub fn create_problem(
    name: &str,
    description: &str,
    picked: usize,
    pasted: &Pasted,
) -> Option<String> {
    name_problem(name)
        .or_else(|| description_problem(description))
        .or_else(|| members_problem(1, picked, pasted))
}

/// The members as [`super::groups::Groups::create`] and `add` take them.
pub fn as_texts(ids: &[SessionId]) -> Vec<String> {
    ids.iter().map(SessionId::to_hex).collect()
}

/// The members being picked in a form: contacts ticked and the text of the Session IDs box,
/// with what they make.
#[derive(Debug, Clone, Copy)]
pub struct MemberChoice {
    /// The contacts ticked, in the order they were.
    pub chosen: RwSignal<Vec<SessionId>>,
    /// The Session IDs box.
    pub text: RwSignal<String>,
    /// What the box holds.
    pub pasted: Memo<Pasted>,
    /// Every member picked.
    pub picked: Memo<Vec<SessionId>>,
}

impl MemberChoice {
    /// Nothing picked yet, by the account `me`.
    pub fn new(me: SessionId) -> MemberChoice {
        let chosen = RwSignal::new(Vec::<SessionId>::new());
        let text = RwSignal::new(String::new());
        let pasted = Memo::new(move |_| text.with(|t| parse_ids(t, &me)));
        let picked = Memo::new(move |_| chosen.with(|c| pasted.with(|p| self::picked(c, p, &me))));
        MemberChoice {
            chosen,
            text,
            pasted,
            picked,
        }
    }

    /// Ticks or unticks the contact `id`.
    pub fn toggle(&self, id: SessionId) {
        self.chosen.update(|c| {
            if let Some(i) = c.iter().position(|x| *x == id) {
                c.remove(i);
            } else {
                c.push(id);
            }
        });
    }

    /// Whether the contact `id` is ticked.
    pub fn is_chosen(&self, id: &SessionId) -> bool {
        self.chosen.with(|c| c.contains(id))
    }

    /// Nothing picked.
    pub fn clear(&self) {
        self.chosen.set(Vec::new());
        self.text.set(String::new());
    }
}
