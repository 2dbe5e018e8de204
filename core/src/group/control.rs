//! Admin signatures of group control messages (groups-and-config.md §3.8): Ed25519 by the
//! group key over ASCII text naming the action and the message's sent time, so that a member
//! cannot forge an invitation or a membership change in the admins' name.

use super::{AdminKey, GroupError, GroupId};
use crate::crypto::ed25519::VerifyKey;
use crate::identity::SessionId;

/// What `GroupUpdateInfoChangeMessage.type` says changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoChange {
    /// The name (1).
    Name,
    /// The avatar (2).
    Avatar,
    /// The disappearing timer (3).
    Disappearing,
}

impl InfoChange {
    /// The protobuf number.
    pub fn to_int(self) -> i32 {
        match self {
            InfoChange::Name => 1,
            InfoChange::Avatar => 2,
            InfoChange::Disappearing => 3,
        }
    }
}

/// What `GroupUpdateMemberChangeMessage.type` says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange {
    /// Members were added (1).
    Added,
    /// Members were removed (2).
    Removed,
    /// Members were promoted (3).
    Promoted,
}

impl MemberChange {
    /// The protobuf number.
    pub fn to_int(self) -> i32 {
        match self {
            MemberChange::Added => 1,
            MemberChange::Removed => 2,
            MemberChange::Promoted => 3,
        }
    }
}

/// What an admin signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signed<'a> {
    /// `"INVITE" ‖ invitee ID hex ‖ sent ms`.
    Invite(&'a SessionId),
    /// `"INFO_CHANGE" ‖ type ‖ sent ms`.
    InfoChange(InfoChange),
    /// `"MEMBER_CHANGE" ‖ type ‖ sent ms`.
    MemberChange(MemberChange),
    /// `"DELETE_CONTENT" ‖ sent ms ‖ member IDs hex… ‖ message hashes…`.
    DeleteContent {
        /// Members whose messages go.
        members: &'a [SessionId],
        /// Swarm hashes of messages that go.
        hashes: &'a [String],
    },
}

impl Signed<'_> {
    /// The exact bytes signed for a message sent at `sent_ms`.
    pub fn text(&self, sent_ms: i64) -> Vec<u8> {
        match self {
            Signed::Invite(id) => format!("INVITE{}{sent_ms}", id.to_hex()).into_bytes(),
            Signed::InfoChange(t) => format!("INFO_CHANGE{}{sent_ms}", t.to_int()).into_bytes(),
            Signed::MemberChange(t) => format!("MEMBER_CHANGE{}{sent_ms}", t.to_int()).into_bytes(),
            Signed::DeleteContent { members, hashes } => {
                let mut s = format!("DELETE_CONTENT{sent_ms}");
                for m in *members {
                    s.push_str(&m.to_hex());
                }
                for h in *hashes {
                    s.push_str(h);
                }
                s.into_bytes()
            }
        }
    }
}

/// The admin signature of `what`, sent at `sent_ms`.
pub fn sign(admin: &AdminKey, what: &Signed<'_>, sent_ms: i64) -> [u8; 64] {
    admin.sign(&what.text(sent_ms))
}

/// Checks an admin signature of `what` at `sent_ms` (the envelope's time) for `group`.
pub fn verify(
    group: &GroupId,
    what: &Signed<'_>,
    sent_ms: i64,
    signature: &[u8],
) -> Result<(), GroupError> {
    let sig: [u8; 64] = signature.try_into().map_err(|_| GroupError::BadSignature)?;
    VerifyKey::parse(group.ed25519())
        .and_then(|k| k.verify(&what.text(sent_ms), &sig))
        .map_err(|_| GroupError::BadSignature)
}
