//! What the app reads and writes. Each function is one transaction; writes that belong
//! together (a message, its outbox entry and its conversation's summary; a poll's messages and
//! the client state) commit or fail together.

use futures::future::join_all;
use rexie::{Direction, KeyRange, Store, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use session_core::client::ClientState;
use session_core::conversation::ConversationId;
use session_core::identity::{Identity, SessionId};
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;
use zeroize::Zeroizing;

use super::db::{stores, Db};
use super::error::StorageError;
use super::records::{
    AvatarRef, ConvSettings, ConversationRecord, IdentityRecord, MessageKey, MessageRecord,
    MessageStatus, OutboxRecord, ProfileRecord, StoredData, SyncedConversation,
};
use super::seal::{self, Place};
use crate::state::effects::{self, Edit, Effect};
use crate::util::{log, time};

/// Names of the `meta` records.
pub mod meta_keys {
    /// The account seed.
    pub const IDENTITY: &str = "identity";
    /// Our display name.
    pub const PROFILE: &str = "profile";
    /// The client's [`session_core::client::ClientState`] as JSON.
    pub const CLIENT_STATE: &str = "client_state";
    /// The network the relay served last time.
    pub const NETWORK: &str = "network";
    /// The account's Session ID (public), kept apart from its seed.
    pub const ACCOUNT: &str = "account";
    /// The account's user configs: their local dumps, hex, by namespace.
    pub const CONFIGS: &str = "configs";
    /// The account's groups: their records, by group ID.
    pub const GROUPS: &str = "groups";
    /// The account's community rooms: their records, in the order joined.
    pub const COMMUNITIES: &str = "communities";
}

type Result<T> = std::result::Result<T, StorageError>;

/// A record's stored form at `at`: its JSON, sealed when the database is. Within a
/// transaction, `alive` is one of its stores (see [`seal::keeping_alive`]).
async fn encode<T: Serialize>(
    db: &Db,
    at: Place<'_>,
    value: &T,
    alive: Option<&Store>,
) -> Result<JsValue> {
    let text = Zeroizing::new(
        serde_json::to_string(value).map_err(|e| StorageError::Encode(e.to_string()))?,
    );
    seal::seal_text(db, at, &text, alive).await
}

/// Several records of one store encoded at once (one round of WebCrypto calls).
async fn encode_all<T: Serialize>(
    db: &Db,
    store: &str,
    items: &[(JsValue, &T)],
    alive: Option<&Store>,
) -> Result<Vec<(JsValue, Option<JsValue>)>> {
    let texts = items
        .iter()
        .map(|(k, v)| {
            serde_json::to_string(v)
                .map(|t| (k.clone(), t))
                .map_err(|e| StorageError::Encode(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let values = seal::seal_texts(db, store, &texts, alive).await?;
    Ok(values
        .into_iter()
        .zip(texts)
        .map(|(v, (k, _))| (v, Some(k)))
        .collect())
}

/// Reads a stored record; a record that is not what we expect is logged and skipped.
async fn decode<T: DeserializeOwned>(
    db: &Db,
    at: Place<'_>,
    value: &JsValue,
    alive: Option<&Store>,
) -> Option<T> {
    let text = seal::open_text(db, at, value, alive).await?;
    parse(at.store, &text)
}

/// Several stored `(key, value)` records of one store read at once, in order; unreadable
/// ones are left out.
async fn decode_all<T: DeserializeOwned>(
    db: &Db,
    store: &str,
    rows: &[(JsValue, JsValue)],
    alive: Option<&Store>,
) -> Vec<T> {
    seal::open_texts(db, store, rows, alive)
        .await
        .into_iter()
        .filter_map(|t| parse(store, &t?))
        .collect()
}

/// Every `(key, value)` of a store, in key order.
async fn all_rows(store: &Store) -> Result<Vec<(JsValue, JsValue)>> {
    let keys = store.get_all_keys(None, None).await?;
    let values = store.get_all(None, None).await?;
    Ok(keys.into_iter().zip(values).collect())
}

fn parse<T: DeserializeOwned>(store: &str, text: &str) -> Option<T> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            log::error(&format!(
                "storage: skipped an unreadable {store} record: {e}"
            ));
            None
        }
    }
}

/// The `meta` record `key` as stored.
pub(crate) async fn get_meta_raw(db: &Db, key: &str) -> Result<Option<JsValue>> {
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadOnly)?;
    let v = tx.store(stores::META)?.get(JsValue::from_str(key)).await?;
    tx.done().await?;
    Ok(v)
}

/// Where the `meta` record `key` lives.
fn meta_place(key: &JsValue) -> Place<'_> {
    Place {
        store: stores::META,
        key,
    }
}

async fn get_meta<T: DeserializeOwned>(db: &Db, key: &str) -> Result<Option<T>> {
    let Some(v) = get_meta_raw(db, key).await? else {
        return Ok(None);
    };
    Ok(decode(db, meta_place(&JsValue::from_str(key)), &v, None).await)
}

