//! `session-cli community …`: rooms on community servers (messaging.md §7). `join` checks a
//! room through the server and records it in the account's UserGroups config (so every device
//! of the account has it); `list` shows the joined rooms; `send` posts text to a room and `read`
//! prints a room's messages. Requests go through onion v4 like every server call, signed with
//! the account's blinded key on servers that blind.

use super::send::connect_paths;
use crate::account::Account;
use crate::config_sync::{now_ms, Zstd};
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use clap::Subcommand;
use serde_json::{json, Value};
use session_core::client::{ServerReply, Transport};
use session_core::community::api::{self, ApiRequest, Capabilities, RoomInfo, RoomMessage};
use session_core::community::auth::AuthMode;
use session_core::community::dm::own_blinded_id;
use session_core::community::poll::{check_post, FIRST_PAGE};
use session_core::community::post;
use session_core::community::url::{JoinLink, ServerKey};
use session_core::config::user_groups::{self, Community, Membership};
use session_core::config::{AccountConfigs, Domain};
use session_core::conversation::CommunityRoom;
use session_core::message::compose::ContentBuilder;
use session_core::message::decode_content;

/// The longest text a post may carry (the official apps' limit).
const MAX_TEXT_CHARS: usize = 2000;

/// The community subcommands.
#[derive(Debug, Subcommand)]
pub enum CommunityCommand {
    /// Join a room by its link (`http(s)://SERVER/ROOM?public_key=HEX`).
    Join {
        /// The room's join link.
        url: String,
    },
    /// The rooms the account has joined.
    List,
    /// Post a text message to a joined room.
    Send {
        /// The server's address (`http(s)://host[:port]`) or the room's join link.
        url: String,
        /// The room token.
        room: String,
        /// The text.
        text: String,
    },
    /// Print a joined room's messages: the newest page, or every change after an event.
    Read {
        /// The server's address (`http(s)://host[:port]`) or the room's join link.
        url: String,
        /// The room token.
        room: String,
        /// Only what came after this room event number (a message's `seqno`).
        #[arg(long, value_name = "SEQNO")]
        since: Option<i64>,
    },
}

impl CommunityCommand {
    /// Checks what can be checked without the network.
    pub fn check(&self) -> Result<(), CliError> {
        match self {
            CommunityCommand::Join { url } => link(url).map(drop),
            CommunityCommand::List => Ok(()),
            CommunityCommand::Send { url, room, text } => {
                room_of(url, room)?;
                if text.trim().is_empty() {
                    return Err(CliError("there is nothing to post".into()));
                }
                if text.chars().count() > MAX_TEXT_CHARS {
                    return Err(CliError(format!(
                        "a post has at most {MAX_TEXT_CHARS} characters"
                    )));
                }
                Ok(())
            }
            CommunityCommand::Read { url, room, .. } => room_of(url, room).map(drop),
        }
    }
}

fn link(url: &str) -> Result<JoinLink, CliError> {
    JoinLink::parse(url).map_err(|e| CliError::context("not a community link", e))
}

/// The room a server address (or a join link's server) and a token name.
fn room_of(url: &str, room: &str) -> Result<CommunityRoom, CliError> {
    let server = match JoinLink::parse(url) {
        Ok(l) => l.server().to_owned(),
        Err(_) => url.trim().to_owned(),
    };
    CommunityRoom::new(&server, room).map_err(|e| CliError::context("not a community room", e))
}

/// The joined rooms as UserGroups holds them, with their links.
fn joined(configs: &AccountConfigs) -> Vec<(JoinLink, user_groups::StoredCommunity)> {
    let Some(config) = configs.get(Domain::UserGroups) else {
        return Vec::new();
    };
    user_groups::all(config.data())
        .communities
        .into_iter()
        .filter_map(|c| {
            let key = ServerKey(c.pubkey?);
            Some((JoinLink::new(&c.base_url, &c.room, key).ok()?, c))
        })
        .collect()
}

fn find_joined(configs: &AccountConfigs, room: &CommunityRoom) -> Result<JoinLink, CliError> {
    joined(configs)
        .into_iter()
        .map(|(l, _)| l)
        .find(|l| l.room() == room)
        .ok_or_else(|| {
            CliError(format!(
                "{} is not joined: run `community join` with its link first",
                room
            ))
        })
}

/// A reply's body when its status is a success, else a readable error.
fn body_of(reply: &ServerReply, what: &str) -> Result<Vec<u8>, CliError> {
    if (200..300).contains(&reply.code) {
        Ok(reply.body.clone())
    } else {
        let text = String::from_utf8_lossy(&reply.body);
        Err(CliError(format!(
            "{what}: the community server answered {} {}",
            reply.code,
            text.trim()
        )))
    }
}

