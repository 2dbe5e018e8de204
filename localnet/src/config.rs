//! Settings of a local network.

use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::time::Duration;

/// How to start a [`crate::LocalNet`]. `Config::new(dir)` gives the defaults; change fields as
/// needed. Everything that defines the network (keys, ports, swarms) is written to `data_dir`
/// on the first start and read back on later starts, where it wins over `nodes`/`base_port`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Number of service nodes on the first start (default 12).
    pub nodes: usize,
    /// Where keys, addresses, swarms and each node's SQLite database are kept.
    pub data_dir: PathBuf,
    /// Address every server listens on and advertises (default 127.0.0.1). Must be a loopback
    /// address: the network has no access control, so it refuses to start on anything else.
    pub bind_ip: Ipv4Addr,
    /// First port for the nodes (node i gets `base_port + i`, the seed `base_port - 1`, the file
    /// server `base_port - 2`); `None` lets the system pick free ports (then persisted).
    pub base_port: Option<u16>,
    /// Wanted members per swarm; the layout's swarms always get 5 to 10 members when there are
    /// enough nodes (a swarm move makes swarms of 3).
    pub swarm_size: usize,
    /// Hard fork reported in `hf` (`[major, minor]`); multi-expiry needs at least 19.4.
    pub hardfork: [u16; 2],
    /// How long a relay waits for the next hop (real nodes: 30 s).
    pub hop_timeout: Duration,
    /// How long an entry node waits for each swarm member (real nodes: 5 s).
    pub swarm_timeout: Duration,
    /// How long the last hop waits for an external server (real nodes: 25 s).
    pub server_timeout: Duration,
    /// Start the file server (a v4 onion destination).
    pub file_server: bool,
    /// Largest upload the file server accepts, in bytes.
    pub file_max_size: usize,
    /// File lifetime when the upload names none, and the longest one accepted (`X-FS-TTL`).
    pub file_ttl: Duration,
    /// Longest file lifetime an upload may ask for.
    pub file_max_ttl: Duration,
    /// Start the community server (a v4 onion destination with the default rooms).
    pub community_server: bool,
    /// Start the admin endpoint (always bound to 127.0.0.1; off by default, since anything on
    /// this machine could use it to change the network).
    pub admin: bool,
    /// Port of the admin endpoint (`None`: picked by the system).
    pub admin_port: Option<u16>,
    /// Other servers on this machine that onion requests may reach as a destination (a local
    /// community server, say). The network's own file server is always reachable; any other
    /// loopback, private or otherwise non-global address is not.
    pub extra_servers: Vec<std::net::SocketAddr>,
    /// Direct `/storage_rpc/v1` requests one client address may make at once, per node, before
    /// it is answered 429 (real nodes: 600).
    pub client_burst: u32,
    /// Direct requests per second a client address is allowed once its burst is spent, per node
    /// (real nodes: 300).
    pub client_rate: u32,
    /// Client requests (`/storage_rpc/v1`, `/onion_req/v2`) a node handles at once; more are
    /// answered `503 Server busy, try again later` (real nodes queue 1000).
    pub max_queued_requests: usize,
    /// How often expired messages and files are purged (reads hide them at once anyway).
    pub cleanup_interval: Duration,
}

impl Config {
    /// Defaults: 12 nodes on 127.0.0.1 with system-chosen ports, swarms of about 6, real-node
    /// timeouts, file server on, admin endpoint off.
    pub fn new(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            nodes: 12,
            data_dir: data_dir.into(),
            bind_ip: Ipv4Addr::LOCALHOST,
            base_port: None,
            swarm_size: 6,
            hardfork: [19, 4],
            hop_timeout: Duration::from_secs(30),
            swarm_timeout: Duration::from_secs(5),
            server_timeout: Duration::from_secs(25),
            file_server: true,
            community_server: true,
            // The largest blob a client makes of a file within the 10,000,000-byte limit (the
            // padding and framing of either scheme add to it).
            file_max_size: session_core::attachment::file_server::MAX_UPLOAD_BYTES,
            file_ttl: Duration::from_secs(14 * 24 * 3600),
            file_max_ttl: Duration::from_secs(60 * 24 * 3600),
            admin: false,
            admin_port: None,
            extra_servers: Vec::new(),
            client_burst: 600,
            client_rate: 300,
            max_queued_requests: 1000,
            cleanup_interval: Duration::from_secs(10),
        }
    }
}
