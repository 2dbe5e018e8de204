//! `session-cli debug group-keys`, `group-open`, `group-config-open` and `group-seal`: the
//! objects of a groups-v2 swarm opened (or made) with given keys, as the official library
//! reads and makes them.

use crate::output::{hex_arg, hex_arg_fixed, CliError};
use rand_core::OsRng;
use serde_json::{json, Value};
use session_cli::config_sync::Zstd;
use session_core::config::fields::ProfilePic;
use session_core::group::config::{self as gconfig, GroupConfigKind, OpenedConfig};
use session_core::group::info::GroupInfo;
use session_core::group::keys::{self, KeyReader};
use session_core::group::members;
use session_core::group::{message, AdminKey, GroupId};

fn group_arg(value: &str) -> Result<GroupId, CliError> {
    GroupId::parse(value).map_err(|e| CliError::context("invalid --group", e))
}

#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    /// 16-byte account seed of a member or admin, hex (a 32-byte Ed25519 seed also works).
    #[arg(long)]
    pub seed: String,
    /// The group ID (03…).
    #[arg(long)]
    pub group: String,
    /// One keys message (namespace 12) as stored in the swarm, hex.
    #[arg(long)]
    pub data: String,
    /// Its storage timestamp, milliseconds.
    #[arg(long, allow_negative_numbers = true)]
    pub timestamp: i64,
    /// For an admin: the group's 32-byte Ed25519 seed, hex.
    #[arg(long)]
    pub group_seed: Option<String>,
}

/// Every key the account can read from one keys message.
pub fn keys(args: KeysArgs) -> Result<Value, CliError> {
    let account = super::identity::account("--seed", &args.seed)?;
    let group = group_arg(&args.group)?;
    let data = hex_arg("--data", &args.data)?;
    let admin = args
        .group_seed
        .as_deref()
        .map(|s| {
            let seed = hex_arg("--group-seed", s)?;
            AdminKey::for_group(&seed, &group)
                .map_err(|e| CliError::context("--group-seed is not this group's key", e))
        })
        .transpose()?;
    let reader = KeyReader {
        account: &account,
        admin: admin.as_ref(),
    };
    let read = keys::read_message(&group, reader, &data, args.timestamp)
        .map_err(|e| CliError::context("cannot read the keys message", e))?;
    let list: Vec<Value> = read
        .keys
        .iter()
        .map(|k| {
            json!({
                "generation": k.generation,
                "key": hex::encode(k.key),
                "timestamp": k.timestamp_ms,
            })
        })
        .collect();
    Ok(json!({ "admin": read.via_admin, "keys": list }))
}

#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// The group ID (03…).
    #[arg(long)]
    pub group: String,
    /// The 32-byte group key, hex.
    #[arg(long)]
    pub key: String,
    /// One group message (namespace 11) as stored, hex.
    #[arg(long)]
    pub data: String,
}

/// A group message opened with a key.
pub fn open(args: OpenArgs) -> Result<Value, CliError> {
    let group = group_arg(&args.group)?;
    let key = hex_arg_fixed::<32>("--key", &args.key)?;
    let data = hex_arg("--data", &args.data)?;
    let opened = message::decrypt(&group, &[key], &data)
        .map_err(|e| CliError::context("cannot open the group message", e))?;
    Ok(json!({
        "sender": opened.sender.to_hex(),
        "plaintext": hex::encode(&opened.plaintext),
    }))
}

/// `info` or `members`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    /// The Info config (namespace 13).
    Info,
    /// The Members config (namespace 14).
    Members,
}

#[derive(Debug, clap::Args)]
pub struct ConfigOpenArgs {
    /// The group ID (03…).
    #[arg(long)]
    pub group: String,
    /// The 32-byte group key, hex.
    #[arg(long)]
    pub key: String,
    /// Which config.
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// One config message as stored, hex.
    #[arg(long)]
    pub data: String,
}

fn pic_json(pic: Option<&ProfilePic>) -> (Value, Value) {
    match pic {
        Some(p) => (json!(p.url), json!(hex::encode(p.key))),
        None => (Value::Null, Value::Null),
    }
}

fn info_json(info: &GroupInfo) -> Value {
    let (url, key) = pic_json(info.pic.as_ref());
    json!({
        "name": info.name,
        "description": info.description,
        "created": info.created,
        "profile_pic_url": url,
        "profile_pic_key": key,
        "delete_before": info.delete_before,
        "delete_attach_before": info.delete_attach_before,
        "exp_seconds": info.expiry_seconds,
    })
}

fn members_json(data: &session_core::config::Dict) -> Value {
    json!({ "members": session_cli::groups::members_json(&members::list(data)) })
}

/// A group config opened with a key, its group signature checked.
pub fn config_open(args: ConfigOpenArgs) -> Result<Value, CliError> {
    let group = group_arg(&args.group)?;
    let key = hex_arg_fixed::<32>("--key", &args.key)?;
    let data = hex_arg("--data", &args.data)?;
    let kind = match args.kind {
        Kind::Info => GroupConfigKind::Info,
        Kind::Members => GroupConfigKind::Members,
    };
    let opened = gconfig::open(&group, &[key], kind, &data)
        .map_err(|e| CliError::context("cannot open the group config", e))?;
    let OpenedConfig::Message(message) = opened else {
        return Err(CliError(
            "this is one part of a config split in several messages; pass a whole one".into(),
        ));
    };
    let config = match kind {
        GroupConfigKind::Info => info_json(&GroupInfo::read(message.data())),
        GroupConfigKind::Members => members_json(message.data()),
    };
    Ok(json!({
        "seqno": message.seqno(),
        "bencoded": hex::encode(message.serialize(None)),
        "config": config,
    }))
}

#[derive(Debug, clap::Args)]
pub struct SealArgs {
    /// 16-byte account seed of the sender, hex (a 32-byte Ed25519 seed also works).
    #[arg(long)]
    pub seed: String,
    /// The group ID (03…).
    #[arg(long)]
    pub group: String,
    /// The 32-byte group key, hex.
    #[arg(long)]
    pub key: String,
    /// The message bytes, hex.
    #[arg(long)]
    pub plaintext: String,
}

/// A group message from an account, as the official library makes it (compressed when that
/// is shorter, padded, signed with the group bound in).
pub fn seal(args: SealArgs) -> Result<Value, CliError> {
    let account = super::identity::account("--seed", &args.seed)?;
    let group = group_arg(&args.group)?;
    let key = hex_arg_fixed::<32>("--key", &args.key)?;
    let plaintext = hex_arg("--plaintext", &args.plaintext)?;
    let blob = message::encrypt(&account, &group, &key, &plaintext, Some(&Zstd), &mut OsRng)
        .map_err(|e| CliError::context("cannot seal the group message", e))?;
    Ok(json!({ "ciphertext": hex::encode(blob) }))
}
