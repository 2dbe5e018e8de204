//! The network's file server, which `/relay/v1/info` names so that the web app can find it.

use serde_json::{json, Value};
use session_core::attachment::file_server::FileServer as CoreFileServer;

/// Where a file server is and the keys an onion request to it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileServer {
    /// Base URL, as download links name it (no trailing slash).
    pub url: String,
    /// `http` or `https`: the onion request's `protocol`.
    pub scheme: String,
    /// The onion request's `host`.
    pub host: String,
    /// The onion request's `port`.
    pub port: u16,
    /// Key the onion request is encrypted to.
    pub x25519: [u8; 32],
    /// The server's identity (what a download link's `p=` fragment carries).
    pub ed25519: [u8; 32],
}

impl FileServer {
    /// The live network's file server (core's record of network.md §7.1).
    pub fn mainnet() -> Self {
        let core = CoreFileServer::mainnet();
        let (https, host, port) =
            core.endpoint()
                .unwrap_or((false, "filev2.getsession.org".into(), None));
        FileServer {
            url: core.base,
            scheme: if https { "https" } else { "http" }.to_owned(),
            host,
            port: port.unwrap_or(if https { 443 } else { 80 }),
            x25519: core.x25519,
            ed25519: core.ed25519,
        }
    }

    /// The `file_server` object of `/relay/v1/info` (keys as lowercase hex).
    pub fn to_json(&self) -> Value {
        json!({
            "url": self.url,
            "scheme": self.scheme,
            "host": self.host,
            "port": self.port,
            "x25519": hex::encode(self.x25519),
            "ed25519": hex::encode(self.ed25519),
        })
    }
}

impl From<&session_localnet::FileServerInfo> for FileServer {
    fn from(info: &session_localnet::FileServerInfo) -> Self {
        FileServer {
            url: info.url(),
            scheme: info.protocol.clone(),
            host: info.host.clone(),
            port: info.port,
            x25519: info.x25519,
            ed25519: info.ed25519,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::edwards::CompressedEdwardsY;

    #[test]
    fn mainnet_x25519_is_the_montgomery_form_of_its_ed25519_key() {
        let fs = FileServer::mainnet();
        let point = CompressedEdwardsY(fs.ed25519).decompress();
        let montgomery = point.map(|p| p.to_montgomery().to_bytes());
        assert_eq!(montgomery, Some(fs.x25519));
    }

    #[test]
    fn mainnet_json_is_the_spec_table() {
        let v = FileServer::mainnet().to_json();
        assert_eq!(
            v,
            json!({
                "url": "http://filev2.getsession.org",
                "scheme": "http",
                "host": "filev2.getsession.org",
                "port": 80,
                "x25519": "09324794aa9c11948189762d198c618148e9136ac9582068180661208927ef34",
                "ed25519": "b8eef9821445ae16e2e97ef8aa6fe782fd11ad5253cd6723b281341dba22e371",
            })
        );
    }
}
