//! The account's groups (groups v2) in a command: loaded from the profile with the account,
//! polled with it, pushed and written to, and saved with it. The protocol is core's
//! [`GroupState`]; this moves bytes and reports what happened as JSON.

use crate::config_sync::{now_ms, Zstd};
use crate::output::CliError;
use crate::profile::{NetworkState, StoredGroup};
use serde_json::{json, Value};
use session_core::client::{group_retrieved, Client, Env, Event, PollPlan, PollReport, Transport};
use session_core::config::user_groups::{self, Removed};
use session_core::config::{AccountConfigs, Domain};
use session_core::group::control::updates;
use session_core::group::members::{Member, Status};
use session_core::group::state::{GroupState, Unsent};
use session_core::group::{AdminKey, GroupId};
use session_core::identity::{Identity, SessionId};
use session_core::message::receive::Incoming;
use session_core::proto::session::{Content, GroupUpdateMessage};

/// One group of the account.
#[derive(Debug)]
pub struct CliGroup {
    /// Its state.
    pub state: GroupState,
    /// The invitation's name, until the group's own info says one.
    pub name: String,
    /// Joined from an invitation; the group is told once a key arrived.
    pub respond: bool,
}

impl CliGroup {
    /// Its name.
    pub fn name(&self) -> String {
        self.state.info().name.unwrap_or_else(|| self.name.clone())
    }

    /// The group as `group list` prints it.
    pub fn to_json(&self) -> Value {
        let info = self.state.info();
        json!({
            "group": self.state.id().to_hex(),
            "name": self.name(),
            "description": info.description,
            "admin": self.state.is_admin(),
            "kicked": self.state.is_gone() && !info.destroyed,
            "destroyed": info.destroyed,
            "members": members_json(&self.state.members()),
        })
    }
}

/// Members as printed: `[{"session_id", "name", "admin", "invite_status", "promotion_status",
/// "removed"}]` (absent values null).
pub fn members_json(members: &[Member]) -> Vec<Value> {
    members
        .iter()
        .map(|m| {
            json!({
                "session_id": m.session_id.to_hex(),
                "name": m.name,
                "admin": m.admin,
                "invite_status": m.invite.map(Status::to_int),
                "promotion_status": m.promotion.map(Status::to_int),
                "removed": m.removed.map(session_core::group::members::Removal::to_int),
            })
        })
        .collect()
}

/// Parses a `03…` group ID, explaining a bad one.
pub fn group_id(text: &str) -> Result<GroupId, CliError> {
    GroupId::parse(text).map_err(|_| {
        CliError(format!(
            "{text:?} is not a group ID: a group ID is 66 hex characters starting with 03"
        ))
    })
}

/// The groups kept for a network.
pub fn load(identity: &Identity, net: Option<&NetworkState>) -> Vec<CliGroup> {
    let Some(net) = net else {
        return Vec::new();
    };
    net.groups
        .iter()
        .filter_map(|(id, g)| {
            let id = GroupId::parse(id).ok()?;
            let admin = g
                .admin_seed
                .as_deref()
                .and_then(|s| hex::decode(s).ok())
                .and_then(|seed| AdminKey::for_group(&seed, &id).ok());
            let dump = hex::decode(&g.dump).ok()?;
            match GroupState::load(identity.clone(), id, admin, &dump) {
                Ok(state) => Some(CliGroup {
                    state,
                    name: g.name.clone(),
                    respond: g.respond,
                }),
                Err(e) => {
                    eprintln!("note: the saved group {id} is unreadable ({e}); it is skipped");
                    None
                }
            }
        })
        .collect()
}

/// Writes the groups into a network's state (replacing what was kept).
pub fn store(net: &mut NetworkState, groups: &mut [CliGroup]) {
    net.groups = groups
        .iter_mut()
        .map(|g| {
            (
                g.state.id().to_hex(),
                StoredGroup {
                    admin_seed: g.state.admin_key().map(|k| hex::encode(&k.seed()[..])),
                    dump: hex::encode(g.state.dump()),
                    name: g.name.clone(),
                    respond: g.respond,
                },
            )
        })
        .collect();
}

