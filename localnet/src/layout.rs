//! The persisted shape of a network: node keys, ports and swarm assignment, written to the data
//! directory on the first start and read back afterwards, so a restart changes nothing.

use crate::error::Error;
use crate::keys::NodeKeys;
use crate::Config;
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// Public description of one service node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeInfo {
    /// Position in the network (stable across restarts).
    pub index: usize,
    /// Ed25519 identity key.
    pub ed25519: [u8; 32],
    /// X25519 key onion layers are encrypted to.
    pub x25519: [u8; 32],
    /// Advertised IPv4 address.
    pub ip: Ipv4Addr,
    /// HTTPS port (`storage_port`).
    pub port: u16,
    /// Swarm the node belongs to (when this record was taken: a swarm move changes it; the
    /// layout persisted in the data directory keeps the first assignment).
    pub swarm_id: u64,
}

impl NodeInfo {
    /// Ed25519 key as 64 lowercase hex digits.
    pub fn ed25519_hex(&self) -> String {
        hex::encode(self.ed25519)
    }

    /// X25519 key as 64 lowercase hex digits.
    pub fn x25519_hex(&self) -> String {
        hex::encode(self.x25519)
    }

    /// `https://ip:port` (no trailing slash).
    pub fn https_url(&self) -> String {
        format!("https://{}:{}", self.ip, self.port)
    }

    /// Socket address of the HTTPS server.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::V4(SocketAddrV4::new(self.ip, self.port))
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct NodeRecord {
    ed25519: String,
    port: u16,
    swarm_id: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct NetworkRecord {
    version: u32,
    ip: Ipv4Addr,
    seed_port: u16,
    file_server_port: u16,
    /// Added after the first version: a network made before has none until its next start.
    #[serde(default)]
    community_port: Option<u16>,
    nodes: Vec<NodeRecord>,
}

/// Everything needed to start the servers.
pub(crate) struct Layout {
    pub ip: Ipv4Addr,
    pub seed_port: u16,
    pub file_server_port: u16,
    pub community_port: u16,
    pub nodes: Vec<(NodeInfo, NodeKeys, PathBuf)>,
    pub file_server_keys: NodeKeys,
    /// Listeners already bound while choosing free ports on the first start (by port).
    pub prebound: Vec<TcpListener>,
}

fn read_seed(path: &Path) -> Result<Zeroizing<[u8; 32]>, Error> {
    let text = Zeroizing::new(std::fs::read_to_string(path)?);
    let bytes = Zeroizing::new(
        hex::decode(text.trim())
            .map_err(|_| Error::Corrupt(format!("{} is not hex", path.display())))?,
    );
    let mut seed = Zeroizing::new([0u8; 32]);
    if bytes.len() != 32 {
        return Err(Error::Corrupt(format!(
            "{} is not a 32-byte key",
            path.display()
        )));
    }
    seed.copy_from_slice(&bytes);
    Ok(seed)
}

fn write_seed(path: &Path, seed: &[u8; 32]) -> Result<(), Error> {
    let text = Zeroizing::new(hex::encode(seed));
    write_private(path, text.as_bytes())
}

/// Writes a file readable only by its owner (keys).
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(bytes)?;
    Ok(())
}

fn new_seed() -> Zeroizing<[u8; 32]> {
    let mut s = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(&mut s[..]);
    s
}

/// Keys of a component kept in `dir/ed25519.key`, created if absent.
pub(crate) fn load_or_create_keys(dir: &Path) -> Result<NodeKeys, Error> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("ed25519.key");
    if path.exists() {
        Ok(NodeKeys::from_seed(&*read_seed(&path)?))
    } else {
        let seed = new_seed();
        write_seed(&path, &seed)?;
        Ok(NodeKeys::from_seed(&seed))
    }
}

/// Swarm sizes for `n` nodes: swarms of 5..=10 (near `want`), or one swarm below 5 nodes.
fn swarm_count(n: usize, want: usize) -> usize {
    if n < 10 {
        return 1;
    }
    let want = want.clamp(5, 10);
    (n / want).max(n.div_ceil(10)).min(n / 5).max(1)
}

