//! What `unsend` needs to remember of the messages this profile sent: for each message, by
//! network, recipient and sent time, the hash of its copy in our own swarm (the sync copy, or
//! for Note to Self the message itself), which is deleted before the unsend request goes out
//! (messaging.md §5.4).
//!
//! ```text
//! DIR/sent.json   mode 0600  {"version": 1, "sent": [{"network", "to", "timestamp",
//!                                                      "own_hash", "expires_ms"}, …]}
//! ```
//!
//! The record is small and bounded: an entry is dropped once its message has left the
//! network (14 days), and beyond [`MAX_SENT`] entries the oldest go first. It is written
//! atomically, like the profile's other files, while the command holds the profile lock. It is
//! only a convenience: a damaged file is set aside (as `sent.json.damaged`) and started
//! afresh, never touching the keys or the state; `unsend --hash` still reaches the messages it
//! no longer knows.

use crate::output::CliError;
use crate::profile::{write_atomic, Profile};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::PathBuf;

/// The record's file in the profile folder.
pub const SENT_FILE: &str = "sent.json";
/// Where a damaged record is set aside.
pub const SENT_DAMAGED: &str = "sent.json.damaged";
/// Layout of the file.
pub const SENT_VERSION: u32 = 1;
/// The most messages remembered (about 150 bytes each).
pub const MAX_SENT: usize = 5_000;

/// One sent message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRecord {
    /// The network it went to (`local`, `mainnet`).
    pub network: String,
    /// The recipient's Session ID (hex).
    pub to: String,
    /// Its sent time T (ms).
    pub timestamp: u64,
    /// The hash of its copy in our own swarm.
    pub own_hash: String,
    /// When the network drops it (ms); the record goes then too.
    pub expires_ms: u64,
}

#[derive(Serialize, Deserialize)]
struct SentFile {
    version: u32,
    #[serde(default)]
    sent: Vec<SentRecord>,
}

/// The sent messages remembered, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentLog {
    records: Vec<SentRecord>,
}

impl SentLog {
    fn path(profile: &Profile) -> PathBuf {
        profile.dir().join(SENT_FILE)
    }

    /// Reads the record (empty when there is none). A file that does not parse is moved
    /// aside and the record starts afresh; the note returned says so. A file written by a
    /// newer session-cli is left alone and refused.
    pub fn load(profile: &Profile) -> Result<(SentLog, Option<String>), CliError> {
        let path = Self::path(profile);
        let text = match fs::read(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((SentLog::default(), None)),
            Err(e) => return Err(CliError(format!("cannot read {}: {e}", path.display()))),
        };
        match serde_json::from_slice::<SentFile>(&text) {
            Ok(file) if file.version > SENT_VERSION => Err(CliError(format!(
                "{} was written by a newer session-cli",
                path.display()
            ))),
            Ok(file) => Ok((SentLog { records: file.sent }, None)),
            Err(e) => {
                let aside = profile.dir().join(SENT_DAMAGED);
                let kept = match fs::rename(&path, &aside) {
                    Ok(()) => format!("set aside as {}", aside.display()),
                    Err(_) => "replaced".to_owned(),
                };
                Ok((
                    SentLog::default(),
                    Some(format!(
                        "{} was damaged ({e}) and is {kept}; messages sent before can be \
                         unsent with --hash",
                        path.display()
                    )),
                ))
            }
        }
    }

