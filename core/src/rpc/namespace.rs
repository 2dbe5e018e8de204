//! Namespaces: how they are written in signatures and hashes, and which need authentication
//! (network.md §5.2, §5.3, §5.12).

use std::fmt;

/// 1:1 messages to a user (anyone may store).
pub const DEFAULT: i16 = 0;
/// A user's UserProfile config.
pub const USER_PROFILE: i16 = 2;
/// A user's Contacts config.
pub const CONTACTS: i16 = 3;
/// A user's ConvoInfoVolatile config.
pub const CONVO_INFO_VOLATILE: i16 = 4;
/// A user's UserGroups config.
pub const USER_GROUPS: i16 = 5;
/// Legacy closed-group messages (read without authentication).
pub const LEGACY_CLOSED_GROUP: i16 = -10;
/// A group's messages.
pub const GROUP_MESSAGES: i16 = 11;
/// A group's GroupKeys config.
pub const GROUP_KEYS: i16 = 12;
/// A group's GroupInfo config.
pub const GROUP_INFO: i16 = 13;
/// A group's GroupMembers config.
pub const GROUP_MEMBERS: i16 = 14;
/// A group's messages readable even by revoked members (kick notices).
pub const REVOKED_RETRIEVABLE_GROUP_MESSAGES: i16 = -11;

/// A namespace argument of `delete_all`, `delete_before` and `expire_all`: one namespace, or
/// all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamespaceSel {
    /// One namespace.
    One(i16),
    /// Every namespace (`"all"`).
    All,
}

impl NamespaceSel {
    /// How it is signed: `""` for namespace 0, `all`, or the decimal number.
    pub fn render(&self) -> String {
        match self {
            NamespaceSel::One(ns) => render(*ns),
            NamespaceSel::All => "all".to_owned(),
        }
    }

    /// How it is sent in JSON: the number, or the string `"all"`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            NamespaceSel::One(ns) => (*ns).into(),
            NamespaceSel::All => "all".into(),
        }
    }
}

impl From<i16> for NamespaceSel {
    fn from(ns: i16) -> Self {
        NamespaceSel::One(ns)
    }
}

impl fmt::Display for NamespaceSel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NamespaceSel::One(ns) => write!(f, "{ns}"),
            NamespaceSel::All => f.write_str("all"),
        }
    }
}

/// How a namespace is written in signed strings and message hashes: empty for 0, else decimal.
pub fn render(ns: i16) -> String {
    if ns == 0 {
        String::new()
    } else {
        ns.to_string()
    }
}

/// Public inbox (divisible by 10): anyone may store, with a TTL of at most 14 days.
pub fn is_public_inbox(ns: i16) -> bool {
    ns % 10 == 0
}

/// Public outbox (−1, −21, −41…): only the owner stores, anyone retrieves, one message kept.
pub fn is_public_outbox(ns: i16) -> bool {
    ns < 0 && (-i32::from(ns)) % 20 == 1
}

/// Unrevocable (−11, −111…): revoked subaccounts may still retrieve.
pub fn is_unrevocable(ns: i16) -> bool {
    ns < 0 && (-i32::from(ns)) % 100 == 11
}

/// Whether `store` to this namespace must be signed (every namespace not divisible by 10).
pub fn store_requires_signature(ns: i16) -> bool {
    !is_public_inbox(ns)
}

/// Whether `retrieve` from this namespace must be signed (all but −10 and public outboxes).
pub fn retrieve_requires_signature(ns: i16) -> bool {
    ns != LEGACY_CLOSED_GROUP && !is_public_outbox(ns)
}
