//! Behind a reverse proxy, each user is still its own client: on connections from a trusted
//! proxy the client address comes from `X-Forwarded-For` or `Forwarded`, and from nowhere else.

mod common;

use reqwest::StatusCode;
use session_relay::{Cidr, Limits};
use std::net::IpAddr;

/// A relay whose per-client rate allows two requests, with 127.0.0.1 as trusted proxy.
async fn behind_proxy() -> common::TestRelay {
    common::start(
        None,
        Limits {
            burst_per_client: 2,
            rate_per_client: 1,
            trusted_proxies: vec!["127.0.0.1/32".parse::<Cidr>().unwrap()],
            ..Limits::default()
        },
    )
    .await
}

/// A client whose connections come from `from`.
fn http_from(from: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .local_address(from.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

/// Sends one onion request (to an unknown node: 403 while within the rate, 429 past it).
async fn hit(t: &common::TestRelay, from: &reqwest::Client, headers: &[(&str, &str)]) -> u16 {
    let mut req = from
        .post(format!("{}/relay/v1/onion/{}", t.base, "ab".repeat(32)))
        .header("content-type", "application/octet-stream")
        .body(&b"x"[..]);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let status = req.send().await.unwrap().status();
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::TOO_MANY_REQUESTS,
        "{status}"
    );
    status.as_u16()
}

#[tokio::test]
async fn a_trusted_proxy_names_its_clients() {
    let t = behind_proxy().await;
    let proxy = http_from("127.0.0.1");
    let xff = |v| [("x-forwarded-for", v)];
    assert_eq!(hit(&t, &proxy, &xff("198.51.100.7")).await, 403);
    assert_eq!(hit(&t, &proxy, &xff("198.51.100.7")).await, 403);
    assert_eq!(hit(&t, &proxy, &xff("198.51.100.7")).await, 429);
    // Another user behind the same proxy has their own allowance…
    assert_eq!(hit(&t, &proxy, &xff("198.51.100.8")).await, 403);
    // …and the first one is known however the headers name them: the right-most address that
    // is not a trusted proxy, in either header.
    for headers in [
        vec![("x-forwarded-for", "203.0.113.5, 198.51.100.7")],
        vec![("x-forwarded-for", "198.51.100.7, 127.0.0.1")],
        vec![
            ("x-forwarded-for", "203.0.113.5"),
            ("x-forwarded-for", "198.51.100.7"),
        ],
        vec![("forwarded", "for=198.51.100.7;proto=https")],
        vec![("forwarded", "for=\"198.51.100.7:4711\", for=127.0.0.1")],
    ] {
        assert_eq!(hit(&t, &proxy, &headers).await, 429, "{headers:?}");
    }
    // IPv6 clients are grouped by /64.
    let v6 = |v| [("forwarded", v)];
    assert_eq!(hit(&t, &proxy, &v6("for=\"[2001:db8:1:2::1]\"")).await, 403);
    assert_eq!(
        hit(&t, &proxy, &v6("for=\"[2001:db8:1:2::99]:443\"")).await,
        403
    );
    assert_eq!(
        hit(&t, &proxy, &v6("for=\"[2001:db8:1:2:ffff::1]\"")).await,
        429
    );
    assert_eq!(hit(&t, &proxy, &v6("for=\"[2001:db8:1:3::1]\"")).await, 403);
    // Without a usable address the proxy itself is the client.
    assert_eq!(hit(&t, &proxy, &[]).await, 403);
    assert_eq!(hit(&t, &proxy, &xff("unknown")).await, 403);
    assert_eq!(hit(&t, &proxy, &[("forwarded", "for=_hidden")]).await, 429);
    t.relay.shutdown().await;
}

#[tokio::test]
async fn headers_from_anyone_else_are_ignored() {
    let t = behind_proxy().await;
    let direct = http_from("127.0.0.2");
    assert_eq!(
        hit(&t, &direct, &[("x-forwarded-for", "198.51.100.1")]).await,
        403
    );
    assert_eq!(
        hit(&t, &direct, &[("forwarded", "for=198.51.100.2")]).await,
        403
    );
    assert_eq!(
        hit(&t, &direct, &[("x-forwarded-for", "198.51.100.3")]).await,
        429,
        "a client cannot name itself anew to escape its limit"
    );
    t.relay.shutdown().await;
}

#[test]
fn proxy_ranges_parse_strictly() {
    for good in [
        "127.0.0.1/32",
        "10.0.0.0/8",
        "::1/128",
        "fd00::/8",
        "192.0.2.7",
    ] {
        assert!(good.parse::<Cidr>().is_ok(), "{good}");
    }
    for bad in [
        "",
        "10.0.0.0/33",
        "::/129",
        "10.0.0.1/8",
        "x/8",
        "10.0.0.0/",
        "10.0.0.0/08x",
    ] {
        assert!(bad.parse::<Cidr>().is_err(), "{bad}");
    }
}
