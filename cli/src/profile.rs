//! The profile directory: one account's keys and the client's state, written so that an
//! interrupted command loses nothing.
//!
//! ```text
//! DIR/            mode 0700
//!   keys.json     mode 0600  {"version": 1, "seed": "<16-byte account seed, hex>"}
//!   state.json    mode 0600  {"version": 1, "networks": {"local": {"client": …, "outbox": […]}}}
//!   profile.json  mode 0600  {"version": 1, "display_name": "…", "updated_s": …}
//!   lock                     held (flock) by the command using the profile
//! ```
//!
//! Every write goes to a temporary file in the same directory, is flushed to disk, and then
//! renamed over the old file (and the directory entry flushed too), so a reader or a crash sees
//! either the old or the new content, never a mixture. The keys file is created once and never
//! replaced. Commands hold the lock while they read, use and write the state, so two commands
//! on one profile (say `listen` in one terminal and `send` in another) take turns instead of
//! overwriting each other's state.
//!
//! The state is kept per network (`local`, `mainnet`): node lists, paths and what was already
//! received differ between them.

use crate::output::CliError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use session_core::client::{ClientState, OutboxEntry, Outgoing};
use session_core::identity::Identity;
use session_core::message::compose;
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use zeroize::{Zeroize, Zeroizing};

/// The account's keys.
pub const KEYS_FILE: &str = "keys.json";
/// The client state and outbox.
pub const STATE_FILE: &str = "state.json";
/// The account's public profile (display name).
pub const PROFILE_FILE: &str = "profile.json";
/// The lock file.
pub const LOCK_FILE: &str = "lock";
/// Layout of both files.
pub const PROFILE_VERSION: u32 = 1;

/// How often a command waiting for the lock checks again.
const LOCK_POLL: Duration = Duration::from_millis(50);
/// How long a command waits for the lock before saying so.
const LOCK_NOTICE_AFTER: Duration = Duration::from_secs(2);

/// A profile directory (nothing is read or created until asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    dir: PathBuf,
}

/// Exclusive use of a profile, released when dropped.
#[derive(Debug)]
pub struct ProfileLock {
    _file: File,
}

#[derive(Serialize, Deserialize)]
struct KeysFile {
    version: u32,
    seed: String,
}

impl Drop for KeysFile {
    fn drop(&mut self) {
        self.seed.zeroize();
    }
}

/// What a profile remembers about one network.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NetworkState {
    /// [`ClientState`] as JSON (kept as a value so that its own version check runs on load).
    #[serde(default)]
    pub client: Option<Value>,
    /// Messages whose delivery is not finished: an interrupted `send`, or a sync copy that
    /// could not be stored yet. Each is stored again, byte for byte, by the next command.
    #[serde(default)]
    pub outbox: Vec<OutboxItem>,
    /// The user configs' local dumps, hex, by namespace.
    #[serde(default)]
    pub configs: BTreeMap<i16, String>,
    /// Whether the configs were merged from this network's swarm at least once (before that,
    /// nothing local may be pushed over them).
    #[serde(default)]
    pub configs_polled: bool,
    /// The display name last reconciled with the UserProfile config: a `profile.json` name
    /// that differs from it was set here since, and goes out with the next sync.
    #[serde(default)]
    pub name_synced: Option<String>,
    /// When the configs were last merged from the swarm (Unix ms).
    #[serde(default)]
    pub configs_synced_ms: Option<u64>,
    /// When the config messages were last given their 30 days back (Unix ms).
    #[serde(default)]
    pub configs_extended_ms: Option<u64>,
    /// The account's groups (groups v2), by `03…` ID.
    #[serde(default)]
    pub groups: BTreeMap<String, StoredGroup>,
}

