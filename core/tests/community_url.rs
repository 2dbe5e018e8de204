//! Community join links (messaging.md §7.1), with the official library's URL cases.

use proptest::prelude::*;
use session_core::community::url::{JoinLink, JoinLinkError, ServerKey};
use session_core::conversation::ConversationIdError;
use session_testkit::raw_literals;

/// The key every case of the official "Open Group URLs" test decodes to.
fn official_key() -> String {
    raw_literals("tests/test_config_user_groups.cpp")
        .into_iter()
        .find(|l| l["test_case"] == "Open Group URLs" && l["label"] == "to_hex(pk1)")
        .and_then(|l| l["values"][0]["hex"].as_str().map(str::to_owned))
        .expect("the official key literal")
}

#[test]
fn the_official_cases_agree_on_server_room_and_key() {
    let key = official_key();
    let upper = key.to_uppercase();
    let mixed: String = key
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 3 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    // (link, server, token as written)
    let cases = [
        (format!("https://example.com/SomeRoom?public_key={key}"), "https://example.com", "SomeRoom"),
        (format!("HTTPS://EXAMPLE.COM/sOMErOOM?public_key={upper}"), "https://example.com", "sOMErOOM"),
        (format!("HTTPS://EXAMPLE.COM/r/someroom?public_key={mixed}"), "https://example.com", "someroom"),
        (format!("http://example.com/r/someroom?public_key={mixed}"), "http://example.com", "someroom"),
        (format!("HTTPS://EXAMPLE.com:443/r/someroom?public_key={mixed}"), "https://example.com", "someroom"),
        (format!("HTTP://EXAMPLE.com:80/r/someroom?public_key={mixed}"), "http://example.com", "someroom"),
        (
            "http://example.com:80/r/someroom?public_key=ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8".into(),
            "http://example.com",
            "someroom",
        ),
        (
            "http://example.com:80/r/someroom?public_key=yrtwk3hjixg66yjdeiuauk6p7hy1gtm8tgih55abrpnsxnpm3zzo".into(),
            "http://example.com",
            "someroom",
        ),
    ];
    for (text, server, token) in &cases {
        let link = JoinLink::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(link.server(), *server, "{text}");
        assert_eq!(link.token(), *token, "{text}");
        assert_eq!(link.room().room(), "someroom", "{text}");
        assert_eq!(link.key().to_hex(), key, "{text}");
    }
    // Same room whatever the spelling, but http and https are different servers.
    let rooms: Vec<_> = cases
        .iter()
        .map(|(t, ..)| JoinLink::parse(t).unwrap().room().clone())
        .collect();
    assert_eq!(rooms[0], rooms[1]);
    assert_eq!(rooms[0], rooms[2]);
    assert_ne!(rooms[0], rooms[3]);
    assert_eq!(rooms[3], rooms[7]);
}

#[test]
fn the_canonical_link_reads_back_as_the_same_link() {
    let key = official_key();
    let link = JoinLink::parse(&format!("HTTP://127.0.0.1:8080/r/Lobby?public_key={key}")).unwrap();
    let canonical = link.to_string();
    assert_eq!(
        canonical,
        format!("http://127.0.0.1:8080/Lobby?public_key={key}")
    );
    assert_eq!(canonical.parse::<JoinLink>().unwrap(), link);
}

#[test]
fn broken_links_are_typed_errors() {
    let key = official_key();
    let cases = [
        (
            "https://example.com/room".to_owned(),
            JoinLinkError::NoServerKey,
        ),
        (
            "https://example.com/room?public_key=abcd".to_owned(),
            JoinLinkError::ServerKey,
        ),
        (
            format!("https://example.com/room?public_key={}zz", &key[..62]),
            JoinLinkError::ServerKey,
        ),
        (
            format!("https://example.com?public_key={key}"),
            JoinLinkError::NoRoom,
        ),
        (
            format!("https://example.com/?public_key={key}"),
            JoinLinkError::Room(ConversationIdError::RoomToken),
        ),
        (
            format!("https://example.com/r/bad.room?public_key={key}"),
            JoinLinkError::Room(ConversationIdError::RoomToken),
        ),
        (
            format!("ftp://example.com/room?public_key={key}"),
            JoinLinkError::Room(ConversationIdError::ServerUrl),
        ),
        (
            format!("https://example.com/path/room?public_key={key}"),
            JoinLinkError::Room(ConversationIdError::ServerUrl),
        ),
        (
            format!("https://example.com/{}?public_key={key}", "a".repeat(65)),
            JoinLinkError::Room(ConversationIdError::RoomToken),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(JoinLink::parse(&text), Err(want), "{text}");
    }
}

#[test]
fn the_three_key_encodings_agree() {
    let key = official_key();
    let bytes: [u8; 32] = hex::decode(&key).unwrap().try_into().unwrap();
    for text in [
        key.as_str(),
        "ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8",
        "ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=",
        "yrtwk3hjixg66yjdeiuauk6p7hy1gtm8tgih55abrpnsxnpm3zzo",
    ] {
        assert_eq!(ServerKey::decode(text), Ok(ServerKey(bytes)), "{text}");
    }
    // A z-base-32 text whose last character carries bits beyond the 32 bytes is refused.
    assert_eq!(
        ServerKey::decode("yrtwk3hjixg66yjdeiuauk6p7hy1gtm8tgih55abrpnsxnpm3zz9"),
        Err(JoinLinkError::ServerKey)
    );
}

proptest! {
    #[test]
    fn any_text_parses_or_is_a_typed_error(text in ".{0,400}") {
        let _ = JoinLink::parse(&text);
    }

    #[test]
    fn made_links_round_trip(
        port in proptest::option::of(1u16..),
        token in "[A-Za-z0-9_-]{1,64}",
        key in any::<[u8; 32]>(),
        https: bool,
    ) {
        let scheme = if https { "https" } else { "http" };
        let server = match port {
            Some(p) => format!("{scheme}://sogs.example.org:{p}"),
            None => format!("{scheme}://sogs.example.org"),
        };
        let link = JoinLink::new(&server, &token, ServerKey(key)).unwrap();
        let again = JoinLink::parse(&link.to_string()).unwrap();
        prop_assert_eq!(again.token(), token.as_str());
        prop_assert_eq!(again.key(), &ServerKey(key));
        prop_assert_eq!(again.room(), link.room());
    }
}