async fn put_meta<T: Serialize>(db: &Db, key: &str, value: &T) -> Result<()> {
    let key = JsValue::from_str(key);
    let value = encode(db, meta_place(&key), value, None).await?;
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadWrite)?;
    tx.store(stores::META)?.put(&value, Some(&key)).await?;
    tx.done().await?;
    Ok(())
}

/// The stored account, if any; [`StorageError::UnreadableAccount`] when a record is there but
/// cannot be read (it is kept: see [`save_identity`] and [`repair_identity`]).
pub async fn load_identity(db: &Db) -> Result<Option<Identity>> {
    match get_meta_raw(db, meta_keys::IDENTITY).await? {
        None => Ok(None),
        Some(v) => identity_of(db, &v, None).await.map(Some),
    }
}

/// The account of a stored identity record.
async fn identity_of(db: &Db, value: &JsValue, alive: Option<&Store>) -> Result<Identity> {
    let key = JsValue::from_str(meta_keys::IDENTITY);
    let rec = decode::<IdentityRecord>(db, meta_place(&key), value, alive)
        .await
        .ok_or(StorageError::UnreadableAccount)?;
    let bytes = Zeroizing::new(hex::decode(&rec.seed).unwrap_or_default());
    match bytes.len() {
        16 => {
            let mut seed = Zeroizing::new([0u8; 16]);
            seed.copy_from_slice(&bytes);
            Ok(Identity::from_seed(&seed))
        }
        32 => {
            let mut seed = Zeroizing::new([0u8; 32]);
            seed.copy_from_slice(&bytes);
            Ok(Identity::from_ed25519_seed(&seed))
        }
        _ => {
            log::error("storage: the stored account seed is unreadable");
            Err(StorageError::UnreadableAccount)
        }
    }
}

/// Stores a new account (its seed never leaves this browser), with its Session ID beside it so
/// that the data stays tied to it even if the seed's record is damaged. Storing the account
/// that is already there only adds that ID if missing; any other stored record, another
/// account's or an unreadable one, is kept and the call fails.
pub async fn save_identity(db: &Db, identity: &Identity) -> Result<()> {
    write_identity(db, identity, false).await
}

/// Stores `identity` over an unreadable account record: the user restored the account from its
/// recovery phrase. Fails when the stored data is tied to another account.
pub async fn repair_identity(db: &Db, identity: &Identity) -> Result<()> {
    write_identity(db, identity, true).await
}

async fn write_identity(db: &Db, identity: &Identity, repair: bool) -> Result<()> {
    let id = identity.session_id().to_hex();
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadWrite)?;
    let meta = tx.store(stores::META)?;
    let stored = meta.get(JsValue::from_str(meta_keys::IDENTITY)).await?;
    let account_key = JsValue::from_str(meta_keys::ACCOUNT);
    let owner = match meta.get(account_key.clone()).await? {
        Some(v) => decode::<String>(db, meta_place(&account_key), &v, Some(&meta)).await,
        None => None,
    };
    if owner.as_ref().is_some_and(|o| *o != id) {
        return Err(StorageError::AccountStored);
    }
    let stored = match stored {
        Some(v) => Some(identity_of(db, &v, Some(&meta)).await),
        None => None,
    };
    let write_seed = match stored {
        None => true,
        Some(Ok(same)) if same.session_id() == identity.session_id() => false,
        Some(Ok(_)) => return Err(StorageError::AccountStored),
        Some(Err(_)) if repair => true,
        Some(Err(e)) => return Err(e),
    };
    if write_seed {
        let seed = match identity.seed() {
            Some(s) => Zeroizing::new(hex::encode(s)),
            None => Zeroizing::new(hex::encode(*identity.ed25519_seed())),
        };
        let rec = IdentityRecord {
            seed: seed.to_string(),
            created_ms: time::now_ms(),
        };
        let key = JsValue::from_str(meta_keys::IDENTITY);
        let value = encode(db, meta_place(&key), &rec, Some(&meta)).await?;
        meta.put(&value, Some(&key)).await?;
    }
    if owner.is_none() {
        let value = encode(db, meta_place(&account_key), &id, Some(&meta)).await?;
        meta.put(&value, Some(&account_key)).await?;
    }
    tx.done().await?;
    Ok(())
}

/// What is stored besides the account record: whose data it is and how much.
pub async fn stored_data(db: &Db) -> Result<StoredData> {
    let owner = get_meta::<String>(db, meta_keys::ACCOUNT)
        .await?
        .and_then(|id| id.parse::<SessionId>().ok());
    let conversations = load_conversations(db).await?;
    let outbox = load_outbox(db).await?;
    let mut data = StoredData {
        owner,
        conversations: conversations.iter().filter(|c| c.count > 0).count(),
        waiting: outbox.len(),
    };
    // Data stored before the ID was kept beside the account: what we wrote names us.
    if data.owner.is_none() {
        data.owner = outbox.first().map(|e| e.key.author);
    }
    for conv in conversations.iter().filter(|c| c.last_outgoing) {
        if data.owner.is_some() {
            break;
        }
        let newest = load_messages(db, &conv.id, 1).await?;
        data.owner = newest.iter().find(|m| m.outgoing).map(|m| m.author);
    }
    Ok(data)
}

