//! Starting and stopping a whole local network.

use crate::error::Error;
use crate::faults::Faults;
use crate::fileserver::FileServer;
use crate::http::Server;
use crate::layout::{self, NodeInfo};
use crate::limit::TokenBuckets;
use crate::node::{Node, NodeFaults, Shared};
use crate::store::Store;
use crate::swarms::Swarms;
use crate::{Config, NodeClock};
use std::collections::HashMap;
use std::net::{SocketAddr, SocketAddrV4};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::task::JoinHandle;

/// Where the file server listens and the keys a client needs to reach it as a v4 onion
/// destination (`ToServer` with host, port, protocol `http`, target `/oxen/v4/lsrpc`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileServerInfo {
    /// Host to put in the onion route (an IPv4 literal).
    pub host: String,
    /// HTTP port.
    pub port: u16,
    /// Always `http` (the onion layers give confidentiality, as on mainnet).
    pub protocol: String,
    /// X25519 key the request is encrypted to.
    pub x25519: [u8; 32],
    /// Ed25519 key (what a download URL's `p=` fragment would carry).
    pub ed25519: [u8; 32],
}

impl FileServerInfo {
    /// `http://host:port` (no trailing slash).
    pub fn url(&self) -> String {
        format!("{}://{}:{}", self.protocol, self.host, self.port)
    }
}

/// The rooms every local community server has (token, name, description).
pub const DEFAULT_ROOMS: [(&str, &str, &str); 2] = [
    (
        "lobby",
        "Lobby",
        "Say hello: the local network's first room",
    ),
    ("dev", "Session Web", "Talk about this client"),
];

/// The local community server: where it listens, its key, and its rooms' join links.
#[derive(Debug, Clone)]
pub struct CommunityInfo {
    /// `http://host:port` (no trailing slash).
    pub url: String,
    /// Its X25519 key (what join links carry as `public_key`).
    pub x25519: [u8; 32],
    /// The server itself, for tests and tools (rooms, moderators, bans).
    pub server: Arc<session_sogs::Sogs>,
}

impl CommunityInfo {
    /// The official join link of a room (`http://host:port/ROOM?public_key=HEX`).
    pub fn join_link(&self, token: &str) -> String {
        format!(
            "{}/{token}?public_key={}",
            self.url,
            hex::encode(self.x25519)
        )
    }

    /// The join links of the default rooms.
    pub fn default_links(&self) -> Vec<String> {
        DEFAULT_ROOMS
            .iter()
            .map(|(t, ..)| self.join_link(t))
            .collect()
    }
}

/// Client addresses whose request rate a node tracks (upstream keeps about as many).
const MAX_TRACKED_CLIENTS: usize = 10_000;

/// Shared state of a running network.
#[derive(Debug)]
pub(crate) struct NetInner {
    pub shared: Arc<Shared>,
    pub nodes: Vec<Arc<Node>>,
    pub servers: Vec<Arc<Server>>,
    pub seed: Arc<Server>,
    pub file_server: Option<Arc<FileServer>>,
    pub file_server_http: Option<Arc<Server>>,
    pub community: Option<CommunityInfo>,
    pub community_http: Option<Arc<Server>>,
    pub admin: std::sync::Mutex<Option<Arc<Server>>>,
    pub cleanup: std::sync::Mutex<Option<JoinHandle<()>>>,
    pub data_dir: PathBuf,
}

/// A running local network. Dropping it without [`LocalNet::shutdown`] leaves the servers
/// running until the tokio runtime ends.
#[derive(Debug, Clone)]
pub struct LocalNet {
    inner: Arc<NetInner>,
}

fn take_prebound(
    prebound: &mut Vec<std::net::TcpListener>,
    port: u16,
) -> Option<std::net::TcpListener> {
    let i = prebound
        .iter()
        .position(|l| l.local_addr().map(|a| a.port()).ok() == Some(port))?;
    Some(prebound.swap_remove(i))
}

/// The network answers anyone who can reach it and lets them reach the machine's loopback
/// servers through onion requests, so it listens on loopback only.
fn refuse_non_loopback(ip: std::net::Ipv4Addr) -> Result<(), Error> {
    if ip.is_loopback() {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "a local network listens on loopback only, not on {ip}"
        )))
    }
}