/// The server's capabilities, which say whether it takes blinded IDs.
async fn mode_of<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
) -> Result<(AuthMode, Capabilities), CliError> {
    let reply = call(acct, room, AuthMode::Blinded, &api::capabilities()).await?;
    let caps = Capabilities::parse(&body_of(&reply, "reading the server's capabilities")?)
        .map_err(|e| CliError::context("the server's capabilities", e))?;
    let mode = if caps.blinds() {
        AuthMode::Blinded
    } else {
        AuthMode::Unblinded
    };
    Ok((mode, caps))
}

async fn call<T: Transport>(
    acct: &Account<'_, T>,
    room: &JoinLink,
    mode: AuthMode,
    request: &ApiRequest,
) -> Result<ServerReply, CliError> {
    acct.client
        .community_call(acct.identity(), room, mode, request)
        .await
        .map_err(|e| CliError::context("the community server could not be reached", e))
}

/// A message of a room as `read` prints it.
fn message_json(m: &RoomMessage) -> Value {
    let content = m.data.as_deref().and_then(|d| decode_content(d).ok());
    let data = content.as_ref().and_then(|c| c.data_message.as_ref());
    json!({
        "id": m.id,
        "seqno": m.seqno,
        "author": m.author.map(|a| a.to_hex()),
        "posted": m.posted,
        "edited": m.edited,
        "deleted": m.deleted,
        "text": data.and_then(|d| d.body.clone()),
        "name": data.and_then(|d| d.profile.as_ref()).and_then(|p| p.display_name.clone()),
        "reactions": m.reactions.as_ref().map(|r| {
            r.iter().map(|(emoji, x)| (emoji.clone(), json!(x.count))).collect::<serde_json::Map<_, _>>()
        }),
    })
}

/// Runs a community subcommand.
pub async fn run<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    cmd: CommunityCommand,
) -> Result<Value, CliError> {
    cmd.check()?;
    let mut acct = Account::open(profile, conn).await?;
    if !matches!(cmd, CommunityCommand::List) {
        connect_paths(&mut acct, "nothing was sent").await?;
    }
    // The joined list lives in the account's settings: bring them up to date first.
    if let Ok(report) = acct.fetch_configs().await {
        acct.sync_configs(&report).await?;
    }
    let out = match cmd {
        CommunityCommand::Join { url } => {
            let room = link(&url)?;
            let (mode, _) = mode_of(&acct, &room).await?;
            let reply = call(&acct, &room, mode, &api::room(room.token())).await?;
            let info = RoomInfo::parse(&body_of(&reply, "the room could not be joined")?)
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
            json!({
                "url": room.to_string(),
                "server": room.server(),
                "room": room.token(),
                "name": info.name,
                "description": info.description,
                "blinded_id": ours.to_hex(),
            })
        }
        CommunityCommand::List => {
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
        CommunityCommand::Send { url, room, text } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            let (mode, _) = mode_of(&acct, &room).await?;
            let mut builder = ContentBuilder::text(text.trim());
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
            let reply = call(&acct, &room, mode, &request).await?;
            let posted = RoomMessage::parse(&body_of(&reply, "the post was refused")?)
                .map_err(|e| CliError::context("the server's answer to the post", e))?;
            json!({
                "url": room.to_string(),
                "room": room.token(),
                "id": posted.id,
                "seqno": posted.seqno,
                "posted": posted.posted,
            })
        }
        CommunityCommand::Read { url, room, since } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            let (mode, _) = mode_of(&acct, &room).await?;
            let request = match since {
                Some(seqno) => api::since(room.token(), seqno, api::MAX_PAGE),
                None => api::recent(room.token(), FIRST_PAGE),
            };
            let reply = call(&acct, &room, mode, &request).await?;
            let mut list = RoomMessage::parse_list(&body_of(&reply, "the room could not be read")?)
                .map_err(|e| CliError::context("the room's messages", e))?;
            list.sort_by_key(|m| m.seqno);
            // Posts whose signature is not their author's are left out, as the apps leave them.
            let shown: Vec<Value> = list
                .iter()
                .filter(|m| check_post(m).is_ok())
                .map(message_json)
                .collect();
            json!({ "url": room.to_string(), "room": room.token(), "messages": shown })
        }
    };
    if let Err(e) = acct.client.sync_configs(&acct.configs, Some(&Zstd)).await {
        eprintln!("note: the account's communities could not be synced yet: {e}");
    }
    acct.save()?;
    Ok(out)
}
