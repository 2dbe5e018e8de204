//! A room's posts: joining and listing rooms, posting (and replying), reading, reacting and
//! deleting.
//!
//! A reply quotes a community post as the official apps do (messaging.md §4.3, §5.1): the
//! quote's `author` is the ID the room lists the post under (`15…` on servers that blind) and
//! its `id` the post's server time `posted` in milliseconds, rounded down (DESK turns `posted`
//! into ms with `Math.floor(posted * 1000)` and names community messages by it).

use super::{answer, body_of, call, joined, mode_of, MAX_EMOJI_CHARS};
use crate::account::Account;
use crate::config_sync::now_ms;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::community::api::{self, ReactionChange, RoomInfo, RoomMessage};
use session_core::community::auth::AuthMode;
use session_core::community::dm::own_blinded_id;
use session_core::community::poll::{check_post, FIRST_PAGE};
use session_core::community::post;
use session_core::community::url::JoinLink;
use session_core::config::user_groups::{self, Community, Membership};
use session_core::config::Domain;
use session_core::message::compose::ContentBuilder;
use session_core::message::decode_content;
use session_core::message::reference::MessageRef;
use session_core::proto::session::Content;

/// `join`: checks the room through its server and records it in UserGroups.
pub(super) async fn join<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
) -> Result<Value, CliError> {
    let (mode, _) = mode_of(acct, room).await?;
    let reply = call(acct, room, mode, &api::room(room.token())).await?;
    let info = RoomInfo::parse(&answer(
        &reply,
        "the room could not be joined",
        &[(404, "the server has no such room")],
    )?)
    .map_err(|e| CliError::context("the room's details", e))?;
    let record = Community {
        room: room.room().clone(),
        room_display: room.token().to_owned(),
        pubkey: room.key().0,
        membership: Membership {
            joined_at: now_ms() / 1000,
            ..Membership::default()
        },
    };
    if let Some(config) = acct.configs.borrow_mut().get_mut(Domain::UserGroups) {
        config.edit(|d| user_groups::set_community(d, &record));
    }
    let ours = own_blinded_id(acct.identity(), &room.key().0, false)
        .map_err(|e| CliError::context("blinding", e))?;
    Ok(json!({
        "url": room.to_string(),
        "server": room.server(),
        "room": room.token(),
        "name": info.name,
        "description": info.description,
        "blinded_id": ours.to_hex(),
    }))
}

/// `list`: the joined rooms.
pub(super) fn list<T: Transport>(acct: &Account<'_, T>) -> Value {
    let rooms: Vec<Value> = joined(&acct.configs.borrow())
        .into_iter()
        .map(|(l, c)| {
            json!({
                "url": l.to_string(),
                "server": l.server(),
                "room": l.token(),
                "joined_at": c.membership.joined_at,
            })
        })
        .collect();
    json!({ "communities": rooms })
}

/// What a status means when it answers a request about post `id` of `room`.
fn missing(room: &JoinLink, id: i64) -> String {
    format!(
        "room {} has no message {id} (or it was deleted)",
        room.token()
    )
}

/// Message `id` of the room as the server lists it now (with its reactions).
async fn fetch_message<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
    mode: AuthMode,
    id: i64,
    what: &str,
) -> Result<RoomMessage, CliError> {
    let reply = call(acct, room, mode, &api::message(room.token(), id)).await?;
    let missing = missing(room, id);
    let body = answer(&reply, what, &[(404, missing.as_str())])?;
    let m = RoomMessage::parse(&body)
        .map_err(|e| CliError::context("the server's answer for the message", e))?;
    if m.id != id {
        return Err(CliError(format!(
            "the server answered with message {} for message {id}",
            m.id
        )));
    }
    if m.deleted || m.data.is_none() {
        return Err(CliError(missing));
    }
    Ok(m)
}

