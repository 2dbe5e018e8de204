#![no_main]
//! The poll path: retrieved items as a swarm member could return them, handed to the engine
//! the way a poll hands them (last hashes, de-duplication, the one-to-one decoder). Some items
//! are the fuzz bytes as they are; one is the fuzz bytes as a Content properly sealed for us.

use session_core::client::{
    Client, ClientState, Config, Env, HttpReply, NodeId, NodeRecord, Transport, TransportError,
};
use session_core::identity::Identity;
use session_core::message::{
    encrypt_for_recipient_deterministic, pad, session_envelope, wrap_websocket,
};
use session_core::rpc::message_hash;
use session_core::rpc::response::RetrievedMessage;
use prost::Message;
use rand_core::{CryptoRng, Error, RngCore};

/// The poll path never reaches the network.
struct Offline;

impl Transport for Offline {
    async fn send_onion(&self, _: &NodeRecord, _: Vec<u8>) -> Result<HttpReply, TransportError> {
        Err(TransportError::Unreachable)
    }
    async fn seed(&self, _: Vec<u8>) -> Result<HttpReply, TransportError> {
        Err(TransportError::Unreachable)
    }
}

struct Clock;

impl Env for Clock {
    fn now_ms(&self) -> u64 {
        1_700_000_000_000
    }
    async fn sleep(&self, _: u64) {}
}

struct Zero;

impl RngCore for Zero {
    fn next_u32(&mut self) -> u32 {
        0
    }
    fn next_u64(&mut self) -> u64 {
        0
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        dest.fill(0);
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        dest.fill(0);
        Ok(())
    }
}

impl CryptoRng for Zero {}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let me = Identity::from_seed(&[0x42; 16]);
    let sender = Identity::from_seed(&[0x17; 16]);
    let account = me.session_id();
    let client = Client::new(me, Offline, Clock, Zero, ClientState::new(), Config::default());
    let item = |bytes: Vec<u8>, t: u64| RetrievedMessage {
        hash: message_hash(account.as_bytes(), 0, &bytes),
        timestamp: t,
        expiration: t.saturating_add(1_000_000),
        data: bytes,
    };
    let mut items: Vec<RetrievedMessage> = data
        .chunks(64)
        .enumerate()
        .map(|(i, c)| item(c.to_vec(), 1_700_000_000_000 + i as u64))
        .collect();
    // The fuzz bytes as a padded Content (they may or may not parse as one).
    let padded = pad(data);
    if let Ok(sealed) = encrypt_for_recipient_deterministic(&sender, &account, &padded) {
        let envelope = session_envelope(1_700_000_000_000, sealed, None);
        items.push(item(wrap_websocket(envelope.encode_to_vec()), 1_700_000_000_000));
    }
    let first = client.receive_retrieved(NodeId([1; 32]), items.clone());
    // Everything was new once; the same items again are nothing new.
    assert_eq!(first.events.len() + first.skipped.len(), dedup(&items));
    let again = client.receive_retrieved(NodeId([1; 32]), items);
    assert!(again.events.is_empty() && again.skipped.is_empty());
});

fn dedup(items: &[RetrievedMessage]) -> usize {
    let mut hashes: Vec<&str> = items.iter().map(|m| m.hash.as_str()).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.len()
}
