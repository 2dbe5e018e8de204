//! `session-cli group …`: groups v2 (groups-and-config.md §3.9). `create` makes a group and
//! invites its members; `invite`, `remove`, `promote` and `rename` are for its admins;
//! `leave` leaves it (the last admin deletes it); `list` shows the account's groups. Each
//! prints one JSON object. Messages go to a group with `send 03… TEXT` and arrive with
//! `receive`.

use super::send::{connect_paths, session_id};
use crate::account::Account;
use crate::config_sync::Zstd;
use crate::groups::{self, group_id, members_json, CliGroup};
use crate::network::Connection;
use crate::output::CliError;
use crate::profile::Profile;
use clap::Subcommand;
use serde_json::{json, Value};
use session_core::client::Transport;
use session_core::group::control::{updates, InfoChange, MemberChange};
use session_core::group::info::{GroupInfo, MAX_NAME_BYTES};
use session_core::group::state::GroupState;
use session_core::group::{AdminKey, MAX_MEMBERS};
use session_core::identity::SessionId;
use session_core::message::compose::ContentBuilder;

/// The group subcommands.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Make a group (we are its admin) and invite its members.
    Create {
        /// Its name (at most 100 bytes).
        name: String,
        /// A member's Session ID (repeat for several; at most 99).
        #[arg(long = "member", value_name = "SESSION_ID")]
        members: Vec<String>,
        /// A description.
        #[arg(long)]
        description: Option<String>,
    },
    /// Invite members to a group (admins).
    Invite {
        /// The group ID (03…).
        group: String,
        /// Their Session IDs.
        #[arg(required = true)]
        members: Vec<String>,
    },
    /// Remove members from a group (admins): they are told, and a new key leaves them out.
    Remove {
        /// The group ID (03…).
        group: String,
        /// Their Session IDs.
        #[arg(required = true)]
        members: Vec<String>,
    },
    /// Make a member an admin (admins).
    Promote {
        /// The group ID (03…).
        group: String,
        /// Their Session ID.
        member: String,
    },
    /// Rename a group (admins).
    Rename {
        /// The group ID (03…).
        group: String,
        /// The new name.
        name: String,
        /// A new description.
        #[arg(long)]
        description: Option<String>,
    },
    /// Leave a group (the last admin deletes it for everyone).
    Leave {
        /// The group ID (03…).
        group: String,
    },
    /// The account's groups (polled first).
    List,
}

impl GroupCommand {
    /// Checks what can be checked without the network.
    pub fn check(&self) -> Result<(), CliError> {
        match self {
            GroupCommand::Create { name, members, .. } => {
                check_name(name)?;
                if members.len() + 1 > MAX_MEMBERS {
                    return Err(CliError(format!(
                        "a group has at most {MAX_MEMBERS} members, ourselves included"
                    )));
                }
                member_ids(members).map(drop)
            }
            GroupCommand::Invite { group, members } | GroupCommand::Remove { group, members } => {
                group_id(group)?;
                member_ids(members).map(drop)
            }
            GroupCommand::Promote { group, member } => {
                group_id(group)?;
                session_id("member", member).map(drop)
            }
            GroupCommand::Rename { group, name, .. } => {
                group_id(group)?;
                check_name(name)
            }
            GroupCommand::Leave { group } => group_id(group).map(drop),
            GroupCommand::List => Ok(()),
        }
    }
}

fn check_name(name: &str) -> Result<(), CliError> {
    if name.trim().is_empty() {
        return Err(CliError("a group needs a name".into()));
    }
    if name.trim().len() > MAX_NAME_BYTES {
        return Err(CliError(format!(
            "a group name has at most {MAX_NAME_BYTES} bytes"
        )));
    }
    Ok(())
}