    /// Writes the record atomically, without what expired by `now_ms`.
    pub fn save(&mut self, profile: &Profile, now_ms: u64) -> Result<(), CliError> {
        self.prune(now_ms);
        let path = Self::path(profile);
        let file = SentFile {
            version: SENT_VERSION,
            sent: std::mem::take(&mut self.records),
        };
        let json = serde_json::to_vec(&file);
        self.records = file.sent;
        let json = json.map_err(|e| CliError::context("cannot encode the sent messages", e))?;
        write_atomic(&path, &json)
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))
    }

    /// Remembers a message (replacing an earlier record of the same message), dropping what
    /// expired by `now_ms` and, beyond [`MAX_SENT`], the oldest.
    pub fn record(&mut self, record: SentRecord, now_ms: u64) {
        self.forget(&record.network, &record.to, record.timestamp);
        self.records.push(record);
        self.prune(now_ms);
        let over = self.records.len().saturating_sub(MAX_SENT);
        self.records.drain(..over);
    }

    /// The hash of our own swarm's copy of the message sent to `to` at `timestamp` on
    /// `network`, if it is remembered and not expired by `now_ms`.
    pub fn own_copy(&self, network: &str, to: &str, timestamp: u64, now_ms: u64) -> Option<&str> {
        self.records
            .iter()
            .rev()
            .find(|r| {
                r.network == network
                    && r.to == to
                    && r.timestamp == timestamp
                    && r.expires_ms > now_ms
            })
            .map(|r| r.own_hash.as_str())
    }

    /// Forgets a message.
    pub fn forget(&mut self, network: &str, to: &str, timestamp: u64) {
        self.records
            .retain(|r| !(r.network == network && r.to == to && r.timestamp == timestamp));
    }

    /// How many messages are remembered.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn prune(&mut self, now_ms: u64) {
        self.records.retain(|r| r.expires_ms > now_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{ProfileFile, KEYS_FILE, PROFILE_FILE};
    use session_core::identity::Identity;

    const DAY: u64 = 24 * 3600 * 1000;
    const NOW: u64 = 1_700_000_000_000;

    fn profile() -> (tempfile::TempDir, Profile) {
        let tmp = tempfile::tempdir().unwrap();
        let p = Profile::new(tmp.path().join("p"));
        p.create().unwrap();
        (tmp, p)
    }

    fn rec(to: &str, timestamp: u64, hash: &str) -> SentRecord {
        SentRecord {
            network: "local".into(),
            to: to.into(),
            timestamp,
            own_hash: hash.into(),
            expires_ms: timestamp + 14 * DAY,
        }
    }

    #[test]
    fn records_are_found_by_network_recipient_and_time_and_survive_a_reload() {
        let (_tmp, p) = profile();
        let (mut log, note) = SentLog::load(&p).unwrap();
        assert!(log.is_empty() && note.is_none());
        log.record(rec("05aa", NOW, "h1"), NOW);
        log.record(rec("05bb", NOW, "h2"), NOW);
        log.record(rec("05aa", NOW, "h1-again"), NOW);
        assert_eq!(log.len(), 2, "the same message is recorded once");
        log.save(&p, NOW).unwrap();
        let (back, note) = SentLog::load(&p).unwrap();
        assert!(note.is_none());
        assert_eq!(back.own_copy("local", "05aa", NOW, NOW), Some("h1-again"));
        assert_eq!(back.own_copy("local", "05bb", NOW, NOW), Some("h2"));
        assert_eq!(back.own_copy("mainnet", "05aa", NOW, NOW), None);
        assert_eq!(back.own_copy("local", "05aa", NOW + 1, NOW), None);
        let mut back = back;
        back.forget("local", "05aa", NOW);
        assert_eq!(back.own_copy("local", "05aa", NOW, NOW), None);
        assert_eq!(back.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(p.dir().join(SENT_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn records_expire_with_their_messages() {
        let (_tmp, p) = profile();
        let mut log = SentLog::default();
        log.record(rec("05aa", NOW, "old"), NOW);
        log.record(rec("05aa", NOW + 10 * DAY, "new"), NOW + 10 * DAY);
        let later = NOW + 15 * DAY;
        assert_eq!(log.own_copy("local", "05aa", NOW, later), None, "expired");
        assert_eq!(
            log.own_copy("local", "05aa", NOW + 10 * DAY, later),
            Some("new")
        );
        log.save(&p, later).unwrap();
        let (back, _) = SentLog::load(&p).unwrap();
        assert_eq!(back.len(), 1, "the expired record is not written");
    }

    #[test]
    fn the_record_is_bounded_and_drops_the_oldest() {
        let mut log = SentLog::default();
        for i in 0..(MAX_SENT as u64 + 10) {
            log.record(rec("05aa", NOW + i, &format!("h{i}")), NOW);
        }
        assert_eq!(log.len(), MAX_SENT);
        assert_eq!(log.own_copy("local", "05aa", NOW, NOW), None);
        assert_eq!(log.own_copy("local", "05aa", NOW + 9, NOW), None);
        assert_eq!(log.own_copy("local", "05aa", NOW + 10, NOW), Some("h10"));
        let last = NOW + MAX_SENT as u64 + 9;
        assert!(log.own_copy("local", "05aa", last, NOW).is_some());
    }

    #[test]
    fn a_damaged_record_is_set_aside_and_the_profile_is_untouched() {
        let (_tmp, p) = profile();
        let id = Identity::from_seed(&[3; 16]);
        p.save_identity(&id).unwrap();
        p.save_profile(&ProfileFile::new("Alice", 5)).unwrap();
        for junk in [
            &b"{not json"[..],
            b"",
            b"[1,2]",
            b"{\"version\":1,\"sent\":[{}]}",
            b"\xff\xfe",
        ] {
            fs::write(p.dir().join(SENT_FILE), junk).unwrap();
            let (mut log, note) = SentLog::load(&p).unwrap();
            let note = note.expect("a note says what happened");
            assert!(
                note.contains("damaged") && note.contains("--hash"),
                "{note}"
            );
            assert!(log.is_empty());
            assert_eq!(fs::read(p.dir().join(SENT_DAMAGED)).unwrap(), junk);
            // It starts afresh.
            log.record(rec("05aa", NOW, "h"), NOW);
            log.save(&p, NOW).unwrap();
            let (back, note) = SentLog::load(&p).unwrap();
            assert!(note.is_none());
            assert_eq!(back.own_copy("local", "05aa", NOW, NOW), Some("h"));
        }
        assert_eq!(p.load_identity().unwrap().session_id(), id.session_id());
        assert!(p.dir().join(KEYS_FILE).is_file());
        assert_eq!(
            p.load_profile().unwrap().unwrap().display_name,
            "Alice",
            "{}",
            PROFILE_FILE
        );
    }

    #[test]
    fn a_record_from_a_newer_version_is_refused_and_kept() {
        let (_tmp, p) = profile();
        let newer = br#"{"version":99,"sent":[]}"#;
        fs::write(p.dir().join(SENT_FILE), newer).unwrap();
        let err = SentLog::load(&p).unwrap_err();
        assert!(err.0.contains("newer"), "{err}");
        assert_eq!(fs::read(p.dir().join(SENT_FILE)).unwrap(), newer);
    }
}
