//! Onion requests (network.md §4).
//!
//! A client [`build`]s one encrypted layer per hop; each node [`peel`]s its layer and
//! [`route`]s on the JSON inside it: relay to the next node, relay to an external server, or
//! execute the storage-RPC request as the destination and [`encode_node_reply`]. Only the
//! destination encrypts the reply, once, with the key of its layer; relays pass it back
//! untouched and the client decodes it with [`decode_node_reply`] or [`decode_server_reply`].
//!
//! Layer framing is the "combined payload" `LE32(N) ‖ blob ‖ JSON` ([`encode_combined`],
//! [`parse_combined`]); server destinations use the bencoded [`v4`] plaintexts. Everything here
//! is sans-IO; callers pass the RNG. Untrusted bytes only ever produce an [`OnionError`].

mod build;
mod combined;
mod enc_type;
mod error;
mod fields;
mod layer_key;
mod peel;
mod reply;
mod route;

pub mod bencode;
pub mod v4;

pub use build::{build, Destination, Hop, OnionRequest};
pub use combined::{encode_combined, parse_combined};
pub use enc_type::EncType;
pub use error::OnionError;
pub use layer_key::LayerKey;
pub use peel::{forward_body, peel, PeeledLayer, MAX_ONION_HOPS, MAX_ONION_REQUEST_SIZE};
pub use reply::{
    decode_node_reply, decode_server_reply, encode_node_reply, encode_node_reply_with,
    encode_server_reply, NodeReply, ReplyFlags,
};
pub use route::{is_allowed_server_target, route, Instruction};

use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Standard base64: encodes with padding, decodes with or without it (as the servers do).
pub(crate) const B64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);
