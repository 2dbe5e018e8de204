//! The chat commands: `init`, `restore`, `whoami`, `set-name`, `profile`, `contacts`, `send`,
//! `receive`, `listen`, the conversation toolbox: `react`, `unsend`, `read`, `typing`,
//! `accept`, `ons`, and `group …` and `community …`.
//!
//! Each command is a library function (used by the integration tests) plus its entry in
//! [`ChatCommand`]. Every one prints JSON on stdout; `listen` prints one JSON line per message.
//! What can be checked without the network is checked before connecting.

pub mod community;
pub mod contacts;
pub mod control;
pub mod group;
pub mod init;
pub mod listen;
pub mod ons;
pub mod profile_cmd;
pub mod react;
pub mod receive;
pub mod restore;
pub mod send;
pub mod set_name;
pub mod unsend;
pub mod whoami;

use crate::attachments::read_files;
use crate::network::connect;
use crate::output::{self, CliError};
use crate::profile::Profile;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

/// The chat commands of `session-cli`.
#[derive(Debug, Subcommand)]
pub enum ChatCommand {
    /// Create a new account in the profile; prints its Session ID and recovery phrase.
    Init(init::Args),
    /// Restore an account from its 13-word recovery phrase.
    Restore(restore::Args),
    /// Print the profile's Session ID, public keys and display name.
    Whoami,
    /// Set the display name sent with your messages (synced by the next network command).
    SetName(set_name::Args),
    /// Print the profile from the account's settings; with --name, change the display name
    /// and sync it to the account's other devices.
    Profile(profile_cmd::Args),
    /// List the account's contacts as JSON (fetched first when a network is given).
    Contacts,
    /// Send a text message (with files, or as a reply with --reply-to); returns once the
    /// recipient's swarm has stored it.
    Send(send::Args),
    /// React to a message with an emoji (or take the reaction back with --remove).
    React(react::Args),
    /// Delete our message for everyone: our own swarm's copy, then an unsend request to the
    /// contact and to our other devices.
    Unsend(unsend::Args),
    /// Send a read receipt for a contact's messages.
    Read(control::ReadArgs),
    /// Show a contact that we are typing (or stopped, with --stop).
    Typing(control::TypingArgs),
    /// Accept a contact's message request (sends our profile and approves the contact).
    Accept(control::AcceptArgs),
    /// Poll once; prints the new messages as a JSON array (each message only once), with
    /// their attachments downloaded; with --events, reactions, unsends, receipts, typing and
    /// accepted requests too.
    Receive(receive::Args),
    /// Print new messages (with --events, the other events too) as JSON lines until
    /// interrupted.
    Listen(listen::Args),
    /// Print the Session ID registered under an ONS name (three nodes must agree).
    Ons(ons::Args),
    /// Groups: create, invite, remove, promote, rename, leave, list.
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// Communities: join a room, list the joined rooms, post, reply, react, delete and read
    /// in a room; send and read blinded direct messages.
    #[command(subcommand)]
    Community(community::CommunityCommand),
}

/// The options shared by every command.
#[derive(Debug, Clone, Default)]
pub struct Globals {
    /// `--relay URL`.
    pub relay: Option<String>,
    /// `--seed URL` (direct mode, local network).
    pub seed: Option<String>,
    /// `--profile DIR`.
    pub profile: Option<PathBuf>,
}

/// Runs a chat command on a fresh single-threaded runtime, writing to stdout; `listen` stops
/// on Ctrl-C.
pub fn main(globals: &Globals, cmd: ChatCommand) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::context("cannot start the async runtime", e))?;
    let stop = async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No signal handling: run until killed.
            std::future::pending::<()>().await;
        }
    };
    runtime.block_on(run(globals, cmd, &mut std::io::stdout(), stop))
}