/// One group as the profile keeps it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredGroup {
    /// The group's 32-byte Ed25519 seed (hex) when we are an admin.
    #[serde(default)]
    pub admin_seed: Option<String>,
    /// `GroupState::dump()`, hex.
    pub dump: String,
    /// Its name as the invitation gave it (until its info says one).
    #[serde(default)]
    pub name: String,
    /// We joined from an invitation and have not told the group yet (it needs a key first).
    #[serde(default)]
    pub respond: bool,
}

/// An outbox entry as stored: the engine's entry, or (written by earlier versions) the bare
/// prepared message.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OutboxItem {
    /// An outbox entry.
    Entry(OutboxEntry),
    /// A prepared message from an earlier version (its attempts were not counted).
    Legacy(Outgoing),
}

impl OutboxItem {
    fn into_entry(self) -> OutboxEntry {
        match self {
            OutboxItem::Entry(e) => e,
            OutboxItem::Legacy(out) => OutboxEntry::new(out, 0),
        }
    }
}

/// The account's display name as `profile.json` keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFile {
    version: u32,
    /// The name sent with messages.
    pub display_name: String,
    /// When it was set (Unix seconds).
    #[serde(default)]
    pub updated_s: u64,
}

impl ProfileFile {
    /// A name set at `now_s`.
    pub fn new(display_name: &str, now_s: u64) -> ProfileFile {
        ProfileFile {
            version: PROFILE_VERSION,
            display_name: display_name.to_owned(),
            updated_s: now_s,
        }
    }

    /// The profile attached to outgoing messages.
    pub fn to_profile(&self) -> compose::Profile {
        compose::Profile {
            display_name: self.display_name.clone(),
            picture: None,
            updated_s: self.updated_s,
        }
    }
}

/// Everything in `state.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredState {
    version: u32,
    /// Per network name.
    #[serde(default)]
    pub networks: BTreeMap<String, NetworkState>,
}

impl Default for StoredState {
    fn default() -> Self {
        StoredState {
            version: PROFILE_VERSION,
            networks: BTreeMap::new(),
        }
    }
}

impl StoredState {
    /// The client state and outbox of `network` (empty the first time).
    pub fn network(&self, network: &str) -> Result<(ClientState, Vec<OutboxEntry>), CliError> {
        let Some(net) = self.networks.get(network) else {
            return Ok((ClientState::new(), Vec::new()));
        };
        let client = match &net.client {
            None => ClientState::new(),
            Some(v) => ClientState::from_json(&v.to_string())
                .map_err(|e| CliError::context("the saved client state is unusable", e))?,
        };
        let outbox = net
            .outbox
            .iter()
            .cloned()
            .map(OutboxItem::into_entry)
            .collect();
        Ok((client, outbox))
    }

    /// Replaces the client state and outbox kept for `network` (its configs stay).
    pub fn set_network(&mut self, network: &str, client: &ClientState, outbox: &[OutboxEntry]) {
        let net = self.networks.entry(network.to_owned()).or_default();
        net.client = serde_json::from_str(&client.to_json()).ok();
        net.outbox = outbox.iter().cloned().map(OutboxItem::Entry).collect();
    }

    /// The network whose configs were merged most recently, if any.
    pub fn latest_configs(&self) -> Option<&NetworkState> {
        self.networks
            .values()
            .filter(|n| n.configs_synced_ms.is_some())
            .max_by_key(|n| n.configs_synced_ms)
    }
}