fn member_ids(list: &[String]) -> Result<Vec<SessionId>, CliError> {
    let mut out = Vec::new();
    for m in list {
        let id = session_id("member", m)?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

fn not_admin(g: &CliGroup) -> Result<(), CliError> {
    if g.state.is_admin() {
        Ok(())
    } else {
        Err(CliError(format!(
            "only the admins of {} can do this",
            g.state.id()
        )))
    }
}

fn failed(what: &str) -> impl Fn(session_core::group::GroupError) -> CliError + '_ {
    move |e| CliError::context(what, e)
}

/// Runs a group subcommand.
pub async fn run<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    cmd: GroupCommand,
) -> Result<Value, CliError> {
    cmd.check()?;
    let mut acct = Account::open(profile, conn).await?;
    if !matches!(cmd, GroupCommand::List) {
        connect_paths(&mut acct, "the group was not changed").await?;
    }
    let us = acct.us();
    let out = match cmd {
        GroupCommand::Create {
            name,
            members,
            description,
        } => {
            let ids: Vec<SessionId> = member_ids(&members)?
                .into_iter()
                .filter(|id| *id != us)
                .collect();
            let info = GroupInfo {
                name: Some(name.trim().to_owned()),
                description: description.filter(|d| !d.trim().is_empty()),
                created: Some(crate::config_sync::now_ms() / 1000),
                ..GroupInfo::default()
            };
            let our_name = profile
                .load_profile()?
                .map(|p| p.display_name)
                .unwrap_or_default();
            let others: Vec<(SessionId, String)> =
                ids.iter().map(|id| (*id, String::new())).collect();
            let key = AdminKey::generate(&mut rand_core::OsRng);
            let state = GroupState::create(
                acct.identity().clone(),
                key.clone(),
                &info,
                &our_name,
                &others,
            )
            .map_err(failed("the group was not made"))?;
            acct.groups.push(CliGroup {
                state,
                name: name.trim().to_owned(),
                respond: false,
            });
            let i = acct.groups.len() - 1;
            // Kept before anything is sent: an interrupted command leaves the group here.
            acct.save()?;
            let invites = groups::deliver(&acct.client, &mut acct.groups[i]).await?;
            if !ids.is_empty() {
                let at = acct.client.reserve_timestamp();
                let t = i64::try_from(at).unwrap_or(0);
                let change = updates::member_change(&key, MemberChange::Added, &ids, false, t);
                if let Err(e) =
                    groups::send_group_at(&acct.client, &acct.groups[i].state, &change, at).await
                {
                    eprintln!("note: {e}");
                }
            }
            groups::record_in_config(&mut acct.configs.borrow_mut(), &acct.groups[i], false);
            let g = &acct.groups[i];
            json!({
                "group": g.state.id().to_hex(),
                "name": g.name(),
                "members": members_json(&g.state.members()),
                "invites": invites,
            })
        }
        GroupCommand::Invite { group, members } => {
            let id = group_id(&group)?;
            let i = acct.group_index(&id)?;
            not_admin(&acct.groups[i])?;
            let ids = member_ids(&members)?;
            let added: Vec<(SessionId, String)> = ids
                .iter()
                .filter(|m| **m != us)
                .map(|m| (*m, String::new()))
                .collect();
            acct.groups[i]
                .state
                .add_members(&added, false)
                .map_err(failed("nobody was invited"))?;
            acct.save()?;
            let invites = groups::deliver(&acct.client, &mut acct.groups[i]).await?;
            announce(&acct, i, MemberChange::Added, &ids).await;
            json!({"group": id.to_hex(), "invites": invites})
        }
        GroupCommand::Remove { group, members } => {
            let id = group_id(&group)?;
            let i = acct.group_index(&id)?;
            not_admin(&acct.groups[i])?;
            let ids = member_ids(&members)?;
            acct.groups[i]
                .state
                .remove_members(&ids)
                .map_err(failed("nobody was removed"))?;
            acct.save()?;
            groups::deliver(&acct.client, &mut acct.groups[i]).await?;
            announce(&acct, i, MemberChange::Removed, &ids).await;
            json!({
                "group": id.to_hex(),
                "removed": ids.iter().map(SessionId::to_hex).collect::<Vec<_>>(),
                "generation": acct.groups[i].state.keys().generation(),
            })
        }
        GroupCommand::Promote { group, member } => {
            let id = group_id(&group)?;
            let i = acct.group_index(&id)?;
            not_admin(&acct.groups[i])?;
            let member = session_id("member", &member)?;
            acct.groups[i]
                .state
                .promote(&member)
                .map_err(failed("nobody was promoted"))?;
            acct.save()?;
            groups::deliver(&acct.client, &mut acct.groups[i]).await?;
            announce(&acct, i, MemberChange::Promoted, &[member]).await;
            json!({"group": id.to_hex(), "promoted": member.to_hex()})
        }
        GroupCommand::Rename {
            group,
            name,
            description,
        } => {
            let id = group_id(&group)?;
            let i = acct.group_index(&id)?;
            not_admin(&acct.groups[i])?;
            let mut info = acct.groups[i].state.info();
            info.name = Some(name.trim().to_owned());
            if let Some(d) = description {
                info.description = Some(d).filter(|d| !d.trim().is_empty());
            }
            acct.groups[i]
                .state
                .set_info(&info)
                .map_err(failed("the group was not renamed"))?;
            acct.save()?;
            groups::push(&acct.client, &mut acct.groups[i].state).await?;
            if let Some(admin) = acct.groups[i].state.admin_key().cloned() {
                let at = acct.client.reserve_timestamp();
                let t = i64::try_from(at).unwrap_or(0);
                let change =
                    updates::info_change(&admin, InfoChange::Name, Some(name.trim()), None, t);
                if let Err(e) =
                    groups::send_group_at(&acct.client, &acct.groups[i].state, &change, at).await
                {
                    eprintln!("note: {e}");
                }
            }
            groups::record_in_config(&mut acct.configs.borrow_mut(), &acct.groups[i], false);
            json!({"group": id.to_hex(), "name": acct.groups[i].name()})
        }
        GroupCommand::Leave { group } => {
            let id = group_id(&group)?;
            let i = acct.group_index(&id)?;
            let g = &mut acct.groups[i];
            let admins = g.state.members().iter().filter(|m| m.admin).count();
            let destroy = g.state.is_admin() && admins <= 1;
            if destroy {
                let mut info = g.state.info();
                info.destroyed = true;
                g.state
                    .set_info(&info)
                    .map_err(failed("the group was not deleted"))?;
                groups::push(&acct.client, &mut acct.groups[i].state).await?;
            } else if !g.state.is_gone() {
                groups::send_group(&acct.client, &g.state, &updates::member_left_notification())
                    .await?;
                groups::send_group(&acct.client, &acct.groups[i].state, &updates::member_left())
                    .await?;
            }
            acct.groups.remove(i);
            groups::erase_in_config(&mut acct.configs.borrow_mut(), &id);
            json!({"group": id.to_hex(), "left": true, "destroyed": destroy})
        }
        GroupCommand::List => {
            if let Ok(report) = acct.client.poll().await {
                acct.sync_configs(&report).await?;
                let _ = acct.absorb_groups(&report).await;
            }
            json!({"groups": acct.groups.iter().map(CliGroup::to_json).collect::<Vec<_>>()})
        }
    };
    acct.refresh_plan();
    if let Err(e) = acct.client.sync_configs(&acct.configs, Some(&Zstd)).await {
        eprintln!("note: the account's groups could not be synced yet: {e}");
    }
    acct.save()?;
    Ok(out)
}

