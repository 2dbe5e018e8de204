//! View models, validation and the transport's error mapping, in the browser.

#![cfg(target_arch = "wasm32")]

use session_core::client::{
    BootstrapError, ClientError, Failure, NodeId, NodeRecord, RelayReason, RemoteText,
    TransportError,
};
use session_web::net::tabs::TabMessage;
use session_web::net::transport::{classify_fetch_error, reply_from_parts, FetchTransport};
use session_web::state::compose::{counter, key_action, outgoing_text, KeyAction, MAX_CHARS};
use session_web::state::conversations::{
    initial, preview, short_id, sort_newest_first, title, unread_badge,
};
use session_web::state::net_state::NetState;
use session_web::state::recipient::parse_recipient;
use session_web::state::route::Route;
use session_web::state::session::{
    poll_wait, POLL_HIDDEN_MS, POLL_MAX_BACKOFF_MS, POLL_VISIBLE_MS,
};
use session_web::state::timeline::{build, DayNamer, Row};
use session_web::storage::{ConversationRecord, MessageRecord, MessageStatus};
use session_web::util::qr::qr_path;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DAY: u64 = 86_400_000;

/// Days in UTC, names from the numbers, so expectations do not depend on the machine.
struct Utc;
impl DayNamer for Utc {
    fn day(&self, ts: u64) -> i64 {
        (ts / DAY) as i64
    }
    fn weekday(&self, ts: u64) -> String {
        format!("weekday {}", ts / DAY)
    }
    fn date(&self, ts: u64) -> String {
        format!("date {}", ts / DAY)
    }
}

fn m(ts: u64, outgoing: bool) -> MessageRecord {
    MessageRecord {
        conv: "05bb".into(),
        author: if outgoing {
            "05aa".into()
        } else {
            "05bb".into()
        },
        ts,
        text: format!("t{ts}"),
        outgoing,
        status: if outgoing {
            MessageStatus::Sent
        } else {
            MessageStatus::Received
        },
        hash: None,
        stored_ms: 0,
    }
}

#[wasm_bindgen_test]
fn timeline_separates_days_and_marks_the_first_unread() {
    let now = 100 * DAY + 5_000;
    let msgs = vec![
        m(90 * DAY, false),
        m(98 * DAY + 1, true),
        m(99 * DAY + 1, false),
        m(100 * DAY + 1, true),
        m(100 * DAY + 2, false),
        m(100 * DAY + 3, false),
    ];
    let rows = build(&msgs, Some(100 * DAY + 1), now, &Utc);
    let labels: Vec<String> = rows
        .iter()
        .map(|r| match r {
            Row::Day { label, .. } => format!("[{label}]"),
            Row::Unread { count } => format!("(unread {count})"),
            Row::Message(m) => m.text.clone(),
        })
        .collect();
    assert_eq!(
        labels,
        [
            "[date 90]",
            "t7776000000",
            "[weekday 98]",
            "t8467200001",
            "[Yesterday]",
            "t8553600001",
            "[Today]",
            "t8640000001",
            "(unread 2)",
            "t8640000002",
            "t8640000003",
        ]
    );
    // No marker when nothing is unread.
    assert!(!build(&msgs, None, now, &Utc)
        .iter()
        .any(|r| matches!(r, Row::Unread { .. })));
    // A status change changes the row's key (so the bubble re-renders).
    let mut failed = m(1, true);
    failed.status = MessageStatus::Failed;
    assert_ne!(
        Row::Message(Box::new(m(1, true))).key(),
        Row::Message(Box::new(failed)).key()
    );
}

#[wasm_bindgen_test]
fn composer_limit_and_keys() {
    assert!(!counter("hello").visible);
    let near = "é".repeat(MAX_CHARS - 10);
    let c = counter(&near);
    assert!(c.visible && !c.over && c.remaining == 10, "{c:?}");
    let over = "a".repeat(MAX_CHARS + 1);
    assert!(counter(&over).over);
    assert_eq!(outgoing_text(&over), None);
    assert_eq!(outgoing_text("  \n "), None);
    assert_eq!(
        outgoing_text("\n  hi\nthere \n").as_deref(),
        Some("hi\nthere")
    );
    assert_eq!(
        outgoing_text(&"a".repeat(MAX_CHARS)).map(|s| s.len()),
        Some(MAX_CHARS)
    );
    assert_eq!(key_action("Enter", false, false), KeyAction::Send);
    assert_eq!(key_action("Enter", true, false), KeyAction::Default);
    assert_eq!(key_action("Enter", false, true), KeyAction::Default);
    assert_eq!(key_action("a", false, false), KeyAction::Default);
}

