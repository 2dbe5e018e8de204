//! The file server's API as values (network.md §7.2): the requests for upload, download and
//! extension, and the reading of their answers. The engine sends them through onion v4
//! ([`Client::call_server`](crate::client::Client::call_server)); nothing here does I/O.

use super::url::{self, FileId, FileUrl, UrlError};
use crate::crypto::ed25519::VerifyKey;
use crate::onion::v4::{V4Request, V4Response};
use serde_json::Value;
use std::fmt;

/// The largest upload body accepted: the largest blob either scheme makes of a file within its
/// limit (the deterministic scheme's, which a test checks).
pub const MAX_UPLOAD_BYTES: usize = 10_223_616;

// The live network's file server (network.md §7.1). Plain HTTP between the last node and the
// server: the onion layers give confidentiality.
const MAINNET_BASE: &str = "http://filev2.getsession.org";
const MAINNET_X25519: &str = "09324794aa9c11948189762d198c618148e9136ac9582068180661208927ef34";
const MAINNET_ED25519: &str = "b8eef9821445ae16e2e97ef8aa6fe782fd11ad5253cd6723b281341dba22e371";

/// A file server: where it is and its keys.
#[derive(Clone, PartialEq, Eq)]
pub struct FileServer {
    /// `http://host[:port]`, as download URLs start.
    pub base: String,
    /// The key onion requests to it are encrypted to.
    pub x25519: [u8; 32],
    /// Its identity, which URLs to a server other than the default one carry.
    pub ed25519: [u8; 32],
}

impl fmt::Debug for FileServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileServer({})", self.base)
    }
}

/// A finished upload.
#[derive(Debug, Clone, PartialEq)]
pub struct Uploaded {
    /// The file's id.
    pub id: FileId,
    /// When the server drops it (Unix seconds).
    pub expires_s: f64,
}

/// Why the file server's part of an upload or download failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileServerError {
    /// The blob is larger than the server takes.
    TooLarge {
        /// Its size.
        size: usize,
    },
    /// The server has no such file: it is past its lifetime (or never existed).
    NotFound,
    /// The server refused the request with this status.
    Refused {
        /// Its HTTP status.
        status: u16,
    },
    /// The server's answer is not what the API promises.
    BadReply(&'static str),
    /// The URL names no server this client can reach (another host, no key).
    UnknownServer,
    /// The URL is malformed.
    Url(UrlError),
}

