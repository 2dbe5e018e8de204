//! `session-cli community …`: rooms on community servers (messaging.md §7). `join` checks a
//! room through the server and records it in the account's UserGroups config (so every device
//! of the account has it); `list` shows the joined rooms; `send`, `reply`, `react`, `delete`
//! and `read` act on a room's posts ([`rooms`]); `dm` and `inbox` send and read blinded direct
//! messages through the server ([`dm`]). Requests go through onion v4 like every server call,
//! signed with the account's blinded key on servers that blind.

mod dm;
mod rooms;

use super::send::connect_paths;
use crate::account::Account;
use crate::config_sync::Zstd;
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use clap::Subcommand;
use serde_json::Value;
use session_core::client::{ServerReply, Transport};
use session_core::community::api::{self, ApiRequest, Capabilities};
use session_core::community::auth::AuthMode;
use session_core::community::url::{JoinLink, ServerKey};
use session_core::config::user_groups;
use session_core::config::{AccountConfigs, Domain};
use session_core::conversation::CommunityRoom;
use session_core::identity::{IdPrefix, SessionId};

/// The longest text a post or direct message may carry (the official apps' limit).
const MAX_TEXT_CHARS: usize = 2000;
/// The longest reaction a server takes (the official server's limit, in characters).
const MAX_EMOJI_CHARS: usize = 12;
/// How much of a server's error text is shown.
const MAX_SERVER_TEXT: usize = 200;

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
    /// React to a post of a joined room with an emoji, or take the reaction back.
    React {
        /// The server's address (`http(s)://host[:port]`) or the room's join link.
        url: String,
        /// The room token.
        room: String,
        /// The post's ID (`id` as `read` prints it).
        id: String,
        /// The emoji.
        emoji: String,
        /// Take the reaction back instead.
        #[arg(long)]
        remove: bool,
    },
    /// Delete a post of a joined room: one's own, or any as a moderator of the room.
    Delete {
        /// The server's address (`http(s)://host[:port]`) or the room's join link.
        url: String,
        /// The room token.
        room: String,
        /// The post's ID (`id` as `read` prints it).
        id: String,
    },
    /// Post a text message to a joined room quoting one of its posts.
    Reply {
        /// The server's address (`http(s)://host[:port]`) or the room's join link.
        url: String,
        /// The room token.
        room: String,
        /// The ID of the post replied to (`id` as `read` prints it).
        id: String,
        /// The text.
        text: String,
    },
    /// Send a blinded direct message to someone seen in a room of a server.
    Dm {
        /// A join link of one of the server's rooms, or the address of a server with a joined
        /// room.
        url: String,
        /// The recipient's blinded ID (`15…` or `25…`, the `author` that `read` prints).
        recipient: String,
        /// The text.
        text: String,
    },
    /// Print the blinded direct messages received and sent through a server.
    Inbox {
        /// A join link of one of the server's rooms, or the address of a server with a joined
        /// room.
        url: String,
        /// Only the messages after this one (an `id` as `inbox` prints it).
        #[arg(long, value_name = "ID")]
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
                check_text(text)
            }
            CommunityCommand::Read { url, room, .. } => room_of(url, room).map(drop),
            CommunityCommand::React {
                url,
                room,
                id,
                emoji,
                ..
            } => {
                room_of(url, room)?;
                message_id(id)?;
                check_emoji(emoji)
            }
            CommunityCommand::Delete { url, room, id } => {
                room_of(url, room)?;
                message_id(id).map(drop)
            }
            CommunityCommand::Reply {
                url,
                room,
                id,
                text,
            } => {
                room_of(url, room)?;
                message_id(id)?;
                check_text(text)
            }
            CommunityCommand::Dm {
                url,
                recipient,
                text,
            } => {
                server_of(url)?;
                blinded_id(recipient)?;
                check_text(text)
            }
            CommunityCommand::Inbox { url, since } => {
                server_of(url)?;
                match since {
                    Some(n) if *n < 0 => Err(CliError(format!(
                        "--since {n} is not a message ID (0 or more)"
                    ))),
                    _ => Ok(()),
                }
            }
        }
    }
}

