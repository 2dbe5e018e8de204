//! Blinded direct messages through a community server (messaging.md §7.8): `dm` sends one to a
//! `15…`/`25…` ID seen in a room, `inbox` reads what the server keeps for us in `/inbox` (to
//! us) and `/outbox` (from us), each opened with the account's key, which also reveals the
//! sender's real Session ID.

use super::{answer, call, mode_of};
use crate::account::Account;
use crate::config_sync::now_ms;
use crate::output::CliError;
use crate::profile::Profile;
use serde_json::{json, Value};
use session_core::client::{ServerReply, Transport};
use session_core::community::api::{self, DirectMessage};
use session_core::community::auth::AuthMode;
use session_core::community::dm;
use session_core::community::url::JoinLink;
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;
use session_core::message::{decode_content, encode_content};
use std::collections::BTreeMap;

/// The page the server gives when asked for none (the official default).
const INBOX_PAGE: usize = 100;
/// How many pages of each box one `inbox` reads at most.
const MAX_PAGES: usize = 50;

/// The blinded mode a server must use to have an inbox.
async fn blinded_mode<T: Transport>(
    acct: &Account<'_, T>,
    server: &JoinLink,
) -> Result<AuthMode, CliError> {
    let (mode, _) = mode_of(acct, server).await?;
    if mode != AuthMode::Blinded {
        return Err(CliError(format!(
            "{} does not blind its users, so it has no inbox for blinded messages",
            server.server()
        )));
    }
    Ok(mode)
}

/// `dm`: encrypts a text Content for `recipient` and leaves it in their inbox on the server.
pub(super) async fn send<T: Transport>(
    acct: &Account<'_, T>,
    profile: &Profile,
    server: &JoinLink,
    recipient: &SessionId,
    text: &str,
) -> Result<Value, CliError> {
    let mode = blinded_mode(acct, server).await?;
    let mut builder = ContentBuilder::text(text.trim());
    if let Some(me) = profile.load_profile()? {
        builder = builder.profile(&me.to_profile());
    }
    let mut content = builder.build();
    content.sig_timestamp = Some(u64::try_from(now_ms()).unwrap_or(0));
    let blob = dm::encrypt(
        acct.identity(),
        &server.key().0,
        recipient,
        &encode_content(&content),
        &mut rand_core::OsRng,
    )
    .map_err(|e| CliError::context("the message could not be encrypted", e))?;
    let reply = call(acct, server, mode, &api::send_dm(recipient, &blob)).await?;
    let unknown = format!(
        "{recipient} is not known to this server (never seen in its rooms, or banned there)"
    );
    let sent = DirectMessage::parse(&answer(
        &reply,
        "the message was refused",
        &[(404, unknown.as_str())],
    )?)
    .map_err(|e| CliError::context("the server's answer to the message", e))?;
    Ok(json!({
        "server": server.server(),
        "recipient": recipient.to_hex(),
        "id": sent.id,
        "posted": sent.posted_at,
    }))
}

/// One page of a box: a 304 (nothing new) is an empty page.
fn page_of(reply: &ServerReply, what: &str) -> Result<Vec<DirectMessage>, CliError> {
    if reply.code == 304 {
        return Ok(Vec::new());
    }
    DirectMessage::parse_list(&answer(reply, what, &[])?)
        .map_err(|e| CliError::context(&format!("the server's {what}"), e))
}

/// Every message of the inbox (or outbox) after `since`, page by page.
async fn read_box<T: Transport>(
    acct: &Account<'_, T>,
    server: &JoinLink,
    mode: AuthMode,
    outbox: bool,
    since: Option<i64>,
) -> Result<Vec<DirectMessage>, CliError> {
    let what = if outbox { "outbox" } else { "inbox" };
    let mut all = Vec::new();
    let mut after = since;
    for _ in 0..MAX_PAGES {
        let request = if outbox {
            api::outbox(after)
        } else {
            api::inbox(after)
        };
        let page = page_of(&call(acct, server, mode, &request).await?, what)?;
        let full = page.len() >= INBOX_PAGE;
        let last = page.iter().map(|m| m.id).max();
        all.extend(page);
        // A server that does not move on would page forever: stop when it does not.
        match last {
            Some(id) if full && after.is_none_or(|a| id > a) => after = Some(id),
            _ => break,
        }
    }
    Ok(all)
}

/// `inbox`: the messages to and from us on the server, opened, oldest first.
pub(super) async fn inbox<T: Transport>(
    acct: &Account<'_, T>,
    server: &JoinLink,
    since: Option<i64>,
) -> Result<Value, CliError> {
    let mode = blinded_mode(acct, server).await?;
    let mut items: BTreeMap<i64, DirectMessage> = BTreeMap::new();
    for outbox in [false, true] {
        for m in read_box(acct, server, mode, outbox, since).await? {
            items.entry(m.id).or_insert(m);
        }
    }
    let mut skipped = 0u64;
    let mut messages = Vec::new();
    for m in items.values() {
        match open(acct, server, m) {
            Some(v) => messages.push(v),
            None => skipped += 1,
        }
    }
    Ok(json!({
        "server": server.server(),
        "messages": messages,
        "skipped": skipped,
    }))
}

/// One item as `inbox` prints it, or `None` when it does not open with our key.
fn open<T: Transport>(
    acct: &Account<'_, T>,
    server: &JoinLink,
    m: &DirectMessage,
) -> Option<Value> {
    let blob = m.message.as_deref()?;
    let opened = dm::decrypt(
        acct.identity(),
        &server.key().0,
        &m.sender,
        &m.recipient,
        blob,
    )
    .ok()?;
    let content = decode_content(&opened.plaintext).ok();
    let text = content
        .as_ref()
        .and_then(|c| c.data_message.as_ref())
        .and_then(|d| d.body.clone());
    Some(json!({
        "id": m.id,
        "sender": opened.sender.to_hex(),
        "blinded_sender": m.sender.to_hex(),
        "recipient": m.recipient.to_hex(),
        "posted": m.posted_at,
        "text": text,
        "outgoing": opened.outgoing,
    }))
}