impl fmt::Display for FileServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileServerError::TooLarge { size } => write!(
                f,
                "the encrypted file is {size} bytes; the file server takes at most \
                 {MAX_UPLOAD_BYTES}"
            ),
            FileServerError::NotFound => f.write_str(
                "the file is no longer on the file server (past its lifetime, or removed)",
            ),
            FileServerError::Refused { status } => {
                write!(f, "the file server refused the request ({status})")
            }
            FileServerError::BadReply(what) => write!(f, "the file server's answer {what}"),
            FileServerError::UnknownServer => {
                f.write_str("the file is on a server this client does not know")
            }
            FileServerError::Url(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FileServerError {}

impl From<UrlError> for FileServerError {
    fn from(e: UrlError) -> Self {
        FileServerError::Url(e)
    }
}

fn hex32(text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    // The constants above are 64 hex characters; a test checks they decode.
    let _ = hex::decode_to_slice(text, &mut out);
    out
}

impl FileServer {
    /// The live network's file server.
    pub fn mainnet() -> FileServer {
        FileServer {
            base: MAINNET_BASE.to_owned(),
            x25519: hex32(MAINNET_X25519),
            ed25519: hex32(MAINNET_ED25519),
        }
    }

    /// A server known by its Ed25519 key (a URL's `p=`): the X25519 key is derived from it.
    pub fn with_ed25519(base: &str, ed25519: [u8; 32]) -> Result<FileServer, FileServerError> {
        url::host_port(base).ok_or(FileServerError::Url(UrlError::Host))?;
        let x25519 = VerifyKey::parse(&ed25519)
            .and_then(|k| k.to_x25519())
            .map_err(|_| FileServerError::Url(UrlError::ServerKey))?;
        Ok(FileServer {
            base: base.trim_end_matches('/').to_owned(),
            x25519,
            ed25519,
        })
    }

    /// Its host, port (None for the scheme's default) and whether it is HTTPS.
    pub fn endpoint(&self) -> Option<(bool, String, Option<u16>)> {
        url::host_port(&self.base)
    }

    /// The download URL of a file uploaded here: the `p=` fragment names the server unless it
    /// is the live network's own.
    pub fn url_for(&self, id: FileId) -> FileUrl {
        let key = (self.base != MAINNET_BASE).then_some(self.ed25519);
        FileUrl::new(&self.base, id, key)
    }

    /// The server a URL names: its `p=` key with its host, else `default` when the URL is on
    /// it, else the live network's server when it is that one.
    pub fn for_url(url: &FileUrl, default: &FileServer) -> Result<FileServer, FileServerError> {
        if let Some(ed) = url.server_ed25519 {
            if ed == default.ed25519 && url.base == default.base {
                return Ok(default.clone());
            }
            return FileServer::with_ed25519(&url.base, ed);
        }
        if url.base == default.base {
            return Ok(default.clone());
        }
        let main = FileServer::mainnet();
        if url.base == main.base {
            return Ok(main);
        }
        Err(FileServerError::UnknownServer)
    }
}

/// `POST /file` of an encrypted blob; `ttl_s` asks for a lifetime (the server may shorten it).
pub fn upload_request(blob: Vec<u8>, ttl_s: Option<u64>) -> Result<V4Request, FileServerError> {
    if blob.len() > MAX_UPLOAD_BYTES {
        return Err(FileServerError::TooLarge { size: blob.len() });
    }
    let req = V4Request::post("/file", "application/octet-stream", blob)
        .header("Content-Disposition", "attachment");
    Ok(match ttl_s {
        Some(t) => req.header("X-FS-TTL", &t.to_string()),
        None => req,
    })
}

/// Reads an upload's answer: `{"id", "expires"}` (the official apps refuse one without
/// `expires`).
pub fn read_upload(reply: &V4Response) -> Result<Uploaded, FileServerError> {
    let v = json_body(reply)?;
    let id = match v.get("id") {
        Some(Value::String(s)) => FileId::parse(s),
        // Older servers answered numeric ids.
        Some(Value::Number(n)) => FileId::parse(&n.to_string()),
        _ => return Err(FileServerError::BadReply("has no file id")),
    }
    .map_err(|_| FileServerError::BadReply("has an invalid file id"))?;
    let expires_s = v
        .get("expires")
        .and_then(Value::as_f64)
        .ok_or(FileServerError::BadReply("has no expiry"))?;
    Ok(Uploaded { id, expires_s })
}

/// `GET /file/<id>`.
pub fn download_request(url: &FileUrl) -> V4Request {
    V4Request::get(&url.download_path())
}

/// Reads a download's answer: the blob.
pub fn read_download(reply: V4Response) -> Result<Vec<u8>, FileServerError> {
    status(&reply)?;
    if reply.body.is_empty() {
        return Err(FileServerError::BadReply("is empty"));
    }
    Ok(reply.body)
}

/// `POST /file/<id>/extend`, for ids the server can extend.
pub fn extend_request(id: &FileId, ttl_s: Option<u64>) -> Option<V4Request> {
    if !id.extendable() {
        return None;
    }
    let req = V4Request {
        method: "POST".into(),
        ..V4Request::get(&format!("/file/{id}/extend"))
    };
    Some(match ttl_s {
        Some(t) => req.header("X-FS-TTL", &t.to_string()),
        None => req,
    })
}

/// Reads an extension's answer: the new expiry (Unix seconds).
pub fn read_extend(reply: &V4Response) -> Result<f64, FileServerError> {
    json_body(reply)?
        .get("expires")
        .and_then(Value::as_f64)
        .ok_or(FileServerError::BadReply("has no expiry"))
}

fn status(reply: &V4Response) -> Result<(), FileServerError> {
    match reply.code {
        200..=299 => Ok(()),
        404 => Err(FileServerError::NotFound),
        413 => Err(FileServerError::TooLarge { size: 0 }),
        status => Err(FileServerError::Refused { status }),
    }
}

fn json_body(reply: &V4Response) -> Result<Value, FileServerError> {
    status(reply)?;
    serde_json::from_slice(&reply.body).map_err(|_| FileServerError::BadReply("is not JSON"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map};

    fn reply(code: u16, body: &[u8]) -> V4Response {
        V4Response {
            code,
            headers: Map::new(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn the_mainnet_keys_agree() {
        let m = FileServer::mainnet();
        let derived = FileServer::with_ed25519(&m.base, m.ed25519).unwrap();
        assert_eq!(
            derived, m,
            "the X25519 key is the Montgomery form of the Ed25519 one"
        );
        let id = FileId::parse("abc").unwrap();
        assert_eq!(
            m.url_for(id.clone()).to_string(),
            "http://filev2.getsession.org/file/abc"
        );
        let local = FileServer::with_ed25519("http://127.0.0.1:9000", m.ed25519).unwrap();
        let u = local.url_for(id);
        assert_eq!(u.server_ed25519, Some(m.ed25519));
        assert_eq!(
            FileServer::for_url(&u, &m).unwrap().base,
            "http://127.0.0.1:9000"
        );
        let plain = FileUrl::parse("http://127.0.0.1:9000/file/abc").unwrap();
        assert_eq!(FileServer::for_url(&plain, &local).unwrap(), local);
        assert_eq!(
            FileServer::for_url(&plain, &m),
            Err(FileServerError::UnknownServer)
        );
        let on_main = FileUrl::parse("http://filev2.getsession.org/file/abc").unwrap();
        assert_eq!(FileServer::for_url(&on_main, &local).unwrap(), m);
    }

    #[test]
    fn a_url_with_a_bad_server_key_is_refused() {
        // Not a point on the curve.
        let bad = FileUrl::parse(&format!("http://f.org/file/a#p={}", "ff".repeat(32))).unwrap();
        assert!(FileServer::for_url(&bad, &FileServer::mainnet()).is_err());
    }

    #[test]
    fn the_upload_limit_fits_both_schemes() {
        use crate::attachment::{deterministic, legacy, MAX_ATTACHMENT_BYTES};
        let det = deterministic::encrypted_size(deterministic::MAX_PLAIN_BYTES);
        assert_eq!(det, MAX_UPLOAD_BYTES);
        // iv, at most one block of PKCS#7, MAC.
        let leg = legacy::padded_size(MAX_ATTACHMENT_BYTES) + 16 + 16 + 32;
        assert!(leg <= MAX_UPLOAD_BYTES, "{leg}");
    }

    #[test]
    fn uploads_are_checked_and_read() {
        let r = upload_request(vec![1, 2, 3], Some(3600)).unwrap();
        assert_eq!((r.method.as_str(), r.endpoint.as_str()), ("POST", "/file"));
        assert_eq!(r.headers["X-FS-TTL"], json!("3600"));
        assert_eq!(
            upload_request(vec![0; MAX_UPLOAD_BYTES + 1], None),
            Err(FileServerError::TooLarge {
                size: MAX_UPLOAD_BYTES + 1
            })
        );
        let ok = read_upload(&reply(200, br#"{"id":"abc","expires":1700000000.5}"#)).unwrap();
        assert_eq!((ok.id.as_str(), ok.expires_s), ("abc", 1_700_000_000.5));
        let num = read_upload(&reply(200, br#"{"id":42,"expires":1}"#)).unwrap();
        assert_eq!(num.id.numeric(), 42);
        for (code, body, want) in [
            (
                200,
                &br#"{"id":"abc"}"#[..],
                FileServerError::BadReply("has no expiry"),
            ),
            (
                200,
                br#"{"expires":1}"#,
                FileServerError::BadReply("has no file id"),
            ),
            (
                200,
                br#"{"id":"../x","expires":1}"#,
                FileServerError::BadReply("has an invalid file id"),
            ),
            (200, b"<html>", FileServerError::BadReply("is not JSON")),
            (
                413,
                br#"{"status_code":413}"#,
                FileServerError::TooLarge { size: 0 },
            ),
            (500, b"", FileServerError::Refused { status: 500 }),
        ] {
            assert_eq!(read_upload(&reply(code, body)), Err(want));
        }
    }

    #[test]
    fn downloads_and_extensions() {
        let u = FileUrl::parse("http://filev2.getsession.org/files/77#d").unwrap();
        let r = download_request(&u);
        assert_eq!(
            (r.method.as_str(), r.endpoint.as_str()),
            ("GET", "/file/77")
        );
        assert_eq!(read_download(reply(200, b"blob")).unwrap(), b"blob");
        assert_eq!(
            read_download(reply(404, br#"{"status_code":404}"#)),
            Err(FileServerError::NotFound)
        );
        assert_eq!(
            read_download(reply(200, b"")),
            Err(FileServerError::BadReply("is empty"))
        );
        assert!(
            extend_request(&u.id, None).is_none(),
            "numeric ids cannot be extended"
        );
        let id = FileId::parse(&"a".repeat(44)).unwrap();
        let e = extend_request(&id, Some(60)).unwrap();
        assert_eq!(e.method, "POST");
        assert_eq!(e.endpoint, format!("/file/{}/extend", "a".repeat(44)));
        assert_eq!(e.body, None);
        assert_eq!(read_extend(&reply(200, br#"{"expires":5.0}"#)), Ok(5.0));
    }
}