/// Our account and every group we are still in.
pub fn plan(us: SessionId, groups: &[CliGroup]) -> PollPlan {
    let mut plan = PollPlan::own_account(us);
    for g in groups.iter().filter(|g| !g.state.is_gone()) {
        if let Err(e) = plan.add_group(&us, &g.state) {
            eprintln!("note: group {} is not polled: {e}", g.state.id());
        }
    }
    plan
}

/// Records (or updates) a group in UserGroups, as every device of the account should see it.
pub fn record_in_config(configs: &mut AccountConfigs, g: &CliGroup, invited: bool) {
    let Some(config) = configs.get_mut(Domain::UserGroups) else {
        return;
    };
    let sid = g.state.id().session_id();
    config.edit(|d| {
        let mut rec =
            user_groups::get_group(d, &sid).unwrap_or_else(|| user_groups::Group::new(sid));
        rec.name = g.name();
        rec.admin_seed = g.state.admin_key().map(|k| *k.seed());
        rec.auth_data = g.state.auth_data().copied();
        rec.membership.invited = invited;
        if rec.membership.joined_at == 0 {
            rec.membership.joined_at = now_ms() / 1000;
        }
        let info = g.state.info();
        rec.removed = if info.destroyed {
            Removed::Destroyed
        } else if g.state.is_gone() {
            Removed::Kicked
        } else {
            Removed::No
        };
        user_groups::set_group(d, &rec);
    });
}

/// Forgets a group in UserGroups.
pub fn erase_in_config(configs: &mut AccountConfigs, id: &GroupId) {
    if let Some(config) = configs.get_mut(Domain::UserGroups) {
        config.edit(|d| user_groups::erase(d, b"g", &id.session_id()));
    }
}

/// Groups UserGroups names that this profile does not have (another device joined them).
pub fn joined_elsewhere(
    configs: &AccountConfigs,
    identity: &Identity,
    known: &[CliGroup],
) -> Vec<CliGroup> {
    let Some(config) = configs.get(Domain::UserGroups) else {
        return Vec::new();
    };
    user_groups::all(config.data())
        .groups
        .into_iter()
        .filter(|g| g.removed == Removed::No)
        .filter(|g| !known.iter().any(|k| k.state.id().session_id() == g.id))
        .filter_map(|g| {
            let id = GroupId::from_session_id(&g.id).ok()?;
            let state = match (g.admin_seed, g.auth_data) {
                (Some(seed), _) => {
                    GroupState::join_as_admin(identity.clone(), AdminKey::from_seed(&seed)).ok()?
                }
                (None, Some(auth)) => GroupState::join(identity.clone(), id, &auth).ok()?,
                (None, None) => return None,
            };
            Some(CliGroup {
                state,
                name: g.name,
                respond: false,
            })
        })
        .collect()
}

/// Stores what an admin's group owes its swarm and confirms it.
pub async fn push<T: Transport, E: Env, R: rand_core::RngCore + rand_core::CryptoRng>(
    client: &Client<T, E, R>,
    state: &mut GroupState,
) -> Result<(), CliError> {
    let now = i64::try_from(client.network_now_ms()).unwrap_or(i64::MAX);
    let push = state
        .prepare_push(Some(&Zstd), now)
        .map_err(|e| CliError::context("the group cannot be pushed", e))?;
    let Some(push) = push else {
        return Ok(());
    };
    let Some(admin) = state.admin_key().cloned() else {
        return Ok(());
    };
    match client.push_group(&admin, &push).await {
        Ok(hashes) => {
            state.confirm_push(&push, &hashes, now);
            Ok(())
        }
        Err(e) => {
            state.push_failed(&push);
            Err(CliError::context("the group's changes were not stored", e))
        }
    }
}