/// Evenly spaced swarm ids from a random start (never u64::MAX).
fn swarm_ids(count: usize) -> Vec<u64> {
    let step = u64::MAX / count as u64;
    let base = OsRng.next_u64() % step.max(1);
    let mut ids: Vec<u64> = (0..count as u64)
        .map(|k| base.wrapping_add(k * step).min(u64::MAX - 1))
        .collect();
    ids.sort_unstable();
    ids
}

fn bind_port(ip: Ipv4Addr, port: u16) -> Result<(u16, TcpListener), Error> {
    let l = TcpListener::bind(SocketAddrV4::new(ip, port))?;
    let port = l.local_addr()?.port();
    Ok((port, l))
}

fn write_record(path: &Path, record: &NetworkRecord) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(record).map_err(|e| Error::Corrupt(e.to_string()))?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Reads the layout from `config.data_dir`, or creates and persists a new one.
pub(crate) fn load_or_create(config: &Config) -> Result<Layout, Error> {
    std::fs::create_dir_all(&config.data_dir)?;
    let net_path = config.data_dir.join("network.json");
    let mut prebound = Vec::new();
    let mut record: NetworkRecord = if net_path.exists() {
        let text = std::fs::read_to_string(&net_path)?;
        serde_json::from_str(&text)
            .map_err(|e| Error::Corrupt(format!("{}: {e}", net_path.display())))?
    } else {
        if config.nodes == 0 {
            return Err(Error::Config("a network needs at least one node".into()));
        }
        let ip = config.bind_ip;
        let mut port = |offset: i32| -> Result<u16, Error> {
            match config.base_port {
                Some(base) => {
                    let p = i32::from(base) + offset;
                    u16::try_from(p)
                        .ok()
                        .filter(|p| *p > 0)
                        .ok_or_else(|| Error::Config(format!("port {p} out of range")))
                }
                None => {
                    let (p, l) = bind_port(ip, 0)?;
                    prebound.push(l);
                    Ok(p)
                }
            }
        };
        let seed_port = port(-1)?;
        let file_server_port = port(-2)?;
        let community_port = port(-3)?;
        let ids = swarm_ids(swarm_count(config.nodes, config.swarm_size));
        let mut nodes = Vec::with_capacity(config.nodes);
        for i in 0..config.nodes {
            let dir = config.data_dir.join(format!("node-{i:02}"));
            let keys = load_or_create_keys(&dir)?;
            nodes.push(NodeRecord {
                ed25519: hex::encode(keys.ed25519_public()),
                port: port(i as i32)?,
                swarm_id: ids[i % ids.len()],
            });
        }
        let record = NetworkRecord {
            version: 1,
            ip,
            seed_port,
            file_server_port,
            community_port: Some(community_port),
            nodes,
        };
        write_record(&net_path, &record)?;
        record
    };
    // Join links carry the community server's port, so it is chosen once and kept.
    let community_port = match record.community_port {
        Some(p) => p,
        None => {
            let (p, l) = bind_port(record.ip, 0)?;
            prebound.push(l);
            record.community_port = Some(p);
            write_record(&net_path, &record)?;
            p
        }
    };
    let mut nodes = Vec::with_capacity(record.nodes.len());
    for (i, n) in record.nodes.iter().enumerate() {
        let dir = config.data_dir.join(format!("node-{i:02}"));
        let keys = NodeKeys::from_seed(&*read_seed(&dir.join("ed25519.key"))?);
        if hex::encode(keys.ed25519_public()) != n.ed25519 {
            return Err(Error::Corrupt(format!(
                "key of node {i} does not match network.json"
            )));
        }
        let info = NodeInfo {
            index: i,
            ed25519: keys.ed25519_public(),
            x25519: keys.x25519_public(),
            ip: record.ip,
            port: n.port,
            swarm_id: n.swarm_id,
        };
        nodes.push((info, keys, dir));
    }
    let file_server_keys = load_or_create_keys(&config.data_dir.join("fileserver"))?;
    Ok(Layout {
        ip: record.ip,
        seed_port: record.seed_port,
        file_server_port: record.file_server_port,
        community_port,
        nodes,
        file_server_keys,
        prebound,
    })
}
