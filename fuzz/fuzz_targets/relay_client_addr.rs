#![no_main]
//! The client address the relay reads from a trusted proxy's X-Forwarded-For / Forwarded
//! headers: whatever the headers hold, the answer is the proxy or an address they name, never
//! a panic.

use http::{HeaderMap, HeaderName, HeaderValue};
use session_relay::client::client_addr;
use session_relay::Cidr;
use std::net::IpAddr;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let trusted: Vec<Cidr> = vec![
        "10.0.0.0/8".parse().unwrap(),
        "fd00::/8".parse().unwrap(),
    ];
    let proxy: IpAddr = "10.0.0.1".parse().unwrap();
    // Header lines separated by '\n', the first byte of each choosing its name.
    let mut headers = HeaderMap::new();
    for line in data.split(|b| *b == b'\n') {
        let Some((which, value)) = line.split_first() else {
            continue;
        };
        let name = if which % 2 == 0 { "x-forwarded-for" } else { "forwarded" };
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.append(HeaderName::from_static(name), value);
        }
    }
    let client = client_addr(proxy, &headers, &trusted);
    if client != proxy {
        let text = String::from_utf8_lossy(data).to_ascii_lowercase();
        let named = match client {
            IpAddr::V4(v4) => text.contains(&v4.to_string()),
            IpAddr::V6(_) => text.contains(':'),
        };
        assert!(named, "{client} is not in the headers");
    }
    let stranger: IpAddr = "192.0.2.1".parse().unwrap();
    assert_eq!(client_addr(stranger, &headers, &trusted), stranger);
});