/// Runs a chat command, writing its output to `out`; `stop` ends `listen`.
pub async fn run(
    globals: &Globals,
    cmd: ChatCommand,
    out: &mut impl Write,
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), CliError> {
    let dir = globals.profile.clone().ok_or_else(|| {
        CliError("this command needs --profile DIR (the folder that holds the account)".into())
    })?;
    let profile = Profile::new(dir);
    match cmd {
        ChatCommand::Init(args) => {
            output::emit(out, &init::init(&profile, args.name.as_deref()).await?)
        }
        ChatCommand::Restore(args) => {
            let conn = match (&globals.relay, &globals.seed) {
                (None, None) => None,
                _ => Some(connect(globals.relay.as_deref(), globals.seed.as_deref()).await?),
            };
            let restored =
                restore::restore(&profile, &args.words, args.name.as_deref(), conn.as_ref())
                    .await?;
            output::emit(out, &restored)
        }
        ChatCommand::Whoami => output::emit(out, &whoami::whoami(&profile)?),
        ChatCommand::SetName(args) => {
            output::emit(out, &set_name::set_name(&profile, &args.name).await?)
        }
        ChatCommand::Profile(args) => {
            if let Some(name) = &args.name {
                set_name::check_name(name)?;
            }
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            let shown = profile_cmd::profile(&profile, &conn, args.name.as_deref()).await?;
            output::emit(out, &shown)
        }
        ChatCommand::Contacts => {
            profile.load_identity()?;
            let conn = match (&globals.relay, &globals.seed) {
                (None, None) => None,
                _ => Some(connect(globals.relay.as_deref(), globals.seed.as_deref()).await?),
            };
            output::emit(out, &contacts::contacts(&profile, conn.as_ref()).await?)
        }
        ChatCommand::Send(args) if args.to.trim().starts_with("03") => {
            crate::groups::group_id(&args.to)?;
            let text = args.text();
            send::check_body(&text, !args.attach.is_empty())?;
            if !args.attach.is_empty() {
                return Err(CliError(
                    "attachments to groups are not supported by the CLI yet; send text".into(),
                ));
            }
            let reply = match args.reply_to {
                Some(t) => {
                    let author = args.reply_author.as_deref().ok_or_else(|| {
                        CliError("a reply in a group needs --reply-author SESSION_ID".into())
                    })?;
                    Some(session_core::message::MessageRef::new(
                        send::session_id("--reply-author", author)?,
                        t,
                    ))
                }
                None => None,
            };
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            let sent = group::send_text(&profile, &conn, &args.to, &text, reply.as_ref()).await?;
            output::emit(out, &sent)
        }
        ChatCommand::Send(args) => {
            // Everything that can be checked without the network is checked first.
            let text = args.text();
            let to = send::recipient(&args.to)?;
            let reply = args.reply(&to)?;
            send::check_body(&text, !args.attach.is_empty())?;
            let files = read_files(&args.attach)?;
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            let sent =
                send::send_reply(&profile, &conn, &args.to, &text, &files, reply.as_ref()).await?;
            output::emit(out, &sent)
        }
        ChatCommand::React(args) => {
            let (to, reaction) = args.reaction()?;
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &react::react(&profile, &conn, &to, &reaction).await?)
        }
        ChatCommand::Unsend(args) => {
            let (to, hashes) = args.check()?;
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            let done = unsend::unsend(&profile, &conn, &to, args.timestamp, &hashes).await?;
            output::emit(out, &done)
        }
        ChatCommand::Read(args) => {
            let msg = args.control(&profile)?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &control::send_control(&profile, &conn, msg).await?)
        }
        ChatCommand::Typing(args) => {
            let msg = args.control(&profile)?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &control::send_control(&profile, &conn, msg).await?)
        }
        ChatCommand::Accept(args) => {
            let msg = args.control(&profile)?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &control::send_control(&profile, &conn, msg).await?)
        }
        ChatCommand::Receive(args) => {
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            let dir = args.downloads.download_dir(&profile);
            receive::receive_with(&profile, &conn, out, &dir, args.events)
                .await
                .map(drop)
        }
        ChatCommand::Ons(args) => {
            let name = args.check()?;
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &ons::resolve(&profile, &conn, &name).await?)
        }
        ChatCommand::Group(cmd) => {
            cmd.check()?;
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &group::run(&profile, &conn, cmd).await?)
        }
        ChatCommand::Community(cmd) => {
            cmd.check()?;
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            output::emit(out, &community::run(&profile, &conn, cmd).await?)
        }
        ChatCommand::Listen(args) => {
            profile.load_identity()?;
            let conn = connect(globals.relay.as_deref(), globals.seed.as_deref()).await?;
            let dir = args.downloads.download_dir(&profile);
            let interval = args.interval();
            listen::listen_with(&profile, &conn, out, interval, &dir, args.events, stop).await
        }
    }
}
