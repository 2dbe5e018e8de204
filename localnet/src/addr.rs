//! Address rules: which IP addresses are on the public internet, and what a last hop accepts as
//! a server's host. Shared with the relay, which keeps non-global addresses out of a live
//! network's node list.

use reqwest::Url;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether `ip` is a public internet address: not loopback, private, link-local, shared (CGNAT),
/// documentation, benchmarking, multicast, reserved or unspecified. IPv4-mapped IPv6 addresses
/// are judged by their IPv4 address; 6to4 and the IETF-reserved 2001::/23 are refused, since
/// what they wrap cannot be told here.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_global_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_global_v4(v4),
            None => is_global_v6(v6),
        },
    }
}

fn is_global_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let special = a == 0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b))
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 192 && b == 88 && c == 99)
        || (a == 192 && b == 168)
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || a >= 224;
    !special
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let global_unicast = s[0] & 0xe000 == 0x2000;
    // 2001::/23 (IETF), 2001:db8::/32 and 3fff::/20 (documentation), 2002::/16 (6to4).
    let reserved = (s[0] == 0x2001 && (s[1] < 0x0200 || s[1] == 0x0db8))
        || s[0] == 0x2002
        || (s[0] == 0x3fff && s[1] < 0x1000);
    global_unicast && !reserved
}

/// A server's host as a last hop accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Host {
    /// An IPv4 or IPv6 literal (IPv6 with or without brackets).
    Ip(IpAddr),
    /// A DNS name, lowercase, without a trailing dot.
    Name(String),
}

impl Host {
    /// How the host is written in a URL (IPv6 in brackets).
    pub fn url_form(&self) -> String {
        match self {
            Host::Ip(IpAddr::V6(v6)) => format!("[{v6}]"),
            Host::Ip(ip) => ip.to_string(),
            Host::Name(name) => name.clone(),
        }
    }
}

/// Reads a `host` of an onion request's last hop: a bare IP address or DNS name, nothing else
/// (no port, user, path or fragment, which would let the request reach another URL than the one
/// the node builds). A name's last label must start with a letter, so that no URL parser reads
/// the name as a number form of an IPv4 address (`0x7f000001`, `127.1`).
pub fn parse_host(text: &str) -> Option<Host> {
    if let Ok(v4) = text.parse::<Ipv4Addr>() {
        return Some(Host::Ip(IpAddr::V4(v4)));
    }
    let bare = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    if let Ok(v6) = bare.parse::<Ipv6Addr>() {
        return Some(Host::Ip(IpAddr::V6(v6)));
    }
    let name = text.strip_suffix('.').unwrap_or(text);
    if name.is_empty() || name.len() > 253 {
        return None;
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if !name.split('.').all(label_ok) {
        return None;
    }
    let last = name.rsplit('.').next().unwrap_or_default();
    if !last.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(Host::Name(name.to_ascii_lowercase()))
}

/// Why a last hop refuses a server destination. Every reason is answered alike, with the
/// encrypted `{"status":400,"body":"Invalid url"}` (network.md §4.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadServerUrl {
    /// The protocol is not `http`/`https`, or the target is not an `/oxen/…/lsrpc` path of
    /// plain segments.
    Target,
    /// The host is not a bare IP address or DNS name.
    Host,
    /// The host is a non-global address other than the network's own servers.
    NotReachable,
    /// A URL parser reads the assembled URL as something other than what was checked.
    Url,
}

impl fmt::Display for BadServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadServerUrl::Target => "the protocol or target is not allowed",
            BadServerUrl::Host => "the host is not a bare IP address or DNS name",
            BadServerUrl::NotReachable => "the host is a local address",
            BadServerUrl::Url => "the URL does not read back as built",
        })
    }
}

impl std::error::Error for BadServerUrl {}

/// Only unreserved characters, and no empty, `.` or `..` segment that a URL parser would
/// rewrite into another path.
fn is_plain_path(target: &str) -> bool {
    target.starts_with('/')
        && target
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
        && target[1..]
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// The URL a last hop POSTs to for a server destination (`<protocol>://<host>[:port]<target>`,
/// the port omitted when it is the protocol's default), after checking each part: the target
/// rule of network.md §4.6 on a plain path, a bare host, and, for an IP address that is not
/// global, membership of `reachable` (the network's own servers).
pub fn server_url(
    protocol: &str,
    host: &str,
    port: u16,
    target: &str,
    reachable: &[SocketAddr],
) -> Result<Url, BadServerUrl> {
    if !session_core::onion::is_allowed_server_target(protocol, target) || !is_plain_path(target) {
        return Err(BadServerUrl::Target);
    }
    let host = parse_host(host).ok_or(BadServerUrl::Host)?;
    if let Host::Ip(ip) = &host {
        if !is_global(*ip) && !reachable.contains(&SocketAddr::new(*ip, port)) {
            return Err(BadServerUrl::NotReachable);
        }
    }
    let default_port = if protocol == "https" { 443 } else { 80 };
    let text = if port == default_port {
        format!("{protocol}://{}{target}", host.url_form())
    } else {
        format!("{protocol}://{}:{port}{target}", host.url_form())
    };
    let url = Url::parse(&text).map_err(|_| BadServerUrl::Url)?;
    let parsed_host = url.host_str().unwrap_or_default();
    let same_host = match &host {
        Host::Ip(ip) => parsed_host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|p| p == *ip),
        Host::Name(name) => parsed_host == name,
    };
    let same = same_host
        && url.scheme() == protocol
        && url.port_or_known_default() == Some(port)
        && url.path() == target
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    if same {
        Ok(url)
    } else {
        Err(BadServerUrl::Url)
    }
}

