//! Entry points for `cargo xtask bench` (feature `bench` only; the shipped app has none of this).
//!
//! The bench page loads this build of the app's wasm next to libsodium.js and times both from
//! JavaScript. Everything measured here is the app's own code: the core's crypto, the client's
//! receive path ([`Client::receive_retrieved`]), [`records_of`], the IndexedDB repository,
//! the config merge ([`MergeBench`], on the inputs `session-cli debug bench` merges natively)
//! and a community room's poll ([`ServerPoll::apply`], [`batch_of`]) and first screen.
//!
//! [`ServerPoll::apply`]: session_core::community::poll::ServerPoll::apply

use rand_core::OsRng;
use session_core::client::{Client, ClientState, Config, NodeId, MESSAGE_TTL_MS};
use session_core::community::dm::own_blinded_id;
use session_core::community::poll::POLL_PAGE;
use session_core::community::url::{JoinLink, ServerKey};
use session_core::config::bench::{MergeCase, MergeInput};
use session_core::config::ConfigObject;
use session_core::conversation::ConversationId;
use session_core::crypto::key_memo;
use session_core::crypto::keys::{verify_ed25519, x25519_shared};
use session_core::identity::{Identity, SessionId};
use session_core::message::compose::{ContentBuilder, Profile};
use session_core::message::{self, encode_content, encode_for_recipient};
use session_core::onion::{self, Destination, EncType, Hop, LayerKey};
use session_core::proto::session::Content;
use session_core::rpc::message_hash;
use session_core::rpc::response::RetrievedMessage;
use std::hint::black_box;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

use crate::net::{BrowserEnv, FetchTransport};
use crate::state::effects::Effect;
use crate::state::poller::POLL_VISIBLE_MS;
use crate::state::receive::records_of;
use crate::state::room_posts::batch_of;
use crate::storage::repo::{self, NameUpdate};
use crate::storage::{
    ConvSettings, Db, MessageRecord, MessageStatus, ProfileRecord, SyncedConversation,
};
use crate::util::time;

const DAY_MS: u64 = 86_400_000;

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// Whether this is the bench page (served under `/bench/`), where the app is not mounted.
pub fn on_bench_page() -> bool {
    crate::util::browser::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| p.starts_with("/bench/"))
}

/// The poll interval of a visible tab, for the latency goal.
#[wasm_bindgen]
pub fn bench_poll_interval_ms() -> f64 {
    POLL_VISIBLE_MS as f64
}

/// Prepared inputs for the crypto operations, so that a timed loop does only the operation.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CryptoBench {
    alice: Identity,
    bob: Identity,
    msg64: Vec<u8>,
    msg1k: Vec<u8>,
    sig: [u8; 64],
    sealed: Vec<u8>,
    path: Vec<Hop>,
    dest: Destination,
    layer: LayerKey,
    sink: usize,
}

#[wasm_bindgen]
impl CryptoBench {
    /// Fresh keys, a 64-byte and a 1 KiB message, a sealed message and a 3-hop path.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<CryptoBench, JsValue> {
        let alice = Identity::generate(&mut OsRng);
        let bob = Identity::generate(&mut OsRng);
        let msg64: Vec<u8> = (0..64u8).collect();
        let msg1k: Vec<u8> = (0..1024u32).map(|i| (i * 7) as u8).collect();
        let sig = alice.sign(&msg64);
        let sealed = message::encrypt_for_recipient(&alice, &bob.session_id(), &msg1k, &mut OsRng)
            .map_err(js_err)?;
        let hop = |_| {
            let node = Identity::generate(&mut OsRng);
            Hop {
                ed25519: node.ed25519_public(),
                x25519: node.x25519_public(),
            }
        };
        let path: Vec<Hop> = (0..3).map(hop).collect();
        let dest = Destination::Node(hop(3));
        let layer =
            LayerKey::client(&[7; 32], &bob.x25519_public(), EncType::XChaCha20).map_err(js_err)?;
        Ok(CryptoBench {
            alice,
            bob,
            msg64,
            msg1k,
            sig,
            sealed,
            path,
            dest,
            layer,
            sink: 0,
        })
    }

    /// The Ed25519 public key, X25519 keys, messages and sealed box the page hands libsodium so
    /// that both libraries do the same work: `{ed_pk, ed_sk, x_sk, x_pk, bob_x_pk, bob_x_sk}`
    /// as hex.
    pub fn keys(&self) -> Result<JsValue, JsValue> {
        let ed_sk = zeroize::Zeroizing::new(self.alice.signing_key().to_keypair_bytes());
        let pairs = [
            ("ed_pk", hex::encode(self.alice.ed25519_public())),
            ("ed_sk", hex::encode(&ed_sk[..])),
            ("x_sk", hex::encode(self.alice.x25519_secret())),
            ("bob_x_pk", hex::encode(self.bob.x25519_public())),
            ("bob_x_sk", hex::encode(self.bob.x25519_secret())),
        ];
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            js_sys::Reflect::set(&o, &k.into(), &v.into())?;
        }
        Ok(o.into())
    }

    /// Runs `op` `iterations` times. The caller times the call.
    pub fn run(&mut self, op: &str, iterations: u32) -> Result<(), JsValue> {
        for _ in 0..iterations {
            self.sink = self.sink.wrapping_add(self.once(op)?);
        }
        black_box(self.sink);
        Ok(())
    }

    fn once(&self, op: &str) -> Result<usize, JsValue> {
        Ok(match op {
            "ed25519_sign" => self.alice.sign(black_box(&self.msg64))[0] as usize,
            "ed25519_verify" => {
                verify_ed25519(&self.alice.ed25519_public(), &self.msg64, &self.sig)
                    .map_err(js_err)?;
                1
            }
            // The key met for the first time: the memo of parsed keys is emptied first.
            "ed25519_verify_new_key" => {
                key_memo::clear();
                return self.once("ed25519_verify");
            }
            "x25519" => x25519_shared(self.alice.x25519_secret(), &self.bob.x25519_public())
                .map_err(js_err)?[0] as usize,
            "seal_1k" => message::encrypt_for_recipient(
                &self.alice,
                &self.bob.session_id(),
                &self.msg1k,
                &mut OsRng,
            )
            .map_err(js_err)?
            .len(),
            "open_1k" => message::decrypt_incoming(&self.bob, &self.sealed)
                .map_err(js_err)?
                .plaintext
                .len(),
            "open_1k_new_sender" => {
                key_memo::clear();
                return self.once("open_1k");
            }
            "onion_build" => onion::build(
                &self.path,
                &self.dest,
                &self.msg1k,
                EncType::XChaCha20,
                &mut OsRng,
            )
            .map_err(js_err)?
            .body
            .len(),
            "xchacha20_1k" => self.layer.encrypt(&self.msg1k, &mut OsRng).len(),
            other => return Err(js_err(format!("unknown operation {other}"))),
        })
    }
}

/// One config merge of [`session_core::config::bench`], its input built once: the page calls
/// [`MergeBench::prepare`] (untimed: a fresh copy of the device that merges), times
/// [`MergeBench::merge`] alone, then may [`MergeBench::check`] the result.
#[wasm_bindgen]
#[derive(Debug)]
pub struct MergeBench {
    input: MergeInput,
    config: Option<ConfigObject>,
    merged: bool,
}