/// Our display name.
pub async fn load_profile(db: &Db) -> Result<Option<ProfileRecord>> {
    get_meta(db, meta_keys::PROFILE).await
}

/// Stores our display name.
pub async fn save_profile(db: &Db, profile: &ProfileRecord) -> Result<()> {
    put_meta(db, meta_keys::PROFILE, profile).await
}

/// The network the relay served last time ("mainnet" or "local").
pub async fn load_network(db: &Db) -> Result<Option<String>> {
    get_meta(db, meta_keys::NETWORK).await
}

/// Remembers the relay's network.
pub async fn save_network(db: &Db, network: &str) -> Result<()> {
    put_meta(db, meta_keys::NETWORK, &network).await
}

/// The client's saved state; unreadable state is logged and replaced by a fresh one.
pub async fn load_client_state(db: &Db) -> Result<Option<ClientState>> {
    let Some(v) = get_meta_raw(db, meta_keys::CLIENT_STATE).await? else {
        return Ok(None);
    };
    let key = JsValue::from_str(meta_keys::CLIENT_STATE);
    let Some(text) = seal::open_text(db, meta_place(&key), &v, None).await else {
        return Ok(None);
    };
    match ClientState::from_json(&text) {
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            log::error(&format!("storage: starting with fresh network state: {e}"));
            Ok(None)
        }
    }
}

/// Saves the client's state (its JSON, as `ClientState::to_json` wrote it).
pub async fn save_client_state(db: &Db, json: &str) -> Result<()> {
    let key = JsValue::from_str(meta_keys::CLIENT_STATE);
    let value = seal::seal_text(db, meta_place(&key), json, None).await?;
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadWrite)?;
    tx.store(stores::META)?.put(&value, Some(&key)).await?;
    tx.done().await?;
    Ok(())
}

/// Every conversation summary (unordered).
pub async fn load_conversations(db: &Db) -> Result<Vec<ConversationRecord>> {
    let tx = db
        .rexie
        .transaction(&[stores::CONVERSATIONS], TransactionMode::ReadOnly)?;
    let rows = all_rows(&tx.store(stores::CONVERSATIONS)?).await?;
    tx.done().await?;
    Ok(decode_all(db, stores::CONVERSATIONS, &rows, None).await)
}

/// One conversation's summary.
pub async fn load_conversation(db: &Db, id: &ConversationId) -> Result<Option<ConversationRecord>> {
    let tx = db
        .rexie
        .transaction(&[stores::CONVERSATIONS], TransactionMode::ReadOnly)?;
    let key = conv_key(id);
    let v = tx.store(stores::CONVERSATIONS)?.get(key.clone()).await?;
    tx.done().await?;
    Ok(match v {
        Some(v) => decode(db, conv_place(&key), &v, None).await,
        None => None,
    })
}

fn conv_place(key: &JsValue) -> Place<'_> {
    Place {
        store: stores::CONVERSATIONS,
        key,
    }
}

fn message_place(key: &JsValue) -> Place<'_> {
    Place {
        store: stores::MESSAGES,
        key,
    }
}

/// The key of a conversation's summary: its text form.
fn conv_key(id: &ConversationId) -> JsValue {
    JsValue::from_str(&id.to_string())
}

/// Every `[conv, ts, author]` key of one conversation (its text form `conv`).
pub(crate) fn conv_range(conv: &str) -> Result<KeyRange> {
    let lower = js_sys::Array::of2(&JsValue::from_str(conv), &JsValue::from_f64(0.0));
    let upper = js_sys::Array::of2(&JsValue::from_str(conv), &JsValue::from_f64(f64::INFINITY));
    KeyRange::bound(&lower, &upper, Some(false), Some(false))
        .map_err(|e| StorageError::Db(e.to_string()))
}

/// The newest `limit` messages of a conversation, oldest first (a key range read: the cost
/// does not grow with the number of stored messages).
pub async fn load_messages(
    db: &Db,
    conv: &ConversationId,
    limit: u32,
) -> Result<Vec<MessageRecord>> {
    let tx = db
        .rexie
        .transaction(&[stores::MESSAGES], TransactionMode::ReadOnly)?;
    let rows = tx
        .store(stores::MESSAGES)?
        .scan(
            Some(conv_range(&conv.to_string())?),
            Some(limit),
            None,
            Some(Direction::Prev),
        )
        .await?;
    tx.done().await?;
    let mut out: Vec<MessageRecord> = decode_all(db, stores::MESSAGES, &rows, None).await;
    out.reverse();
    Ok(out)
}

