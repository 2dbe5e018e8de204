//! Building what we send: the one place where outgoing `Content` is made, so that every host
//! sends the same fields the official apps send (messaging.md §4, §5.9), and the rule for the
//! sync copy our other devices receive (§5.3).

use crate::attachment::pointer::Attachment;
use crate::identity::SessionId;
use crate::proto::session::{Content, DataMessage, LokiProfile};

/// Our public profile as it travels with visible messages (messaging.md §5.9).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Display name.
    pub display_name: String,
    /// Avatar: its download URL and its 32-byte key.
    pub picture: Option<ProfilePicture>,
    /// When the profile last changed (Unix seconds; `lastProfileUpdateSeconds`).
    pub updated_s: u64,
}

impl Profile {
    /// The `LokiProfile` and `profileKey` that carry it.
    pub fn to_proto(&self) -> (LokiProfile, Option<Vec<u8>>) {
        let profile = LokiProfile {
            display_name: Some(self.display_name.clone()),
            profile_picture: self.picture.as_ref().map(|p| p.url.clone()),
            last_profile_update_seconds: Some(self.updated_s),
        };
        (profile, self.picture.as_ref().map(|p| p.key.to_vec()))
    }
}

/// Where our avatar is and how to decrypt it.
#[derive(Clone, PartialEq, Eq)]
pub struct ProfilePicture {
    /// Download URL.
    pub url: String,
    /// The 32-byte decryption key (`profileKey`).
    pub key: [u8; 32],
}

impl std::fmt::Debug for ProfilePicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfilePicture")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// Builds the `Content` of a visible message.
#[derive(Debug, Clone, Default)]
pub struct ContentBuilder {
    data: DataMessage,
}

impl ContentBuilder {
    /// A text message (the text as typed; the host checks its length).
    pub fn text(body: &str) -> ContentBuilder {
        ContentBuilder {
            data: DataMessage {
                body: Some(body.to_owned()),
                ..DataMessage::default()
            },
        }
    }

    /// A message of attachments with an optional text (a caption for all of them, as the
    /// official apps send it).
    pub fn with_attachments(body: Option<&str>, files: &[Attachment]) -> ContentBuilder {
        ContentBuilder {
            data: DataMessage {
                body: body.filter(|b| !b.is_empty()).map(str::to_owned),
                attachments: files.iter().map(Attachment::to_pointer).collect(),
                ..DataMessage::default()
            },
        }
    }

    /// A builder around an already made DataMessage.
    pub(crate) fn from_data(data: DataMessage) -> ContentBuilder {
        ContentBuilder { data }
    }

    /// The DataMessage being built.
    pub(crate) fn data_mut(&mut self) -> &mut DataMessage {
        &mut self.data
    }

    /// Attaches our profile: the display name and its update time always, the avatar's URL
    /// and key only together (an avatar without its key cannot be shown).
    pub fn profile(mut self, profile: &Profile) -> ContentBuilder {
        let (p, key) = profile.to_proto();
        self.data.profile = Some(p);
        self.data.profile_key = key;
        self
    }

    /// The `Content`, ready for [`Client::prepare`](crate::client::Client::prepare).
    pub fn build(self) -> Content {
        Content {
            data_message: Some(self.data),
            ..Content::default()
        }
    }
}

/// The copy of `content` that our other devices receive when we send it to `to` (messaging.md
/// §5.3): a visible message to someone else (text, files, reaction…) with `syncTarget` naming
/// the recipient and our own profile left out (our devices know it), or an unsend request as
/// it is. `None` when no copy is sent: a note to self is already in our own swarm; receipts,
/// typing and request responses are not synced.
pub fn sync_copy(content: &Content, to: &SessionId, us: &SessionId) -> Option<Content> {
    if to == us {
        return None;
    }
    if content.unsend_request.is_some() {
        return Some(content.clone());
    }
    let dm = content.data_message.as_ref()?;
    let mut copy = content.clone();
    copy.data_message = Some(DataMessage {
        sync_target: Some(to.to_hex()),
        profile: None,
        profile_key: None,
        ..dm.clone()
    });
    Some(copy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::session::TypingMessage;

    fn id(fill: char) -> SessionId {
        format!("05{}", fill.to_string().repeat(64))
            .parse()
            .unwrap()
    }

    #[test]
    fn profile_travels_with_text_and_the_key_only_with_a_picture() {
        let mut me = Profile {
            display_name: "Alice".into(),
            picture: None,
            updated_s: 1_700_000_000,
        };
        let c = ContentBuilder::text("hi").profile(&me).build();
        let dm = c.data_message.unwrap();
        assert_eq!(dm.body.as_deref(), Some("hi"));
        let p = dm.profile.unwrap();
        assert_eq!(p.display_name.as_deref(), Some("Alice"));
        assert_eq!(p.last_profile_update_seconds, Some(1_700_000_000));
        assert_eq!(p.profile_picture, None);
        assert_eq!(dm.profile_key, None);
        me.picture = Some(ProfilePicture {
            url: "http://f/file/1".into(),
            key: [7; 32],
        });
        let dm = ContentBuilder::text("x")
            .profile(&me)
            .build()
            .data_message
            .unwrap();
        assert_eq!(
            dm.profile.unwrap().profile_picture.as_deref(),
            Some("http://f/file/1")
        );
        assert_eq!(dm.profile_key, Some(vec![7; 32]));
    }

    #[test]
    fn sync_copies_name_the_recipient_without_our_profile() {
        let (us, bob) = (id('a'), id('b'));
        let me = Profile {
            display_name: "Alice".into(),
            picture: Some(ProfilePicture {
                url: "u".into(),
                key: [1; 32],
            }),
            updated_s: 5,
        };
        let content = ContentBuilder::text("hello").profile(&me).build();
        let copy = sync_copy(&content, &bob, &us).unwrap();
        let dm = copy.data_message.unwrap();
        assert_eq!(dm.sync_target, Some(bob.to_hex()));
        assert_eq!(dm.body.as_deref(), Some("hello"));
        assert!(dm.profile.is_none() && dm.profile_key.is_none());
        assert!(sync_copy(&content, &us, &us).is_none(), "note to self");
        let typing = Content {
            typing_message: Some(TypingMessage::default()),
            ..Content::default()
        };
        assert!(sync_copy(&typing, &bob, &us).is_none());
    }
}