#[wasm_bindgen]
impl MergeBench {
    /// The input of the merge named `name` (`config_merge_2000_contacts`,
    /// `config_merge_10x500`): contacts made, pushed, encrypted, split in parts.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str) -> Result<MergeBench, JsValue> {
        let case =
            MergeCase::from_name(name).ok_or_else(|| js_err(format!("unknown merge {name}")))?;
        Ok(MergeBench {
            input: case.build().map_err(js_err)?,
            config: None,
            merged: false,
        })
    }

    /// A fresh copy of the device that merges (the previous result is dropped here).
    pub fn prepare(&mut self) {
        self.config = Some(self.input.holder.clone());
        self.merged = false;
    }

    /// The merge: unwrap, decrypt, unpad, reassemble, parse, merge, adopt. Returns how many
    /// swarm messages were read.
    pub fn merge(&mut self) -> Result<u32, JsValue> {
        let config = self
            .config
            .as_mut()
            .filter(|_| !self.merged)
            .ok_or_else(|| js_err("prepare() first"))?;
        let read = self.input.merge(config);
        self.merged = true;
        Ok(read as u32)
    }

    /// Whether the last merge ended with the expected config.
    pub fn check(&self) -> bool {
        self.merged && self.config.as_ref().is_some_and(|c| self.input.check(c))
    }

    /// The swarm messages merged in one call.
    pub fn messages(&self) -> u32 {
        self.input.messages.len() as u32
    }

    /// The contacts the merged config holds.
    pub fn contacts(&self) -> u32 {
        self.input.contacts() as u32
    }
}

fn text_content(text: String, name: &str) -> Content {
    let profile = Profile {
        display_name: name.to_owned(),
        picture: None,
        updated_s: 1,
    };
    ContentBuilder::text(&text).profile(&profile).build()
}

/// A message text of varied length, as a conversation has.
fn sample_text(i: u32) -> String {
    let words = [
        "see", "you", "at", "the", "station", "tomorrow", "okay", "thanks!",
    ];
    let n = 3 + (i * 7919) % 25;
    let mut s = format!("#{i}");
    for k in 0..n {
        s.push(' ');
        s.push_str(words[((i + k) % words.len() as u32) as usize]);
    }
    s
}

/// Empties the app's database and stores a signed-in account, as onboarding would.
async fn fresh_account(db: &Db) -> Result<Identity, JsValue> {
    repo::wipe(db).await.map_err(js_err)?;
    let me = Identity::generate(&mut OsRng);
    repo::save_identity(db, &me).await.map_err(js_err)?;
    let profile = ProfileRecord {
        display_name: "Bench".into(),
        updated_s: time::now_ms() / 1000,
        synced_name: None,
        ..ProfileRecord::default()
    };
    repo::save_profile(db, &profile).await.map_err(js_err)?;
    repo::save_network(db, "local").await.map_err(js_err)?;
    Ok(me)
}

/// Receives `count` 1:1 messages through the app's receive path in batches of `batch` (one
/// batch is what a poll hands over): decrypt, verify, de-duplicate, turn into records and
/// store in IndexedDB with the client state, one transaction per batch. Preparing the sealed
/// messages is not timed. Starts from an empty account. Returns `{ms, stored}`.
#[wasm_bindgen]
pub async fn bench_backlog(count: u32, batch: u32) -> Result<JsValue, JsValue> {
    let db = Db::open().await.map_err(js_err)?;
    let me = fresh_account(&db).await?;
    receive_backlog(&db, me, count, batch).await
}

/// The same backlog, received by the account already in the database (the scale run: into
/// the 100,000 messages [`bench_fill`] stored), so that the cost of a large store shows.
#[wasm_bindgen]
pub async fn bench_backlog_onto_stored(count: u32, batch: u32) -> Result<JsValue, JsValue> {
    let db = Db::open().await.map_err(js_err)?;
    let me = repo::load_identity(&db)
        .await
        .map_err(js_err)?
        .ok_or_else(|| js_err("no account stored: run bench_fill first"))?;
    receive_backlog(&db, me, count, batch).await
}

async fn receive_backlog(
    db: &Db,
    me: Identity,
    count: u32,
    batch: u32,
) -> Result<JsValue, JsValue> {
    let sender = Identity::generate(&mut OsRng);
    let start_ts = time::now_ms().saturating_sub(DAY_MS);
    let account = me.session_id();
    let mut items = Vec::new();
    let mut batches = Vec::new();
    for i in 0..count {
        let ts = start_ts + u64::from(i);
        let content = text_content(sample_text(i), "Sender");
        let data =
            encode_for_recipient(&sender, &account, &content, ts, &mut OsRng).map_err(js_err)?;
        items.push(RetrievedMessage {
            // The hash a node would give it (network.md §5.11).
            hash: message_hash(account.as_bytes(), 0, &data),
            timestamp: ts,
            expiration: ts + MESSAGE_TTL_MS,
            data,
        });
        if items.len() == batch.max(1) as usize || i + 1 == count {
            batches.push(std::mem::take(&mut items));
        }
    }
    let client = Client::new(
        me,
        Rc::new(FetchTransport::new(crate::util::browser::origin())),
        BrowserEnv,
        OsRng,
        ClientState::new(),
        Config::local_network(),
    );
    let node = NodeId([1; 32]);
    let started = js_sys::Date::now();
    let mut stored = 0usize;
    // Where the time goes: opening and parsing (the core), and storing (IndexedDB).
    let mut open_ms = 0.0;
    // Batches are made before the clock starts: a poll hands over what it parsed, no copy.
    for items in batches {
        let t0 = js_sys::Date::now();
        let report = client.receive_retrieved(node, items);
        let (messages, names) = records_of(&report.events, time::now_ms());
        let state = client.state().to_json();
        open_ms += js_sys::Date::now() - t0;
        let done = repo::store_messages(db, &messages, &names, Some(&state))
            .await
            .map_err(js_err)?;
        stored += done.new_messages.len();
    }
    let ms = js_sys::Date::now() - started;
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"ms".into(), &ms.into())?;
    js_sys::Reflect::set(&out, &"open_ms".into(), &open_ms.into())?;
    js_sys::Reflect::set(&out, &"stored".into(), &(stored as f64).into())?;
    Ok(out.into())
}