/// Sends the invitations and promotions not sent yet, recording how each went; pushes the
/// group before and after. Returns `[{"session_id", "sent", "error"}]` for the invitations.
pub async fn deliver<T: Transport, E: Env, R: rand_core::RngCore + rand_core::CryptoRng>(
    client: &Client<T, E, R>,
    g: &mut CliGroup,
) -> Result<Vec<Value>, CliError> {
    push(client, &mut g.state).await?;
    let mut report = Vec::new();
    let unsent = g.state.unsent();
    for what in &unsent {
        let t = client.reserve_timestamp();
        let content = g
            .state
            .unsent_content(what, i64::try_from(t).unwrap_or(i64::MAX))
            .map_err(|e| CliError::context("no invitation", e))?;
        let sent = send_direct(client, what.to(), content, t).await;
        g.state
            .sent(what, sent.is_ok())
            .map_err(|e| CliError::context("the group cannot be changed", e))?;
        if let Unsent::Invitation(id) = what {
            report.push(json!({
                "session_id": id.to_hex(),
                "sent": sent.is_ok(),
                "error": sent.err(),
            }));
        }
    }
    if !unsent.is_empty() {
        push(client, &mut g.state).await?;
    }
    Ok(report)
}

/// A one-to-one message at `t` (its signature covers that time), stored at once.
pub async fn send_direct<T: Transport, E: Env, R: rand_core::RngCore + rand_core::CryptoRng>(
    client: &Client<T, E, R>,
    to: &SessionId,
    content: Content,
    t: u64,
) -> Result<(), String> {
    let mut out = client
        .prepare_at(to, content, t)
        .map_err(|e| e.to_string())?;
    client
        .deliver(&mut out)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Sends `content` to a group at a fresh time; `(timestamp, hash)`.
pub async fn send_group<T: Transport, E: Env, R: rand_core::RngCore + rand_core::CryptoRng>(
    client: &Client<T, E, R>,
    state: &GroupState,
    content: &Content,
) -> Result<(u64, String), CliError> {
    send_group_at(client, state, content, client.reserve_timestamp()).await
}

/// Sends `content` to a group at `t` (the time its admin signature names, if any).
pub async fn send_group_at<T: Transport, E: Env, R: rand_core::RngCore + rand_core::CryptoRng>(
    client: &Client<T, E, R>,
    state: &GroupState,
    content: &Content,
    t: u64,
) -> Result<(u64, String), CliError> {
    let stored = client
        .send_group(state, content, t, Some(&Zstd))
        .await
        .map_err(|e| CliError::context("the group message was not sent", e))?;
    Ok((t, stored.hash))
}

/// What a group control message says, for `receive --events`.
pub fn update_json(
    group: &GroupId,
    from: &SessionId,
    t: u64,
    hash: &str,
    u: &GroupUpdateMessage,
) -> Option<Value> {
    let ids = |l: &[String]| l.to_vec();
    let (kind, members, name) = if let Some(c) = &u.member_change_message {
        let kind = match c.r#type {
            2 => "member-removed",
            3 => "member-promoted",
            _ => "member-added",
        };
        (kind, Some(ids(&c.member_session_ids)), None)
    } else if let Some(c) = &u.info_change_message {
        ("info-changed", None, c.updated_name.clone())
    } else if u.member_left_notification_message.is_some() || u.member_left_message.is_some() {
        ("member-left", None, None)
    } else if u.invite_response.as_ref().is_some_and(|r| r.is_approved) {
        ("invite-accepted", None, None)
    } else {
        return None;
    };
    let mut v = json!({
        "kind": "group-update",
        "group": group.to_hex(),
        "from": from.to_hex(),
        "timestamp": t,
        "hash": hash,
        "update": kind,
    });
    if let Some(m) = members {
        v["members"] = json!(m);
    }
    if let Some(n) = name {
        v["name"] = json!(n);
    }
    Some(v)
}

/// What one poll did to the groups, as events in poll order: group messages (as
/// [`Event::Direct`] for the usual printing) and the JSON of invitations, kicks and control
/// messages.
#[derive(Debug, Default)]
pub struct GroupPoll {
    /// Group messages to print like one-to-one ones.
    pub messages: Vec<Event>,
    /// Other group events, for `--events`.
    pub events: Vec<Value>,
    /// Hashes of one-to-one items that were invitations or promotions (not printed as
    /// messages).
    pub consumed: Vec<String>,
}