/// One post of the room, its signature checked.
async fn fetch_post<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
    mode: AuthMode,
    id: i64,
) -> Result<RoomMessage, CliError> {
    let m = fetch_message(acct, room, mode, id, "the message could not be read").await?;
    check_post(&m)
        .map_err(|_| CliError(format!("message {id}'s signature is not its author's")))?;
    Ok(m)
}

/// The quote that names post `m`: its author as the room lists it and its `posted` in ms.
fn quote_of(m: &RoomMessage) -> Result<MessageRef, CliError> {
    let author = m
        .author
        .ok_or_else(|| CliError(format!("message {} has no author", m.id)))?;
    let ms = m
        .posted
        .and_then(posted_ms)
        .ok_or_else(|| CliError(format!("message {} has no time the server gave it", m.id)))?;
    Ok(MessageRef::new(author, ms))
}

/// A server time (unix seconds, fractional) in whole ms, as the apps name community messages.
pub(super) fn posted_ms(posted: f64) -> Option<u64> {
    let ms = (posted * 1000.0).floor();
    // Below 2^53 every whole number is exact; nothing sane is later.
    (ms.is_finite() && ms > 0.0 && ms < 9_007_199_254_740_992.0).then_some(ms as u64)
}

/// `send`, and `reply` when `quote` names the post replied to.
pub(super) async fn send<T: Transport>(
    acct: &Account<'_, T>,
    profile: &Profile,
    room: &JoinLink,
    text: &str,
    quote: Option<i64>,
) -> Result<Value, CliError> {
    let (mode, _) = mode_of(acct, room).await?;
    let mut builder = ContentBuilder::text(text.trim());
    if let Some(id) = quote {
        let quoted = fetch_post(acct, room, mode, id).await?;
        builder = builder.reply_to(&quote_of(&quoted)?);
    }
    if let Some(me) = profile.load_profile()? {
        builder = builder.profile(&me.to_profile());
    }
    let mut content = builder.build();
    content.sig_timestamp = Some(u64::try_from(now_ms()).unwrap_or(0));
    let signed = post::sign_content(
        acct.identity(),
        room.key(),
        mode,
        &content,
        &mut rand_core::OsRng,
    )
    .map_err(|e| CliError::context("the post could not be signed", e))?;
    let request = api::post(room.token(), &signed.data, &signed.signature, &[]);
    let reply = call(acct, room, mode, &request).await?;
    let posted = RoomMessage::parse(&answer(
        &reply,
        "the post was refused",
        &[(
            403,
            "this account may not post in this room (banned, or read-only)",
        )],
    )?)
    .map_err(|e| CliError::context("the server's answer to the post", e))?;
    let mut out = json!({
        "url": room.to_string(),
        "room": room.token(),
        "id": posted.id,
        "seqno": posted.seqno,
        "posted": posted.posted,
    });
    if let Some(id) = quote {
        out["quote"] = json!(id);
    }
    Ok(out)
}

/// `read`: the newest page, or every change after `since`.
pub(super) async fn read<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
    since: Option<i64>,
) -> Result<Value, CliError> {
    let (mode, _) = mode_of(acct, room).await?;
    let request = match since {
        Some(seqno) => api::since(room.token(), seqno, api::MAX_PAGE),
        None => api::recent(room.token(), FIRST_PAGE),
    };
    let reply = call(acct, room, mode, &request).await?;
    let mut list = RoomMessage::parse_list(&body_of(&reply, "the room could not be read")?)
        .map_err(|e| CliError::context("the room's messages", e))?;
    list.sort_by_key(|m| m.seqno);
    // Posts whose signature is not their author's are left out, as the apps leave them.
    list.retain(|m| check_post(m).is_ok());
    let shown: Vec<Value> = list.iter().map(|m| message_json(m, &list)).collect();
    Ok(json!({ "url": room.to_string(), "room": room.token(), "messages": shown }))
}