/// The password lock: `count` messages received into a plain database (as `bench_backlog`),
/// then a password set at the app's Argon2id cost (every record sealed in one transaction),
/// the derivation alone, an unlock, and the same backlog again received into the sealed
/// database. Returns `{plain_ms, seal_ms, sealed_records, kdf_ms, unlock_ms, sealed_ms, stored}`.
#[wasm_bindgen]
pub async fn bench_lock(count: u32, batch: u32) -> Result<JsValue, JsValue> {
    use crate::storage::lock;
    use crate::vault::kdf::{self, KdfParams};
    let db = Db::open().await.map_err(js_err)?;
    let me = fresh_account(&db).await?;
    let plain = receive_backlog(&db, me.clone(), count, batch).await?;
    let plain_ms = js_sys::Reflect::get(&plain, &"ms".into())?;
    let records = f64::from(count) + 3.0;
    let started = js_sys::Date::now();
    lock::set_password(&db, "bench password", KdfParams::DEFAULT)
        .await
        .map_err(js_err)?;
    let seal_ms = js_sys::Date::now() - started;
    let started = js_sys::Date::now();
    kdf::derive("bench password", &[7; 16], KdfParams::DEFAULT).map_err(js_err)?;
    let kdf_ms = js_sys::Date::now() - started;
    db.set_data_key(None);
    let started = js_sys::Date::now();
    lock::unlock(&db, "bench password", time::now_ms())
        .await
        .map_err(js_err)?;
    let unlock_ms = js_sys::Date::now() - started;
    let sealed = receive_backlog(&db, me, count, batch).await?;
    // Leave the app's database plain for the parts after this one.
    repo::wipe(&db).await.map_err(js_err)?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v);
    set("plain_ms", plain_ms)?;
    set("seal_ms", seal_ms.into())?;
    set("sealed_records", records.into())?;
    set("kdf_ms", kdf_ms.into())?;
    set("unlock_ms", unlock_ms.into())?;
    set("sealed_ms", js_sys::Reflect::get(&sealed, &"ms".into())?)?;
    set("stored", js_sys::Reflect::get(&sealed, &"stored".into())?)?;
    Ok(out.into())
}

/// Groups (groups-and-config.md §3): a `members`-member group is made here (its keys
/// message covering every member: the rekey), `runs` more rekeys are timed, then `count`
/// messages from one member are received in batches of `batch` through the app's group
/// receive path: decrypted and verified by the group's state, turned into records and stored
/// in IndexedDB (a fresh account; sealing is not timed). Returns `{rekey_ms: [..], members,
/// keys_bytes, ms, stored}`.
#[wasm_bindgen]
pub async fn bench_groups(
    members: u32,
    runs: u32,
    count: u32,
    batch: u32,
) -> Result<JsValue, JsValue> {
    use session_core::group::info::GroupInfo;
    use session_core::group::keys::build_rekey;
    use session_core::group::state::{GroupItem, GroupRetrieved, GroupState};
    use session_core::group::AdminKey;
    use session_core::message::receive::Incoming;

    let db = Db::open().await.map_err(js_err)?;
    let me = fresh_account(&db).await?;
    let author = Identity::generate(&mut OsRng);
    let mut others: Vec<(session_core::identity::SessionId, String)> =
        vec![(author.session_id(), "Author".into())];
    for _ in 1..members.saturating_sub(1) {
        others.push((Identity::generate(&mut OsRng).session_id(), String::new()));
    }
    let key = AdminKey::generate(&mut OsRng);
    let mut ours = GroupState::create(
        me.clone(),
        key.clone(),
        &GroupInfo::default(),
        "Bench",
        &others,
    )
    .map_err(js_err)?;
    let ids: Vec<_> = ours.members().iter().map(|m| m.session_id).collect();
    let mut rekey_ms = Vec::new();
    let mut keys_bytes = 0usize;
    for gen in 0..runs.max(1) {
        let started = js_sys::Date::now();
        let (msg, _) = build_rekey(&key, &ids, i64::from(gen) + 1).map_err(js_err)?;
        rekey_ms.push(js_sys::Date::now() - started);
        keys_bytes = msg.len();
    }
    // The group as the swarm holds it, for us (a member) and the author.
    let push = ours
        .prepare_push(None, 0)
        .map_err(js_err)?
        .ok_or_else(|| js_err("no push"))?;
    let stored_push: Vec<GroupItem> = push
        .stores
        .iter()
        .enumerate()
        .map(|(i, s)| GroupItem {
            hash: format!("push-{i}"),
            data: s.data.clone(),
            timestamp_ms: 1,
            expires_ms: u64::MAX,
        })
        .collect();
    let mut author_state = GroupState::join(
        author.clone(),
        *ours.id(),
        &ours.auth_for(&author.session_id()).map_err(js_err)?,
    )
    .map_err(js_err)?;
    let mut setup = GroupRetrieved::default();
    for (item, store) in stored_push.iter().zip(&push.stores) {
        setup.add(store.namespace, item.clone());
    }
    author_state.absorb(setup.clone(), 0);
    ours.confirm_push(
        &push,
        &stored_push
            .iter()
            .map(|i| i.hash.clone())
            .collect::<Vec<_>>(),
        0,
    );
    let start_ts = time::now_ms().saturating_sub(DAY_MS);
    let mut batches = Vec::new();
    let mut current = GroupRetrieved::default();
    for i in 0..count {
        let ts = start_ts + u64::from(i);
        let data = author_state
            .seal(
                &text_content(sample_text(i), "Author"),
                ts,
                None,
                &mut OsRng,
            )
            .map_err(js_err)?;
        current.add(
            session_core::rpc::namespace::GROUP_MESSAGES,
            GroupItem {
                hash: format!("m{i}"),
                data,
                timestamp_ms: i64::try_from(ts).unwrap_or(0),
                expires_ms: ts + MESSAGE_TTL_MS,
            },
        );
        if current.messages.len() == batch.max(1) as usize || i + 1 == count {
            batches.push(std::mem::take(&mut current));
        }
    }
    let started = js_sys::Date::now();
    let mut stored = 0usize;
    for retrieved in batches {
        let absorbed = ours.absorb(retrieved, 0);
        let events: Vec<session_core::client::Event> = absorbed
            .events
            .into_iter()
            .filter(|e| matches!(e, Incoming::Message(_)))
            .map(session_core::client::Event::Direct)
            .collect();
        let (messages, names) = records_of(&events, time::now_ms());
        let done = repo::store_messages(&db, &messages, &names, None)
            .await
            .map_err(js_err)?;
        stored += done.new_messages.len();
    }
    let ms = js_sys::Date::now() - started;
    let out = js_sys::Object::new();
    let runs_arr = js_sys::Array::new();
    for r in rekey_ms {
        runs_arr.push(&r.into());
    }
    js_sys::Reflect::set(&out, &"rekey_ms".into(), &runs_arr)?;
    js_sys::Reflect::set(&out, &"members".into(), &(ids.len() as f64).into())?;
    js_sys::Reflect::set(&out, &"keys_bytes".into(), &(keys_bytes as f64).into())?;
    js_sys::Reflect::set(&out, &"ms".into(), &ms.into())?;
    js_sys::Reflect::set(&out, &"stored".into(), &(stored as f64).into())?;
    Ok(out.into())
}

/// Applies `count` reactions (in polls of `batch`) to messages of the largest conversation
/// [`bench_fill`] stored, through the poll's store path (the effects in the poll's
/// transaction, one plan for the batch). Returns `{ms, applied}` (reactions now stored).
#[wasm_bindgen]
pub async fn bench_reactions(count: u32, batch: u32) -> Result<JsValue, JsValue> {
    let db = Db::open().await.map_err(js_err)?;
    let mut list = repo::load_conversations(&db).await.map_err(js_err)?;
    list.sort_by_key(|c| std::cmp::Reverse(c.count));
    let conv = list
        .first()
        .map(|c| c.id.clone())
        .ok_or_else(|| js_err("no conversation stored: run bench_fill first"))?;
    let targets = repo::load_messages(&db, &conv, count.max(1))
        .await
        .map_err(js_err)?;
    let reactor = Identity::generate(&mut OsRng).session_id();
    let effects: Vec<Effect> = targets
        .iter()
        .cycle()
        .take(count as usize)
        .enumerate()
        .map(|(i, m)| Effect::React {
            target: m.key(),
            from: reactor,
            emoji: ["👍", "❤️", "😂"][i % 3].to_owned(),
            add: true,
        })
        .collect();
    let started = js_sys::Date::now();
    for chunk in effects.chunks(batch.max(1) as usize) {
        repo::store_poll(&db, &[], &[], chunk, None)
            .await
            .map_err(js_err)?;
    }
    let ms = js_sys::Date::now() - started;
    let after = repo::load_messages(&db, &conv, count.max(1))
        .await
        .map_err(js_err)?;
    let applied: usize = after.iter().map(|m| m.reactions.len()).sum();
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"ms".into(), &ms.into())?;
    js_sys::Reflect::set(&out, &"applied".into(), &(applied as f64).into())?;
    Ok(out.into())
}