/// Handles a poll for the groups: invitations and promotions that arrived one-to-one, then
/// each group's share, admins pushing what they owe.
pub async fn after_poll<T: Transport, E: Env, R: rand_core::RngCore + rand_core::CryptoRng>(
    client: &Client<T, E, R>,
    identity: &Identity,
    profile: Option<&session_core::message::compose::Profile>,
    groups: &mut Vec<CliGroup>,
    report: &PollReport,
) -> GroupPoll {
    let us = identity.session_id();
    let mut out = GroupPoll::default();
    for event in &report.events {
        let Event::Direct(Incoming::Message(m)) = event else {
            continue;
        };
        let t = i64::try_from(m.timestamp_ms).unwrap_or(i64::MAX);
        if let Some(inv) = updates::read_invite(&m.content, &us, t) {
            out.consumed.push(m.hash.clone());
            let inv = match inv {
                Ok(inv) => inv,
                Err(e) => {
                    eprintln!("note: refused a group invitation: {e}");
                    continue;
                }
            };
            let known = groups
                .iter()
                .any(|g| *g.state.id() == inv.group && !g.state.is_gone());
            if !known {
                match GroupState::join(identity.clone(), inv.group, &inv.auth) {
                    Ok(state) => {
                        groups.retain(|g| *g.state.id() != inv.group);
                        groups.push(CliGroup {
                            state,
                            name: inv.name.clone(),
                            respond: true,
                        });
                    }
                    Err(e) => {
                        eprintln!("note: refused a group invitation: {e}");
                        continue;
                    }
                }
            }
            out.events.push(json!({
                "kind": "group-invite",
                "group": inv.group.to_hex(),
                "name": inv.name,
                "from": m.from.to_hex(),
                "timestamp": m.timestamp_ms,
                "hash": m.hash,
            }));
        }
        if let Some(promo) = updates::read_promotion(&m.content) {
            out.consumed.push(m.hash.clone());
            if let Ok(key) = promo {
                if let Some(g) = groups.iter_mut().find(|g| *g.state.id() == key.group()) {
                    let member = g.state.members().iter().any(|x| x.session_id == m.from);
                    if member && !g.state.is_admin() {
                        if let Err(e) = g.state.promoted(&key.seed()[..]) {
                            eprintln!("note: a promotion could not be used: {e}");
                        }
                    }
                }
            }
        }
    }
    let now = i64::try_from(client.network_now_ms()).unwrap_or(i64::MAX);
    for g in groups.iter_mut().filter(|g| !g.state.is_gone()) {
        let id = *g.state.id();
        let absorbed = g.state.absorb(group_retrieved(report, &id), now);
        if absorbed.kicked {
            out.events
                .push(json!({"kind": "group-kicked", "group": id.to_hex()}));
        }
        for e in absorbed.events {
            let update = match &e {
                Incoming::Message(m) => m
                    .content
                    .data_message
                    .as_ref()
                    .and_then(|d| d.group_update_message.clone())
                    .map(|u| (m.from, m.timestamp_ms, m.hash.clone(), u)),
                _ => None,
            };
            match update {
                Some((from, t, hash, u)) => {
                    out.events.extend(update_json(&id, &from, t, &hash, &u))
                }
                None => out.messages.push(Event::Direct(e)),
            }
        }
        // Joined from an invitation: the admins hear we accepted, once we can write.
        if g.respond && g.state.keys().encryption_key().is_some() {
            match send_group(client, &g.state, &updates::invite_response(profile)).await {
                Ok(_) => g.respond = false,
                Err(e) => eprintln!("note: group {id}: the acceptance waits: {e}"),
            }
        }
        if g.state.is_admin() && g.state.needs_push() {
            if let Err(e) = deliver(client, g).await {
                eprintln!("note: group {id}: {e}");
            }
        }
    }
    out
}
