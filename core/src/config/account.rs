//! The four user configs of an account together (groups-and-config.md §1.14–§1.16): what a
//! poll of namespaces 2–5 merges, what one push stores and deletes, what is kept alive, and the
//! dumps that carry them between runs. Pure; the engine moves the bytes.

use super::compress::Compressor;
use super::encrypt::Domain;
use super::object::ConfigObject;
use super::ConfigError;
use crate::identity::Identity;

/// How long config messages live in the swarm: 30 days, extended while a device is alive.
pub const CONFIG_TTL_MS: u64 = 30 * 24 * 3600 * 1000;

/// The user configs in the order they are merged and pushed.
pub const USER_CONFIGS: [Domain; 4] = [
    Domain::UserProfile,
    Domain::Contacts,
    Domain::ConvoInfoVolatile,
    Domain::UserGroups,
];

/// One message of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingStore {
    /// The config it belongs to.
    pub domain: Domain,
    /// The revision.
    pub seqno: i64,
    /// The bytes to store in `domain.namespace()`.
    pub data: Vec<u8>,
}

/// One push of every config that needs one: the messages to store and the obsolete ones to
/// delete, in one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingPush {
    /// The messages, config by config, parts in order.
    pub stores: Vec<PendingStore>,
    /// Swarm hashes to delete once the stores succeed.
    pub obsolete: Vec<String>,
    /// The same hashes by config, to hand back when the push fails.
    obsolete_of: Vec<(Domain, Vec<String>)>,
}

/// A dump that could not be read (the swarm still has that config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpError {
    /// Which config.
    pub domain: Domain,
    /// Why.
    pub error: ConfigError,
}

/// The four user configs of one account.
#[derive(Debug, Clone)]
pub struct AccountConfigs {
    configs: Vec<ConfigObject>,
}

impl AccountConfigs {
    /// Fresh, empty configs (a new account, or a restored one before its first poll).
    pub fn new(account: &Identity) -> AccountConfigs {
        AccountConfigs {
            configs: USER_CONFIGS
                .iter()
                .filter_map(|d| ConfigObject::new(account, *d).ok())
                .collect(),
        }
    }

    /// The configs of their dumps; a dump that is missing or unreadable gives a fresh config
    /// (filled again by the next poll) and is reported.
    pub fn load(
        account: &Identity,
        dumps: &[(Domain, Vec<u8>)],
    ) -> (AccountConfigs, Vec<DumpError>) {
        let mut out = AccountConfigs::new(account);
        let mut errors = Vec::new();
        for (domain, dump) in dumps {
            let Some(slot) = out.configs.iter_mut().find(|c| c.domain() == *domain) else {
                continue;
            };
            match ConfigObject::load(account, *domain, dump) {
                Ok(c) => *slot = c,
                Err(error) => errors.push(DumpError {
                    domain: *domain,
                    error,
                }),
            }
        }
        (out, errors)
    }

    /// The config of `domain`.
    pub fn get(&self, domain: Domain) -> Option<&ConfigObject> {
        self.configs.iter().find(|c| c.domain() == domain)
    }

    /// The config of `domain`, to change.
    pub fn get_mut(&mut self, domain: Domain) -> Option<&mut ConfigObject> {
        self.configs.iter_mut().find(|c| c.domain() == domain)
    }

    /// Every config.
    pub fn iter(&self) -> impl Iterator<Item = &ConfigObject> {
        self.configs.iter()
    }

    /// Merges the new messages of one namespace (`(swarm hash, bytes)`) into its config.
    /// Returns whether its data changed.
    pub fn merge(&mut self, namespace: i16, messages: &[(String, Vec<u8>)], now_ms: i64) -> bool {
        let Some(config) = self
            .configs
            .iter_mut()
            .find(|c| c.domain().namespace() == namespace)
        else {
            return false;
        };
        let before = config.data().clone();
        config.merge(messages, now_ms);
        *config.data() != before
    }

    /// Whether any config needs a push.
    pub fn needs_push(&self) -> bool {
        self.configs.iter().any(ConfigObject::needs_push)
    }

    /// The push of every config that needs one (none: `None`). The configs wait for
    /// [`AccountConfigs::confirm`] afterwards.
    pub fn prepare_push(
        &mut self,
        compressor: Option<&dyn Compressor>,
        now_ms: i64,
    ) -> Result<Option<PendingPush>, ConfigError> {
        let mut pending = PendingPush::default();
        for config in self.configs.iter_mut().filter(|c| c.needs_push()) {
            let push = config.push(compressor, now_ms)?;
            pending
                .stores
                .extend(push.messages.into_iter().map(|data| PendingStore {
                    domain: config.domain(),
                    seqno: push.seqno,
                    data,
                }));
            pending.obsolete.extend(push.obsolete.iter().cloned());
            pending.obsolete_of.push((config.domain(), push.obsolete));
        }
        Ok((!pending.stores.is_empty() || !pending.obsolete.is_empty()).then_some(pending))
    }

    /// The swarm stored `pending`: `hashes[i]` is the hash of `pending.stores[i]`.
    pub fn confirm(&mut self, pending: &PendingPush, hashes: &[String]) {
        for config in &mut self.configs {
            let mine: Vec<(i64, String)> = pending
                .stores
                .iter()
                .zip(hashes)
                .filter(|(s, _)| s.domain == config.domain())
                .map(|(s, h)| (s.seqno, h.clone()))
                .collect();
            if let Some((seqno, _)) = mine.first() {
                let seqno = *seqno;
                config.confirm_pushed(seqno, mine.into_iter().map(|(_, h)| h).collect());
            }
        }
    }

    /// A push that failed: its obsolete hashes are deleted by the next one instead.
    pub fn push_failed(&mut self, pending: &PendingPush) {
        for (domain, hashes) in &pending.obsolete_of {
            if let Some(config) = self.get_mut(*domain) {
                config.keep_obsolete(hashes);
            }
        }
    }

    /// The swarm hashes of every current config message, to keep alive.
    pub fn active_hashes(&self) -> Vec<String> {
        self.configs
            .iter()
            .flat_map(|c| c.current_hashes().iter().cloned())
            .collect()
    }

    /// Dumps of the configs that changed since their last dump.
    pub fn take_dumps(&mut self) -> Vec<(Domain, Vec<u8>)> {
        self.configs
            .iter_mut()
            .filter(|c| c.needs_dump())
            .map(|c| (c.domain(), c.dump()))
            .collect()
    }
}
