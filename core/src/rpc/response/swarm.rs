//! Node records: `get_swarm`, the body of a 421, and the node list (network.md §2.3, §3.5).

use super::json::{get, obj, opt_str, opt_u64, req_hex32, req_str, time, u16_of, Obj};
use super::FromJson;
use crate::rpc::RpcError;
use serde_json::Value;

/// One service node as a response describes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SnodeRecord {
    /// IPv4 address (`0.0.0.0` for a node without an uptime proof).
    pub ip: String,
    /// HTTPS port of its storage server.
    pub port_https: u16,
    /// Ed25519 identity key.
    pub pubkey_ed25519: [u8; 32],
    /// X25519 onion key.
    pub pubkey_x25519: [u8; 32],
    /// Its swarm, when the response names it (node lists).
    pub swarm_id: Option<u64>,
}

impl SnodeRecord {
    /// Whether the node can be contacted (desktop drops empty and `0.0.0.0` addresses).
    pub fn is_reachable(&self) -> bool {
        !self.ip.is_empty() && self.ip != "0.0.0.0"
    }

    /// A record of `get_swarm`/421 (`ip`, `port_https` or the legacy string `port`).
    fn from_swarm_entry(o: &Obj) -> Result<SnodeRecord, RpcError> {
        let port_https = match o.get("port_https") {
            Some(v) => u16_of(v, "port_https")?,
            None => req_str(o, "port")?
                .parse()
                .map_err(|_| RpcError::field("port", "not a port number"))?,
        };
        Ok(SnodeRecord {
            ip: req_str(o, "ip")?.to_owned(),
            port_https,
            pubkey_ed25519: req_hex32(o, "pubkey_ed25519")?,
            pubkey_x25519: req_hex32(o, "pubkey_x25519")?,
            swarm_id: None,
        })
    }

    /// A record of oxend's node list (`public_ip`, `storage_port`, optional `swarm_id`).
    fn from_oxend_entry(o: &Obj) -> Result<SnodeRecord, RpcError> {
        Ok(SnodeRecord {
            ip: req_str(o, "public_ip")?.to_owned(),
            port_https: u16_of(get(o, "storage_port")?, "storage_port")?,
            pubkey_ed25519: req_hex32(o, "pubkey_ed25519")?,
            pubkey_x25519: req_hex32(o, "pubkey_x25519")?,
            swarm_id: opt_u64(o, "swarm_id")?,
        })
    }
}

/// A swarm: the answer to `get_swarm`, and the body of a 421 (the swarm the node believes
/// right for the account).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SwarmInfo {
    /// The swarm's members.
    pub snodes: Vec<SnodeRecord>,
    /// The swarm ID (`u64::MAX` when the node knows no swarm for the account).
    pub swarm: Option<u64>,
    /// Server time (ms).
    pub t: Option<u64>,
    /// Hard fork `[major, minor]`.
    pub hf: Option<(u32, u32)>,
}

impl SwarmInfo {
    /// The members that can be contacted.
    pub fn reachable(&self) -> impl Iterator<Item = &SnodeRecord> {
        self.snodes.iter().filter(|s| s.is_reachable())
    }
}

impl FromJson for SwarmInfo {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let o = obj(v)?;
        let snodes = get(o, "snodes")?
            .as_array()
            .ok_or_else(|| RpcError::field("snodes", "expected an array"))?
            .iter()
            .map(|s| SnodeRecord::from_swarm_entry(obj(s)?))
            .collect::<Result<_, _>>()?;
        let swarm = opt_str(o, "swarm")?
            .map(|s| {
                u64::from_str_radix(s, 16).map_err(|_| RpcError::field("swarm", "expected hex"))
            })
            .transpose()?;
        let (t, hf) = time(o)?;
        Ok(SwarmInfo {
            snodes,
            swarm,
            t,
            hf,
        })
    }
}

/// The active node list: the answer to `oxend_request`/`get_service_nodes` through a node, or
/// to a seed's `get_n_service_nodes` (both carry `result.service_node_states`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceNodeList {
    /// The nodes.
    pub nodes: Vec<SnodeRecord>,
    /// Chain height, when given.
    pub height: Option<u64>,
    /// Server time (ms), when relayed by a node.
    pub t: Option<u64>,
}

impl FromJson for ServiceNodeList {
    fn from_json(v: &Value) -> Result<Self, RpcError> {
        let o = obj(v)?;
        let result = obj(get(o, "result")?)?;
        let nodes = get(result, "service_node_states")?
            .as_array()
            .ok_or_else(|| RpcError::field("service_node_states", "expected an array"))?
            .iter()
            .map(|s| SnodeRecord::from_oxend_entry(obj(s)?))
            .collect::<Result<_, _>>()?;
        Ok(ServiceNodeList {
            nodes,
            height: opt_u64(result, "height")?,
            t: time(o)?.0,
        })
    }
}
