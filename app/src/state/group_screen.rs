//! What a group's screens show of it: its member count, people's names, the line in place of
//! the composer once we can no longer write, the invitation's words, which actions an admin
//! has on a member, where an author's name goes above the bubbles, and the group avatar's
//! letters. Plain functions of a [`GroupView`] and the conversation list.

use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use std::collections::HashSet;

use super::conversations::title_for;
use super::group_notice::text;
use super::groups::{GroupView, MemberRole, MemberView};
use super::timeline::Row;
use crate::storage::{ConversationRecord, GroupNotice, MessageKey};
use crate::t;

/// The members who count: everyone but those being removed.
pub fn member_count(view: &GroupView) -> usize {
    view.members
        .iter()
        .filter(|m| m.role != MemberRole::Removing)
        .count()
}

/// "1 member", "3 members".
pub fn members_label(n: usize) -> String {
    t!("groups-members", count = n)
}

/// The name of a person in a group: our nickname for them, else their name in the group,
/// else their name as a contact, else their short Session ID.
pub fn person_name(
    id: &SessionId,
    view: Option<&GroupView>,
    list: &[ConversationRecord],
) -> String {
    let direct = ConversationId::Direct(*id);
    let nickname = list
        .iter()
        .find(|c| c.id == direct)
        .and_then(|c| c.settings.nickname.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(n) = nickname {
        return n.to_owned();
    }
    let in_group = view
        .and_then(|v| v.members.iter().find(|m| m.id == *id))
        .map(|m| m.name.trim())
        .filter(|n| !n.is_empty());
    match in_group {
        Some(n) => n.to_owned(),
        None => title_for(&direct, list),
    }
}

/// The sentence of a group notice by `author`, naming people with `name_of` and us as "You"
/// at its start and "you" inside it ("Alice added you and Bob.").
pub fn notice_words(
    notice: &GroupNotice,
    author: &SessionId,
    me: &SessionId,
    name_of: &dyn Fn(&SessionId) -> String,
) -> String {
    text(notice, author, Some(me), name_of)
}

/// The line under a group chat's title: its member count (or, for an invitation whose members
/// are not known yet, that it is one), or why it ended.
pub fn header_line(view: &GroupView) -> Option<String> {
    if view.destroyed {
        Some(t!("groups-header-destroyed"))
    } else if view.kicked {
        Some(t!("groups-header-kicked"))
    } else {
        match member_count(view) {
            0 if view.invited => Some(t!("groups-header-invitation")),
            0 => None,
            n => Some(members_label(n)),
        }
    }
}

/// What replaces the composer once we cannot write to the group (`None`: we can).
pub fn ended_text(view: &GroupView) -> Option<String> {
    if view.destroyed {
        Some(t!("groups-ended-destroyed"))
    } else if view.kicked {
        Some(t!("groups-ended-kicked"))
    } else {
        None
    }
}

/// The words of an unanswered invitation, naming who sent it when we know.
pub fn invitation_text(inviter: Option<&str>, group: &str) -> String {
    match inviter {
        Some(who) => t!("groups-invitation-from", name = who, group = group),
        None => t!("groups-invitation", group = group),
    }
}

/// What an admin can do to a member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemberActions {
    /// Make them an admin.
    pub promote: bool,
    /// Remove them from the group.
    pub remove: bool,
}

fn is_admin(role: MemberRole) -> bool {
    matches!(role, MemberRole::Admin | MemberRole::PromotionPending)
}

/// What we can do to `member` of `view`: only admins of a group we still write to, never to
/// ourselves, to another admin or to someone being removed already.
pub fn actions_for(view: &GroupView, member: &MemberView) -> MemberActions {
    let can = view.admin
        && view.writable()
        && !member.me
        && !is_admin(member.role)
        && member.role != MemberRole::Removing;
    MemberActions {
        promote: can,
        remove: can,
    }
}

/// Whether leaving deletes the group for everyone: we are its only admin.
pub fn leaving_deletes(view: &GroupView) -> bool {
    view.admin && view.writable() && view.members.iter().filter(|m| is_admin(m.role)).count() <= 1
}

/// The incoming messages that start a run of one author's messages (a day, the unread marker,
/// a notice or another author breaks a run): their author's name shows above them.
pub fn author_starts(rows: &[Row]) -> HashSet<MessageKey> {
    let mut out = HashSet::new();
    let mut previous: Option<SessionId> = None;
    for row in rows {
        match row {
            Row::Message(m)
                if !m.outgoing && m.group_notice.is_none() && m.timer_notice.is_none() =>
            {
                if previous != Some(m.author) {
                    out.insert(m.key());
                }
                previous = Some(m.author);
            }
            _ => previous = None,
        }
    }
    out
}

/// The letters of a group's avatar: the initials of its first two words ("Book club" → "BC"),
/// or the first letter of a one-word name; "?" without a letter.
pub fn group_initials(name: &str) -> String {
    let letters: Vec<char> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .collect();
    if letters.is_empty() {
        return "?".into();
    }
    letters.into_iter().flat_map(char::to_uppercase).collect()
}

/// The CSS class of a member's role badge.
pub fn role_class(role: MemberRole) -> &'static str {
    match role {
        MemberRole::Admin | MemberRole::PromotionPending => "role-badge role-admin",
        MemberRole::Joined => "role-badge",
        MemberRole::Invited => "role-badge role-invited",
        MemberRole::InviteFailed | MemberRole::Removing => "role-badge role-problem",
    }
}
