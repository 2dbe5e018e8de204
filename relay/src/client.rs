//! Who a client is: its address (taken from a trusted reverse proxy's headers when the
//! connection comes from one), grouped so that one IPv6 user counts once.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// A range of addresses, `ADDRESS/PREFIX` (a bare address is the range of that one address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

/// Why a `--trusted-proxy` range does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadCidr {
    /// The address part is not an IPv4 or IPv6 address.
    Address,
    /// The prefix length is not a number within the address's bits.
    Prefix,
    /// The address has bits set past the prefix (`10.0.0.1/8`: did you mean `10.0.0.0/8`?).
    HostBits,
}

impl fmt::Display for BadCidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadCidr::Address => "not an IP address",
            BadCidr::Prefix => "the prefix length must be 0–32 (IPv4) or 0–128 (IPv6)",
            BadCidr::HostBits => "the address has bits set past the prefix length",
        })
    }
}

impl std::error::Error for BadCidr {}

impl FromStr for Cidr {
    type Err = BadCidr;

    fn from_str(text: &str) -> Result<Self, BadCidr> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| BadCidr::Address)?;
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().map_err(|_| BadCidr::Prefix)?
            }
            Some(_) => return Err(BadCidr::Prefix),
        };
        if prefix > bits {
            return Err(BadCidr::Prefix);
        }
        if masked(addr, prefix) != addr {
            return Err(BadCidr::HostBits);
        }
        // `::ffff:a.b.c.d/N` is the IPv4 range it maps, as addresses are compared as IPv4.
        Ok(match addr {
            IpAddr::V6(v6) if prefix >= 96 => match v6.to_ipv4_mapped() {
                Some(v4) => Cidr {
                    addr: IpAddr::V4(v4),
                    prefix: prefix - 96,
                },
                None => Cidr { addr, prefix },
            },
            _ => Cidr { addr, prefix },
        })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// `ip` with the bits past `prefix` cleared.
fn masked(ip: IpAddr, prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(v4) & mask))
        }
        IpAddr::V6(v6) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
        }
    }
}

/// An IPv4-mapped IPv6 address as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

impl Cidr {
    /// Whether the range holds `ip` (IPv4-mapped IPv6 addresses count as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        ip.is_ipv4() == self.addr.is_ipv4() && masked(ip, self.prefix) == self.addr
    }
}

/// A client as the per-client limits count it: an IPv4 address, or the /64 network of an IPv6
/// address (one subscriber usually holds a whole /64, and could otherwise be 2^64 clients).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    /// An IPv4 client (IPv4-mapped IPv6 addresses included).
    V4(Ipv4Addr),
    /// The first 64 bits of an IPv6 client's address.
    V6Net(u64),
}

impl ClientKey {
    /// The key of a client address.
    pub fn of(ip: IpAddr) -> ClientKey {
        match canonical(ip) {
            IpAddr::V4(v4) => ClientKey::V4(v4),
            IpAddr::V6(v6) => {
                let [a, b, c, d, ..] = v6.segments();
                ClientKey::V6Net(
                    u64::from(a) << 48 | u64::from(b) << 32 | u64::from(c) << 16 | u64::from(d),
                )
            }
        }
    }
}

/// Request extension: who sent the request (see [`client_addr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// The client's address.
    pub addr: IpAddr,
    /// What its limits are counted under.
    pub key: ClientKey,
}

/// What one forwarding header says about the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// The header is absent.
    Absent,
    /// Its right-most address that is not a trusted proxy.
    Addr(IpAddr),
    /// It is present but names no usable address there (`unknown`, an obfuscated name, a
    /// malformed entry).
    Unusable,
}

/// The client's address: the connection's peer, unless the peer is a trusted proxy; then the
/// right-most address of `X-Forwarded-For` or `Forwarded` that is not itself a trusted proxy
/// (the left-most ones are whatever the client wrote). When both headers are present they must
/// agree: a proxy that sets one passes the other through from the client untouched, so a
/// disagreement means one is forged, and the proxy itself is then taken as the client.
pub fn client_addr(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let xff = named(headers.get_all("x-forwarded-for"), xff_entries, &is_trusted);
    let forwarded = named(headers.get_all("forwarded"), forwarded_entries, &is_trusted);
    match (xff, forwarded) {
        (Named::Addr(a), Named::Absent) | (Named::Absent, Named::Addr(a)) => a,
        (Named::Addr(a), Named::Addr(b)) if a == b => a,
        _ => peer,
    }
}