/// Writes a message and, when given, its outbox entry, within `tx`.
async fn put_message(
    db: &Db,
    tx: &rexie::Transaction,
    msg: &MessageRecord,
    outbox: Option<&OutboxRecord>,
) -> Result<()> {
    let key = msg.key().to_js();
    let messages = tx.store(stores::MESSAGES)?;
    let value = encode(db, message_place(&key), msg, Some(&messages)).await?;
    messages.put(&value, Some(&key)).await?;
    if let Some(outbox) = outbox {
        let store = tx.store(stores::OUTBOX)?;
        let value = encode(db, outbox_place(&key), outbox, Some(&store)).await?;
        store.put(&value, Some(&key)).await?;
    }
    Ok(())
}

/// Writes a message we are sending together with its outbox entry (before any network
/// attempt; a message whose files are still to upload has none yet), and updates the
/// conversation's summary.
pub async fn store_outgoing(
    db: &Db,
    msg: &MessageRecord,
    outbox: Option<&OutboxRecord>,
) -> Result<ConversationRecord> {
    let tx = db.rexie.transaction(
        &[stores::MESSAGES, stores::OUTBOX, stores::CONVERSATIONS],
        TransactionMode::ReadWrite,
    )?;
    put_message(db, &tx, msg, outbox).await?;
    let convs = tx.store(stores::CONVERSATIONS)?;
    let key = conv_key(&msg.conv);
    let mut conv = get_conv(db, &convs, &key)
        .await?
        .unwrap_or_else(|| ConversationRecord::new(msg.conv.clone()));
    conv.absorb(msg);
    put_conv(db, &convs, &key, &conv).await?;
    tx.done().await?;
    Ok(conv)
}

/// Rewrites a message we are sending (its files uploaded, or its upload failed), with its
/// outbox entry once it has one, and the summary's status.
pub async fn save_message(
    db: &Db,
    msg: &MessageRecord,
    outbox: Option<&OutboxRecord>,
) -> Result<()> {
    let tx = db.rexie.transaction(
        &[stores::MESSAGES, stores::OUTBOX, stores::CONVERSATIONS],
        TransactionMode::ReadWrite,
    )?;
    put_message(db, &tx, msg, outbox).await?;
    let convs = tx.store(stores::CONVERSATIONS)?;
    let summary_key = conv_key(&msg.conv);
    if let Some(mut conv) = get_conv(db, &convs, &summary_key).await? {
        if conv.apply_status(&msg.key(), msg.status) {
            put_conv(db, &convs, &summary_key, &conv).await?;
        }
    }
    tx.done().await?;
    Ok(())
}

/// Every message waiting in the outbox.
pub async fn load_outbox(db: &Db) -> Result<Vec<OutboxRecord>> {
    let tx = db
        .rexie
        .transaction(&[stores::OUTBOX], TransactionMode::ReadOnly)?;
    let rows = all_rows(&tx.store(stores::OUTBOX)?).await?;
    tx.done().await?;
    Ok(decode_all(db, stores::OUTBOX, &rows, None).await)
}

fn outbox_place(key: &JsValue) -> Place<'_> {
    Place {
        store: stores::OUTBOX,
        key,
    }
}

/// A conversation's summary read within a transaction.
async fn get_conv(db: &Db, convs: &Store, key: &JsValue) -> Result<Option<ConversationRecord>> {
    Ok(match convs.get(key.clone()).await? {
        Some(v) => decode(db, conv_place(key), &v, Some(convs)).await,
        None => None,
    })
}

/// A conversation's summary written within a transaction.
async fn put_conv(db: &Db, convs: &Store, key: &JsValue, conv: &ConversationRecord) -> Result<()> {
    let value = encode(db, conv_place(key), conv, Some(convs)).await?;
    convs.put(&value, Some(key)).await?;
    Ok(())
}

/// Records the outcome of a delivery attempt: the message's status, and the outbox entry
/// (kept with its progress while something remains to store, removed when `remove`: complete
/// or expired).
pub async fn record_delivery(
    db: &Db,
    entry: &OutboxRecord,
    status: MessageStatus,
    remove: bool,
) -> Result<()> {
    let tx = db.rexie.transaction(
        &[stores::MESSAGES, stores::OUTBOX, stores::CONVERSATIONS],
        TransactionMode::ReadWrite,
    )?;
    let key = entry.key.to_js();
    let messages = tx.store(stores::MESSAGES)?;
    let stored = match messages.get(key.clone()).await? {
        Some(v) => decode::<MessageRecord>(db, message_place(&key), &v, Some(&messages)).await,
        None => None,
    };
    if let Some(mut msg) = stored {
        msg.status = status;
        msg.hash = Some(entry.outgoing.hash().to_owned());
        // Our swarm's copy: the sync copy, or for Note to Self the message itself.
        msg.own_hash = match entry.outgoing.sync_hash() {
            Some(h) => Some(h.to_owned()),
            None if msg.conv == ConversationId::NoteToSelf => msg.hash.clone(),
            None => None,
        };
        let value = encode(db, message_place(&key), &msg, Some(&messages)).await?;
        messages.put(&value, Some(&key)).await?;
    }
    let outbox = tx.store(stores::OUTBOX)?;
    if remove {
        outbox.delete(key).await?;
    } else {
        let value = encode(db, outbox_place(&key), entry, Some(&outbox)).await?;
        outbox.put(&value, Some(&key)).await?;
    }
    let convs = tx.store(stores::CONVERSATIONS)?;
    let summary_key = conv_key(&entry.key.conv);
    if let Some(mut conv) = get_conv(db, &convs, &summary_key).await? {
        if conv.apply_status(&entry.key, status) {
            put_conv(db, &convs, &summary_key, &conv).await?;
        }
    }
    tx.done().await?;
    Ok(())
}