/// Replaces the database with an account holding `count` messages over `conversations`
/// conversations, half of them in the first (the largest). Returns the largest's Session ID.
#[wasm_bindgen]
pub async fn bench_fill(count: u32, conversations: u32) -> Result<JsValue, JsValue> {
    let db = Db::open().await.map_err(js_err)?;
    let me = fresh_account(&db).await?.session_id();
    let peers: Vec<_> = (0..conversations.max(1))
        .map(|_| Identity::generate(&mut OsRng).session_id())
        .collect();
    let convs: Vec<ConversationId> = peers.iter().map(|p| ConversationId::Direct(*p)).collect();
    let now = time::now_ms();
    let start_ts = now.saturating_sub(30 * DAY_MS);
    let step = (30 * DAY_MS) / u64::from(count.max(1));
    let mut batch = Vec::new();
    let mut names = Vec::new();
    for (k, conv) in convs.iter().enumerate() {
        names.push(NameUpdate {
            conv: conv.clone(),
            name: format!("Contact {k}"),
            updated_s: 1,
            picture: None,
        });
    }
    for i in 0..count {
        let k = if i % 2 == 0 || convs.len() == 1 {
            0
        } else {
            1 + (i as usize / 2) % (convs.len() - 1)
        };
        let (conv, peer) = (&convs[k], peers[k]);
        let outgoing = i % 3 == 0;
        batch.push(MessageRecord {
            hash: Some(format!("{i:064x}")),
            ..MessageRecord::new(
                conv.clone(),
                if outgoing { me } else { peer },
                start_ts + u64::from(i) * step,
                sample_text(i),
                outgoing,
                if outgoing {
                    MessageStatus::Sent
                } else {
                    MessageStatus::Received
                },
                now,
            )
        });
        if batch.len() == 1000 || i + 1 == count {
            repo::store_messages(&db, &batch, &names, None)
                .await
                .map_err(js_err)?;
            batch.clear();
            names.clear();
        }
    }
    repo::mark_read(&db, &convs[0]).await.map_err(js_err)?;
    // Closed: a removed account's database is deleted only once no connection holds it.
    db.close();
    Ok(JsValue::from_str(&convs[0].to_string()))
}

/// Fills a second account (its own slot) as [`bench_fill`] fills the first, and lists both,
/// so that the app opens the first and polls the second in the background. Returns the
/// second's database name (to delete afterwards with [`bench_forget_other`]).
#[wasm_bindgen]
pub async fn bench_fill_other(count: u32, conversations: u32) -> Result<JsValue, JsValue> {
    use crate::accounts::{self, AccountSlot};
    let other = AccountSlot::numbered(0xbe7c4);
    let first = accounts::current();
    accounts::set_current(other.clone());
    let filled = bench_fill(count, conversations).await;
    accounts::set_current(first.clone());
    filled?;
    for slot in [&first, &other] {
        let db = Db::open_named(slot.db_name()).await.map_err(js_err)?;
        let id = repo::load_identity(&db)
            .await
            .map_err(js_err)?
            .ok_or_else(|| js_err("no account"))?
            .session_id();
        db.close();
        accounts::note(slot, id, "Bench", false);
    }
    Ok(JsValue::from_str(other.db_name()))
}

/// Removes the second account of [`bench_fill_other`]: unlisted, its database deleted once no
/// connection holds it (as the app's own start-up does for a removed account).
#[wasm_bindgen]
pub fn bench_forget_other(name: String) -> Result<(), JsValue> {
    use crate::accounts::{self, AccountSlot};
    let slot = AccountSlot::parse(&name).ok_or_else(|| js_err("not a slot"))?;
    accounts::forget(&slot);
    wasm_bindgen_futures::spawn_local(accounts::sweep());
    Ok(())
}

/// The size of the file of [`bench_attachment`]: the attachment limit, as natively.
const ATTACHMENT_BENCH_BYTES: usize = session_core::attachment::MAX_ATTACHMENT_BYTES;

/// `performance.now()` of this window or worker (sub-millisecond), else `Date.now()`.
fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            now.dyn_into::<js_sys::Function>()
                .ok()?
                .call0(&p)
                .ok()?
                .as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// `{ms, mb_s}` of the median of `runs_ms` over `bytes`, rounded as the native figures are.
fn figure(runs_ms: &mut [f64], bytes: usize) -> Result<JsValue, JsValue> {
    runs_ms.sort_by(f64::total_cmp);
    let n = runs_ms.len();
    let ms = match n {
        0 => return Err(js_err("no runs")),
        _ if n % 2 == 1 => runs_ms[n / 2],
        _ => (runs_ms[n / 2 - 1] + runs_ms[n / 2]) / 2.0,
    };
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"ms".into(), &((ms * 100.0).round() / 100.0).into())?;
    let mb_s = bytes as f64 / 1e6 / (ms / 1e3);
    js_sys::Reflect::set(&out, &"mb_s".into(), &mb_s.round().into())?;
    Ok(out.into())
}

