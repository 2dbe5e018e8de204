//! The words of a group notice (what happened to a group, shown in its chat and as the list's
//! preview), given how to name the people involved.

use session_core::identity::SessionId;

use crate::storage::GroupNotice;
use crate::t;

/// The names of `ids` as a sentence lists them ("Bea", "Bea and Cy", "Bea, Cy and you"),
/// `name_of` naming them and us "you" (we are inside a sentence).
fn list(
    ids: &[SessionId],
    me: Option<&SessionId>,
    name_of: &dyn Fn(&SessionId) -> String,
) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|i| {
            if Some(i) == me {
                t!("groups-notice-you-inside")
            } else {
                name_of(i)
            }
        })
        .collect();
    join(&names)
}

fn join(names: &[String]) -> String {
    match names {
        [] => t!("groups-notice-nobody"),
        [one] => one.clone(),
        [first, last] => t!("groups-names-two", first = first, last = last),
        [first, rest @ ..] => t!("groups-names-more", first = first, rest = join(rest)),
    }
}

/// The sentence of `notice` by `author` (`me` is us: "You …"), naming people with `name_of`.
pub fn text(
    notice: &GroupNotice,
    author: &SessionId,
    me: Option<&SessionId>,
    name_of: &dyn Fn(&SessionId) -> String,
) -> String {
    let mine = Some(author) == me;
    let by = || name_of(author);
    // Done to us alone: the sentence says "you" where the language puts it.
    let only_me =
        |members: &[SessionId]| me.is_some() && members.len() == 1 && members.first() == me;
    match notice {
        GroupNotice::Created if mine => t!("groups-notice-created-you"),
        GroupNotice::Created => t!("groups-notice-created", name = by()),
        GroupNotice::Invited => t!("groups-notice-invited", name = by()),
        GroupNotice::Added { members } if !mine && only_me(members) => {
            t!("groups-notice-added-me", name = by())
        }
        GroupNotice::Added { members } => {
            let (names, count) = (list(members, me, name_of), members.len());
            if mine {
                t!("groups-notice-added-you", names = names, count = count)
            } else {
                t!(
                    "groups-notice-added",
                    name = by(),
                    names = names,
                    count = count
                )
            }
        }
        GroupNotice::Removed { members } if !mine && only_me(members) => {
            t!("groups-notice-removed-me", name = by())
        }
        GroupNotice::Removed { members } => {
            let (names, count) = (list(members, me, name_of), members.len());
            if mine {
                t!("groups-notice-removed-you", names = names, count = count)
            } else {
                t!(
                    "groups-notice-removed",
                    name = by(),
                    names = names,
                    count = count
                )
            }
        }
        GroupNotice::Promoted { members } if !mine && only_me(members) => {
            t!("groups-notice-promoted-me", name = by())
        }
        GroupNotice::Promoted { members } => {
            let (names, count) = (list(members, me, name_of), members.len());
            if mine {
                t!("groups-notice-promoted-you", names = names, count = count)
            } else {
                t!(
                    "groups-notice-promoted",
                    name = by(),
                    names = names,
                    count = count
                )
            }
        }
        GroupNotice::Left if mine => t!("groups-notice-left-you"),
        GroupNotice::Left => t!("groups-notice-left", name = by()),
        GroupNotice::Joined if mine => t!("groups-notice-joined-you"),
        GroupNotice::Joined => t!("groups-notice-joined", name = by()),
        GroupNotice::Renamed { name } if mine => t!("groups-notice-renamed-you", group = name),
        GroupNotice::Renamed { name } => {
            t!("groups-notice-renamed", name = by(), group = name)
        }
        GroupNotice::NewPicture if mine => t!("groups-notice-picture-you"),
        GroupNotice::NewPicture => t!("groups-notice-picture", name = by()),
        GroupNotice::Timer { seconds: 0 } if mine => t!("groups-notice-timer-off-you"),
        GroupNotice::Timer { seconds: 0 } => t!("groups-notice-timer-off", name = by()),
        GroupNotice::Timer { seconds } if mine => {
            t!(
                "groups-notice-timer-you",
                time = crate::state::disappearing::timer_words(i64::from(*seconds))
            )
        }
        GroupNotice::Timer { seconds } => {
            t!(
                "groups-notice-timer",
                name = by(),
                time = crate::state::disappearing::timer_words(i64::from(*seconds))
            )
        }
        GroupNotice::Kicked => t!("groups-notice-kicked"),
        GroupNotice::Destroyed => t!("groups-notice-destroyed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> SessionId {
        SessionId::from_x25519([n; 32])
    }

    #[test]
    fn notices_name_people_and_say_you_for_us() {
        let name = |i: &SessionId| {
            if *i == id(2) {
                "Bea".to_owned()
            } else {
                "Cy".to_owned()
            }
        };
        let added = GroupNotice::Added {
            members: vec![id(2), id(3), id(1)],
        };
        assert_eq!(
            text(&added, &id(1), Some(&id(1)), &name),
            "You added Bea, Cy and you."
        );
        assert_eq!(
            text(&GroupNotice::Left, &id(2), Some(&id(1)), &name),
            "Bea left the group."
        );
        assert_eq!(
            text(&GroupNotice::Kicked, &id(1), Some(&id(1)), &name),
            "You were removed from the group."
        );
    }
}
