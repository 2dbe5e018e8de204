//! `session-cli debug onion-reply`.

use crate::output::{hex_arg, hex_arg_fixed, CliError};
use serde_json::{json, Value};
use session_core::onion::{EncType, LayerKey};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Decrypts the raw reply ciphertext (nonce ‖ ciphertext ‖ tag, after any base64 is removed) with
the key of the layer addressed to that node, as the client does: an xchacha20 reply that fails
to decrypt is tried once more as aes-gcm, like libsession. Prints {\"plaintext\": HEX}.")]
pub struct Args {
    /// The 32-byte X25519 ephemeral secret used for the layer addressed to that node, hex.
    #[arg(long)]
    pub ephemeral_secret: String,
    /// The 32-byte X25519 public key of the node that encrypted the reply, hex.
    #[arg(long)]
    pub node_pubkey: String,
    /// Layer cipher suite.
    #[arg(long, value_parser = ["aes-gcm", "xchacha20"])]
    pub enc_type: String,
    /// The raw reply ciphertext, hex.
    #[arg(long)]
    pub data: String,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let secret = hex_arg_fixed::<32>("--ephemeral-secret", &args.ephemeral_secret)?;
    let node = hex_arg_fixed::<32>("--node-pubkey", &args.node_pubkey)?;
    let enc: EncType = args
        .enc_type
        .parse()
        .map_err(|e| CliError::context("--enc-type", e))?;
    let data = hex_arg("--data", &args.data)?;
    let key = LayerKey::client(&secret, &node, enc)
        .map_err(|e| CliError::context("--node-pubkey is unusable", e))?;
    let plaintext = key
        .decrypt_reply(&data)
        .map_err(|e| CliError::context("cannot decrypt the reply", e))?;
    Ok(json!({ "plaintext": hex::encode(plaintext) }))
}