#[wasm_bindgen_test]
fn session_ids_are_validated_with_clear_messages() {
    let good = format!("05{}", "ab".repeat(32));
    assert_eq!(
        parse_recipient(&format!("  {}\n", good.to_uppercase()))
            .unwrap()
            .to_hex(),
        good
    );
    assert!(parse_recipient("").unwrap_err().contains("Enter"));
    assert!(parse_recipient("05abc")
        .unwrap_err()
        .contains("66 characters"));
    let bad_char = format!("05{}zz", "ab".repeat(31));
    assert!(parse_recipient(&bad_char)
        .unwrap_err()
        .contains("character 65"));
    let blinded = format!("15{}", "ab".repeat(32));
    assert!(parse_recipient(&blinded)
        .unwrap_err()
        .contains("starts with 15"));
}

#[wasm_bindgen_test]
fn conversation_list_model() {
    let mut a = ConversationRecord::new("05aa");
    a.last_ts = 5;
    let mut b = ConversationRecord::new("05bb");
    b.last_ts = 9;
    b.name = Some("  Bob ".into());
    let mut list = vec![a.clone(), b.clone()];
    sort_newest_first(&mut list);
    assert_eq!(list[0].id, "05bb");
    assert_eq!(title(&b, "05zz"), "Bob");
    assert_eq!(title(&a, "05aa"), "Note to Self");
    assert_eq!(initial("Bob"), "B");
    assert_eq!(
        initial("05cdcd…cdcd"),
        "C",
        "unnamed: the first letter of the key"
    );
    let long = format!("05{}", "cd".repeat(32));
    assert_eq!(short_id(&long), format!("05cdcd…cdcd"));
    assert_eq!(preview("line one\n\nline   two", 100), "line one line two");
    assert_eq!(preview("abcdef", 4), "abc…");
    assert_eq!(unread_badge(0), None);
    assert_eq!(unread_badge(7).as_deref(), Some("7"));
    assert_eq!(unread_badge(150).as_deref(), Some("99+"));
}

#[wasm_bindgen_test]
fn display_names_apply_only_when_newer() {
    let mut c = ConversationRecord::new("05bb");
    assert!(c.apply_name("Bob", 0));
    assert!(c.apply_name("Bobby", 0), "both without times: take it");
    assert!(c.apply_name("Robert", 10));
    assert!(!c.apply_name("Old", 9));
    assert!(!c.apply_name("Same time", 10));
    assert!(!c.apply_name("   ", 20));
    assert_eq!(c.name.as_deref(), Some("Robert"));
}

#[wasm_bindgen_test]
fn routes_round_trip_through_the_hash() {
    let id = format!("05{}", "ab".repeat(32));
    for r in [
        Route::List,
        Route::New,
        Route::Settings,
        Route::Chat(id.clone()),
    ] {
        assert_eq!(Route::from_hash(&r.to_hash()), r);
    }
    assert_eq!(Route::from_hash("/c/not-an-id"), Route::List);
    assert_eq!(
        Route::from_hash(&format!("/c/{}", id.to_uppercase())),
        Route::Chat(id)
    );
}