/// A profile that came with a message (display name and avatar), or an avatar the account's
/// settings keep for a contact (then the name is empty and only the avatar applies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameUpdate {
    /// Conversation (the sender's).
    pub conv: ConversationId,
    /// Their name.
    pub name: String,
    /// Its `lastProfileUpdateSeconds`.
    pub updated_s: u64,
    /// Their avatar; `None`: the profile has none (a shown one is removed).
    pub picture: Option<AvatarRef>,
}

/// A batch's new messages and profiles, by conversation.
pub type Touched<'a> = BTreeMap<ConversationId, (Vec<&'a MessageRecord>, Vec<&'a NameUpdate>)>;

impl NameUpdate {
    /// Groups a batch's new messages and names by conversation, in key order.
    pub fn group<'a>(messages: &[&'a MessageRecord], names: &'a [NameUpdate]) -> Touched<'a> {
        let mut touched = Touched::new();
        for m in messages {
            touched.entry(m.conv.clone()).or_default().0.push(m);
        }
        for n in names {
            touched.entry(n.conv.clone()).or_default().1.push(n);
        }
        touched
    }
}

/// What a batch write changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StoredBatch {
    /// Messages that were new (duplicates of stored ones are left out).
    pub new_messages: Vec<MessageRecord>,
    /// Conversations whose summary changed.
    pub conversations: Vec<ConversationRecord>,
    /// What the batch's effects did.
    pub applied: Applied,
}

/// What effects did to stored messages.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Conversations with messages changed or removed (their summaries may not have changed).
    pub conversations: Vec<ConversationId>,
    /// Messages deleted for everyone by someone else (or by our other device): the hashes of
    /// their copies in our own swarm, to delete there too so a new device does not fetch them.
    pub unsent_hashes: Vec<String>,
}

