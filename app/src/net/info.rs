//! Which network the relay serves (`GET /relay/v1/info`): mainnet or a local test network.

use serde::{Deserialize, Serialize};
use session_core::client::Config;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The network behind the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Network {
    /// The real Session network.
    Mainnet,
    /// A local test network (every node on one address).
    Local,
}

impl Network {
    /// The client configuration for this network.
    pub fn config(self) -> Config {
        match self {
            Network::Mainnet => Config::default(),
            Network::Local => Config::local_network(),
        }
    }

    /// The relay's name for it.
    pub fn parse(name: &str) -> Option<Network> {
        match name {
            "mainnet" => Some(Network::Mainnet),
            "local" => Some(Network::Local),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct Info {
    network: String,
}

/// Asks the relay at `base` which network it serves.
pub async fn fetch_network(base: &str) -> Result<Network, String> {
    let window = web_sys::window().ok_or("no window")?;
    let url = format!("{base}/relay/v1/info");
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| "the relay could not be reached".to_owned())?
        .dyn_into()
        .map_err(|_| "unexpected fetch answer".to_owned())?;
    if !resp.ok() {
        return Err(format!("the relay answered {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "no body")?)
        .await
        .map_err(|_| "the relay's answer was cut off".to_owned())?
        .as_string()
        .unwrap_or_default();
    let info: Info = serde_json::from_str(&text).map_err(|e| format!("bad info: {e}"))?;
    Network::parse(&info.network).ok_or_else(|| format!("unknown network \"{}\"", info.network))
}
