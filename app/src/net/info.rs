//! What the relay serves (`GET /relay/v1/info`): which network (mainnet or a local test
//! network) and, when it names one, the file server.

use serde::Deserialize;
use session_core::attachment::file_server::FileServer;
use session_core::client::{Config, RemoteText, Scheme};
use session_core::community::url::JoinLink;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::transport::FetchTransport;
use crate::ports::{Boxed, Relay};

/// The network behind the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    /// The real Session network.
    Mainnet,
    /// A local test network (every node on one address).
    Local,
}

impl NetworkKind {
    /// The client configuration for this network.
    pub fn config(self) -> Config {
        match self {
            NetworkKind::Mainnet => Config::default(),
            NetworkKind::Local => Config::local_network(),
        }
    }

    /// The relay's name for it.
    pub fn parse(name: &str) -> Option<NetworkKind> {
        match name {
            "mainnet" => Some(NetworkKind::Mainnet),
            "local" => Some(NetworkKind::Local),
            _ => None,
        }
    }

    /// Its name ("mainnet" or "local").
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkKind::Mainnet => "mainnet",
            NetworkKind::Local => "local",
        }
    }
}

/// What `/relay/v1/info` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayInfo {
    /// The network.
    pub network: NetworkKind,
    /// The file server: `Ok(None)` when the relay names none; an error when the one it names
    /// is unusable (the network is still usable without it).
    pub file_server: Result<Option<FileServer>, FileServerError>,
    /// The community rooms it offers (join links; unreadable ones are left out).
    pub communities: Vec<JoinLink>,
}

/// The rooms the relay offers, read apart so that a broken list hides nothing else.
#[derive(Deserialize)]
struct WithCommunities {
    #[serde(default)]
    communities: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Info {
    network: String,
}

/// The file server entry, read apart from the rest so that a broken one does not hide the
/// network; every field optional so that a missing one is named.
#[derive(Deserialize)]
struct WithFileServer {
    #[serde(default)]
    file_server: Option<FileServerInfo>,
}

#[derive(Deserialize)]
struct FileServerInfo {
    scheme: Option<String>,
    host: Option<String>,
    port: Option<u64>,
    x25519: Option<String>,
    ed25519: Option<String>,
}

impl RelayInfo {
    /// Reads the relay's answer.
    pub fn parse(text: &str) -> Result<RelayInfo, InfoError> {
        let info: Info = serde_json::from_str(text).map_err(|e| InfoError::Unreadable {
            line: e.line(),
            column: e.column(),
        })?;
        let network = NetworkKind::parse(&info.network)
            .ok_or_else(|| InfoError::UnknownNetwork(RemoteText::new(&info.network)))?;
        let file_server = match serde_json::from_str::<WithFileServer>(text) {
            Ok(WithFileServer { file_server: None }) => Ok(None),
            Ok(WithFileServer {
                file_server: Some(server),
            }) => parse_server(server).map(Some),
            Err(e) => Err(FileServerError::Unreadable {
                line: e.line(),
                column: e.column(),
            }),
        };
        let communities = serde_json::from_str::<WithCommunities>(text)
            .map(|w| {
                w.communities
                    .iter()
                    .filter_map(|v| JoinLink::parse(v.as_str()?).ok())
                    .collect()
            })
            .unwrap_or_default();
        Ok(RelayInfo {
            network,
            file_server,
            communities,
        })
    }
}

/// `{"url", "scheme", "host", "port", "x25519", "ed25519"}`, keys in hex; the URL is the
/// other fields' sum and is not read.
fn parse_server(info: FileServerInfo) -> Result<FileServer, FileServerError> {
    let scheme = match info.scheme.as_deref() {
        None => return Err(FileServerError::Missing("scheme")),
        Some("http") => Scheme::Http,
        Some("https") => Scheme::Https,
        Some(_) => return Err(FileServerError::Scheme),
    };
    let host = info.host.ok_or(FileServerError::Missing("host"))?;
    if host.is_empty() || host.contains(['/', '@', ' ']) {
        return Err(FileServerError::Host);
    }
    let port = info
        .port
        .ok_or(FileServerError::Missing("port"))?
        .try_into()
        .ok()
        .filter(|p: &u16| *p != 0)
        .ok_or(FileServerError::Port)?;
    let key = |name: &'static str, hex: Option<String>| -> Result<[u8; 32], FileServerError> {
        let mut out = [0u8; 32];
        let hex = hex.ok_or(FileServerError::Missing(name))?;
        hex::decode_to_slice(hex, &mut out).map_err(|_| FileServerError::Key(name))?;
        Ok(out)
    };
    let x25519 = key("x25519", info.x25519)?;
    let ed25519 = key("ed25519", info.ed25519)?;
    let base = if port == scheme.default_port() {
        format!("{}://{host}", scheme.as_str())
    } else {
        format!("{}://{host}:{port}", scheme.as_str())
    };
    Ok(FileServer {
        base,
        x25519,
        ed25519,
    })
}

