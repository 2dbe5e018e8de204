//! What the client polls: a plan whose rows are (account, namespace, authentication, decoder).
//!
//! Our inbox (0), our config namespaces (2–5) and each group's namespaces (11–14, −11) are rows
//! of one plan; every account's rows go to its swarm in one batched request (network.md §8.5).
//! The decoder a row names is the module that reads its items.

use crate::identity::{Identity, SessionId};
use crate::rpc::{self, namespace, Auth, MAX_BATCH};
use ed25519_dalek::SigningKey;
use std::fmt;
use std::rc::Rc;

/// Which module reads a namespace's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Decoder {
    /// Our one-to-one inbox: [`crate::message::receive`]. Only for our own account.
    Direct,
    /// Handed to the host undecoded, as [`super::Event::Retrieved`] (for namespaces whose
    /// reader lives outside the engine).
    Raw,
}

/// A groups-v2 member's sub-account credentials (groups-and-config.md §3, network.md §5.12).
pub struct Subaccount {
    /// `prefix ‖ flags ‖ 0 ‖ 0 ‖ sub-account public key`.
    pub token: [u8; 36],
    /// The admin's signature of the token.
    pub token_signature: [u8; 64],
    /// Signs requests with the sub-account key.
    pub signer: Box<dyn rpc::Signer>,
}

impl fmt::Debug for Subaccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subaccount")
            .field("token", &hex::encode(self.token))
            .finish_non_exhaustive()
    }
}

/// How requests for an account are signed.
#[derive(Clone)]
#[non_exhaustive]
pub enum AccountAuth {
    /// Our own identity key (our account).
    Identity,
    /// A key that owns the account: a group's admin key.
    Owner(Rc<SigningKey>),
    /// A group member's sub-account.
    Subaccount(Rc<Subaccount>),
    /// Unsigned: only namespaces anyone may read or write (−10, public outboxes; storing to
    /// public inboxes such as another user's namespace 0).
    Public,
}

impl AccountAuth {
    /// The storage-RPC signer, with `identity` standing for [`AccountAuth::Identity`].
    pub(crate) fn rpc<'a>(&'a self, identity: &'a Identity) -> Option<Auth<'a>> {
        match self {
            AccountAuth::Identity => Some(Auth::Owner(identity.signing_key())),
            AccountAuth::Owner(key) => Some(Auth::Owner(key)),
            AccountAuth::Subaccount(s) => Some(Auth::Subaccount {
                token: &s.token,
                token_signature: &s.token_signature,
                signer: s.signer.as_ref(),
            }),
            AccountAuth::Public => None,
        }
    }
}

impl fmt::Debug for AccountAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccountAuth::Identity => f.write_str("Identity"),
            AccountAuth::Owner(key) => f
                .debug_tuple("Owner")
                .field(&hex::encode(key.verifying_key().as_bytes()))
                .finish(),
            AccountAuth::Subaccount(s) => f.debug_tuple("Subaccount").field(s).finish(),
            AccountAuth::Public => f.write_str("Public"),
        }
    }
}

/// One row of the plan.
#[derive(Debug, Clone)]
pub struct PollEntry {
    /// The account (ours, `05`) or group (`03`) polled.
    pub account: SessionId,
    /// Its namespace.
    pub namespace: i16,
    /// How the retrieve is signed.
    pub auth: AccountAuth,
    /// Who reads the items.
    pub decoder: Decoder,
    /// Share of the node's answer size (network.md §8.5): 10 for messages, 1 for configs.
    pub priority: u8,
}

impl PollEntry {
    /// A row with the priority desktop gives the namespace (messages 10, the rest 1).
    pub fn new(account: SessionId, namespace: i16, auth: AccountAuth, decoder: Decoder) -> Self {
        let priority = match namespace {
            namespace::DEFAULT | namespace::GROUP_MESSAGES => 10,
            _ => 1,
        };
        PollEntry {
            account,
            namespace,
            auth,
            decoder,
            priority,
        }
    }
}

/// Why a row cannot join a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanError {
    /// The account's namespace is in the plan already.
    Duplicate {
        /// The account.
        account: SessionId,
        /// The namespace.
        namespace: i16,
    },
    /// One request holds at most 20 retrieves (network.md §5.14).
    TooManyNamespaces {
        /// The account.
        account: SessionId,
    },
    /// The namespace must be read with a signature and the row has none.
    Unsigned {
        /// The namespace.
        namespace: i16,
    },
    /// The one-to-one decoder reads only our own inbox.
    NotOurInbox,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::Duplicate { account, namespace } => {
                write!(f, "namespace {namespace} of {account} is already polled")
            }
            PlanError::TooManyNamespaces { account } => write!(
                f,
                "at most {MAX_BATCH} namespaces of one account can be polled together ({account})"
            ),
            PlanError::Unsigned { namespace } => {
                write!(f, "namespace {namespace} can only be read with a signature")
            }
            PlanError::NotOurInbox => {
                f.write_str("the one-to-one decoder reads only our own namespace 0")
            }
        }
    }
}

impl std::error::Error for PlanError {}

/// The rows the client polls, in the order desktop polls them.
#[derive(Debug, Clone, Default)]
pub struct PollPlan {
    entries: Vec<PollEntry>,
}

impl PollPlan {
    /// An empty plan.
    pub fn new() -> PollPlan {
        PollPlan::default()
    }

