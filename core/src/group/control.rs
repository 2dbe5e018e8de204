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

/// The group control messages as Content (groups-and-config.md §3.8), ready to send: the
/// invitations and promotions one-to-one, the rest to the group.
pub mod updates {
    use super::{sign, InfoChange, MemberChange, Signed};
    use crate::group::{AdminKey, GroupError, GroupId};
    use crate::identity::SessionId;
    use crate::message::compose::{ContentBuilder, Profile};
    use crate::proto::session::{
        group_update_info_change_message, group_update_member_change_message, Content, DataMessage,
        GroupUpdateInfoChangeMessage, GroupUpdateInviteMessage, GroupUpdateInviteResponseMessage,
        GroupUpdateMemberChangeMessage, GroupUpdateMemberLeftMessage,
        GroupUpdateMemberLeftNotificationMessage, GroupUpdateMessage, GroupUpdatePromoteMessage,
    };

    fn content(update: GroupUpdateMessage) -> Content {
        ContentBuilder::from_data(DataMessage {
            group_update_message: Some(update),
            ..DataMessage::default()
        })
        .build()
    }

    /// An invitation for `invitee` sent at `sent_ms`, with its auth data.
    pub fn invite(
        admin: &AdminKey,
        name: &str,
        invitee: &SessionId,
        auth: &[u8],
        sent_ms: i64,
    ) -> Content {
        content(GroupUpdateMessage {
            invite_message: Some(GroupUpdateInviteMessage {
                group_session_id: admin.group().to_hex(),
                name: name.to_owned(),
                member_auth_data: auth.to_vec(),
                admin_signature: sign(admin, &Signed::Invite(invitee), sent_ms).to_vec(),
            }),
            ..GroupUpdateMessage::default()
        })
    }

    /// A promotion: the group's seed itself, which proves it.
    pub fn promote(admin: &AdminKey, name: &str) -> Content {
        content(GroupUpdateMessage {
            promote_message: Some(GroupUpdatePromoteMessage {
                group_identity_seed: admin.seed().to_vec(),
                name: name.to_owned(),
            }),
            ..GroupUpdateMessage::default()
        })
    }

    /// "We accept the invitation", to the group, with our profile when we have one (the
    /// admins keep our name in the member list from it).
    pub fn invite_response(profile: Option<&Profile>) -> Content {
        let mut c = content(GroupUpdateMessage {
            invite_response: Some(GroupUpdateInviteResponseMessage { is_approved: true }),
            ..GroupUpdateMessage::default()
        });
        if let (Some(p), Some(dm)) = (profile, c.data_message.as_mut()) {
            let (lp, key) = p.to_proto();
            dm.profile = Some(lp);
            dm.profile_key = key;
        }
        c
    }

    /// "We leave" (for the admins), to the group.
    pub fn member_left() -> Content {
        content(GroupUpdateMessage {
            member_left_message: Some(GroupUpdateMemberLeftMessage {}),
            ..GroupUpdateMessage::default()
        })
    }

    /// "X left" (for everyone to show), to the group.
    pub fn member_left_notification() -> Content {
        content(GroupUpdateMessage {
            member_left_notification_message: Some(GroupUpdateMemberLeftNotificationMessage {}),
            ..GroupUpdateMessage::default()
        })
    }

    /// Members added, removed or promoted, signed, to the group.
    pub fn member_change(
        admin: &AdminKey,
        change: MemberChange,
        members: &[SessionId],
        history: bool,
        sent_ms: i64,
    ) -> Content {
        let r#type = match change {
            MemberChange::Added => group_update_member_change_message::Type::Added,
            MemberChange::Removed => group_update_member_change_message::Type::Removed,
            MemberChange::Promoted => group_update_member_change_message::Type::Promoted,
        };
        content(GroupUpdateMessage {
            member_change_message: Some(GroupUpdateMemberChangeMessage {
                r#type: r#type as i32,
                member_session_ids: members.iter().map(SessionId::to_hex).collect(),
                history_shared: history.then_some(true),
                admin_signature: sign(admin, &Signed::MemberChange(change), sent_ms).to_vec(),
            }),
            ..GroupUpdateMessage::default()
        })
    }

    /// The name, avatar or timer changed, signed, to the group.
    pub fn info_change(
        admin: &AdminKey,
        change: InfoChange,
        name: Option<&str>,
        expiry_seconds: Option<u32>,
        sent_ms: i64,
    ) -> Content {
        let r#type = match change {
            InfoChange::Name => group_update_info_change_message::Type::Name,
            InfoChange::Avatar => group_update_info_change_message::Type::Avatar,
            InfoChange::Disappearing => {
                group_update_info_change_message::Type::DisappearingMessages
            }
        };
        content(GroupUpdateMessage {
            info_change_message: Some(GroupUpdateInfoChangeMessage {
                r#type: r#type as i32,
                updated_name: name.map(str::to_owned),
                updated_expiration: expiry_seconds,
                admin_signature: sign(admin, &Signed::InfoChange(change), sent_ms).to_vec(),
            }),
            ..GroupUpdateMessage::default()
        })
    }

    /// A verified invitation received one-to-one.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Invitation {
        /// The group.
        pub group: GroupId,
        /// Its name as the inviter gave it.
        pub name: String,
        /// Our auth data.
        pub auth: Vec<u8>,
    }

    /// Reads the invitation in `content` sent to `us` at `sent_ms` (the envelope's time);
    /// `None` when it holds none, an error when its admin signature is wrong.
    pub fn read_invite(
        content: &Content,
        us: &SessionId,
        sent_ms: i64,
    ) -> Option<Result<Invitation, GroupError>> {
        let inv = content
            .data_message
            .as_ref()?
            .group_update_message
            .as_ref()?
            .invite_message
            .as_ref()?;
        Some((|| {
            let group = GroupId::parse(&inv.group_session_id)?;
            super::verify(&group, &Signed::Invite(us), sent_ms, &inv.admin_signature)?;
            Ok(Invitation {
                group,
                name: inv.name.clone(),
                auth: inv.member_auth_data.clone(),
            })
        })())
    }

    /// The group seed in a promotion received one-to-one, checked against its group.
    pub fn read_promotion(content: &Content) -> Option<Result<AdminKey, GroupError>> {
        let p = content
            .data_message
            .as_ref()?
            .group_update_message
            .as_ref()?
            .promote_message
            .as_ref()?;
        Some(
            <[u8; 32]>::try_from(p.group_identity_seed.as_slice())
                .map(|s| AdminKey::from_seed(&s))
                .map_err(|_| GroupError::Invalid("a group seed is 32 bytes")),
        )
    }
}
