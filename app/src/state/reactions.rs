//! How a message's reactions show: one chip per emoji, in the order they first came, with its
//! count, whether ours is among them, and who reacted (for the chip's label).

use session_core::identity::SessionId;

use crate::storage::{ReactionRecord, RoomReaction};
use crate::t;

/// One emoji's reactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// The emoji.
    pub emoji: String,
    /// Who reacted with it, in order.
    pub from: Vec<SessionId>,
    /// Whether we did.
    pub mine: bool,
    /// How many a community's server counts (it names only a few of them).
    pub counted: Option<u64>,
}

impl Chip {
    /// How many reacted with it.
    pub fn count(&self) -> usize {
        match self.counted {
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            None => self.from.len(),
        }
    }
}

/// The chips of a community post's counts.
pub fn room_chips(reactions: &[RoomReaction]) -> Vec<Chip> {
    reactions
        .iter()
        .map(|r| Chip {
            emoji: r.emoji.clone(),
            from: Vec::new(),
            mine: r.mine,
            counted: Some(r.count),
        })
        .collect()
}

/// The chips of `reactions`, as seen by `me`.
pub fn chips(reactions: &[ReactionRecord], me: &SessionId) -> Vec<Chip> {
    let mut out: Vec<Chip> = Vec::new();
    for r in reactions {
        match out.iter_mut().find(|c| c.emoji == r.emoji) {
            Some(c) => {
                if !c.from.contains(&r.from) {
                    c.from.push(r.from);
                }
                c.mine |= r.from == *me;
            }
            None => out.push(Chip {
                emoji: r.emoji.clone(),
                from: vec![r.from],
                mine: r.from == *me,
                counted: None,
            }),
        }
    }
    out
}

/// "Alice and you", "Bob, Carol and 3 others": who reacted, by `name`.
pub fn who(chip: &Chip, me: &SessionId, name: impl Fn(&SessionId) -> String) -> String {
    if chip.counted.is_some() {
        // A room names no reactors here: only how many, and whether we are among them.
        let others = chip.count().saturating_sub(usize::from(chip.mine));
        return match (chip.mine, others) {
            (true, 0) => t!("chat-reactors-you"),
            (true, n) => t!("chat-reactors-you-and-others", count = n),
            (false, n) => t!("chat-reactors-people", count = n),
        };
    }
    let mut names: Vec<String> = chip.from.iter().filter(|id| *id != me).map(&name).collect();
    if chip.mine {
        names.push(t!("chat-reactors-you"));
    }
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => t!(
            "chat-reactors-two",
            first = first.as_str(),
            second = second.as_str()
        ),
        [first, second, third] => t!(
            "chat-reactors-three",
            first = first.as_str(),
            second = second.as_str(),
            third = third.as_str()
        ),
        [first, second, rest @ ..] => t!(
            "chat-reactors-many",
            first = first.as_str(),
            second = second.as_str(),
            count = rest.len()
        ),
    }
}
