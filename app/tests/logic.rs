//! View models, validation and the transport's error mapping, in the browser.

#![cfg(target_arch = "wasm32")]

use session_core::client::{
    BootstrapError, ClientError, Failure, NodeId, NodeRecord, RelayReason, RemoteText,
    TransportError,
};
use session_core::conversation::ConversationId;
use session_core::identity::{SessionId, SessionIdError};
use session_web::net::tabs::TabMessage;
use session_web::net::transport::{classify_fetch_error, reply_from_parts, FetchTransport};
use session_web::state::compose::{counter, key_action, outgoing_text, KeyAction, MAX_CHARS};
use session_web::state::conversation_settings::{mark_unread, mute, toggle_pin, unmute, MuteFor};
use session_web::state::conversations::{
    colour_key, initial, preview, short_id, sort_for_list, title, title_for, unread_badge,
};
use session_web::state::net_state::NetState;
use session_web::state::outbox::{Waiting, RESUME_FIRST_MS, RESUME_MAX_MS};
use session_web::state::poller::{poll_wait, POLL_HIDDEN_MS, POLL_MAX_BACKOFF_MS, POLL_VISIBLE_MS};
use session_web::state::profile::{validate_display_name, NameError, MAX_NAME_CHARS};
use session_web::state::recipient::{
    look_up, parse_recipient, parse_recipient_input, LookupError, RecipientError, RecipientInput,
};
use session_web::state::route::Route;
use session_web::state::timeline::{build, DayNamer, Row};
use session_web::storage::{ConvSettings, ConversationRecord, MessageRecord, MessageStatus};
use session_web::util::qr::qr_path;
use wasm_bindgen_test::*;

mod support;

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

fn id(fill: &str) -> SessionId {
    format!("05{}", fill.repeat(32)).parse().unwrap()
}