/// Applies `effects` within `tx` (over the messages, conversations and files stores): each
/// touched message is rewritten or removed with its files, and its conversation's summary
/// follows.
async fn apply_effects_in(db: &Db, tx: &rexie::Transaction, effects: &[Effect]) -> Result<Applied> {
    let messages = tx.store(stores::MESSAGES)?;
    let mut keys: Vec<MessageKey> = effects.iter().flat_map(|e| e.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    let found = join_all(keys.iter().map(|k| messages.get(k.to_js()))).await;
    let mut rows = Vec::new();
    let mut present = Vec::new();
    for (key, value) in keys.into_iter().zip(found) {
        if let Some(v) = value? {
            rows.push((key.to_js(), v));
            present.push(key);
        }
    }
    let opened = seal::open_texts(db, stores::MESSAGES, &rows, Some(&messages)).await;
    let mut stored = BTreeMap::new();
    for (key, text) in present.into_iter().zip(opened) {
        if let Some(m) = text.and_then(|t| parse::<MessageRecord>(stores::MESSAGES, &t)) {
            stored.insert(key, m);
        }
    }
    let plan = effects::plan(effects, &stored);
    let mut by_conv: BTreeMap<ConversationId, Vec<&Edit>> = BTreeMap::new();
    for edit in &plan.edits {
        let key = edit.before.key().to_js();
        match &edit.after {
            Some(m) => {
                let value = encode(db, message_place(&key), m, Some(&messages)).await?;
                messages.put(&value, Some(&key)).await?;
            }
            None => messages.delete(key).await?,
        }
        by_conv
            .entry(edit.before.conv.clone())
            .or_default()
            .push(edit);
    }
    if !plan.files.is_empty() {
        let files = tx.store(stores::FILES)?;
        for f in &plan.files {
            files.delete(JsValue::from_str(f)).await?;
        }
    }
    let convs = tx.store(stores::CONVERSATIONS)?;
    let mut applied = Applied {
        conversations: Vec::new(),
        unsent_hashes: plan.unsent_hashes.clone(),
    };
    for (conv, edits) in by_conv {
        let key = conv_key(&conv);
        if let Some(mut summary) = get_conv(db, &convs, &key).await? {
            let newest_row = messages
                .scan(
                    Some(conv_range(&conv.to_string())?),
                    Some(1),
                    None,
                    Some(Direction::Prev),
                )
                .await?;
            let newest =
                decode_all::<MessageRecord>(db, stores::MESSAGES, &newest_row, Some(&messages))
                    .await
                    .pop();
            for edit in edits {
                summary.after_edit(&edit.before, edit.after.as_ref(), newest.as_ref());
            }
            put_conv(db, &convs, &key, &summary).await?;
        }
        applied.conversations.push(conv);
    }
    Ok(applied)
}

/// Applies effects of this device's own making (a reaction, a message deleted here or for
/// everyone), with the outbox entry of the message that tells the others, in one
/// transaction.
pub async fn apply_effects(
    db: &Db,
    effects: &[Effect],
    outbox: Option<&OutboxRecord>,
) -> Result<Applied> {
    let tx = db.rexie.transaction(
        &[
            stores::MESSAGES,
            stores::CONVERSATIONS,
            stores::FILES,
            stores::OUTBOX,
        ],
        TransactionMode::ReadWrite,
    )?;
    let applied = apply_effects_in(db, &tx, effects).await?;
    if let Some(entry) = outbox {
        let key = entry.key.to_js();
        let store = tx.store(stores::OUTBOX)?;
        let value = encode(db, outbox_place(&key), entry, Some(&store)).await?;
        store.put(&value, Some(&key)).await?;
    }
    tx.done().await?;
    Ok(applied)
}

/// Stores a batch of messages (a poll's, or an import) with the names that came with them and,
/// optionally, the client state that produced them, all in one transaction: after a crash
/// either everything or nothing of the poll is stored, so nothing is lost or doubled. Messages
/// already stored (same conversation, time and author) are skipped.
pub async fn store_messages(
    db: &Db,
    messages: &[MessageRecord],
    names: &[NameUpdate],
    client_state: Option<&str>,
) -> Result<StoredBatch> {
    store_poll(db, messages, names, &[], client_state).await
}

/// [`store_messages`] with the effects the same poll brought (reactions, unsends, receipts),
/// applied after its messages in the same transaction.
pub async fn store_poll(
    db: &Db,
    messages: &[MessageRecord],
    names: &[NameUpdate],
    effects: &[Effect],
    client_state: Option<&str>,
) -> Result<StoredBatch> {
    let tx = db.rexie.transaction(
        &[
            stores::MESSAGES,
            stores::CONVERSATIONS,
            stores::META,
            stores::FILES,
        ],
        TransactionMode::ReadWrite,
    )?;
    let store = tx.store(stores::MESSAGES)?;
    let keys: Vec<JsValue> = messages.iter().map(|m| m.key().to_js()).collect();
    // All existence checks in flight at once: one round trip for the batch.
    let exists = join_all(keys.iter().map(|k| store.key_exists(k.clone()))).await;
    let mut fresh: Vec<(MessageRecord, JsValue)> = Vec::new();
    let mut seen_in_batch = std::collections::HashSet::new();
    for ((m, k), e) in messages.iter().zip(keys).zip(exists) {
        if !e? && seen_in_batch.insert(m.key()) {
            fresh.push((m.clone(), k));
        }
    }
    let items: Vec<(JsValue, &MessageRecord)> = fresh.iter().map(|(m, k)| (k.clone(), m)).collect();
    let values = encode_all(db, stores::MESSAGES, &items, Some(&store)).await?;
    if !values.is_empty() {
        store.put_all(values.into_iter()).await?;
    }

    let fresh_refs: Vec<&MessageRecord> = fresh.iter().map(|(m, _)| m).collect();
    let touched = NameUpdate::group(&fresh_refs, names);
    let convs = tx.store(stores::CONVERSATIONS)?;
    let ids: Vec<JsValue> = touched.keys().map(conv_key).collect();
    let existing = join_all(ids.iter().map(|k| convs.get(k.clone()))).await;
    // Summaries that exist, opened together; the others are new.
    let mut rows = Vec::new();
    for (key, old) in ids.iter().zip(existing) {
        rows.push((key.clone(), old?.unwrap_or(JsValue::UNDEFINED)));
    }
    let present: Vec<(JsValue, JsValue)> = rows
        .iter()
        .filter(|(_, v)| !v.is_undefined())
        .cloned()
        .collect();
    let mut opened = seal::open_texts(db, stores::CONVERSATIONS, &present, Some(&convs))
        .await
        .into_iter();
    let mut changed = Vec::new();
    for ((id, (msgs, names)), (_, old)) in touched.iter().zip(&rows) {
        let old = if old.is_undefined() {
            None
        } else {
            opened
                .next()
                .flatten()
                .and_then(|t| parse::<ConversationRecord>(stores::CONVERSATIONS, &t))
        };
        if let Some(conv) = ConversationRecord::received(id, old, msgs, names) {
            changed.push(conv);
        }
    }
    let items: Vec<(JsValue, &ConversationRecord)> =
        changed.iter().map(|c| (conv_key(&c.id), c)).collect();
    let puts = encode_all(db, stores::CONVERSATIONS, &items, Some(&convs)).await?;
    if !puts.is_empty() {
        convs.put_all(puts.into_iter()).await?;
    }
    // After the new messages: a reaction may name one of them.
    let applied = if effects.is_empty() {
        Applied::default()
    } else {
        apply_effects_in(db, &tx, effects).await?
    };
    if let Some(state) = client_state {
        let meta = tx.store(stores::META)?;
        let key = JsValue::from_str(meta_keys::CLIENT_STATE);
        let value = seal::seal_text(db, meta_place(&key), state, Some(&meta)).await?;
        meta.put(&value, Some(&key)).await?;
    }
    tx.done().await?;
    Ok(StoredBatch {
        new_messages: fresh.into_iter().map(|(m, _)| m).collect(),
        conversations: changed,
        applied,
    })
}

/// The account's community rooms (none when none were saved).
pub async fn load_communities(db: &Db) -> Result<Vec<super::records::CommunityRecord>> {
    Ok(get_meta(db, meta_keys::COMMUNITIES)
        .await?
        .unwrap_or_default())
}

/// Replaces the account's community rooms.
pub async fn save_communities(db: &Db, rooms: &[super::records::CommunityRecord]) -> Result<()> {
    put_meta(db, meta_keys::COMMUNITIES, &rooms).await
}

/// The user configs' dumps, by namespace (empty when none were saved).
pub async fn load_configs(db: &Db) -> Result<crate::ports::ConfigDumps> {
    let map: BTreeMap<i16, String> = get_meta(db, meta_keys::CONFIGS).await?.unwrap_or_default();
    Ok(map
        .into_iter()
        .filter_map(|(ns, dump)| Some((ns, hex::decode(dump).ok()?)))
        .collect())
}

/// Stores the dumps of the configs that changed, beside the others, in one transaction.
pub async fn save_configs(db: &Db, dumps: &[(i16, Vec<u8>)]) -> Result<()> {
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadWrite)?;
    let meta = tx.store(stores::META)?;
    let key = JsValue::from_str(meta_keys::CONFIGS);
    let mut map: BTreeMap<i16, String> = match meta.get(key.clone()).await? {
        Some(v) => decode(db, meta_place(&key), &v, Some(&meta)).await,
        None => None,
    }
    .unwrap_or_default();
    for (ns, dump) in dumps {
        map.insert(*ns, hex::encode(dump));
    }
    let value = encode(db, meta_place(&key), &map, Some(&meta)).await?;
    meta.put(&value, Some(&key)).await?;
    tx.done().await?;
    Ok(())
}

