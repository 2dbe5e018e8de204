//! How a message's reactions show: one chip per emoji, in the order they first came, with its
//! count, whether ours is among them, and who reacted (for the chip's label).

use session_core::identity::SessionId;

use crate::storage::{ReactionRecord, RoomReaction};

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
            (true, 0) => "you".into(),
            (true, 1) => "you and 1 other".into(),
            (true, n) => format!("you and {n} others"),
            (false, 1) => "1 person".into(),
            (false, n) => format!("{n} people"),
        };
    }
    let mut names: Vec<String> = chip.from.iter().filter(|id| *id != me).map(&name).collect();
    if chip.mine {
        names.push("you".into());
    }
    match names.len() {
        0 => String::new(),
        1 => names.remove(0),
        2 | 3 => {
            let last = names.pop().unwrap_or_default();
            format!("{} and {last}", names.join(", "))
        }
        n => format!("{}, {} and {} others", names[0], names[1], n - 2),
    }
}