/// A message of a room as `read` prints it; `page` is the rest of what was read, where the
/// post a reply quotes is looked up.
fn message_json(m: &RoomMessage, page: &[RoomMessage]) -> Value {
    let content: Option<Content> = m.data.as_deref().and_then(|d| decode_content(d).ok());
    let data = content.as_ref().and_then(|c| c.data_message.as_ref());
    let quote = data.and_then(|d| d.quote.as_ref()).map(|q| {
        let quoted = page.iter().find(|p| {
            p.data.is_some()
                && p.author.is_some_and(|a| a.to_hex() == q.author)
                && p.posted.and_then(posted_ms) == Some(q.id)
        });
        json!({
            "author": q.author,
            "timestamp": q.id,
            "id": quoted.map(|p| p.id),
        })
    });
    json!({
        "id": m.id,
        "seqno": m.seqno,
        "author": m.author.map(|a| a.to_hex()),
        "posted": m.posted,
        "edited": m.edited,
        "deleted": m.deleted,
        "text": data.and_then(|d| d.body.clone()),
        "name": data.and_then(|d| d.profile.as_ref()).and_then(|p| p.display_name.clone()),
        "quote": quote,
        "reactions": m.reactions.as_ref().map(|r| {
            r.iter().map(|(emoji, x)| (emoji.clone(), json!(x.count))).collect::<serde_json::Map<_, _>>()
        }),
    })
}

/// `react`: adds (or with `remove` takes back) our reaction, then reads how many reacted so.
pub(super) async fn react<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
    id: i64,
    emoji: &str,
    remove: bool,
) -> Result<Value, CliError> {
    let (mode, _) = mode_of(acct, room).await?;
    let request = if remove {
        api::unreact(room.token(), id, emoji)
    } else {
        api::react(room.token(), id, emoji)
    };
    let reply = call(acct, room, mode, &request).await?;
    let missing = missing(room, id);
    let invalid = format!(
        "the server does not take {emoji:?} as a reaction (1 to {MAX_EMOJI_CHARS} characters)"
    );
    let what = if remove {
        "the reaction could not be taken back"
    } else {
        "the reaction was refused"
    };
    let change = ReactionChange::parse(&answer(
        &reply,
        what,
        &[
            (404, missing.as_str()),
            (400, invalid.as_str()),
            (403, "this account may not react in this room (banned?)"),
        ],
    )?)
    .map_err(|e| CliError::context("the server's answer to the reaction", e))?;
    let done = if remove {
        "the reaction was taken back, but its count could not be read"
    } else {
        "the reaction was added, but its count could not be read"
    };
    let post = fetch_message(acct, room, mode, id, done).await?;
    let count = post
        .reactions
        .as_ref()
        .and_then(|r| r.get(emoji))
        .map_or(0, |r| r.count);
    let mut out = json!({
        "url": room.to_string(),
        "room": room.token(),
        "id": id,
        "emoji": emoji,
        "added": !remove && change.changed,
        "count": count,
    });
    if remove {
        out["removed"] = json!(change.changed);
    }
    Ok(out)
}

/// `delete`: our own post, or any as a moderator.
pub(super) async fn delete<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
    id: i64,
) -> Result<Value, CliError> {
    let (mode, _) = mode_of(acct, room).await?;
    let reply = call(acct, room, mode, &api::delete(room.token(), id)).await?;
    let missing = missing(room, id);
    let what = format!("message {id} could not be deleted");
    answer(
        &reply,
        &what,
        &[
            (403, "only its author or a moderator can delete it"),
            (404, missing.as_str()),
        ],
    )?;
    Ok(json!({
        "url": room.to_string(),
        "room": room.token(),
        "id": id,
        "deleted": true,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_times_become_whole_ms_as_the_apps_make_them() {
        assert_eq!(posted_ms(1_712_345_678.123_456), Some(1_712_345_678_123));
        assert_eq!(posted_ms(1_712_345_678.999_9), Some(1_712_345_678_999));
        assert_eq!(posted_ms(1_712_345_678.0), Some(1_712_345_678_000));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
            assert_eq!(posted_ms(bad), None, "{bad}");
        }
    }
}