/// A 10,000,000-byte attachment in the legacy scheme, encrypted and opened through WebCrypto
/// ([`crate::files::crypto`]: its WebCrypto paths, never the fallback) and through wasm (the core's [`legacy`] functions, as
/// `session-cli debug bench` times them natively), and its blob's SHA-256 alone both ways:
/// the median of `runs` runs of each, as `{attachment_encrypt_10mb: {webcrypto, wasm},
/// attachment_decrypt_10mb: {webcrypto, wasm}, sha256_10mb: {webcrypto, wasm}}`, each figure
/// `{ms, mb_s}` (MB/s of the file; of the blob for SHA-256). The WebCrypto times include the
/// copies between wasm memory and JavaScript, which the page pays too.
///
/// [`legacy`]: session_core::attachment::legacy
#[wasm_bindgen]
pub async fn bench_attachment(runs: u32) -> Result<JsValue, JsValue> {
    use crate::files::crypto;
    use crate::util::webcrypto;
    use session_core::attachment::legacy;

    if !webcrypto::available() {
        return Err(js_err("no WebCrypto here (crypto.subtle is missing)"));
    }
    let runs = runs.max(1);
    let file: Vec<u8> = (0..ATTACHMENT_BENCH_BYTES as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let sealed = legacy::encrypt(&file, true, &mut OsRng).map_err(js_err)?;
    let (key, digest, blob) = (&sealed.key[..], Some(&sealed.digest[..]), &sealed.blob);
    // Both ways must make and open the same blobs before anything is timed.
    let iv: [u8; crypto::IV_LEN] = blob[..crypto::IV_LEN].try_into().map_err(js_err)?;
    let ours = crypto::seal_webcrypto(&file, &sealed.key, &iv)
        .await
        .map_err(js_err)?;
    let opened = crypto::open_legacy(blob, key, digest, Some(file.len()))
        .await
        .map_err(js_err)?;
    if ours.blob != *blob || opened != file {
        return Err(js_err(
            "WebCrypto and wasm disagree on the 10 MB attachment",
        ));
    }
    drop((ours, opened));

    let mut times: [Vec<f64>; 6] = Default::default();
    for _ in 0..runs {
        let t = now_ms();
        black_box(
            crypto::seal_webcrypto(&file, &sealed.key, &iv)
                .await
                .map_err(js_err)?
                .blob
                .len(),
        );
        times[0].push(now_ms() - t);
        let t = now_ms();
        black_box(
            legacy::encrypt(&file, true, &mut OsRng)
                .map_err(js_err)?
                .blob
                .len(),
        );
        times[1].push(now_ms() - t);
        let t = now_ms();
        let plain = crypto::open_legacy(blob, key, digest, Some(file.len())).await;
        times[2].push(now_ms() - t);
        black_box(plain.map_err(js_err)?.len());
        let t = now_ms();
        let plain = legacy::decrypt(blob, key, digest, Some(file.len()));
        times[3].push(now_ms() - t);
        black_box(plain.map_err(js_err)?.len());
        let t = now_ms();
        black_box(webcrypto::sha256(blob).await.map_err(js_err)?);
        times[4].push(now_ms() - t);
        // The core's digest check, refused at once after hashing: SHA-256 of the blob alone.
        let t = now_ms();
        let refused = legacy::decrypt(blob, key, Some(&[0; 32]), None);
        times[5].push(now_ms() - t);
        if refused != Err(session_core::attachment::AttachmentError::DigestMismatch) {
            return Err(js_err("the wasm SHA-256 run did not stop at the digest"));
        }
    }
    let [enc_wc, enc_wasm, dec_wc, dec_wasm, sha_wc, sha_wasm] = &mut times;
    let out = js_sys::Object::new();
    let rows = [
        ("attachment_encrypt_10mb", enc_wc, enc_wasm, file.len()),
        ("attachment_decrypt_10mb", dec_wc, dec_wasm, file.len()),
        ("sha256_10mb", sha_wc, sha_wasm, blob.len()),
    ];
    for (name, wc, wasm, bytes) in rows {
        let row = js_sys::Object::new();
        js_sys::Reflect::set(&row, &"webcrypto".into(), &figure(wc, bytes)?)?;
        js_sys::Reflect::set(&row, &"wasm".into(), &figure(wasm, bytes)?)?;
        js_sys::Reflect::set(&out, &name.into(), &row)?;
    }
    js_sys::Reflect::set(&out, &"bytes".into(), &(file.len() as f64).into())?;
    js_sys::Reflect::set(&out, &"runs".into(), &runs.into())?;
    Ok(out.into())
}

/// A 10,000,000-byte attachment through the real relay and its network, as the app sends and
/// fetches one: encrypted (WebCrypto) and uploaded through an onion request to the file server
/// the relay names, then downloaded and opened. `{upload_10mb, download_10mb}`, each
/// `{ms, mb_s, crypto_ms, crypto_share}` (the whole operation; the share spent in crypto).
#[wasm_bindgen]
pub async fn bench_attachment_transfer() -> Result<JsValue, JsValue> {
    use crate::files::crypto;
    use session_core::attachment::pointer::{Attachment, AttachmentMeta};

    let origin = crate::util::browser::origin();
    let info = crate::net::info::fetch_info(&origin)
        .await
        .map_err(js_err)?;
    let fs = info
        .file_server
        .map_err(js_err)?
        .ok_or_else(|| js_err("the relay names no file server"))?;
    let client = Client::new(
        Identity::generate(&mut OsRng),
        Rc::new(FetchTransport::new(origin)),
        BrowserEnv,
        OsRng,
        ClientState::new(),
        info.network.config(),
    );
    let file: Vec<u8> = (0..ATTACHMENT_BENCH_BYTES as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    // Paths first: the figure is the transfer, not the start-up.
    client.connect().await.map_err(js_err)?;

    let t0 = now_ms();
    let sealed = crypto::seal(&file).await.map_err(js_err)?;
    let sealed_ms = now_ms() - t0;
    let up = client
        .upload_file(&fs, &sealed.blob, None)
        .await
        .map_err(js_err)?;
    let upload_ms = now_ms() - t0;
    let a = Attachment::new(fs.url_for(up.id), sealed.secret, AttachmentMeta::default());

    let t1 = now_ms();
    let blob = client.download_file(&a.url, &fs).await.map_err(js_err)?;
    let t2 = now_ms();
    let opened = crypto::open(&a, &blob).await.map_err(js_err)?;
    let download_ms = now_ms() - t1;
    let open_ms = now_ms() - t2;
    if opened != file {
        return Err(js_err("the downloaded attachment is not the uploaded one"));
    }
    let row = |ms: f64, crypto_ms: f64| -> Result<JsValue, JsValue> {
        let o = js_sys::Object::new();
        let mb_s = file.len() as f64 / 1e6 / (ms / 1e3);
        js_sys::Reflect::set(&o, &"ms".into(), &ms.round().into())?;
        js_sys::Reflect::set(&o, &"mb_s".into(), &((mb_s * 10.0).round() / 10.0).into())?;
        js_sys::Reflect::set(&o, &"crypto_ms".into(), &crypto_ms.round().into())?;
        let share = (crypto_ms / ms * 100.0).round() / 100.0;
        js_sys::Reflect::set(&o, &"crypto_share".into(), &share.into())?;
        Ok(o.into())
    };
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"upload_10mb".into(), &row(upload_ms, sealed_ms)?)?;
    js_sys::Reflect::set(&out, &"download_10mb".into(), &row(download_ms, open_ms)?)?;
    Ok(out.into())
}

// ---- communities -------------------------------------------------------------------------

/// The bench room: its server (never reached: nothing of the room bench goes over the
/// network), token and name.
const ROOM_SERVER: &str = "https://sogs.bench.invalid";
const ROOM_TOKEN: &str = "bench";
const ROOM_NAME: &str = "Bench Room";
/// Posts by others come from this many members in [`bench_room_fill`].
const ROOM_MEMBERS: usize = 12;

/// The bench room's server key (a real Ed25519 key, fixed so the fill and the polls agree).
fn room_key() -> ServerKey {
    ServerKey(Identity::from_seed(&[0x5e; 16]).ed25519_public())
}

fn room_link() -> Result<JoinLink, JsValue> {
    JoinLink::new(ROOM_SERVER, ROOM_TOKEN, room_key()).map_err(js_err)
}

/// A post's Content as the app posts one: text, the author's profile, the signature time
/// and whether the author takes message requests.
fn post_content(text: &str, name: &str, sent_ms: u64) -> Content {
    let mut content = text_content(text.to_owned(), name);
    content.sig_timestamp = Some(sent_ms);
    if let Some(data) = content.data_message.as_mut() {
        data.blocks_community_message_requests = Some(false);
    }
    content
}

/// Standard base64 with padding, as the server writes `data` and `signature`.
fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Replaces the database with an account that joined the bench room a month ago and holds
/// `count` of its posts, stored as a poll stores them ([`batch_of`], then
/// [`repo::store_poll`] with the posts and their restatements, one transaction per page of
/// [`POLL_PAGE`]). One post in ten is ours, one in eight has reactions; the room is read up
/// to all but the newest `unread` posts (others'). Returns the room's conversation ID (text form).
/// Nothing is signed: a stored post keeps no signature, and this is not timed.
#[wasm_bindgen]
pub async fn bench_room_fill(count: u32, unread: u32) -> Result<JsValue, JsValue> {
    use session_core::community::api::{Reaction, RoomMessage};
    use std::collections::BTreeMap;

    let db = Db::open().await.map_err(js_err)?;
    let account = fresh_account(&db).await?;
    let key = room_key();
    let conv = ConversationId::Community(room_link()?.room().clone());
    let me = own_blinded_id(&account, &key.0, false).map_err(js_err)?;
    let members: Vec<SessionId> = (0..ROOM_MEMBERS)
        .map(|_| own_blinded_id(&Identity::generate(&mut OsRng), &key.0, false))
        .collect::<Result<_, _>>()
        .map_err(js_err)?;
    let now = time::now_ms();
    let start_ts = now.saturating_sub(30 * DAY_MS);
    let step = (30 * DAY_MS) / u64::from(count.max(1));
    // Joined (and read) when the first post came, as joining lists the room.
    let joined = SyncedConversation {
        conv: conv.clone(),
        name: Some(ROOM_NAME.into()),
        settings: ConvSettings::default(),
        last_read_ms: Some(start_ts),
        listed: true,
    };
    repo::apply_synced(&db, &[joined]).await.map_err(js_err)?;
    let mut events = Vec::new();
    let mut read_to = start_ts;
    for i in 0..count {
        // Ours among the older ones only: posting reads the room up to there.
        let mine = i % 10 == 9 && i + unread < count;
        let k = (i as usize * 7) % ROOM_MEMBERS;
        let (author, name) = if mine {
            (me, "Bench".to_owned())
        } else {
            (members[k], format!("Member {k}"))
        };
        let ts = start_ts + u64::from(i) * step;
        if i + unread < count {
            read_to = ts;
        }
        let mut reactions = BTreeMap::new();
        if i % 8 == 3 {
            for (index, emoji) in ["👍", "❤️", "😂"]
                .iter()
                .take(1 + i as usize % 3)
                .enumerate()
            {
                let reaction = Reaction {
                    index: index as i64,
                    count: 1 + u64::from(i % 5),
                    reactors: vec![members[(k + index) % ROOM_MEMBERS]],
                    you: false,
                };
                reactions.insert((*emoji).to_owned(), reaction);
            }
        }
        events.push(RoomMessage {
            id: i64::from(i) + 1,
            author: Some(author),
            posted: Some(ts as f64 / 1000.0),
            edited: None,
            seqno: i64::from(i) + 1,
            data: Some(encode_content(&post_content(&sample_text(i), &name, ts))),
            signature: None,
            deleted: false,
            whisper: false,
            whisper_mods: false,
            whisper_to: None,
            reactions: Some(reactions),
        });
        if events.len() == POLL_PAGE as usize || i + 1 == count {
            let batch = batch_of(&conv, &events, &me, time::now_ms());
            repo::store_poll(&db, &batch.messages, &[], &batch.effects, None)
                .await
                .map_err(js_err)?;
            events.clear();
        }
    }
    let read = SyncedConversation {
        conv: conv.clone(),
        name: None,
        settings: ConvSettings::default(),
        last_read_ms: Some(read_to),
        listed: true,
    };
    repo::apply_synced(&db, &[read]).await.map_err(js_err)?;
    Ok(JsValue::from_str(&conv.to_string()))
}

/// Opens the room `conv` `runs` times as [`Views::open_chat`] does up to its first screen:
/// the conversation's summary (for the unread marker), the newest page of messages (one more
/// than [`PAGE`], to know whether there are older ones), and the timeline's rows built from
/// them. Returns `{runs_ms: [..], messages, rows, has_more, unread}`.
///
/// [`Views::open_chat`]: crate::state::views::Views::open_chat
/// [`PAGE`]: crate::state::views::PAGE
#[wasm_bindgen]
pub async fn bench_room_open(conv: &str, runs: u32) -> Result<JsValue, JsValue> {
    use crate::state::timeline::{build, LocalDays};
    use crate::state::views::PAGE;

    let conv: ConversationId = conv.parse().map_err(js_err)?;
    let db = Db::open().await.map_err(js_err)?;
    let runs_ms = js_sys::Array::new();
    let (mut shown, mut rows, mut more, mut unread) = (0, 0, false, 0);
    for _ in 0..runs.max(1) {
        let t = now_ms();
        let summary = repo::load_conversation(&db, &conv).await.map_err(js_err)?;
        let marker_after = summary
            .as_ref()
            .filter(|c| c.unread > 0)
            .map(|c| c.last_read_ts);
        let mut messages = repo::load_messages(&db, &conv, PAGE + 1)
            .await
            .map_err(js_err)?;
        let has_more = messages.len() > PAGE as usize;
        if has_more {
            messages.remove(0);
        }
        let built = build(&messages, marker_after, time::now_ms(), &LocalDays);
        runs_ms.push(&(now_ms() - t).into());
        (shown, rows, more) = (messages.len(), black_box(built).len(), has_more);
        unread = summary.map_or(0, |c| c.unread);
    }
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"runs_ms".into(), &runs_ms)?;
    js_sys::Reflect::set(&out, &"messages".into(), &(shown as f64).into())?;
    js_sys::Reflect::set(&out, &"rows".into(), &(rows as f64).into())?;
    js_sys::Reflect::set(&out, &"has_more".into(), &more.into())?;
    js_sys::Reflect::set(&out, &"unread".into(), &unread.into())?;
    Ok(out.into())
}

