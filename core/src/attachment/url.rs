//! Download URLs of files on a file server, as pointers and profiles carry them (messaging.md
//! §6.5, network.md §7.2): `http://host[:port]/file/<id>`, with an optional fragment in query
//! syntax: `d` when the file uses the deterministic scheme, `p=<hex>` naming a server other than
//! the default by its Ed25519 key. The legacy `/files/<id>` path is read too.
//!
//! The URL comes from another user, so it is parsed strictly: a known scheme, a plain host, a
//! short id of URL-safe characters. Anything else is refused before a request is built.

use std::fmt;

/// The longest file id accepted (deduplicating servers use 44 characters, older ones decimal
/// numbers).
const MAX_ID_LEN: usize = 128;
/// The longest host accepted (a DNS name's limit).
const MAX_HOST_LEN: usize = 253;

/// A file's id on its server: URL-safe base64 or decimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(String);

impl FileId {
    /// Checks an id: 1 to 128 characters of `A-Z a-z 0-9 - _`.
    pub fn parse(text: &str) -> Result<FileId, UrlError> {
        let ok = !text.is_empty()
            && text.len() <= MAX_ID_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(FileId(text.to_owned()))
        } else {
            Err(UrlError::BadId)
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pointer's legacy numeric `id`: the id itself when it is a decimal number, else 0
    /// (what the official apps put there for base64 ids).
    pub fn numeric(&self) -> u64 {
        self.0.parse().unwrap_or(0)
    }

    /// Whether the server can extend this file's lifetime (deduplicating servers' 44-character
    /// ids only).
    pub fn extendable(&self) -> bool {
        self.0.len() == 44
    }
}

impl fmt::Display for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed download URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUrl {
    /// `http://host[:port]` or `https://…`, without a trailing slash.
    pub base: String,
    /// The file's id.
    pub id: FileId,
    /// The `p=` fragment: the Ed25519 key of a server other than the default.
    pub server_ed25519: Option<[u8; 32]>,
    /// The `d` fragment: the file uses the deterministic scheme.
    pub deterministic: bool,
}

/// Why a download URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// Not `http://` or `https://`.
    Scheme,
    /// The host is empty, too long, or has characters a host cannot have.
    Host,
    /// The port is not a number from 1 to 65535.
    Port,
    /// The path is not `/file/<id>` (or `/files/<id>`).
    Path,
    /// The id is empty, too long, or has characters an id cannot have.
    BadId,
    /// The `p=` fragment is not 64 hex characters.
    ServerKey,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Scheme => "the file's URL is neither http nor https",
            UrlError::Host => "the file's URL has no valid host",
            UrlError::Port => "the file's URL has an invalid port",
            UrlError::Path => "the file's URL does not name a file (/file/<id>)",
            UrlError::BadId => "the file's URL has an invalid file id",
            UrlError::ServerKey => "the file's URL names its server with an invalid key",
        })
    }
}

impl std::error::Error for UrlError {}

impl FileUrl {
    /// A URL for `id` on the server at `base`; `server_ed25519` only for a server other than
    /// the default one.
    pub fn new(base: &str, id: FileId, server_ed25519: Option<[u8; 32]>) -> FileUrl {
        FileUrl {
            base: base.trim_end_matches('/').to_owned(),
            id,
            server_ed25519,
            deterministic: false,
        }
    }

    /// Parses a URL from a pointer or a profile.
    pub fn parse(text: &str) -> Result<FileUrl, UrlError> {
        let (url, fragment) = match text.split_once('#') {
            Some((u, f)) => (u, Some(f)),
            None => (text, None),
        };
        let (scheme, rest) = url.split_once("://").ok_or(UrlError::Scheme)?;
        if scheme != "http" && scheme != "https" {
            return Err(UrlError::Scheme);
        }
        let (authority, path) = rest.split_at(rest.find('/').ok_or(UrlError::Path)?);
        check_authority(authority)?;
        let id = path
            .strip_prefix("/file/")
            .or_else(|| path.strip_prefix("/files/"))
            .ok_or(UrlError::Path)?;
        let id = FileId::parse(id)?;
        let mut out = FileUrl {
            base: format!("{scheme}://{authority}"),
            id,
            server_ed25519: None,
            deterministic: false,
        };
        for part in fragment.unwrap_or("").split('&') {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            match name {
                "d" => out.deterministic = true,
                "p" => {
                    let mut key = [0u8; 32];
                    hex::decode_to_slice(value, &mut key).map_err(|_| UrlError::ServerKey)?;
                    out.server_ed25519 = Some(key);
                }
                // `e=` (desktop-internal), `sr=` (another transport) and whatever comes later
                // say nothing this client acts on.
                _ => {}
            }
        }
        Ok(out)
    }

