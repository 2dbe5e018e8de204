//! `session-cli debug onion-peel`.

use crate::output::{hex_arg, hex_arg_fixed, CliError};
use serde_json::{json, Value};
use session_core::onion::{self, Instruction};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input: the bytes one hop receives, i.e. the body POSTed to /onion_req/v2 (or relayed to it):
LE32(N) ‖ N-byte blob ‖ JSON with \"ephemeral_key\" (and optional \"enc_type\", \"hop_no\").

Output: {\"plaintext\": HEX} with the decrypted layer. When that layer tells the hop to
forward, also:
  \"routing\": the layer's JSON, parsed (next node: destination/ephemeral_key/enc_type;
             server: host/target/protocol/port/ephemeral_key/enc_type);
  \"inner\":   the blob inside the decrypted layer. For a next node it is the ciphertext that
             node decrypts with routing.ephemeral_key. For a server it is likewise the
             ciphertext the server decrypts (the v4 request), although the hop actually POSTs
             the whole plaintext, whose JSON tells the server the key.
A destination node's layer (its JSON has \"headers\") and plain payloads print plaintext only.")]
pub struct Args {
    /// The hop's 32-byte X25519 secret key, hex.
    #[arg(long)]
    pub x25519_secret: String,
    /// The bytes the hop received, hex.
    #[arg(long)]
    pub data: String,
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let secret = hex_arg_fixed::<32>("--x25519-secret", &args.x25519_secret)?;
    let data = hex_arg("--data", &args.data)?;
    let layer = onion::peel(&secret, &data).map_err(|e| {
        if e.is_ciphertext_error() {
            CliError::context("cannot decrypt the layer (Invalid ciphertext)", e)
        } else {
            CliError::context("cannot parse the onion request", e)
        }
    })?;
    let mut out = json!({ "plaintext": hex::encode(&layer.plaintext) });
    let forwards = matches!(
        onion::route(&layer.plaintext),
        Ok(Instruction::ToNode { .. } | Instruction::ToServer { .. })
    );
    if forwards {
        if let Ok((blob, routing)) = onion::parse_combined(&layer.plaintext) {
            out["inner"] = hex::encode(blob).into();
            out["routing"] = Value::Object(routing);
        }
    }
    Ok(out)
}
