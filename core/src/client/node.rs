//! Service-node records as the client keeps them.

use crate::onion::Hop;
use crate::rpc::response::SnodeRecord;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A service node's Ed25519 identity key: how nodes are named everywhere (paths, swarms,
/// strikes, `last_hash`). Serialised as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub [u8; 32]);

impl NodeId {
    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses 64 hex digits.
    pub fn from_hex(s: &str) -> Option<NodeId> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s, &mut out).ok()?;
        Some(NodeId(out))
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Eight digits name a node unambiguously enough in logs.
        write!(f, "NodeId({})", hex::encode(&self.0[..4]))
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NodeId::from_hex(&s).ok_or_else(|| serde::de::Error::custom("expected 64 hex digits"))
    }
}

/// What the client needs to know about a service node: where it is and its keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NodeRecord {
    /// Ed25519 identity key.
    pub ed25519: NodeId,
    /// X25519 key the node's onion layer is encrypted to.
    #[serde(with = "hex32")]
    pub x25519: [u8; 32],
    /// IPv4 address (or host name in test networks).
    pub ip: String,
    /// HTTPS port of its storage server.
    pub port: u16,
    /// Its swarm, as the node list says (absent from lists that do not name swarms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swarm_id: Option<u64>,
}

impl NodeRecord {
    /// Its identity.
    pub fn id(&self) -> NodeId {
        self.ed25519
    }

    /// The node's /24 network (first three octets of an IPv4 address); `None` for anything
    /// that is not a dotted IPv4 address.
    pub fn subnet24(&self) -> Option<[u8; 3]> {
        let mut parts = self.ip.split('.');
        let mut out = [0u8; 3];
        for o in out.iter_mut() {
            *o = parts.next()?.parse().ok()?;
        }
        let _last: u8 = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(out)
    }

    /// Whether the node has an address one can connect to (nodes without an uptime proof are
    /// listed with `0.0.0.0`).
    pub fn is_reachable(&self) -> bool {
        !self.ip.is_empty() && self.ip != "0.0.0.0" && self.port != 0
    }
}

mod hex32 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(v))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let s = String::deserialize(d)?;
        let mut out = [0u8; 32];
        hex::decode_to_slice(&s, &mut out)
            .map_err(|_| serde::de::Error::custom("expected 64 hex digits"))?;
        Ok(out)
    }
}

impl NodeRecord {
    /// The node as an onion hop.
    pub fn hop(&self) -> Hop {
        Hop {
            ed25519: self.ed25519.0,
            x25519: self.x25519,
        }
    }
}

impl From<&SnodeRecord> for NodeRecord {
    fn from(s: &SnodeRecord) -> Self {
        NodeRecord {
            ed25519: NodeId(s.pubkey_ed25519),
            x25519: s.pubkey_x25519,
            ip: s.ip.clone(),
            port: s.port_https,
            swarm_id: s.swarm_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(ip: &str, port: u16) -> NodeRecord {
        NodeRecord {
            ed25519: NodeId([7; 32]),
            x25519: [8; 32],
            ip: ip.into(),
            port,
            swarm_id: None,
        }
    }

    #[test]
    fn subnets_are_the_first_three_octets() {
        assert_eq!(rec("1.2.3.4", 1).subnet24(), Some([1, 2, 3]));
        assert_eq!(rec("1.2.3.400", 1).subnet24(), None);
        assert_eq!(rec("1.2.3", 1).subnet24(), None);
        assert_eq!(rec("1.2.3.4.5", 1).subnet24(), None);
        assert_eq!(rec("localhost", 1).subnet24(), None);
    }

    #[test]
    fn reachability() {
        assert!(rec("1.2.3.4", 443).is_reachable());
        assert!(!rec("0.0.0.0", 443).is_reachable());
        assert!(!rec("", 443).is_reachable());
        assert!(!rec("1.2.3.4", 0).is_reachable());
    }

    #[test]
    fn records_serialise_keys_as_hex() {
        let r = rec("1.2.3.4", 22021);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["ed25519"], "07".repeat(32));
        assert_eq!(json["x25519"], "08".repeat(32));
        let back: NodeRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
        let bad = serde_json::json!({"ed25519": "zz", "x25519": "08", "ip": "1.1.1.1", "port": 1});
        assert!(serde_json::from_value::<NodeRecord>(bad).is_err());
        assert_eq!(NodeId::from_hex(&"ab".repeat(32)), Some(NodeId([0xab; 32])));
        assert_eq!(NodeId::from_hex("ab"), None);
    }
}