/// `runs` polls of the bench room, each bringing `count` new posts by `authors` members,
/// onto the account and room [`bench_room_fill`] stored. Each post is signed as the app
/// signs one ([`post::sign_content`], blinded) and the server's answer to the poll's batch
/// (capabilities, the room's poll info, its new messages, an unchanged inbox and outbox) is
/// written as the server writes it; none of that is timed. Timed, as a poll of the app runs:
/// the batch answer read ([`BatchReply::parse_list`]), [`ServerPoll::apply`] (every post's
/// signature checked), [`batch_of`] and [`repo::store_poll`] in one transaction.
/// Returns `{posts, runs: [{ms, parse_ms, apply_ms, records_ms, store_ms}]}`.
///
/// [`post::sign_content`]: session_core::community::post::sign_content
/// [`BatchReply::parse_list`]: session_core::community::api::BatchReply::parse_list
/// [`ServerPoll::apply`]: session_core::community::poll::ServerPoll::apply
#[wasm_bindgen]
pub async fn bench_room_poll(count: u32, authors: u32, runs: u32) -> Result<JsValue, JsValue> {
    use serde_json::{json, Value};
    use session_core::community::api::{BatchReply, RoomInfo};
    use session_core::community::auth::AuthMode;
    use session_core::community::poll::ServerPoll;
    use session_core::community::post;

    let db = Db::open().await.map_err(js_err)?;
    let account = repo::load_identity(&db)
        .await
        .map_err(js_err)?
        .ok_or_else(|| js_err("no account stored: run bench_room_fill first"))?;
    let key = room_key();
    let link = room_link()?;
    let conv = ConversationId::Community(link.room().clone());
    let me = own_blinded_id(&account, &key.0, false).map_err(js_err)?;
    let newest = repo::load_messages(&db, &conv, 1).await.map_err(js_err)?;
    let (mut id, mut seqno) = newest
        .first()
        .and_then(|m| m.post.as_ref())
        .map_or((0, 0), |p| (p.id, p.seqno));
    let members: Vec<(Identity, SessionId)> = (0..authors.max(1))
        .map(|_| {
            let who = Identity::generate(&mut OsRng);
            let blinded = own_blinded_id(&who, &key.0, false).map_err(js_err)?;
            Ok((who, blinded))
        })
        .collect::<Result<_, JsValue>>()?;
    let details = json!({
        "token": ROOM_TOKEN, "name": ROOM_NAME, "created": 1.7e9, "info_updates": 3,
        "message_sequence": seqno, "active_users": 40, "active_users_cutoff": 604800,
        "moderators": [], "admins": [], "read": true, "write": true, "upload": true,
    });
    let json_reply = |body: Value| json!({"code": 200, "headers": {"content-type": "application/json"}, "body": body});
    let unchanged = json!({"code": 304, "headers": {}, "body": null});
    let mut out_runs = Vec::new();
    let mut at = time::now_ms().saturating_sub(DAY_MS / 2);
    for run in 0..runs.max(1) {
        // The server's answer, its posts signed by their authors (not timed).
        let mut list = Vec::with_capacity(count as usize);
        for i in 0..count {
            let (who, author) = &members[i as usize % members.len()];
            let name = format!("Poster {}", i as usize % members.len());
            at += 37;
            id += 1;
            seqno += 1;
            let content = post_content(&sample_text(run * count + i), &name, at);
            let signed = post::sign_content(who, &key, AuthMode::Blinded, &content, &mut OsRng)
                .map_err(js_err)?;
            list.push(json!({
                "id": id, "session_id": author.to_string(), "posted": at as f64 / 1000.0,
                "seqno": seqno, "data": b64(&signed.data), "signature": b64(&signed.signature),
                "reactions": {},
            }));
        }
        let body = serde_json::to_vec(&json!([
            json_reply(json!({"capabilities": ["sogs", "blind", "reactions"]})),
            json_reply(
                json!({"token": ROOM_TOKEN, "active_users": 40, "read": true,
                "write": true, "upload": true})
            ),
            json_reply(Value::Array(list)),
            unchanged,
            unchanged,
        ]))
        .map_err(js_err)?;
        // The poll state between two polls: the server's capabilities and the room's
        // details known, its cursor at the newest post stored.
        let mut poll = ServerPoll::default();
        poll.join(link.token());
        let cursor = poll
            .rooms
            .get_mut(link.room().room())
            .ok_or_else(|| js_err("the room is not joined"))?;
        cursor.seqno = Some(seqno - i64::from(count));
        cursor.info = Some(RoomInfo::parse(details.to_string().as_bytes()).map_err(js_err)?);
        poll.capabilities = Some(session_core::community::api::Capabilities {
            capabilities: vec!["sogs".into(), "blind".into(), "reactions".into()],
            missing: Vec::new(),
        });
        let requests = poll.requests();
        if requests.len() != 5 {
            return Err(js_err(format!(
                "the poll asks {} things, not 5",
                requests.len()
            )));
        }

        let t0 = now_ms();
        let replies = BatchReply::parse_list(&body).map_err(js_err)?;
        let t1 = now_ms();
        let outcome = poll.apply(&replies);
        let t2 = now_ms();
        let key_of_room = link.room().room();
        let events: Vec<_> = outcome
            .events
            .iter()
            .filter(|e| e.room == key_of_room)
            .map(|e| e.message.clone())
            .collect();
        let batch = batch_of(&conv, &events, &me, time::now_ms());
        let t3 = now_ms();
        let stored = repo::store_poll(&db, &batch.messages, &[], &batch.effects, None)
            .await
            .map_err(js_err)?;
        let t4 = now_ms();

        if let Some((part, e)) = outcome.failures.first() {
            return Err(js_err(format!("the poll failed at {part}: {e}")));
        }
        if !outcome.dropped.is_empty() || stored.new_messages.len() != count as usize {
            return Err(js_err(format!(
                "{} of {count} posts stored, {} dropped",
                stored.new_messages.len(),
                outcome.dropped.len()
            )));
        }
        let row = js_sys::Object::new();
        for (k, v) in [
            ("ms", t4 - t0),
            ("parse_ms", t1 - t0),
            ("apply_ms", t2 - t1),
            ("records_ms", t3 - t2),
            ("store_ms", t4 - t3),
        ] {
            js_sys::Reflect::set(&row, &k.into(), &v.into())?;
        }
        out_runs.push(row);
    }
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"posts".into(), &count.into())?;
    js_sys::Reflect::set(&out, &"authors".into(), &(members.len() as f64).into())?;
    let arr = js_sys::Array::new();
    for r in out_runs {
        arr.push(&r);
    }
    js_sys::Reflect::set(&out, &"runs".into(), &arr)?;
    Ok(out.into())
}

