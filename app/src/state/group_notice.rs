//! The words of a group notice (what happened to a group, shown in its chat and as the list's
//! preview), given how to name the people involved.

use session_core::identity::SessionId;

use crate::storage::GroupNotice;

/// "You", or the name `name_of` gives an author or member.
fn who(id: &SessionId, me: Option<&SessionId>, name_of: &dyn Fn(&SessionId) -> String) -> String {
    if Some(id) == me {
        "You".into()
    } else {
        name_of(id)
    }
}

fn list(
    ids: &[SessionId],
    me: Option<&SessionId>,
    name_of: &dyn Fn(&SessionId) -> String,
) -> String {
    // Inside a sentence we are "you".
    let names: Vec<String> = ids
        .iter()
        .map(|i| {
            if Some(i) == me {
                "you".to_owned()
            } else {
                name_of(i)
            }
        })
        .collect();
    match names.as_slice() {
        [] => "nobody".into(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

/// The sentence of `notice` by `author` (`me` is us: "You …"), naming people with `name_of`.
pub fn text(
    notice: &GroupNotice,
    author: &SessionId,
    me: Option<&SessionId>,
    name_of: &dyn Fn(&SessionId) -> String,
) -> String {
    let by = who(author, me, name_of);
    match notice {
        GroupNotice::Created => format!("{by} created the group."),
        GroupNotice::Invited => format!("{by} invited you to the group."),
        GroupNotice::Added { members } => format!("{by} added {}.", list(members, me, name_of)),
        GroupNotice::Removed { members } => {
            format!("{by} removed {}.", list(members, me, name_of))
        }
        GroupNotice::Promoted { members } => {
            format!("{by} made {} admin.", list(members, me, name_of))
        }
        GroupNotice::Left => format!("{by} left the group."),
        GroupNotice::Joined => format!("{by} joined the group."),
        GroupNotice::Renamed { name } => format!("{by} renamed the group to {name}."),
        GroupNotice::NewPicture => format!("{by} changed the group picture."),
        GroupNotice::Timer { seconds: 0 } => format!("{by} turned off disappearing messages."),
        GroupNotice::Timer { seconds } => format!(
            "{by} set messages to disappear {} after sending.",
            session_core::message::expiration::timer_words(i64::from(*seconds))
        ),
        GroupNotice::Kicked => "You were removed from the group.".into(),
        GroupNotice::Destroyed => "This group was deleted by its admins.".into(),
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