/// The account's groups.
pub async fn load_groups(db: &Db) -> Result<Vec<super::records::GroupRecord>> {
    let map: BTreeMap<String, super::records::GroupRecord> =
        get_meta(db, meta_keys::GROUPS).await?.unwrap_or_default();
    Ok(map.into_values().collect())
}

/// Writes one group (over its previous record), or with `delete`, forgets it; the other
/// groups stay as they are, in one transaction.
pub async fn save_group(db: &Db, group: &super::records::GroupRecord, delete: bool) -> Result<()> {
    let tx = db
        .rexie
        .transaction(&[stores::META], TransactionMode::ReadWrite)?;
    let meta = tx.store(stores::META)?;
    let key = JsValue::from_str(meta_keys::GROUPS);
    let mut map: BTreeMap<String, super::records::GroupRecord> = match meta.get(key.clone()).await?
    {
        Some(v) => decode(db, meta_place(&key), &v, Some(&meta)).await,
        None => None,
    }
    .unwrap_or_default();
    if delete {
        map.remove(&group.id);
    } else {
        map.insert(group.id.clone(), group.clone());
    }
    let value = encode(db, meta_place(&key), &map, Some(&meta)).await?;
    meta.put(&value, Some(&key)).await?;
    tx.done().await?;
    Ok(())
}