#[wasm_bindgen_test]
fn transport_errors_blame_our_link_and_keep_relay_reasons() {
    assert_eq!(
        classify_fetch_error("AbortError", true, true),
        TransportError::Timeout
    );
    assert_eq!(
        classify_fetch_error("TypeError", false, true),
        TransportError::Unreachable
    );
    assert_eq!(
        classify_fetch_error("TypeError", false, false),
        TransportError::Offline
    );
    assert_eq!(
        classify_fetch_error("AbortError", false, true),
        TransportError::Aborted
    );
    let r = reply_from_parts(502, Some("node-unreachable".into()), vec![1, 2]);
    assert_eq!(
        (r.status, r.relay_error, r.body),
        (502, Some(RelayReason::NodeUnreachable), vec![1, 2])
    );
    assert_eq!(
        reply_from_parts(200, Some(String::new()), vec![]).relay_error,
        None
    );
    let t = FetchTransport::new("http://relay.example/");
    let guard = NodeRecord {
        ed25519: NodeId([0xab; 32]),
        x25519: [0; 32],
        ip: "127.0.0.1".into(),
        port: 1,
    };
    assert_eq!(
        t.onion_url(&guard),
        format!("http://relay.example/relay/v1/onion/{}", "ab".repeat(32))
    );
    assert_eq!(t.seed_url(), "http://relay.example/relay/v1/seed");
}

#[wasm_bindgen_test]
async fn an_unreachable_relay_is_a_transport_error_not_a_reply() {
    use session_core::client::Transport;
    // Nothing listens on port 9 (discard): fetch fails at the network level.
    let t = FetchTransport::new("http://127.0.0.1:9");
    let err = t.seed(b"{}".to_vec()).await.unwrap_err();
    assert_eq!(err, TransportError::Unreachable);
}

#[wasm_bindgen_test]
fn network_banner_follows_errors() {
    let relay_down = ClientError::Transport(TransportError::Unreachable);
    assert_eq!(
        NetState::from_error(&relay_down, true, Some(false)),
        NetState::RelayUnreachable
    );
    assert_eq!(
        NetState::from_error(&relay_down, false, None),
        NetState::Offline
    );
    let network = ClientError::Unavailable {
        attempts: 6,
        last: Failure::Node {
            status: 503,
            message: RemoteText::new("busy"),
        },
    };
    let clock = ClientError::ClockOutOfSync { status: 406 };
    assert_eq!(
        NetState::from_error(&clock, true, Some(true)),
        NetState::ClockSkew
    );
    let seed_down = ClientError::Bootstrap(BootstrapError::Transport(TransportError::Timeout));
    assert_eq!(
        NetState::from_error(&seed_down, true, None),
        NetState::RelayUnreachable
    );
    assert_eq!(
        NetState::from_error(&network, true, Some(true)),
        NetState::NetworkUnreachable
    );
    // After retries the error may not say it was the relay: the transport knows.
    assert_eq!(
        NetState::from_error(&network, true, Some(false)),
        NetState::RelayUnreachable
    );
    assert!(NetState::Online.banner().is_none());
    assert!(NetState::RelayUnreachable.banner().is_some());
    for s in [
        NetState::Online,
        NetState::Offline,
        NetState::ClockSkew,
        NetState::Connecting,
    ] {
        assert_eq!(NetState::from_code(s.code()), Some(s));
    }
}

#[wasm_bindgen_test]
fn tab_messages_round_trip_and_unknown_ones_are_refused() {
    let all = [
        TabMessage::Changed {
            convs: vec!["05aa".into(), "05bb".into()],
        },
        TabMessage::Net {
            state: "relay".into(),
        },
        TabMessage::Visible {
            tab: "t1".into(),
            visible: true,
        },
        TabMessage::Hello { tab: "t2".into() },
        TabMessage::Bye { tab: "t3".into() },
        TabMessage::Profile,
    ];
    for m in all {
        assert_eq!(TabMessage::decode(&m.encode()), Ok(m));
    }
    assert!(TabMessage::decode("{\"t\":\"future\"}").is_err());
    assert!(TabMessage::decode("not json").is_err());
}

#[wasm_bindgen_test]
fn polling_slows_down_when_hidden_or_failing() {
    assert_eq!(poll_wait(false, 0), POLL_VISIBLE_MS);
    assert_eq!(poll_wait(true, 0), POLL_HIDDEN_MS);
    assert!(poll_wait(false, 1) > POLL_VISIBLE_MS);
    assert_eq!(poll_wait(false, 30), POLL_MAX_BACKOFF_MS);
}

#[wasm_bindgen_test]
fn qr_code_covers_a_session_id() {
    let id = format!("05{}", "ab".repeat(32));
    let (size, d) = qr_path(&id).unwrap();
    assert!(size >= 29, "size {size}");
    assert!(d.starts_with('M') && d.matches('z').count() > 100);
}