/// Why the relay's file server entry is unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileServerError {
    /// The entry is not an object of the expected fields' types.
    Unreadable {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
    },
    /// A field is missing.
    Missing(&'static str),
    /// The scheme is neither `http` nor `https`.
    Scheme,
    /// The host is empty or not a host name.
    Host,
    /// The port is not 1–65535.
    Port,
    /// A key is not 64 hex digits.
    Key(&'static str),
}

impl fmt::Display for FileServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileServerError::Unreadable { line, column } => {
                write!(f, "unreadable file server (line {line}, column {column})")
            }
            FileServerError::Missing(field) => write!(f, "the file server has no {field}"),
            FileServerError::Scheme => f.write_str("the file server's scheme is not http(s)"),
            FileServerError::Host => f.write_str("the file server's host is not a host name"),
            FileServerError::Port => f.write_str("the file server's port is not 1–65535"),
            FileServerError::Key(field) => {
                write!(f, "the file server's {field} key is not 32 bytes of hex")
            }
        }
    }
}

impl std::error::Error for FileServerError {}

/// Why the relay could not say what it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InfoError {
    /// Not in a window.
    NoWindow,
    /// No HTTP answer.
    Unreachable,
    /// An error status.
    Status(u16),
    /// The answer's body could not be read.
    Body,
    /// The answer is not the expected JSON.
    Unreadable {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
    },
    /// A network this app does not know.
    UnknownNetwork(RemoteText),
}

impl fmt::Display for InfoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InfoError::NoWindow => f.write_str("no window"),
            InfoError::Unreachable => f.write_str("the relay could not be reached"),
            InfoError::Status(status) => write!(f, "the relay answered {status}"),
            InfoError::Body => f.write_str("the relay's answer was cut off"),
            InfoError::Unreadable { line, column } => {
                write!(f, "bad info (line {line}, column {column})")
            }
            InfoError::UnknownNetwork(name) => write!(f, "unknown network \"{name}\""),
        }
    }
}

impl std::error::Error for InfoError {}

/// Asks the relay at `base` what it serves.
pub async fn fetch_info(base: &str) -> Result<RelayInfo, InfoError> {
    let window = web_sys::window().ok_or(InfoError::NoWindow)?;
    let url = format!("{base}/relay/v1/info");
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| InfoError::Unreachable)?
        .dyn_into()
        .map_err(|_| InfoError::Body)?;
    if !resp.ok() {
        return Err(InfoError::Status(resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| InfoError::Body)?)
        .await
        .map_err(|_| InfoError::Body)?
        .as_string()
        .ok_or(InfoError::Body)?;
    RelayInfo::parse(&text)
}

/// [`Relay`] over `fetch`, beside the client's transport (whose last answer tells whether
/// the relay is up).
#[derive(Debug, Clone)]
pub struct HttpRelay {
    transport: Rc<FetchTransport>,
}

impl HttpRelay {
    /// The relay `transport` talks to.
    pub fn new(transport: Rc<FetchTransport>) -> HttpRelay {
        HttpRelay { transport }
    }
}

impl Relay for HttpRelay {
    fn info(&self) -> Boxed<'_, Result<RelayInfo, InfoError>> {
        Box::pin(fetch_info(self.transport.base()))
    }

    fn answered(&self) -> Option<bool> {
        self.transport.relay_answered()
    }

    fn on_upload_progress(&self, sink: Option<super::transport::UploadSink>) {
        self.transport.on_upload_progress(sink);
    }

    fn on_download_progress(&self, sink: Option<super::transport::DownloadSink>) {
        self.transport.on_download_progress(sink);
    }
}