    /// The path of a `GET` for the file.
    pub fn download_path(&self) -> String {
        format!("/file/{}", self.id)
    }
}

impl fmt::Display for FileUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/file/{}", self.base, self.id)?;
        let mut sep = '#';
        if let Some(key) = &self.server_ed25519 {
            write!(f, "{sep}p={}", hex::encode(key))?;
            sep = '&';
        }
        if self.deterministic {
            write!(f, "{sep}d")?;
        }
        Ok(())
    }
}

/// `host[:port]`: a DNS name or IPv4 literal (no user info, no IPv6 brackets: no file server
/// uses them) and a port from 1 to 65535.
fn check_authority(authority: &str) -> Result<(), UrlError> {
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= MAX_HOST_LEN
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with(['-', '.']);
    if !host_ok {
        return Err(UrlError::Host);
    }
    if let Some(port) = port {
        let ok = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p != 0);
        if !ok {
            return Err(UrlError::Port);
        }
    }
    Ok(())
}

/// The host and port of a base URL that [`FileUrl::parse`] accepted (or a configured one).
pub(crate) fn host_port(base: &str) -> Option<(bool, String, Option<u16>)> {
    let (scheme, authority) = base.split_once("://")?;
    let https = match scheme {
        "http" => false,
        "https" => true,
        _ => return None,
    };
    check_authority(authority).ok()?;
    Some(match authority.rsplit_once(':') {
        Some((h, p)) => (https, h.to_owned(), p.parse().ok()),
        None => (https, authority.to_owned(), None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shapes_the_official_apps_send() {
        let id44 = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf";
        assert_eq!(id44.len(), 44);
        let u = FileUrl::parse(&format!("http://filev2.getsession.org/file/{id44}")).unwrap();
        assert_eq!(u.base, "http://filev2.getsession.org");
        assert_eq!((u.id.as_str(), u.id.numeric()), (id44, 0));
        assert!(u.id.extendable() && !u.deterministic && u.server_ed25519.is_none());

        let u = FileUrl::parse("http://filev2.getsession.org/files/123456#d").unwrap();
        assert_eq!((u.id.numeric(), u.deterministic), (123_456, true));
        assert!(!u.id.extendable());

        let key = "ab".repeat(32);
        let u = FileUrl::parse(&format!("http://127.0.0.1:8000/file/xyz#p={key}&d&e=00")).unwrap();
        assert_eq!(u.server_ed25519, Some([0xab; 32]));
        assert!(u.deterministic);
        assert_eq!(
            u.to_string(),
            format!("http://127.0.0.1:8000/file/xyz#p={key}&d")
        );
        assert_eq!(FileUrl::parse(&u.to_string()).unwrap(), u);
        assert_eq!(u.download_path(), "/file/xyz");
    }

    #[test]
    fn refuses_what_is_not_a_file_url() {
        for (bad, why) in [
            ("ftp://f.org/file/1", UrlError::Scheme),
            ("filev2.getsession.org/file/1", UrlError::Scheme),
            ("http://f.org", UrlError::Path),
            ("http://f.org/room/x/file/1", UrlError::Path),
            ("http://f.org/file/", UrlError::BadId),
            ("http://f.org/file/a/b", UrlError::BadId),
            ("http://f.org/file/a%2e", UrlError::BadId),
            ("http://user@f.org/file/1", UrlError::Host),
            ("http://[::1]:80/file/1", UrlError::Host),
            ("http://f.org:0/file/1", UrlError::Port),
            ("http://f.org:99999/file/1", UrlError::Port),
            ("http://f.org:/file/1", UrlError::Port),
            ("http://f.org/file/1#p=zz", UrlError::ServerKey),
            ("http://f.org/file/1#p=abab", UrlError::ServerKey),
        ] {
            assert_eq!(FileUrl::parse(bad), Err(why), "{bad}");
        }
        assert_eq!(
            FileUrl::parse(&format!("http://f.org/file/{}", "a".repeat(129))),
            Err(UrlError::BadId)
        );
    }

    #[test]
    fn base_urls_split_into_host_and_port() {
        assert_eq!(
            host_port("http://127.0.0.1:8000"),
            Some((false, "127.0.0.1".into(), Some(8000)))
        );
        assert_eq!(
            host_port("https://f.org"),
            Some((true, "f.org".into(), None))
        );
        assert_eq!(host_port("gopher://f.org"), None);
    }
}
