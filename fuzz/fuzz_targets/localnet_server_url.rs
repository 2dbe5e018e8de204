#![no_main]
//! A last hop's check of a server destination (`host`, `port`, `target` of an onion layer,
//! chosen by whoever built the onion): a URL is built only when its host, port and path read
//! back exactly as checked, and never for a local address other than the allowed server.

use session_localnet::addr::{is_global, server_url};
use std::net::SocketAddr;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let (Some(host), Some(port), Some(target)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let port = port.parse::<u16>().unwrap_or(80);
    let allowed: SocketAddr = "127.0.0.1:8000".parse().unwrap();
    for protocol in ["http", "https"] {
        let Ok(url) = server_url(protocol, host, port, target, &[allowed]) else {
            continue;
        };
        assert_eq!(url.path(), target);
        assert_eq!(url.port_or_known_default(), Some(port));
        assert!(url.fragment().is_none() && url.query().is_none());
        let host = url.host_str().unwrap_or_default();
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse() {
            assert!(is_global(ip) || SocketAddr::new(ip, port) == allowed, "{url}");
        }
    }
});
