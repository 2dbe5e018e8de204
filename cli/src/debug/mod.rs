//! `session-cli debug …`: protocol objects in and out as JSON, all hex lowercase.

mod bench;
mod blind;
mod config_open;
mod config_push;
mod group;
mod identity;
mod mnemonic;
mod onion_peel;
mod onion_reply;
mod open;
mod open_blinded;
mod seal;
mod transfer_bench;

use crate::output::CliError;
use clap::Subcommand;
use serde_json::Value;

#[derive(Debug, Subcommand)]
pub enum DebugCommand {
    /// Keys, Session ID and recovery phrase of a 16-byte account seed.
    Identity(identity::Args),
    /// The seed behind a 13-word recovery phrase.
    Mnemonic(mnemonic::Args),
    /// Opens a 1:1 ciphertext sealed to an account.
    Open(open::Args),
    /// Signs and seals a message for a recipient, as the official apps do.
    Seal(seal::Args),
    /// The community-blinded (15 and 25) IDs of an account for a server.
    Blind(blind::Args),
    /// Opens a blinded direct message (a community inbox or outbox item) as its recipient or
    /// its sender.
    OpenBlinded(open_blinded::Args),
    /// The config that stored messages of a namespace hold (merged as one poll merges them).
    ConfigOpen(config_open::Args),
    /// The message a client stores for a config revision, as the official library makes it.
    ConfigPush(config_push::Args),
    /// Every group key an account can read from one keys message (namespace 12).
    GroupKeys(group::KeysArgs),
    /// Opens a group message (namespace 11) with a group key.
    GroupOpen(group::OpenArgs),
    /// Opens a group Info or Members config with a group key, checking its signature.
    GroupConfigOpen(group::ConfigOpenArgs),
    /// Encrypts a group message from an account, as the official library does.
    GroupSeal(group::SealArgs),
    /// Decrypts one onion layer as the receiving hop does.
    OnionPeel(onion_peel::Args),
    /// Decrypts an onion reply with the request's ephemeral key.
    OnionReply(onion_reply::Args),
    /// Times the core's seal, open, onion build and config merges on this machine (for
    /// `cargo xtask bench`).
    Bench(bench::Args),
    /// Times a 10 MB attachment's encryption, upload, download and opening through a relay
    /// (for `cargo xtask bench`).
    TransferBench(transfer_bench::Args),
}

/// Runs one debug subcommand.
pub fn run(cmd: DebugCommand) -> Result<Value, CliError> {
    match cmd {
        DebugCommand::Identity(a) => identity::run(a),
        DebugCommand::Mnemonic(a) => mnemonic::run(a),
        DebugCommand::Open(a) => open::run(a),
        DebugCommand::Seal(a) => seal::run(a),
        DebugCommand::Blind(a) => blind::run(a),
        DebugCommand::OpenBlinded(a) => open_blinded::run(a),
        DebugCommand::ConfigOpen(a) => config_open::run(a),
        DebugCommand::ConfigPush(a) => config_push::run(a),
        DebugCommand::GroupKeys(a) => group::keys(a),
        DebugCommand::GroupOpen(a) => group::open(a),
        DebugCommand::GroupConfigOpen(a) => group::config_open(a),
        DebugCommand::GroupSeal(a) => group::seal(a),
        DebugCommand::OnionPeel(a) => onion_peel::run(a),
        DebugCommand::OnionReply(a) => onion_reply::run(a),
        DebugCommand::Bench(a) => bench::run(a),
        DebugCommand::TransferBench(a) => transfer_bench::run(a),
    }
}