/// Applies what the account's settings say of conversations (names, nicknames, read state,
/// contacts to list) in one transaction; returns the summaries that changed.
pub async fn apply_synced(
    db: &Db,
    synced: &[SyncedConversation],
) -> Result<Vec<ConversationRecord>> {
    let tx = db.rexie.transaction(
        &[stores::MESSAGES, stores::CONVERSATIONS],
        TransactionMode::ReadWrite,
    )?;
    let convs = tx.store(stores::CONVERSATIONS)?;
    let messages = tx.store(stores::MESSAGES)?;
    let mut changed = Vec::new();
    for sync in synced {
        let key = conv_key(&sync.conv);
        let old = get_conv(db, &convs, &key).await?;
        if old.is_none() && !sync.makes_summary() {
            continue;
        }
        let created = old.is_none();
        let mut rec = old.unwrap_or_else(|| ConversationRecord::new(sync.conv.clone()));
        // The incoming messages after the read time, counted only when it is needed.
        let mut after = None;
        if let Some(read) = sync
            .last_read_ms
            .filter(|r| *r > rec.last_read_ts && *r < rec.last_ts)
        {
            let rows = messages
                .scan(
                    Some(conv_range(&sync.conv.to_string())?),
                    None,
                    None,
                    Some(Direction::Prev),
                )
                .await?;
            let n = decode_all::<MessageRecord>(db, stores::MESSAGES, &rows, Some(&messages))
                .await
                .into_iter()
                .take_while(|m| m.ts > read)
                .filter(|m| !m.outgoing)
                .count();
            after = Some(u32::try_from(n).unwrap_or(u32::MAX));
        }
        if rec.apply_synced(sync, |_| after.unwrap_or(0)) || created {
            put_conv(db, &convs, &key, &rec).await?;
            changed.push(rec);
        }
    }
    tx.done().await?;
    Ok(changed)
}

/// Changes one conversation's summary in a transaction of its own: `change` says whether it
/// changed (then it is written). A missing summary is made first when `make` is set;
/// otherwise nothing happens and `None` comes back.
async fn update_conversation(
    db: &Db,
    conv: &ConversationId,
    make: bool,
    change: impl FnOnce(&mut ConversationRecord) -> bool,
) -> Result<Option<ConversationRecord>> {
    let tx = db
        .rexie
        .transaction(&[stores::CONVERSATIONS], TransactionMode::ReadWrite)?;
    let convs = tx.store(stores::CONVERSATIONS)?;
    let key = conv_key(conv);
    let mut rec = get_conv(db, &convs, &key)
        .await?
        .or_else(|| make.then(|| ConversationRecord::new(conv.clone())));
    if let Some(c) = rec.as_mut() {
        if change(c) {
            put_conv(db, &convs, &key, c).await?;
        }
    }
    tx.done().await?;
    Ok(rec)
}

/// Changes a conversation's settings with `change` in one transaction, making its summary if
/// it has none; whether they changed.
pub async fn change_settings(
    db: &Db,
    conv: &ConversationId,
    change: impl FnOnce(&ConvSettings) -> ConvSettings,
) -> Result<bool> {
    let mut changed = false;
    update_conversation(db, conv, true, |c| {
        let next = change(&c.settings);
        changed = next != c.settings;
        c.settings = next;
        changed
    })
    .await?;
    Ok(changed)
}

/// Accepts a message request here (see [`ConversationRecord::accept`]); the summary as it is
/// now.
pub async fn accept_request(db: &Db, conv: &ConversationId) -> Result<Option<ConversationRecord>> {
    update_conversation(db, conv, true, ConversationRecord::accept).await
}

/// Clears a conversation: its messages, their kept files and whatever of it waits in the
/// outbox go, in one transaction. With `hide` the conversation also leaves the list (its
/// settings say hidden, which the account's other devices follow) until a new message comes;
/// a message request is answered by that (declined).
pub async fn clear_conversation(db: &Db, conv: &ConversationId, hide: bool) -> Result<()> {
    let tx = db.rexie.transaction(
        &[
            stores::MESSAGES,
            stores::OUTBOX,
            stores::CONVERSATIONS,
            stores::FILES,
        ],
        TransactionMode::ReadWrite,
    )?;
    let range = conv_range(&conv.to_string())?;
    let messages = tx.store(stores::MESSAGES)?;
    let rows = messages.scan(Some(range), None, None, None).await?;
    let files = tx.store(stores::FILES)?;
    for m in decode_all::<MessageRecord>(db, stores::MESSAGES, &rows, Some(&messages)).await {
        for f in effects::files_of(&m) {
            files.delete(JsValue::from_str(&f)).await?;
        }
    }
    messages
        .delete(conv_range(&conv.to_string())?.into())
        .await?;
    tx.store(stores::OUTBOX)?
        .delete(conv_range(&conv.to_string())?.into())
        .await?;
    let convs = tx.store(stores::CONVERSATIONS)?;
    let key = conv_key(conv);
    if let Some(mut c) = get_conv(db, &convs, &key).await? {
        c.clear(hide);
        put_conv(db, &convs, &key, &c).await?;
    }
    tx.done().await?;
    Ok(())
}

/// Marks a conversation read up to its newest message.
pub async fn mark_read(db: &Db, conv: &ConversationId) -> Result<Option<ConversationRecord>> {
    update_conversation(db, conv, false, ConversationRecord::mark_read).await
}

/// Removes everything this app stored (the account leaves this browser).
pub async fn wipe(db: &Db) -> Result<()> {
    let tx = db
        .rexie
        .transaction(&stores::ALL, TransactionMode::ReadWrite)?;
    for s in stores::ALL {
        tx.store(s)?.clear().await?;
    }
    tx.done().await?;
    Ok(())
}