fn m(ts: u64, outgoing: bool) -> MessageRecord {
    MessageRecord {
        ..MessageRecord::new(
            ConversationId::Direct(id("bb")),
            if outgoing { id("aa") } else { id("bb") },
            ts,
            format!("t{ts}"),
            outgoing,
            if outgoing {
                MessageStatus::Sent
            } else {
                MessageStatus::Received
            },
            0,
        )
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
    let err = |input: &str| parse_recipient(input).unwrap_err();
    assert_eq!(err(" \n"), RecipientError::Empty);
    assert_eq!(err("").to_string(), "Enter a Session ID.");
    assert_eq!(
        err("05abc"),
        RecipientError::Invalid(SessionIdError::Length { got: 5 })
    );
    assert_eq!(
        err("05abc").to_string(),
        "A Session ID has 66 characters; this one has 5. Check that you copied all of it."
    );
    let bad_char = format!("05{}zz", "ab".repeat(31));
    assert_eq!(
        err(&bad_char).to_string(),
        "A Session ID contains only the digits 0–9 and letters a–f; character 65 is not one."
    );
    let blinded = format!("15{}", "ab".repeat(32));
    assert_eq!(
        err(&blinded),
        RecipientError::Invalid(SessionIdError::NotStandard(0x15))
    );
    assert_eq!(
        err(&blinded).to_string(),
        "This is not an account's Session ID (it starts with 15; account IDs start with 05)."
    );
}

#[wasm_bindgen_test]
fn ids_and_ons_names_are_told_apart() {
    use session_core::ons::OnsName;
    let good = format!("05{}", "ab".repeat(32));
    let parse = |s: &str| parse_recipient_input(s);
    assert_eq!(
        parse(&format!(" {good}\n")),
        Ok(RecipientInput::Id(good.parse().unwrap()))
    );
    let name = |s: &str| RecipientInput::Name(OnsName::parse(s).unwrap());
    assert_eq!(parse("  Alice_W "), Ok(name("alice_w")));
    assert_eq!(parse("bob-99"), Ok(name("bob-99")));
    // Short hexadecimal text may be a name; an ID-length one never is.
    assert_eq!(parse("05abc"), Ok(name("05abc")));
    assert_eq!(
        parse(&good[..65]),
        Err(RecipientError::Invalid(SessionIdError::Length { got: 65 }))
    );
    // Text that is neither: an ID attempt keeps the ID's explanation.
    assert_eq!(
        parse("05ab cd-"),
        Err(RecipientError::Invalid(SessionIdError::Length { got: 7 }))
    );
    assert_eq!(parse("al ice"), Err(RecipientError::NeitherIdNorName));
    assert_eq!(parse("-alice"), Err(RecipientError::NeitherIdNorName));
    assert!(parse("café")
        .unwrap_err()
        .to_string()
        .contains("neither a Session ID"));
    assert_eq!(parse(" "), Err(RecipientError::Empty));
}

#[wasm_bindgen_test]
async fn names_are_looked_up_with_errors_a_user_can_act_on() {
    use session_core::ons::OnsName;
    let w = support::World::new().await;
    w.engine.swarms.set(support::Swarms::Up);
    let bob = support::bob().session_id();
    w.engine.names.borrow_mut().insert("bob".into(), bob);
    let name = |s: &str| OnsName::parse(s).unwrap();
    assert_eq!(look_up(&*w.engine, &name("Bob")).await, Ok(bob));

    let err = look_up(&*w.engine, &name("nobody")).await.unwrap_err();
    assert_eq!(err, LookupError::NotFound(name("nobody")));
    assert_eq!(
        err.to_string(),
        "No Session ID is registered under the name \u{201c}nobody\u{201d}."
    );
    let hexish = look_up(&*w.engine, &name("05abc")).await.unwrap_err();
    assert!(
        hexish.to_string().ends_with("it has 66 characters."),
        "{hexish}"
    );

    w.engine.swarms.set(support::Swarms::Down);
    let err = look_up(&*w.engine, &name("bob")).await.unwrap_err();
    assert!(matches!(err, LookupError::Network(..)), "{err:?}");
    assert!(err
        .to_string()
        .starts_with("Could not look up \u{201c}bob\u{201d}: "));
}

#[wasm_bindgen_test]
fn shortcuts_are_read_from_key_presses() {
    use session_web::state::shortcuts::{neighbour, shortcut_of, Help, KeyPress, Shortcut, HELP};
    let press = |key: &str, code: &str, ctrl: bool, alt: bool, in_text: bool| KeyPress {
        key: key.into(),
        code: code.into(),
        ctrl,
        alt,
        in_text,
        ..KeyPress::default()
    };
    let of = |k: KeyPress| shortcut_of(&k);
    // Chords by physical key: an AZERTY or a Cyrillic layout gives the same.
    assert_eq!(
        of(press("n", "KeyN", true, true, true)),
        Some(Shortcut::NewConversation)
    );
    assert_eq!(
        of(press("т", "KeyN", true, true, false)),
        Some(Shortcut::NewConversation)
    );
    assert_eq!(
        of(press(",", "Comma", true, true, false)),
        Some(Shortcut::Settings)
    );
    assert_eq!(
        of(press("/", "Slash", true, false, true)),
        Some(Shortcut::Help)
    );
    assert_eq!(
        of(press("ArrowDown", "ArrowDown", false, true, true)),
        Some(Shortcut::NextConversation)
    );
    assert_eq!(
        of(press("ArrowUp", "ArrowUp", false, true, false)),
        Some(Shortcut::PreviousConversation)
    );
    // `?` is a shortcut only outside text fields.
    assert_eq!(
        of(press("?", "Slash", false, false, false)),
        Some(Shortcut::Help)
    );
    assert_eq!(of(press("?", "Slash", false, false, true)), None);
    // Plain typing, Ctrl+N (the browser's) and ⌘ chords are left alone.
    assert_eq!(of(press("n", "KeyN", false, false, true)), None);
    assert_eq!(of(press("n", "KeyN", true, false, false)), None);
    assert_eq!(
        of(press("ArrowDown", "ArrowDown", false, false, false)),
        None
    );
    let mut meta = press("n", "KeyN", true, true, false);
    meta.meta = true;
    assert_eq!(of(meta), None);
    // The help dialog lists every line once, the new-conversation chord named as on a keyboard.
    assert_eq!(
        HELP.iter().collect::<std::collections::HashSet<_>>().len(),
        HELP.len()
    );
    assert!(HELP.contains(&Help::NewConversation));
    assert!(Help::NewConversation.keys().contains("Alt + N"));

    let conv = |fill: &str, listed: bool| {
        let mut c = ConversationRecord::new(ConversationId::Direct(id(fill)));
        c.listed = listed;
        c
    };
    let (a, b, c) = (conv("aa", true), conv("bb", true), conv("cc", true));
    // Not in the list (never written to): skipped.
    let unlisted = conv("dd", false);
    let list = vec![a.clone(), unlisted.clone(), b.clone(), c.clone()];
    assert_eq!(neighbour(&list, None, 1), Some(a.id.clone()));
    assert_eq!(neighbour(&list, None, -1), Some(c.id.clone()));
    assert_eq!(neighbour(&list, Some(&a.id), 1), Some(b.id.clone()));
    assert_eq!(neighbour(&list, Some(&b.id), -1), Some(a.id.clone()));
    assert_eq!(neighbour(&list, Some(&c.id), 1), None);
    assert_eq!(neighbour(&list, Some(&a.id), -1), None);
    assert_eq!(neighbour(&list, Some(&unlisted.id), 1), Some(a.id.clone()));
    assert_eq!(neighbour(&[], None, 1), None);
}

#[wasm_bindgen_test]
// One range to mark is a slice of one range, not a range of numbers.
#[allow(clippy::single_range_in_vec_init)]
fn search_results_mark_their_matches_and_cut_long_texts() {
    use session_web::state::search::{marked_pieces, snippet};
    let piece = |s: &str, m: bool| (s.to_owned(), m);
    assert_eq!(
        marked_pieces("Café at noon", &[0..5, 9..13]),
        vec![
            piece("Café", true),
            piece(" at ", false),
            piece("noon", true)
        ]
    );
    // Ranges that overlap, run past the end or split a character are skipped, never a panic.
    assert_eq!(
        marked_pieces("Café", &[0..2, 1..3, 3..4, 2..99]),
        vec![piece("Ca", true), piece("fé", false)]
    );
    assert_eq!(marked_pieces("", &[0..1]), vec![]);
    assert_eq!(marked_pieces("abc", &[]), vec![piece("abc", false)]);

    let long = format!("{}needle{}", "a ".repeat(100), " b".repeat(100));
    let at = long.find("needle").unwrap();
    let (cut, ranges) = snippet(&long, &[at..at + 6], 60);
    assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
    assert!(cut.chars().count() <= 62);
    assert_eq!(&cut[ranges[0].clone()], "needle");
    let (whole, same) = snippet("short one", &[6..9], 60);
    assert_eq!((whole.as_str(), same), ("short one", vec![6..9]));
}

#[wasm_bindgen_test]
fn conversation_list_model() {
    let mut a = ConversationRecord::new(ConversationId::NoteToSelf);
    a.last_ts = 5;
    a.name = Some("Me".into());
    let mut b = ConversationRecord::new(ConversationId::Direct(id("bb")));
    b.last_ts = 9;
    b.name = Some("  Bob ".into());
    let mut list = vec![a.clone(), b.clone()];
    sort_for_list(&mut list);
    assert_eq!(list[0].id, b.id);
    assert_eq!(title(&b), "Bob");
    assert_eq!(title(&a), "Note to Self");
    let carol = ConversationId::Direct(id("cd"));
    assert_eq!(title_for(&carol, &list), "05cdcd…cdcd");
    assert_eq!(title_for(&ConversationId::NoteToSelf, &[]), "Note to Self");
    let room: ConversationId = "community:lobby@https://chat.example".parse().unwrap();
    assert_eq!(title_for(&room, &list), "lobby");
    // Note to Self keeps the colour our own ID gave it.
    assert_eq!(
        colour_key(&ConversationId::NoteToSelf, &id("aa")),
        id("aa").to_hex()
    );
    assert_eq!(colour_key(&b.id, &id("aa")), id("bb").to_hex());
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
    let mut c = ConversationRecord::new(ConversationId::Direct(id("bb")));
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
    let peer = id("ab");
    let me = id("aa");
    let group: ConversationId = format!("03{}", "cd".repeat(32)).parse().unwrap();
    let room: ConversationId = "community:lobby@https://chat.example".parse().unwrap();
    for r in [
        Route::List,
        Route::New,
        Route::Settings,
        Route::Chat(ConversationId::Direct(peer)),
        Route::Chat(ConversationId::NoteToSelf),
        Route::Chat(group),
        Route::Chat(room),
    ] {
        assert_eq!(Route::from_hash(&r.to_hash()), r);
    }
    assert_eq!(Route::from_hash("/c/self").to_hash(), "/c/self");
    assert_eq!(Route::from_hash("/c/not-an-id"), Route::List);
    assert_eq!(
        Route::from_hash(&format!("/c/{}", peer.to_hex().to_uppercase())),
        Route::Chat(ConversationId::Direct(peer))
    );
    // An address written with our own ID (older versions' Note to Self) opens Note to Self.
    assert_eq!(
        Route::from_hash(&format!("/c/{}", me.to_hex())).for_account(&me),
        Route::Chat(ConversationId::NoteToSelf)
    );
    assert_eq!(
        Route::from_hash(&format!("/c/{}", peer.to_hex())).for_account(&me),
        Route::Chat(ConversationId::Direct(peer))
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
        swarm_id: None,
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
            convs: vec![ConversationId::Direct(id("aa")), ConversationId::NoteToSelf],
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
        TabMessage::Waiting,
        TabMessage::Storage {
            state: "full".into(),
        },
    ];
    for m in all {
        assert_eq!(TabMessage::decode(&m.encode()), Ok(m));
    }
    assert!(TabMessage::decode("{\"t\":\"future\"}").is_err());
    // A conversation this version cannot name is left out, the rest still refreshes.
    assert_eq!(
        TabMessage::decode("{\"t\":\"changed\",\"convs\":[\"self\",\"x:1\"]}"),
        Ok(TabMessage::Changed {
            convs: vec![ConversationId::NoteToSelf]
        })
    );
    assert!(TabMessage::decode("not json").is_err());
}

#[wasm_bindgen_test]
fn messages_waiting_for_the_network_go_with_the_next_poll_then_back_off() {
    let w = Waiting::default().after_flush(true, 1_000);
    // The first failure: sent again with the next successful poll.
    assert!(w.due(1_000));
    let w = w.after_flush(true, 2_000);
    assert!(!w.due(2_000 + RESUME_FIRST_MS - 1) && w.due(2_000 + RESUME_FIRST_MS));
    let mut w = w;
    for _ in 0..20 {
        w = w.after_flush(true, 0);
    }
    assert_eq!(w.not_before, RESUME_MAX_MS);
    // A flush that leaves nothing waiting forgets the backoff.
    assert_eq!(w.after_flush(false, 5), Waiting::default());
    assert!(!Waiting::default().due(u64::MAX));
}

#[wasm_bindgen_test]
fn storage_problems_show_when_full_or_persistent_and_travel_between_tabs() {
    use session_web::state::storage_health::{StorageProblem, SHOWN_AFTER};
    use session_web::storage::StorageError;
    let busy = StorageError::Db("busy".into());
    assert_eq!(StorageProblem::after(&busy, SHOWN_AFTER - 1), None);
    let failing = StorageProblem::after(&busy, SHOWN_AFTER).unwrap();
    assert_eq!(
        StorageProblem::after(&StorageError::Full, 1),
        Some(StorageProblem::Full)
    );
    for p in [StorageProblem::Full, failing] {
        assert_eq!(StorageProblem::from_code(&p.code()), Some(p));
    }
    assert_eq!(StorageProblem::from_code(""), None);
    assert!(StorageProblem::Full.to_string().contains("full"));
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

#[wasm_bindgen_test]
fn display_names_are_checked_with_clear_messages() {
    assert_eq!(validate_display_name("  Alice "), Ok("Alice".into()));
    assert_eq!(validate_display_name("   "), Err(NameError::Empty));
    assert_eq!(NameError::Empty.to_string(), "Enter a display name.");
    let long = "é".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(validate_display_name(&long), Err(NameError::TooLong));
    assert_eq!(
        NameError::TooLong.to_string(),
        "A display name has at most 100 characters."
    );
    assert!(validate_display_name(&"é".repeat(MAX_NAME_CHARS)).is_ok());
}

#[wasm_bindgen_test]
fn relay_info_names_the_network_and_maybe_a_file_server() {
    use session_core::attachment::file_server::FileServer;
    use session_web::net::info::{FileServerError, InfoError, NetworkKind, RelayInfo};
    let plain = RelayInfo::parse(r#"{"network":"local","version":"0.1.0"}"#).unwrap();
    assert_eq!(plain.network, NetworkKind::Local);
    assert_eq!(plain.file_server, Ok(None));
    let key = "ab".repeat(32);
    let with = format!(
        r#"{{"network":"mainnet","file_server":{{"url":"http://127.0.0.1:8089","scheme":"http",
        "host":"127.0.0.1","port":8089,"x25519":"{key}","ed25519":"{}"}}}}"#,
        "cd".repeat(32)
    );
    let info = RelayInfo::parse(&with).unwrap();
    assert_eq!(info.network, NetworkKind::Mainnet);
    let server = FileServer {
        base: "http://127.0.0.1:8089".into(),
        x25519: [0xab; 32],
        ed25519: [0xcd; 32],
    };
    assert_eq!(info.file_server, Ok(Some(server)));
    // A broken file server entry does not hide the network.
    let bad = |field: &str, value: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&with).unwrap();
        v["file_server"][field] = serde_json::from_str(value).unwrap();
        RelayInfo::parse(&v.to_string()).unwrap().file_server
    };
    assert_eq!(bad("scheme", r#""ftp""#), Err(FileServerError::Scheme));
    assert_eq!(bad("port", "70000"), Err(FileServerError::Port));
    assert!(matches!(
        bad("port", r#""80""#),
        Err(FileServerError::Unreadable { .. })
    ));
    assert_eq!(
        bad("x25519", r#""abcd""#),
        Err(FileServerError::Key("x25519"))
    );
    assert_eq!(
        bad("ed25519", "null"),
        Err(FileServerError::Missing("ed25519"))
    );
    assert_eq!(bad("host", r#""a/b""#), Err(FileServerError::Host));
    assert_eq!(
        RelayInfo::parse(r#"{"network":"testnet"}"#),
        Err(InfoError::UnknownNetwork(RemoteText::new("testnet")))
    );
    assert!(matches!(
        RelayInfo::parse("<html>"),
        Err(InfoError::Unreadable { line: 1, .. })
    ));
}

#[wasm_bindgen_test]
fn delivery_outcomes_become_statuses() {
    use session_core::client::{Delivery, OutboxEntry, SendReport, SyncStatus};
    use session_core::identity::Identity;
    use session_core::message::compose::ContentBuilder;
    let client = support::offline_client(Identity::from_seed(&[1; 16]));
    let out = client
        .prepare(&id("bb"), ContentBuilder::text("x").build())
        .unwrap();
    let entry = OutboxEntry::new(out, 0);
    let down = Delivery::Failed(ClientError::Transport(TransportError::Offline));
    let sent = Delivery::Sent(SendReport {
        hash: entry.hash().to_owned(),
        timestamp_ms: 1,
        sync: SyncStatus::NotNeeded,
    });
    // Not stored anywhere: failed, kept for a retry; expired: failed, dropped.
    assert_eq!(
        MessageStatus::after_delivery(&entry, &down),
        (MessageStatus::Failed, false)
    );
    assert_eq!(
        MessageStatus::after_delivery(&entry, &Delivery::Expired),
        (MessageStatus::Failed, true)
    );
    // Sent, but this entry's copies are not all stored: kept.
    assert_eq!(
        MessageStatus::after_delivery(&entry, &sent),
        (MessageStatus::Sent, false)
    );
}

#[wasm_bindgen_test]
fn summaries_follow_deliveries_and_reads() {
    let mut c = ConversationRecord::new(ConversationId::Direct(id("bb")));
    let mut mine = m(10, true);
    mine.status = MessageStatus::Sending;
    let incoming = m(5, false);
    let updated = ConversationRecord::updated(&c.id, Some(c.clone()), &[&incoming], &[]).unwrap();
    assert_eq!((updated.unread, updated.count), (1, 1));
    assert_eq!(
        ConversationRecord::updated(&c.id, Some(updated.clone()), &[], &[]),
        None,
        "nothing new: nothing to store"
    );
    assert_eq!(
        ConversationRecord::updated(&c.id, None, &[], &[("  ", 3)]),
        None
    );
    c.absorb(&mine);
    assert!(c.apply_status(&mine.key(), MessageStatus::Sent));
    assert_eq!(c.last_status, MessageStatus::Sent);
    assert!(
        !c.apply_status(&m(9, true).key(), MessageStatus::Failed),
        "not the newest"
    );
    let mut read = updated;
    assert!(read.mark_read());
    assert_eq!((read.unread, read.last_read_ts), (0, 5));
    assert!(!read.mark_read());
    // Marked unread by hand: shown unread until read again.
    read.settings = mark_unread(&read.settings);
    assert!(read.shows_unread());
    assert!(read.mark_read());
    assert!(!read.shows_unread() && !read.settings.marked_unread);
}

#[wasm_bindgen_test]
fn pinned_first_hidden_until_a_message_and_muted_silent() {
    let mut old_pinned = ConversationRecord::new(ConversationId::Direct(id("aa")));
    old_pinned.last_ts = 1;
    old_pinned.count = 1;
    old_pinned.settings = toggle_pin(&old_pinned.settings);
    let mut new = ConversationRecord::new(ConversationId::Direct(id("bb")));
    new.last_ts = 9;
    new.count = 1;
    let mut list = vec![new.clone(), old_pinned.clone()];
    sort_for_list(&mut list);
    assert_eq!(list[0].id, old_pinned.id, "pinned above newer");
    assert_eq!(toggle_pin(&toggle_pin(&new.settings)), new.settings);

    let mut hidden = new.clone();
    hidden.settings.priority = -1;
    assert!(new.is_listed() && !hidden.is_listed());
    hidden.unread = 1;
    assert!(hidden.is_listed(), "a new message brings it back");
    let empty = ConversationRecord::new(ConversationId::Direct(id("cc")));
    assert!(!empty.is_listed());

    let now = 1_000;
    let timed = mute(&new.settings, MuteFor::Day, now);
    assert!(timed.silenced(now + 86_399) && !timed.silenced(now + 86_400));
    let always = mute(&timed, MuteFor::Always, now);
    assert!(always.silenced(i64::MAX) && always.mute_until_s == 0);
    assert!(!unmute(&always).silenced(now));
    let blocked = ConvSettings {
        blocked: true,
        ..ConvSettings::default()
    };
    assert!(blocked.silenced(now) && !blocked.muted(now));
}