/// Walks a header's entries (all lines, in order) from the right.
fn named<'a>(
    lines: axum::http::header::GetAll<'a, axum::http::HeaderValue>,
    entries: fn(&'a str) -> Vec<Option<IpAddr>>,
    is_trusted: &dyn Fn(IpAddr) -> bool,
) -> Named {
    let mut all: Vec<Option<IpAddr>> = Vec::new();
    let mut present = false;
    for line in lines {
        present = true;
        match line.to_str() {
            Ok(text) => all.extend(entries(text)),
            Err(_) => return Named::Unusable,
        }
    }
    if !present {
        return Named::Absent;
    }
    let mut leftmost = None;
    for entry in all.iter().rev() {
        match entry {
            None => return Named::Unusable,
            Some(ip) if is_trusted(*ip) => leftmost = Some(*ip),
            Some(ip) => return Named::Addr(*ip),
        }
    }
    // Every entry is a trusted proxy: the request started at one of them.
    leftmost.map_or(Named::Unusable, Named::Addr)
}

/// `X-Forwarded-For: client, proxy1, proxy2` (addresses, possibly with a port).
fn xff_entries(text: &str) -> Vec<Option<IpAddr>> {
    text.split(',').map(node_addr).collect()
}

/// `Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"` (RFC 7239): one element per
/// hop, its `for` parameter naming the hop's client. An element without `for` names nobody.
fn forwarded_entries(text: &str) -> Vec<Option<IpAddr>> {
    split_unquoted(text, ',')
        .into_iter()
        .map(|element| {
            split_unquoted(element, ';')
                .into_iter()
                .find_map(|pair| {
                    let (name, value) = pair.split_once('=')?;
                    name.trim().eq_ignore_ascii_case("for").then_some(value)
                })
                .and_then(node_addr)
        })
        .collect()
}

/// Splits on `sep` outside double quotes.
fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// An address as forwarding headers write it: `192.0.2.1`, `192.0.2.1:80`, `2001:db8::1`,
/// `[2001:db8::1]`, `[2001:db8::1]:80`, optionally in double quotes.
fn node_addr(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let is_port = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = text.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return None;
        }
        return ip.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    let (ip, port) = text.rsplit_once(':')?;
    if !is_port(port) {
        return None;
    }
    ip.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(*name, HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn ipv6_clients_count_per_64() {
        let key = |s: &str| ClientKey::of(s.parse().unwrap());
        assert_eq!(
            key("2001:db8:1:2::1"),
            key("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.1"), key("192.0.2.1"));
        assert_ne!(key("192.0.2.1"), key("192.0.2.2"));
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let trusted: Vec<Cidr> = vec!["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()];
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: IpAddr = "198.51.100.9".parse().unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let h = headers(&[("x-forwarded-for", "203.0.113.1, 198.51.100.7, 10.0.0.3")]);
        assert_eq!(client_addr(proxy, &h, &trusted), ip("198.51.100.7"));
        assert_eq!(client_addr(stranger, &h, &trusted), stranger);
        assert_eq!(client_addr(proxy, &h, &[]), proxy);
        for (name, value, want) in [
            ("forwarded", "for=198.51.100.7", "198.51.100.7"),
            (
                "forwarded",
                "For=\"[2001:db8::7]:443\";proto=https",
                "2001:db8::7",
            ),
            (
                "forwarded",
                "for=198.51.100.7, for=\"[fd00::1]\"",
                "198.51.100.7",
            ),
            ("forwarded", "for=\"a,b\", for=198.51.100.8", "198.51.100.8"),
            ("forwarded", "for=unknown", "10.0.0.2"),
            ("forwarded", "for=198.51.100.7, proto=https", "10.0.0.2"),
            ("x-forwarded-for", "198.51.100.7:5000", "198.51.100.7"),
            ("x-forwarded-for", "2001:db8::7", "2001:db8::7"),
            ("x-forwarded-for", "[2001:db8::7]:5000", "2001:db8::7"),
            ("x-forwarded-for", "10.0.0.5, 10.0.0.6", "10.0.0.5"),
            ("x-forwarded-for", "", "10.0.0.2"),
            ("x-forwarded-for", "198.51.100.7:x", "10.0.0.2"),
            ("x-forwarded-for", "[::1", "10.0.0.2"),
        ] {
            let h = headers(&[(name, value)]);
            assert_eq!(
                client_addr(proxy, &h, &trusted),
                ip(want),
                "{name}: {value}"
            );
        }
        // Both headers: believed when they agree.
        let both = |xff, fwd| headers(&[("x-forwarded-for", xff), ("forwarded", fwd)]);
        let agree = both("198.51.100.7", "for=198.51.100.7");
        assert_eq!(client_addr(proxy, &agree, &trusted), ip("198.51.100.7"));
        let forged = both("198.51.100.7", "for=192.0.2.1");
        assert_eq!(client_addr(proxy, &forged, &trusted), proxy);
    }
}
