//! The network's file server, which `/relay/v1/info` names so that the web app can find it.

use serde_json::{json, Value};

// The official file server of the live network, from network.md §7.1: plain HTTP between the
// last service node and the server (the onion layers give confidentiality); the X25519 key is
// the Montgomery form of the Ed25519 one.
const MAINNET_URL: &str = "http://filev2.getsession.org";
const MAINNET_HOST: &str = "filev2.getsession.org";
const MAINNET_SCHEME: &str = "http";
const MAINNET_PORT: u16 = 80;
const MAINNET_X25519: [u8; 32] =
    hex32("09324794aa9c11948189762d198c618148e9136ac9582068180661208927ef34");
const MAINNET_ED25519: [u8; 32] =
    hex32("b8eef9821445ae16e2e97ef8aa6fe782fd11ad5253cd6723b281341dba22e371");

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
    /// The live network's file server.
    pub fn mainnet() -> Self {
        FileServer {
            url: MAINNET_URL.to_owned(),
            scheme: MAINNET_SCHEME.to_owned(),
            host: MAINNET_HOST.to_owned(),
            port: MAINNET_PORT,
            x25519: MAINNET_X25519,
            ed25519: MAINNET_ED25519,
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

/// 64 hex digits as 32 bytes, at compile time (a bad constant fails the build).
const fn hex32(text: &str) -> [u8; 32] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not a lowercase hex digit"),
        }
    }
    let text = text.as_bytes();
    assert!(text.len() == 64, "not 64 hex digits");
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(text[2 * i]) << 4 | nibble(text[2 * i + 1]);
        i += 1;
    }
    out
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