impl LocalNet {
    /// Starts (or restarts, from `config.data_dir`) the seed, every node, the file server and
    /// the admin endpoint. Must run inside a tokio runtime.
    pub async fn start(config: Config) -> Result<LocalNet, Error> {
        refuse_non_loopback(config.bind_ip)?;
        let mut layout = layout::load_or_create(&config)?;
        let ip = layout.ip;
        // A data directory written by an older version may name another address.
        refuse_non_loopback(ip)?;
        // Neither client follows redirects (network.md §4.6): a redirect would let a server
        // send a last hop anywhere, past the checks on the host it was given.
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .pool_max_idle_per_host(4)
            .build()
            .map_err(|e| Error::Tls(e.to_string()))?;
        let server_client = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(crate::addr::GlobalOnly))
            .build()
            .map_err(|e| Error::Tls(e.to_string()))?;
        let mut reachable = config.extra_servers.clone();
        if config.file_server {
            reachable.push(SocketAddr::V4(SocketAddrV4::new(
                ip,
                layout.file_server_port,
            )));
        }
        if config.community_server {
            reachable.push(SocketAddr::V4(SocketAddrV4::new(ip, layout.community_port)));
        }
        let file_info = config.file_server.then(|| FileServerInfo {
            host: ip.to_string(),
            port: layout.file_server_port,
            protocol: "http".into(),
            x25519: layout.file_server_keys.x25519_public(),
            ed25519: layout.file_server_keys.ed25519_public(),
        });
        let shared = Arc::new(Shared {
            config: config.clone(),
            swarms: Swarms::new(layout.nodes.iter().map(|(i, _, _)| i.clone()).collect()),
            client,
            server_client,
            servers: reachable,
            file_server: file_info,
            seed_requests: std::sync::atomic::AtomicU64::new(0),
            names: crate::names::Names::open(&config.data_dir)?,
        });

        let mut nodes = Vec::new();
        let mut servers = Vec::new();
        for (info, keys, dir) in std::mem::take(&mut layout.nodes) {
            let store = Store::open(&dir.join("storage.db"))?;
            let tls = crate::tls::acceptor(&dir, ip)?;
            let node = Arc::new(Node {
                info: info.clone(),
                keys,
                store,
                clock: NodeClock::new(),
                faults: NodeFaults::default(),
                net: shared.clone(),
                limiter: TokenBuckets::new(
                    config.client_burst,
                    config.client_rate,
                    MAX_TRACKED_CLIENTS,
                    std::time::Instant::now(),
                ),
                queued: std::sync::atomic::AtomicUsize::new(0),
            });
            let pre = take_prebound(&mut layout.prebound, info.port);
            let server = Server::start(
                info.addr(),
                Some(tls),
                crate::node::router(node.clone()),
                pre,
            )
            .await?;
            nodes.push(node);
            servers.push(server);
        }

        let seed_dir = config.data_dir.join("seed");
        let seed_tls = crate::tls::acceptor(&seed_dir, ip)?;
        let seed_addr = SocketAddr::V4(SocketAddrV4::new(ip, layout.seed_port));
        let pre = take_prebound(&mut layout.prebound, layout.seed_port);
        let seed = Server::start(
            seed_addr,
            Some(seed_tls),
            crate::seed::router(shared.clone()),
            pre,
        )
        .await?;

        let (file_server, file_server_http) = if config.file_server {
            let fs = Arc::new(FileServer::open(
                &config.data_dir.join("fileserver"),
                layout.file_server_keys,
                &config,
            )?);
            let addr = SocketAddr::V4(SocketAddrV4::new(ip, layout.file_server_port));
            let pre = take_prebound(&mut layout.prebound, layout.file_server_port);
            let http =
                Server::start(addr, None, crate::fileserver::router(fs.clone()), pre).await?;
            (Some(fs), Some(http))
        } else {
            (None, None)
        };

        let (community, community_http) = if config.community_server {
            let dir = config.data_dir.join("community");
            std::fs::create_dir_all(&dir)?;
            let sogs = Arc::new(session_sogs::Sogs::open(&dir).map_err(Error::Community)?);
            for (token, name, about) in DEFAULT_ROOMS {
                if session_sogs::rooms::room_id(&sogs, token).is_err() {
                    session_sogs::admin::create_room(&sogs, token, name, Some(about))
                        .map_err(Error::Community)?;
                }
            }
            let addr = SocketAddr::V4(SocketAddrV4::new(ip, layout.community_port));
            let pre = take_prebound(&mut layout.prebound, layout.community_port);
            let http = Server::start(addr, None, session_sogs::router(sogs.clone()), pre).await?;
            let info = CommunityInfo {
                url: format!("http://{addr}"),
                x25519: sogs.public_key(),
                server: sogs,
            };
            (Some(info), Some(http))
        } else {
            (None, None)
        };

