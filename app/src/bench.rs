//! Entry points for `cargo xtask bench` (feature `bench` only; the shipped app has none of this).
//!
//! The bench page loads this build of the app's wasm next to libsodium.js and times both from
//! JavaScript. Everything measured here is the app's own code: the core's crypto, the client's
//! receive path ([`Client::receive_retrieved`]), [`records_of`], the IndexedDB repository and
//! the config merge ([`MergeBench`], on the inputs `session-cli debug bench` merges natively).

use rand_core::OsRng;
use session_core::client::{Client, ClientState, Config, NodeId, MESSAGE_TTL_MS};
use session_core::config::bench::{MergeCase, MergeInput};
use session_core::config::ConfigObject;
use session_core::conversation::ConversationId;
use session_core::crypto::keys::{verify_ed25519, x25519_shared};
use session_core::identity::Identity;
use session_core::message::compose::{ContentBuilder, Profile};
use session_core::message::{self, encode_for_recipient};
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
use crate::storage::repo::{self, NameUpdate};
use crate::storage::{Db, MessageRecord, MessageStatus, ProfileRecord};
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
    // Batches are made before the clock starts: a poll hands over what it parsed, no copy.
    for items in batches {
        let report = client.receive_retrieved(node, items);
        let (messages, names) = records_of(&report.events, time::now_ms());
        let state = client.state().to_json();
        let done = repo::store_messages(db, &messages, &names, Some(&state))
            .await
            .map_err(js_err)?;
        stored += done.new_messages.len();
    }
    let ms = js_sys::Date::now() - started;
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"ms".into(), &ms.into())?;
    js_sys::Reflect::set(&out, &"stored".into(), &(stored as f64).into())?;
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
    Ok(JsValue::from_str(&convs[0].to_string()))
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