async fn announce<T: Transport>(
    acct: &Account<'_, T>,
    i: usize,
    change: MemberChange,
    ids: &[SessionId],
) {
    let g = &acct.groups[i];
    let Some(admin) = g.state.admin_key().cloned() else {
        return;
    };
    let at = acct.client.reserve_timestamp();
    let t = i64::try_from(at).unwrap_or(0);
    let content = updates::member_change(&admin, change, ids, false, t);
    if let Err(e) = groups::send_group_at(&acct.client, &g.state, &content, at).await {
        eprintln!("note: {e}");
    }
}

/// Sends `text` to a group: `{"hash", "timestamp", "to", "group", "sync", "sync_hash",
/// "attachments"}` (a group has no sync copy: every device of ours reads the group).
pub async fn send_text<T: Transport>(
    profile: &Profile,
    conn: &Connection<T>,
    group: &str,
    text: &str,
    reply_to: Option<&session_core::message::MessageRef>,
) -> Result<Value, CliError> {
    let id = group_id(group)?;
    let mut acct = Account::open(profile, conn).await?;
    let i = acct.group_index(&id)?;
    connect_paths(&mut acct, "message not sent").await?;
    let mut content = ContentBuilder::text(text);
    if let Some(r) = reply_to {
        content = content.reply_to(r);
    }
    if let Some(me) = profile.load_profile()? {
        content = content.profile(&me.to_profile());
    }
    let (t, hash) =
        groups::send_group(&acct.client, &acct.groups[i].state, &content.build()).await?;
    acct.save()?;
    Ok(json!({
        "hash": hash,
        "timestamp": t,
        "to": id.to_hex(),
        "group": id.to_hex(),
        "sync": "not-needed",
        "sync_hash": null,
        "attachments": [],
    }))
}