        let inner = Arc::new(NetInner {
            shared,
            nodes,
            servers,
            seed,
            file_server,
            file_server_http,
            community,
            community_http,
            admin: std::sync::Mutex::new(None),
            cleanup: std::sync::Mutex::new(None),
            data_dir: config.data_dir.clone(),
        });
        if config.admin {
            let addr = SocketAddr::V4(SocketAddrV4::new(
                std::net::Ipv4Addr::LOCALHOST,
                config.admin_port.unwrap_or(0),
            ));
            let listener = std::net::TcpListener::bind(addr)?;
            let bound = listener.local_addr()?;
            let admin = Server::start(
                bound,
                None,
                crate::admin::router(Arc::downgrade(&inner)),
                Some(listener),
            )
            .await?;
            *inner.admin.lock().unwrap_or_else(|p| p.into_inner()) = Some(admin);
        }
        let cleanup = {
            let weak = Arc::downgrade(&inner);
            let every = config
                .cleanup_interval
                .max(std::time::Duration::from_millis(100));
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(every).await;
                    let Some(inner) = weak.upgrade() else { break };
                    for n in &inner.nodes {
                        let _ = n.store.clean_expired(n.now());
                    }
                    if let Some(fs) = &inner.file_server {
                        fs.clean_expired();
                    }
                }
            })
        };
        *inner.cleanup.lock().unwrap_or_else(|p| p.into_inner()) = Some(cleanup);
        Ok(LocalNet { inner })
    }

    /// The seed URL clients append `json_rpc` to (`https://ip:port/`).
    pub fn seed_url(&self) -> String {
        format!("https://{}/", self.inner.seed.addr())
    }

    /// Every node, with the swarm it is in now (the same nodes after a restart from the same
    /// data directory; swarms as the layout made them until a swarm move).
    pub fn nodes(&self) -> Vec<NodeInfo> {
        self.inner.shared.view().into_nodes()
    }

    /// The node with this Ed25519 key (hex, any case), with its current swarm.
    pub fn node(&self, ed25519_hex: &str) -> Option<NodeInfo> {
        self.nodes()
            .into_iter()
            .find(|n| n.ed25519_hex().eq_ignore_ascii_case(ed25519_hex))
    }

    /// Map from Ed25519 hex to HTTPS address, for a relay that forwards to known nodes only.
    pub fn node_addresses(&self) -> HashMap<String, SocketAddr> {
        self.nodes()
            .iter()
            .map(|n| (n.ed25519_hex(), n.addr()))
            .collect()
    }

    /// Swarm ids now, ascending.
    pub fn swarm_ids(&self) -> Vec<u64> {
        self.inner.shared.view().swarm_ids()
    }

    /// Members of one swarm now.
    pub fn swarm_members(&self, swarm_id: u64) -> Vec<NodeInfo> {
        self.inner.shared.members(swarm_id)
    }

    /// The swarm an account (33 bytes: prefix ‖ key) belongs to now (network.md §3.3 over the
    /// current swarms).
    pub fn swarm_of(&self, pubkey33: &[u8; 33]) -> Option<u64> {
        self.inner.shared.swarm_of(pubkey33)
    }

    /// The file server, when started.
    pub fn file_server(&self) -> Option<FileServerInfo> {
        self.inner.shared.file_server.clone()
    }

    /// The community server, when started.
    pub fn community(&self) -> Option<CommunityInfo> {
        self.inner.community.clone()
    }

    /// How many requests the seed has answered (a relay should not pass its clients' on).
    pub fn seed_requests(&self) -> u64 {
        self.inner
            .shared
            .seed_requests
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Registers the ONS name `name` for the Session ID `session_id` (hex), as a name bought on
    /// mainnet: every node then answers `ons_resolve` for it. Answers the name lower-cased.
    pub fn register_name(&self, name: &str, session_id: &str) -> Result<String, Error> {
        let name = self.inner.shared.names.register(name, session_id)?;
        Ok(name.as_str().to_owned())
    }

    /// Base URL of the admin endpoint (`http://127.0.0.1:port`), when started.
    pub fn admin_url(&self) -> Option<String> {
        self.inner
            .admin
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|s| format!("http://{}", s.addr()))
    }

    /// Fault injection.
    pub fn faults(&self) -> Faults {
        Faults {
            inner: self.inner.clone(),
        }
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// How many unexpired messages a node holds (all accounts).
    pub fn message_count(&self, ed25519_hex: &str) -> Option<u64> {
        let n = self
            .inner
            .nodes
            .iter()
            .find(|n| n.info.ed25519_hex().eq_ignore_ascii_case(ed25519_hex))?;
        n.store.count(n.now()).ok()
    }

    /// Stops every server and background task and closes the databases' connections.
    pub async fn shutdown(self) {
        let inner = self.inner;
        if let Some(h) = inner
            .cleanup
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            h.abort();
        }
        let admin = inner.admin.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(a) = admin {
            a.down().await;
        }
        for s in &inner.servers {
            s.down().await;
        }
        inner.seed.down().await;
        if let Some(f) = &inner.file_server_http {
            f.down().await;
        }
        if let Some(c) = &inner.community_http {
            c.down().await;
        }
    }
}