/// Builds a search index ([`crate::search::SearchIndex`]) of `count` synthetic messages (words
/// of a fixed vocabulary, some accented, in skewed frequencies; CJK in one in eight; a file name
/// in one in ten; over 200 conversations) and times it, then 30 queries of six kinds (a common
/// word, a rare word, two words, a 3-letter prefix, CJK, a common word in one conversation),
/// 50 hits at most each, as a results page asks. Returns `{messages, build_ms,
/// messages_per_s, heap_bytes, terms, query_ms: {median, min, max}, kinds: {<kind>: {median_ms,
/// max_ms, hits}}}` (`hits`: of its last query). Making the records is not timed; returning
/// spare capacity after the build is.
#[wasm_bindgen]
pub fn bench_search(count: u32) -> Result<JsValue, JsValue> {
    use crate::search::SearchIndex;
    use serde_json::{json, Map};

    let convs: Vec<ConversationId> = (0..SEARCH_CONVERSATIONS)
        .map(|k| ConversationId::Direct(search_peer(k)))
        .collect();
    let mut words = SearchWords(0x2545_F491_4F6C_DD1D);
    let mut index = SearchIndex::new();
    let mut build_ms = 0.0;
    let mut batch = Vec::with_capacity(1000);
    for i in 0..count {
        batch.push(words.message(i, &convs));
        if batch.len() == 1000 || i + 1 == count {
            let started = now_ms();
            for m in &batch {
                index.add(m).map_err(js_err)?;
            }
            build_ms += now_ms() - started;
            batch.clear();
        }
    }
    // As the app does once its index is built.
    let started = now_ms();
    index.shrink_to_fit();
    build_ms += now_ms() - started;
    let scope = &convs[7];
    let kinds: [(&str, [&str; 5], bool); 6] = [
        ("common", ["vous", "the", "mañana", "photo", "okay"], false),
        (
            "rare",
            ["zéphyr", "quixotic", "björk", "xylophone", "fjord"],
            false,
        ),
        (
            "two_words",
            [
                "the station",
                "café okay",
                "photo mañana",
                "vous été",
                "see you",
            ],
            false,
        ),
        ("prefix3", ["sta", "mes", "caf", "tom", "pho"], false),
        ("cjk", ["東京", "会い", "写真", "駅", "ありがとう"], false),
        ("scoped", ["the", "okay", "photo", "station", "東京"], true),
    ];
    let mut all = Vec::new();
    let mut by_kind = Map::new();
    for (kind, queries, scoped) in kinds {
        let mut runs = Vec::new();
        let mut hits = 0;
        for q in queries {
            let started = now_ms();
            hits = black_box(index.query(q, scoped.then_some(scope), 50)).len();
            runs.push(now_ms() - started);
        }
        all.extend_from_slice(&runs);
        let (median, _, max) = spread(&mut runs);
        by_kind.insert(
            kind.into(),
            json!({"median_ms": median, "max_ms": max, "hits": hits}),
        );
    }
    let (median, min, max) = spread(&mut all);
    let out = json!({
        "messages": count,
        "build_ms": build_ms.round(),
        "messages_per_s": (f64::from(count) / (build_ms / 1e3)).round(),
        "heap_bytes": index.heap_bytes(),
        "terms": index.term_count(),
        "query_ms": {"median": median, "min": min, "max": max},
        "kinds": by_kind,
    });
    js_sys::JSON::parse(&out.to_string())
}