/// Text to post or send: something, and not too much.
fn check_text(text: &str) -> Result<(), CliError> {
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

/// A reaction: 1 to 12 characters, none of them blank or a control character.
fn check_emoji(emoji: &str) -> Result<(), CliError> {
    let n = emoji.chars().count();
    if n == 0 || emoji.trim().is_empty() {
        return Err(CliError("the emoji is empty".into()));
    }
    if n > MAX_EMOJI_CHARS {
        return Err(CliError(format!(
            "a reaction has at most {MAX_EMOJI_CHARS} characters, {emoji:?} has {n}"
        )));
    }
    if emoji.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(CliError(format!("{emoji:?} is not an emoji")));
    }
    Ok(())
}

/// A post's server ID: a positive number.
fn message_id(text: &str) -> Result<i64, CliError> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(CliError(format!(
            "{text:?} is not a message ID (a positive number, the `id` that `read` prints)"
        ))),
    }
}

/// A blinded (`15…` or `25…`) ID.
fn blinded_id(text: &str) -> Result<SessionId, CliError> {
    let id: SessionId = text
        .trim()
        .parse()
        .map_err(|e| CliError::context(&format!("{text:?} is not a blinded ID"), e))?;
    match id.kind() {
        Some(IdPrefix::Blinded15 | IdPrefix::Blinded25) => Ok(id),
        _ => Err(CliError(format!(
            "{text} is not a blinded ID (15… or 25…, as a room shows its members)"
        ))),
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

/// A server given as a join link of one of its rooms (which carries its key) or as its
/// address alone (normalised).
enum ServerArg {
    Link(JoinLink),
    Address(String),
}

fn server_of(url: &str) -> Result<ServerArg, CliError> {
    if let Ok(l) = JoinLink::parse(url) {
        return Ok(ServerArg::Link(l));
    }
    // Any token will do: only the server's normalised form is kept.
    CommunityRoom::new(url.trim(), "x")
        .map(|r| ServerArg::Address(r.server().to_owned()))
        .map_err(|e| CliError::context("not a community server", e))
}

/// A link to reach the server `url` names, with its key: the join link given, or one of the
/// rooms joined on that server.
fn server_link(configs: &AccountConfigs, url: &str) -> Result<JoinLink, CliError> {
    match server_of(url)? {
        ServerArg::Link(l) => Ok(l),
        ServerArg::Address(server) => joined(configs)
            .into_iter()
            .map(|(l, _)| l)
            .find(|l| l.server() == server)
            .ok_or_else(|| {
                CliError(format!(
                    "no room of {server} is joined: give a join link of one of its rooms \
                     (it carries the server's key)"
                ))
            }),
    }
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

/// The start of a server's error text, without control characters (it is untrusted).
fn server_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SERVER_TEXT)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A reply's body when its status is a success, else a readable error.
fn body_of(reply: &ServerReply, what: &str) -> Result<Vec<u8>, CliError> {
    answer(reply, what, &[])
}

/// A reply's body when its status is a success; else `what: why` for a status `known` names,
/// or the server's own status and text.
fn answer(reply: &ServerReply, what: &str, known: &[(u16, &str)]) -> Result<Vec<u8>, CliError> {
    if (200..300).contains(&reply.code) {
        return Ok(reply.body.clone());
    }
    if let Some((_, why)) = known.iter().find(|(code, _)| *code == reply.code) {
        return Err(CliError(format!("{what}: {why}")));
    }
    let why = match reply.code {
        401 => "the server did not accept this account's signature".to_owned(),
        403 => "the server refused it (banned, or not allowed)".to_owned(),
        _ => format!(
            "the community server answered {} {}",
            reply.code,
            server_text(&reply.body)
        ),
    };
    Err(CliError(format!("{what}: {why}")))
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
        CommunityCommand::Join { url } => rooms::join(&acct, &link(&url)?).await?,
        CommunityCommand::List => rooms::list(&acct),
        CommunityCommand::Send { url, room, text } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            rooms::send(&acct, profile, &room, &text, None).await?
        }
        CommunityCommand::Read { url, room, since } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            rooms::read(&acct, &room, since).await?
        }
        CommunityCommand::React {
            url,
            room,
            id,
            emoji,
            remove,
        } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            rooms::react(&acct, &room, message_id(&id)?, &emoji, remove).await?
        }
        CommunityCommand::Delete { url, room, id } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            rooms::delete(&acct, &room, message_id(&id)?).await?
        }
        CommunityCommand::Reply {
            url,
            room,
            id,
            text,
        } => {
            let room = find_joined(&acct.configs.borrow(), &room_of(&url, &room)?)?;
            rooms::send(&acct, profile, &room, &text, Some(message_id(&id)?)).await?
        }
        CommunityCommand::Dm {
            url,
            recipient,
            text,
        } => {
            let server = server_link(&acct.configs.borrow(), &url)?;
            dm::send(&acct, profile, &server, &blinded_id(&recipient)?, &text).await?
        }
        CommunityCommand::Inbox { url, since } => {
            let server = server_link(&acct.configs.borrow(), &url)?;
            dm::inbox(&acct, &server, since).await?
        }
    };
    if let Err(e) = acct.client.sync_configs(&acct.configs, Some(&Zstd)).await {
        eprintln!("note: the account's communities could not be synced yet: {e}");
    }
    acct.save()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_judged_without_the_network() {
        assert_eq!(message_id("42").unwrap(), 42);
        assert_eq!(message_id(" 7 ").unwrap(), 7);
        for bad in ["0", "-3", "x", "", "1.5", "99999999999999999999"] {
            assert!(message_id(bad).is_err(), "{bad}");
        }
        assert!(check_emoji("👍").is_ok());
        assert!(check_emoji("❤️").is_ok());
        assert!(check_emoji("").is_err());
        assert!(check_emoji(" ").is_err());
        assert!(check_emoji("👍\n").is_err());
        assert!(check_emoji(&"👍".repeat(13)).is_err());
        assert!(check_emoji(&"👍".repeat(12)).is_ok());
        assert!(check_text("hi").is_ok());
        assert!(check_text(" \n").is_err());
        assert!(check_text(&"é".repeat(2001)).is_err());
        assert!(check_text(&"é".repeat(2000)).is_ok());
        let b15 = format!("15{}", "ab".repeat(32));
        let b25 = format!("25{}", "ab".repeat(32));
        assert!(blinded_id(&b15).is_ok() && blinded_id(&b25).is_ok());
        for bad in [
            format!("05{}", "ab".repeat(32)),
            "15ab".into(),
            "nonsense".into(),
        ] {
            assert!(blinded_id(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn servers_are_named_by_link_or_address() {
        let key = "ab".repeat(32);
        let link = format!("http://127.0.0.1:8080/lobby?public_key={key}");
        assert!(matches!(server_of(&link), Ok(ServerArg::Link(_))));
        match server_of("HTTP://127.0.0.1:8080/") {
            Ok(ServerArg::Address(s)) => assert_eq!(s, "http://127.0.0.1:8080"),
            _ => panic!("an address"),
        }
        assert!(server_of("ftp://example.org").is_err());
        assert!(server_of("nonsense").is_err());
    }

    #[test]
    fn server_text_is_short_and_printable() {
        let long = format!("no\x1b[31m{}", "x".repeat(500));
        let shown = server_text(long.as_bytes());
        assert!(!shown.contains('\x1b'));
        assert_eq!(shown.chars().count(), MAX_SERVER_TEXT);
        assert_eq!(server_text(&[0xff, b'a']), "\u{fffd}a");
    }
}