impl Profile {
    /// The profile in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Profile { dir: dir.into() }
    }

    /// Its directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Creates the directory (mode 0700) if it does not exist.
    pub fn create(&self) -> Result<(), CliError> {
        if self.dir.is_dir() {
            return Ok(());
        }
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.dir)
            .map_err(|e| CliError(format!("cannot create {}: {e}", self.dir.display())))
    }

    /// Whether the profile holds an account.
    pub fn has_keys(&self) -> bool {
        self.path(KEYS_FILE).is_file()
    }

    /// Takes the profile's lock, waiting (without blocking the runtime) while another command
    /// holds it.
    pub async fn lock(&self) -> Result<ProfileLock, CliError> {
        if !self.dir.is_dir() {
            return Err(self.missing());
        }
        let path = self.path(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(&path)
            .map_err(|e| CliError(format!("cannot open {}: {e}", path.display())))?;
        let mut told = false;
        let started = std::time::Instant::now();
        loop {
            match try_lock(&file) {
                Ok(true) => return Ok(ProfileLock { _file: file }),
                Ok(false) => {
                    // `listen` holds the lock for a moment every round: only a long wait is news.
                    if !told && started.elapsed() >= LOCK_NOTICE_AFTER {
                        eprintln!(
                            "note: waiting for another session-cli command using {}",
                            self.dir.display()
                        );
                        told = true;
                    }
                    tokio::time::sleep(LOCK_POLL).await;
                }
                Err(e) => {
                    return Err(CliError(format!("cannot lock {}: {e}", path.display())));
                }
            }
        }
    }

    fn missing(&self) -> CliError {
        CliError(format!(
            "no account in {dir}: create one with `session-cli --profile {dir} init` (or \
             `restore --words \"…\"`)",
            dir = self.dir.display()
        ))
    }

    /// Stores a new account's keys (mode 0600). Never replaces existing keys. Call it with the
    /// profile locked.
    pub fn save_identity(&self, identity: &Identity) -> Result<(), CliError> {
        let seed = identity
            .seed()
            .ok_or_else(|| CliError("only accounts with a 16-byte seed can be stored".into()))?;
        let keys = KeysFile {
            version: PROFILE_VERSION,
            seed: hex::encode(seed),
        };
        let json = Zeroizing::new(
            serde_json::to_string_pretty(&keys)
                .map_err(|e| CliError::context("cannot encode the keys", e))?,
        );
        let path = self.path(KEYS_FILE);
        write_new(&path, json.as_bytes()).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                CliError(format!("{} already holds an account", self.dir.display()))
            } else {
                CliError(format!("cannot write {}: {e}", path.display()))
            }
        })
    }

    /// The account's keys.
    pub fn load_identity(&self) -> Result<Identity, CliError> {
        let path = self.path(KEYS_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => Zeroizing::new(t),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(self.missing()),
            Err(e) => return Err(CliError(format!("cannot read {}: {e}", path.display()))),
        };
        check_private(&path)?;
        let bad = |why: &str| CliError(format!("{} is damaged: {why}", path.display()));
        let keys: KeysFile = serde_json::from_str(&text).map_err(|_| bad("not valid JSON"))?;
        if keys.version > PROFILE_VERSION {
            return Err(bad("written by a newer session-cli"));
        }
        let mut seed = Zeroizing::new([0u8; 16]);
        hex::decode_to_slice(keys.seed.as_bytes(), &mut *seed)
            .map_err(|_| bad("the seed is not 32 hex characters"))?;
        Ok(Identity::from_seed(&seed))
    }

    /// The saved state (empty when there is none yet).
    pub fn load_state(&self) -> Result<StoredState, CliError> {
        let path = self.path(STATE_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(StoredState::default()),
            Err(e) => return Err(CliError(format!("cannot read {}: {e}", path.display()))),
        };
        let state: StoredState = serde_json::from_str(&text).map_err(|e| {
            CliError(format!(
                "{} is damaged ({e}); move it away to start afresh (messages still on the \
                 network would then be received again)",
                path.display()
            ))
        })?;
        if state.version > PROFILE_VERSION {
            return Err(CliError(format!(
                "{} was written by a newer session-cli",
                path.display()
            )));
        }
        Ok(state)
    }

    /// The display name, if one was set.
    pub fn load_profile(&self) -> Result<Option<ProfileFile>, CliError> {
        let path = self.path(PROFILE_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(CliError(format!("cannot read {}: {e}", path.display()))),
        };
        let file: ProfileFile = serde_json::from_str(&text)
            .map_err(|_| CliError(format!("{} is damaged: not valid JSON", path.display())))?;
        if file.version > PROFILE_VERSION {
            return Err(CliError(format!(
                "{} was written by a newer session-cli",
                path.display()
            )));
        }
        Ok(Some(file))
    }

    /// Replaces the display name atomically.
    pub fn save_profile(&self, profile: &ProfileFile) -> Result<(), CliError> {
        let path = self.path(PROFILE_FILE);
        let json = serde_json::to_vec(profile)
            .map_err(|e| CliError::context("cannot encode the profile", e))?;
        write_atomic(&path, &json)
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))
    }

    /// Replaces the saved state atomically.
    pub fn save_state(&self, state: &StoredState) -> Result<(), CliError> {
        let path = self.path(STATE_FILE);
        let json = serde_json::to_vec(state)
            .map_err(|e| CliError::context("cannot encode the state", e))?;
        write_atomic(&path, &json)
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))
    }
}

