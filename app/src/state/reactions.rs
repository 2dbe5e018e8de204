//! How a message's reactions show: one chip per emoji, in the order they first came, with its
//! count, whether ours is among them, and who reacted (for the chip's label).

use session_core::identity::SessionId;

use crate::storage::ReactionRecord;

/// One emoji's reactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// The emoji.
    pub emoji: String,
    /// Who reacted with it, in order.
    pub from: Vec<SessionId>,
    /// Whether we did.
    pub mine: bool,
}

impl Chip {
    /// How many reacted with it.
    pub fn count(&self) -> usize {
        self.from.len()
    }
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
            }),
        }
    }
    out
}

/// "Alice and you", "Bob, Carol and 3 others": who reacted, by `name`.
pub fn who(chip: &Chip, me: &SessionId, name: impl Fn(&SessionId) -> String) -> String {
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
