//! Which network a command talks to, and how: the transport plus the client configuration that
//! suits that network.

use crate::output::CliError;
use crate::transport::NativeTransport;
use serde_json::Value;
use session_core::attachment::file_server::FileServer;
use session_core::client::Config;

/// Name of the embedded local network (the relay's `/relay/v1/info` says `"network": "local"`).
pub const LOCAL: &str = "local";
/// Name of the live network.
pub const MAINNET: &str = "mainnet";

/// A transport together with the client configuration and the network's name (the key under
/// which a profile keeps that network's state).
#[derive(Debug, Clone)]
pub struct Connection<T> {
    /// How requests leave this machine.
    pub transport: T,
    /// Client tunables for this network.
    pub config: Config,
    /// `local` or `mainnet`.
    pub network: String,
    /// The file server attachments are uploaded to, when known (a relay names its network's;
    /// direct mode knows none, and downloads then need URLs that name their server).
    pub file_server: Option<FileServer>,
}

impl<T> Connection<T> {
    /// A connection over any transport (tests wrap [`NativeTransport`] to inject faults).
    pub fn new(transport: T, config: Config, network: impl Into<String>) -> Self {
        let network = network.into();
        let file_server = (network == MAINNET).then(FileServer::mainnet);
        Connection {
            transport,
            config,
            network,
            file_server,
        }
    }

    /// The same connection with the file server a relay named.
    pub fn with_file_server(mut self, file_server: Option<FileServer>) -> Self {
        self.file_server = file_server;
        self
    }

    /// The same network and configuration over another transport.
    pub fn with_transport<U>(&self, transport: U) -> Connection<U> {
        Connection {
            transport,
            config: self.config.clone(),
            network: self.network.clone(),
            file_server: self.file_server.clone(),
        }
    }
}

/// The network of the `--relay` / `--seed` options. Through a relay, asks it which network it
/// serves (`GET /relay/v1/info`), which also tells at once whether it can be reached; direct
/// to a loopback seed means the local network.
pub async fn connect(
    relay: Option<&str>,
    seed: Option<&str>,
) -> Result<Connection<NativeTransport>, CliError> {
    match (relay, seed) {
        (Some(_), Some(_)) => Err(CliError(
            "give either --relay URL or --seed URL, not both".into(),
        )),
        (Some(url), None) => {
            let transport = NativeTransport::relay(url)?;
            let info = transport.relay_info().await?;
            let network = info
                .get("network")
                .and_then(Value::as_str)
                .unwrap_or(MAINNET)
                .to_owned();
            let config = if network == LOCAL {
                Config::local_network()
            } else {
                Config::default()
            };
            let file_server = match info.get("file_server") {
                None | Some(Value::Null) => None,
                Some(v) => Some(file_server(v)?),
            };
            Ok(Connection::new(transport, config, network).with_file_server(file_server))
        }
        (None, Some(url)) => {
            // `direct` accepts loopback seeds only, so this is a local network.
            let transport = NativeTransport::direct(url)?;
            Ok(Connection::new(transport, Config::local_network(), LOCAL))
        }
        (None, None) => Err(CliError(
            "this command needs the network: --relay URL (e.g. http://127.0.0.1:8080 for \
             `session-relay --network local`), or --seed URL of a local network's seed to talk \
             to its nodes directly"
                .into(),
        )),
    }
}

/// The relay's `file_server` entry: `{"url", "ed25519", "x25519", …}`. The X25519 key must be
/// the one the Ed25519 key gives, or the relay is misconfigured.
fn file_server(v: &Value) -> Result<FileServer, CliError> {
    let bad = |what: &str| CliError(format!("the relay names a file server with {what}"));
    let url = v
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no url"))?;
    let mut ed25519 = [0u8; 32];
    let ed = v.get("ed25519").and_then(Value::as_str).unwrap_or("");
    hex::decode_to_slice(ed, &mut ed25519).map_err(|_| bad("an invalid ed25519 key"))?;
    let fs = FileServer::with_ed25519(url, ed25519).map_err(|e| bad(&e.to_string()))?;
    let x = v.get("x25519").and_then(Value::as_str).unwrap_or("");
    if x != hex::encode(fs.x25519) {
        return Err(bad("keys that do not belong together"));
    }
    Ok(fs)
}