/// Resolves server host names to their global addresses only, so that a name cannot lead a
/// last hop to this machine or its network (`localhost`, or a name pointed at 127.0.0.1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlobalOnly;

impl reqwest::dns::Resolve for GlobalOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let global: Vec<SocketAddr> = found.filter(|a| is_global(a.ip())).collect();
            if global.is_empty() {
                let none = std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the name has no global address",
                );
                return Err(Box::new(none) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(global.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_global() {
        for ip in [
            "95.216.33.113",
            "1.1.1.1",
            "8.8.8.8",
            "2a01:4f9:c010::1",
            "::ffff:95.216.33.113",
        ] {
            assert!(is_global(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "0.0.0.0",
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.1.1",
            "100.64.0.1",
            "192.0.2.1",
            "198.51.100.1",
            "203.0.113.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd12::1",
            "ff02::1",
            "2001:db8::1",
            "2002:7f00:1::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_global(ip.parse().unwrap()), "{ip}");
        }
        assert!(is_global("172.32.0.1".parse().unwrap()));
        assert!(is_global("100.128.0.1".parse().unwrap()));
    }

    #[test]
    fn hosts_are_bare_names_or_addresses() {
        assert_eq!(
            parse_host("127.0.0.1"),
            Some(Host::Ip("127.0.0.1".parse().unwrap()))
        );
        assert_eq!(parse_host("[::1]"), Some(Host::Ip("::1".parse().unwrap())));
        assert_eq!(
            parse_host("::1").map(|h| h.url_form()),
            Some("[::1]".into())
        );
        assert_eq!(
            parse_host("FileV2.getsession.org."),
            Some(Host::Name("filev2.getsession.org".into()))
        );
        assert_eq!(parse_host("xn--p1ai"), Some(Host::Name("xn--p1ai".into())));
        for bad in [
            "",
            ".",
            "127.0.0.1:80",
            "127.0.0.1:80/admin/clear#",
            "user@host.org",
            "host.org/path",
            "host.org#x",
            "host.org?x",
            "0x7f000001",
            "127.1",
            "2130706433",
            "a..b",
            "-a.org",
            "a-.org",
            "ex ample.org",
            "exa%6dple.org",
            "[::1]:80",
            "fe80::1%eth0",
            "[127.0.0.1]",
        ] {
            assert_eq!(parse_host(bad), None, "{bad:?}");
        }
        assert_eq!(parse_host(&"a".repeat(64)), None);
        assert!(parse_host(&"a".repeat(63)).is_some());
    }

    #[test]
    fn server_urls_are_what_was_checked() {
        let fs: SocketAddr = "127.0.0.1:8000".parse().unwrap();
        let fv2 = "filev2.getsession.org";
        for (protocol, host, port, target, want) in [
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/v4/lsrpc",
                Ok("http://127.0.0.1:8000/oxen/v4/lsrpc"),
            ),
            (
                "http",
                fv2,
                80,
                "/oxen/v4/lsrpc",
                Ok("http://filev2.getsession.org/oxen/v4/lsrpc"),
            ),
            (
                "https",
                "2a01:4f9:c010::1",
                4443,
                "/loki/v3/lsrpc",
                Ok("https://[2a01:4f9:c010::1]:4443/loki/v3/lsrpc"),
            ),
            (
                "http",
                "127.0.0.1",
                8001,
                "/oxen/v4/lsrpc",
                Err(BadServerUrl::NotReachable),
            ),
            (
                "http",
                "10.0.0.1",
                8000,
                "/oxen/v4/lsrpc",
                Err(BadServerUrl::NotReachable),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/../admin/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/./lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen//lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/%2e%2e/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/a#/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/a?b/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/oxen/a\\b/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1",
                8000,
                "/admin/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "ftp",
                "127.0.0.1",
                8000,
                "/oxen/v4/lsrpc",
                Err(BadServerUrl::Target),
            ),
            (
                "http",
                "127.0.0.1:8000/admin#",
                80,
                "/oxen/v4/lsrpc",
                Err(BadServerUrl::Host),
            ),
        ] {
            let got = server_url(protocol, host, port, target, &[fs]);
            assert_eq!(
                got.as_ref().map(Url::as_str).map_err(|e| *e),
                want,
                "{protocol} {host} {port} {target}"
            );
        }
    }
}