    /// Our own inbox only: namespace 0, signed with our key, read by the one-to-one decoder.
    pub fn inbox(us: SessionId) -> PollPlan {
        PollPlan {
            entries: vec![PollEntry::new(
                us,
                namespace::DEFAULT,
                AccountAuth::Identity,
                Decoder::Direct,
            )],
        }
    }

    /// Adds a row; `us` is our own account (the one-to-one decoder reads only its inbox).
    pub fn add(&mut self, entry: PollEntry, us: &SessionId) -> Result<(), PlanError> {
        if self
            .entries
            .iter()
            .any(|e| e.account == entry.account && e.namespace == entry.namespace)
        {
            return Err(PlanError::Duplicate {
                account: entry.account,
                namespace: entry.namespace,
            });
        }
        if self.entries_for(&entry.account).count() >= MAX_BATCH {
            return Err(PlanError::TooManyNamespaces {
                account: entry.account,
            });
        }
        if matches!(entry.auth, AccountAuth::Public)
            && namespace::retrieve_requires_signature(entry.namespace)
        {
            return Err(PlanError::Unsigned {
                namespace: entry.namespace,
            });
        }
        if entry.decoder == Decoder::Direct
            && (entry.account != *us || entry.namespace != namespace::DEFAULT)
        {
            return Err(PlanError::NotOurInbox);
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Removes every row of `account` (a group we left).
    pub fn remove_account(&mut self, account: &SessionId) {
        self.entries.retain(|e| e.account != *account);
    }

    /// Every row.
    pub fn entries(&self) -> &[PollEntry] {
        &self.entries
    }

    /// The accounts polled, each once, in the order they first appear.
    pub fn accounts(&self) -> Vec<SessionId> {
        let mut out: Vec<SessionId> = Vec::new();
        for e in &self.entries {
            if !out.contains(&e.account) {
                out.push(e.account);
            }
        }
        out
    }

    /// The rows of one account.
    pub fn entries_for<'a>(
        &'a self,
        account: &'a SessionId,
    ) -> impl Iterator<Item = &'a PollEntry> + 'a {
        self.entries.iter().filter(move |e| e.account == *account)
    }
}

/// The `max_size` of each of one request's retrieves, by priority (network.md §8.5): the
/// namespaces of the highest priority share the answer with one share left for the rest, and
/// so on down; a lone namespace takes the node's default (`None`).
pub fn max_sizes(priorities: &[u8]) -> Vec<Option<i64>> {
    let mut levels: Vec<u8> = priorities.to_vec();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    let lowest = levels.last().copied();
    let mut divisor: i64 = 1;
    let mut by_level = Vec::with_capacity(levels.len());
    for level in levels {
        let size = priorities.iter().filter(|p| **p == level).count() as i64;
        let extra = i64::from(Some(level) != lowest);
        divisor = divisor.saturating_mul(size + extra);
        by_level.push((level, divisor));
    }
    priorities
        .iter()
        .map(|p| {
            by_level
                .iter()
                .find(|(l, _)| l == p)
                .and_then(|(_, d)| (*d > 1).then_some(-d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(prefix: &str) -> SessionId {
        format!("{prefix}{}", "ab".repeat(32)).parse().unwrap()
    }

    #[test]
    fn max_sizes_follow_desktops_split() {
        // Own account: [0, 2, 3, 5, 4] → -2, -8 × 4; group: [-11, 11, 13, 14, 12] → 11 gets -2.
        assert_eq!(
            max_sizes(&[10, 1, 1, 1, 1]),
            vec![Some(-2), Some(-8), Some(-8), Some(-8), Some(-8)]
        );
        assert_eq!(
            max_sizes(&[1, 10, 1, 1, 1]),
            vec![Some(-8), Some(-2), Some(-8), Some(-8), Some(-8)]
        );
        assert_eq!(max_sizes(&[10]), vec![None]);
        assert_eq!(max_sizes(&[1, 1]), vec![Some(-2), Some(-2)]);
        assert!(max_sizes(&[]).is_empty());
    }

    #[test]
    fn rows_are_checked_as_they_join() {
        let us = id("05");
        let group = id("03");
        let mut plan = PollPlan::inbox(us);
        let config = PollEntry::new(
            us,
            namespace::USER_PROFILE,
            AccountAuth::Identity,
            Decoder::Raw,
        );
        assert_eq!(config.priority, 1);
        plan.add(config.clone(), &us).unwrap();
        assert!(matches!(
            plan.add(config, &us),
            Err(PlanError::Duplicate { namespace: 2, .. })
        ));
        let unsigned = PollEntry::new(
            group,
            namespace::GROUP_MESSAGES,
            AccountAuth::Public,
            Decoder::Raw,
        );
        assert_eq!(unsigned.priority, 10);
        assert_eq!(
            plan.add(unsigned, &us),
            Err(PlanError::Unsigned { namespace: 11 })
        );
        let theirs = PollEntry::new(group, 0, AccountAuth::Identity, Decoder::Direct);
        assert_eq!(plan.add(theirs, &us), Err(PlanError::NotOurInbox));
        for ns in 0..20 {
            plan.add(
                PollEntry::new(group, 100 + ns, AccountAuth::Identity, Decoder::Raw),
                &us,
            )
            .unwrap();
        }
        assert!(matches!(
            plan.add(
                PollEntry::new(group, 99, AccountAuth::Identity, Decoder::Raw),
                &us
            ),
            Err(PlanError::TooManyNamespaces { .. })
        ));
        assert_eq!(plan.accounts(), vec![us, group]);
        plan.remove_account(&group);
        assert_eq!(plan.accounts(), vec![us]);
        assert_eq!(plan.entries().len(), 2);
    }
}