/// Refuses a keys file that others may read, as ssh does.
fn check_private(path: &Path) -> Result<(), CliError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(CliError(format!(
                "{} is readable by other users (mode {:o}): run `chmod 600 {}`",
                path.display(),
                mode & 0o777,
                path.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A temporary file next to `path`, written (mode 0600) and flushed to disk.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    // A leftover from a crash may have other permissions; start from nothing.
    let _ = fs::remove_file(&tmp);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Flushes a directory entry change (rename, link) to disk.
fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Replaces `path` with `bytes` so that it holds either the old or the new content.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(path)
}

/// Creates `path` with `bytes`, complete or not at all, failing if it exists. (Callers hold
/// the profile lock, so the existence check of the fallback cannot race another command.)
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    // A hard link, unlike a rename, never replaces an existing file.
    let placed = match fs::hard_link(&tmp, path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists && !path.exists() => {
            // A file system without hard links.
            fs::rename(&tmp, path)
        }
        other => other,
    };
    let _ = fs::remove_file(&tmp);
    placed?;
    sync_dir(path)
}

#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Without flock, commands on one profile are not kept apart.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use session_core::client::ClientState;

    fn profile() -> (tempfile::TempDir, Profile) {
        let tmp = tempfile::tempdir().unwrap();
        let p = Profile::new(tmp.path().join("p"));
        p.create().unwrap();
        (tmp, p)
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporaries() {
        let (_tmp, p) = profile();
        let file = p.dir().join("x.json");
        write_atomic(&file, b"first").unwrap();
        write_atomic(&file, b"second, longer").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"second, longer");
        let names: Vec<_> = fs::read_dir(p.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.json")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn keys_are_written_once_and_read_back() {
        let (_tmp, p) = profile();
        assert!(!p.has_keys());
        let id = Identity::from_seed(&[7; 16]);
        p.save_identity(&id).unwrap();
        assert_eq!(p.load_identity().unwrap().session_id(), id.session_id());
        let other = Identity::from_seed(&[8; 16]);
        let err = p.save_identity(&other).unwrap_err();
        assert!(err.0.contains("already holds an account"), "{err}");
        assert_eq!(p.load_identity().unwrap().session_id(), id.session_id());
        fs::write(p.dir().join(KEYS_FILE), "{\"version\":1,\"seed\":\"zz\"}").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let perms = fs::Permissions::from_mode(0o600);
            fs::set_permissions(p.dir().join(KEYS_FILE), perms).unwrap();
        }
        assert!(p.load_identity().unwrap_err().0.contains("damaged"));
    }

    #[test]
    fn state_is_kept_per_network_and_checked_on_load() {
        let (_tmp, p) = profile();
        let mut stored = p.load_state().unwrap();
        let (empty, outbox) = stored.network("local").unwrap();
        assert_eq!(empty, ClientState::new());
        assert!(outbox.is_empty());
        let mut client = ClientState::new();
        client.add_nodes([session_core::client::NodeRecord {
            ed25519: session_core::client::NodeId([1; 32]),
            x25519: [2; 32],
            ip: "127.0.0.1".into(),
            port: 1234,
            swarm_id: Some(7),
        }]);
        stored.set_network("local", &client, &[]);
        p.save_state(&stored).unwrap();
        let back = p.load_state().unwrap();
        assert_eq!(back.network("local").unwrap().0, client);
        assert_eq!(back.network("mainnet").unwrap().0, ClientState::new());

        fs::write(p.dir().join(STATE_FILE), "{not json").unwrap();
        assert!(p.load_state().unwrap_err().0.contains("damaged"));
        fs::write(p.dir().join(STATE_FILE), "{\"version\":99}").unwrap();
        assert!(p.load_state().unwrap_err().0.contains("newer"));
    }

    #[test]
    fn outboxes_of_earlier_versions_still_load() {
        use session_core::client::{Client, Config, Env, HttpReply, Transport, TransportError};
        struct Nowhere;
        impl Transport for Nowhere {
            async fn send_onion(
                &self,
                _: &session_core::client::NodeRecord,
                _: Vec<u8>,
            ) -> Result<HttpReply, TransportError> {
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
        let (_tmp, p) = profile();
        let alice = Identity::from_seed(&[1; 16]);
        let bob = Identity::from_seed(&[2; 16]);
        let client = Client::new(
            alice,
            Nowhere,
            Clock,
            rand_core::OsRng,
            ClientState::new(),
            Config::default(),
        );
        let out = client
            .prepare(
                &bob.session_id(),
                compose::ContentBuilder::text("hi").build(),
            )
            .unwrap();
        // Earlier versions kept the bare prepared message.
        let legacy = serde_json::json!({
            "version": 1,
            "networks": {"local": {"outbox": [serde_json::to_value(&out).unwrap()]}}
        });
        fs::write(p.dir().join(STATE_FILE), legacy.to_string()).unwrap();
        let (_, outbox) = p.load_state().unwrap().network("local").unwrap();
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].outgoing, out);
        assert_eq!(outbox[0].attempts, 0);
        let mut stored = p.load_state().unwrap();
        stored.set_network("local", &ClientState::new(), &outbox);
        p.save_state(&stored).unwrap();
        let (_, again) = p.load_state().unwrap().network("local").unwrap();
        assert_eq!(again, outbox);
    }

    #[test]
    fn the_display_name_is_kept_apart_from_the_keys() {
        let (_tmp, p) = profile();
        assert_eq!(p.load_profile().unwrap(), None);
        let file = ProfileFile::new("Alice", 1_700_000_000);
        p.save_profile(&file).unwrap();
        assert_eq!(p.load_profile().unwrap(), Some(file.clone()));
        assert_eq!(file.to_profile().display_name, "Alice");
        fs::write(p.dir().join(PROFILE_FILE), "[").unwrap();
        assert!(p.load_profile().unwrap_err().0.contains("damaged"));
    }

    #[tokio::test]
    async fn the_lock_is_exclusive_until_dropped() {
        let (_tmp, p) = profile();
        let first = p.lock().await.unwrap();
        let waiting = tokio::time::timeout(Duration::from_millis(300), p.lock()).await;
        assert!(waiting.is_err(), "a second holder must wait");
        drop(first);
        let second = tokio::time::timeout(Duration::from_secs(5), p.lock()).await;
        assert!(second.is_ok_and(|l| l.is_ok()));
    }

    #[tokio::test]
    async fn a_missing_profile_says_how_to_make_one() {
        let tmp = tempfile::tempdir().unwrap();
        let p = Profile::new(tmp.path().join("none"));
        let err = p.lock().await.unwrap_err();
        assert!(err.0.contains("init"), "{err}");
        assert!(p.load_identity().unwrap_err().0.contains("init"));
    }
}