const SEARCH_CONVERSATIONS: u32 = 200;

/// The peer of synthetic conversation `k`.
fn search_peer(k: u32) -> SessionId {
    let mut key = [7u8; 32];
    key[..4].copy_from_slice(&k.to_le_bytes());
    SessionId::from_x25519(key)
}

/// `(median, min, max)` of `runs` (ms, to the microsecond).
fn spread(runs: &mut [f64]) -> (f64, f64, f64) {
    runs.sort_by(f64::total_cmp);
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    match (runs.first(), runs.get(runs.len() / 2), runs.last()) {
        (Some(&min), Some(&median), Some(&max)) => (round(median), round(min), round(max)),
        _ => (0.0, 0.0, 0.0),
    }
}

/// Deterministic synthetic messages (xorshift): words in a skewed distribution, so that a few
/// are common and most rare, as in chats.
#[derive(Debug)]
struct SearchWords(u64);

impl SearchWords {
    const WORDS: [&'static str; 64] = [
        "the",
        "okay",
        "vous",
        "photo",
        "mañana",
        "you",
        "see",
        "station",
        "tomorrow",
        "café",
        "été",
        "thanks",
        "meeting",
        "message",
        "déjà",
        "naïve",
        "Straße",
        "über",
        "smörgåsbord",
        "garçon",
        "crème",
        "brûlée",
        "façade",
        "jalapeño",
        "Ærø",
        "œuvre",
        "piñata",
        "résumé",
        "lunch",
        "dinner",
        "weekend",
        "train",
        "ticket",
        "hotel",
        "airport",
        "flight",
        "music",
        "concert",
        "movie",
        "book",
        "coffee",
        "tea",
        "walk",
        "park",
        "beach",
        "mountain",
        "river",
        "city",
        "friends",
        "family",
        "birthday",
        "party",
        "gift",
        "later",
        "soon",
        "maybe",
        "tonight",
        "morning",
        "zéphyr",
        "quixotic",
        "björk",
        "xylophone",
        "fjord",
        "Łódź",
    ];
    const CJK: [&'static str; 6] = [
        "東京タワーに行った",
        "明日会いましょう",
        "写真を送ります",
        "駅で待っています",
        "ありがとうございます",
        "北京的天气很好",
    ];

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A word index skewed towards the start of the list (the product of two uniform draws).
    fn word(&mut self) -> &'static str {
        let n = Self::WORDS.len() as u64;
        let k = (self.next() % n) * (self.next() % n) / n;
        Self::WORDS[k as usize]
    }

    fn message(&mut self, i: u32, convs: &[ConversationId]) -> MessageRecord {
        let mut text = String::new();
        for _ in 0..4 + self.next() % 8 {
            text.push_str(self.word());
            text.push(' ');
        }
        if self.next().is_multiple_of(8) {
            text.push_str(Self::CJK[(self.next() % Self::CJK.len() as u64) as usize]);
        }
        let conv = &convs[i as usize % convs.len()];
        let ConversationId::Direct(peer) = conv else {
            unreachable!("synthetic conversations are direct")
        };
        let mut m = MessageRecord::new(
            conv.clone(),
            *peer,
            1_600_000_000_000 + u64::from(i) * 60_000,
            text,
            false,
            MessageStatus::Received,
            0,
        );
        if self.next().is_multiple_of(10) {
            m.attachments.push(crate::storage::AttachmentRecord {
                pointer: None,
                file: None,
                name: Some(format!("{}_{i}.pdf", self.word())),
                content_type: Some("application/pdf".into()),
                size: 1000,
                voice: false,
                width: None,
                height: None,
                room_file: None,
            });
        }
        m
    }
}

/// The message catalogues: building each language's (parsing its Fluent text, as start-up does)
/// and formatting every message with its arguments.
#[wasm_bindgen]
pub fn bench_i18n(runs: u32) -> Result<JsValue, JsValue> {
    use crate::i18n::{arguments_of, bundled, Arg, Catalogue, Locale};
    use serde_json::{json, Map};

    let mut out = Map::new();
    for (tag, files) in bundled::ALL {
        let locale = Locale::from_tag(tag).ok_or_else(|| js_err(format!("no locale {tag}")))?;
        let texts: Vec<&str> = files.iter().map(|(_, s)| *s).collect();
        let mut build = Vec::new();
        let mut catalogue = Catalogue::english();
        for _ in 0..runs.max(1) {
            let started = now_ms();
            catalogue = black_box(Catalogue::new(locale, texts.iter().copied()));
            build.push(now_ms() - started);
        }
        let args = arguments_of(files);
        let calls: Vec<(&str, Vec<(&str, Arg)>)> = args
            .iter()
            .map(|(key, names)| {
                let values = names
                    .iter()
                    .map(|n| (n.as_str(), Arg::Number(2.0)))
                    .collect();
                (key.as_str(), values)
            })
            .collect();
        let started = now_ms();
        let mut chars = 0;
        for _ in 0..runs.max(1) {
            for (key, values) in &calls {
                chars += black_box(catalogue.format(key, values)).len();
            }
        }
        let format_ms = now_ms() - started;
        let formatted = calls.len() as f64 * f64::from(runs.max(1));
        let (median, _, max) = spread(&mut build);
        out.insert(
            (*tag).into(),
            json!({
                "messages": calls.len(),
                "source_bytes": texts.iter().map(|t| t.len()).sum::<usize>(),
                "build_ms": {"median": median, "max": max},
                "formats_per_s": (formatted / (format_ms / 1e3)).round(),
                "chars": chars,
            }),
        );
    }
    js_sys::JSON::parse(&serde_json::Value::Object(out).to_string())
}
