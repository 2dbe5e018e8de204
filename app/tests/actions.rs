//! Conversation and message actions, in the browser: nicknames, blocking (nothing from a
//! blocked sender is stored or notified), a message's menu and info, links in text, and the
//! emoji picker.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_web::components::composer::Composer;
use session_web::components::emoji_picker::EmojiPicker;
use session_web::components::message_text::MessageText;
use session_web::state::conversation_settings::{
    block, parse_nickname, set_nickname, unblock, NicknameError, MAX_NICKNAME_BYTES,
};
use session_web::state::conversations::{title, title_for};
use session_web::state::emoji::{
    all, insert_at, is_known, parse_recent, search, with_recent, CATEGORIES, MAX_RECENT,
};
use session_web::state::links::{is_openable, segments, Segment};
use session_web::state::message_actions::{
    actions_for, info_of, opens_upward, InfoField, InfoRow, MessageAction,
};
use session_web::state::receive::{blocked_ids, without_blocked};
use session_web::state::ui::Ui;
use session_web::storage::repo::NameUpdate;
use session_web::storage::{ConvSettings, ConversationRecord, MessageRecord, MessageStatus};
use std::collections::HashSet;
use support::{bob_conv, from_bob, settle, World, START_MS};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn id(fill: &str) -> SessionId {
    format!("05{}", fill.repeat(32)).parse().unwrap()
}

/// A message record from its JSON form (so that fields added later take their defaults).
fn record(conv: &ConversationId, author: &SessionId, text: &str, outgoing: bool) -> MessageRecord {
    serde_json::from_value(serde_json::json!({
        "conv": conv.to_string(),
        "author": author.to_hex(),
        "ts": 1_000,
        "text": text,
        "outgoing": outgoing,
        "status": if outgoing { "sent" } else { "received" },
        "hash": "h1",
        "stored_ms": 2_000,
    }))
    .unwrap()
}

fn name_update(conv: &ConversationId, name: &str) -> NameUpdate {
    NameUpdate {
        conv: conv.clone(),
        name: name.into(),
        updated_s: 1,
        picture: None,
    }
}

// ---- nicknames -----------------------------------------------------------------------------

#[wasm_bindgen_test]
fn nicknames_are_trimmed_limited_to_100_bytes_and_empty_removes() {
    assert_eq!(parse_nickname("  Bobby  "), Ok(Some("Bobby".into())));
    assert_eq!(parse_nickname("   "), Ok(None));
    assert_eq!(parse_nickname(""), Ok(None));
    let full = "a".repeat(MAX_NICKNAME_BYTES);
    assert_eq!(parse_nickname(&full), Ok(Some(full.clone())));
    assert_eq!(
        parse_nickname(&format!("{full}b")),
        Err(NicknameError::TooLong)
    );
    // Bytes, not characters: 34 euro signs are 102 bytes.
    assert_eq!(parse_nickname(&"€".repeat(34)), Err(NicknameError::TooLong));
    assert_eq!(parse_nickname(&"€".repeat(33)).unwrap().unwrap().len(), 99);
    // Spaces around do not count.
    assert!(parse_nickname(&format!("  {full}  ")).is_ok());
}

#[wasm_bindgen_test]
fn a_nickname_shows_instead_of_the_name_until_removed() {
    let mut c = ConversationRecord::new(ConversationId::Direct(id("bb")));
    c.name = Some("Bob".into());
    c.settings = set_nickname(&c.settings, Some("Bobby".into()));
    assert_eq!(title(&c), "Bobby");
    assert_eq!(title_for(&c.id, std::slice::from_ref(&c)), "Bobby");
    c.settings = set_nickname(&c.settings, None);
    assert_eq!(title(&c), "Bob");
    // Only the nickname changes.
    let s = ConvSettings {
        priority: 1,
        ..ConvSettings::default()
    };
    assert_eq!(set_nickname(&s, Some("x".into())).priority, 1);
}

// ---- blocking ------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn block_and_unblock_change_only_the_flag() {
    let s = ConvSettings {
        priority: 1,
        nickname: Some("B".into()),
        ..ConvSettings::default()
    };
    let b = block(&s);
    assert!(b.blocked);
    assert!(b.silenced(0), "a blocked contact makes no notification");
    assert_eq!((b.priority, b.nickname.as_deref()), (1, Some("B")));
    assert_eq!(unblock(&b), s);
}

#[wasm_bindgen_test]
fn blocked_ids_are_the_blocked_direct_conversations() {
    let mut bob = ConversationRecord::new(ConversationId::Direct(id("bb")));
    bob.settings.blocked = true;
    let carol = ConversationRecord::new(ConversationId::Direct(id("cc")));
    let mut note = ConversationRecord::new(ConversationId::NoteToSelf);
    note.settings.blocked = true;
    let ids = blocked_ids(&[bob, carol, note]);
    assert_eq!(ids, HashSet::from([id("bb")]));
}

#[wasm_bindgen_test]
fn messages_and_profiles_of_blocked_senders_are_dropped_but_our_copies_stay() {
    let (bob, carol) = (
        ConversationId::Direct(id("bb")),
        ConversationId::Direct(id("cc")),
    );
    let messages = vec![
        record(&bob, &id("bb"), "from bob", false),
        record(&carol, &id("cc"), "from carol", false),
        // Our sync copy of what we wrote to Bob (from another device).
        record(&bob, &id("aa"), "to bob", true),
    ];
    let names = vec![name_update(&bob, "Bob"), name_update(&carol, "Carol")];
    let blocked = HashSet::from([id("bb")]);
    let (kept, names) = without_blocked(messages.clone(), names.clone(), &blocked);
    let texts: Vec<&str> = kept.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["from carol", "to bob"]);
    assert_eq!(names, [name_update(&carol, "Carol")]);
    // Nobody blocked: everything stays.
    let (all, all_names) = without_blocked(messages, vec![name_update(&bob, "B")], &HashSet::new());
    assert_eq!((all.len(), all_names.len()), (3, 1));
}

#[wasm_bindgen_test]
async fn nothing_from_a_blocked_sender_is_stored_or_notified_and_unblocking_lets_new_ones_in() {
    let w = World::new().await;
    w.platform.hidden.set(true);
    w.session.views.change_settings(&bob_conv(), block).await;
    w.next_poll(from_bob("Bob", START_MS, &["spam", "more spam"]));
    w.lead();
    settle().await;
    w.clock.advance(1_000).await;
    assert!(w.store.messages_of(&bob_conv()).is_empty());
    assert!(w.platform.notes.borrow().is_empty(), "no notification");
    let conv = w.store.conversation(&bob_conv()).unwrap();
    assert_eq!(conv.name, None, "their profile is not taken either");
    assert_eq!(conv.count, 0);
    // The poll's state is kept all the same: the next polls go on past those messages.
    assert!(w.store.client_state.borrow().is_some());

    w.session.views.change_settings(&bob_conv(), unblock).await;
    w.next_poll(from_bob("Bob", START_MS + 10_000, &["hello again"]));
    w.clock.advance(40_000).await;
    let texts: Vec<String> = w
        .store
        .messages_of(&bob_conv())
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, ["hello again"]);
    assert_eq!(w.platform.notes.borrow().len(), 1);
}

// ---- a message's actions -------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_menu_offers_copy_only_with_text_and_resend_only_for_our_failed_messages() {
    let conv = ConversationId::Direct(id("bb"));
    let text = record(&conv, &id("bb"), "hi", false);
    assert_eq!(
        actions_for(&text, MessageStatus::Received),
        [
            MessageAction::Reply,
            MessageAction::CopyText,
            MessageAction::Info,
            MessageAction::DeleteForMe
        ]
    );
    let blank = record(&conv, &id("bb"), "  ", false);
    assert_eq!(
        actions_for(&blank, MessageStatus::Received),
        [
            MessageAction::Reply,
            MessageAction::Info,
            MessageAction::DeleteForMe
        ]
    );
    let ours = record(&conv, &id("aa"), "mine", true);
    assert_eq!(
        actions_for(&ours, MessageStatus::Failed),
        [
            MessageAction::CopyText,
            MessageAction::Retry,
            MessageAction::Info,
            MessageAction::DeleteForMe
        ]
    );
    // Sent and stored: ours to delete for everyone too.
    let sent = MessageRecord {
        hash: Some("h".into()),
        ..ours.clone()
    };
    assert_eq!(
        actions_for(&sent, MessageStatus::Sent),
        [
            MessageAction::Reply,
            MessageAction::CopyText,
            MessageAction::Info,
            MessageAction::DeleteForMe,
            MessageAction::DeleteForEveryone
        ]
    );
    // A deleted message keeps only its notice's actions.
    let deleted = MessageRecord {
        deleted: true,
        ..sent
    };
    assert_eq!(
        actions_for(&deleted, MessageStatus::Sent),
        [MessageAction::Info, MessageAction::DeleteForMe]
    );
    // Labels and test ids are distinct.
    let all = [
        MessageAction::Reply,
        MessageAction::CopyText,
        MessageAction::Retry,
        MessageAction::Info,
        MessageAction::DeleteForMe,
        MessageAction::DeleteForEveryone,
    ];
    let ids: HashSet<&str> = all.iter().map(|a| a.id()).collect();
    assert_eq!(ids.len(), all.len());
}

#[wasm_bindgen_test]
fn message_info_lists_times_hash_author_and_status() {
    let conv = ConversationId::Direct(id("bb"));
    let mut m = record(&conv, &id("bb"), "hi", false);
    let info = info_of(&m, MessageStatus::Received);
    let fields: Vec<InfoField> = info.rows.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            InfoField::Sent,
            InfoField::Received,
            InfoField::From,
            InfoField::Hash,
            InfoField::Status
        ]
    );
    let labels: Vec<String> = fields.iter().map(|f| f.label()).collect();
    assert_eq!(
        labels,
        ["Sent", "Received", "From", "Message hash", "Status"]
    );
    assert_eq!(info.rows[0].1, InfoRow::Time(1_000));
    assert_eq!(info.rows[1].1, InfoRow::Time(2_000));
    assert_eq!(info.rows[2].1, InfoRow::Code(id("bb").to_hex()));
    assert_eq!(info.rows[3].1, InfoRow::Code("h1".into()));
    assert_eq!(info.rows[4].1, InfoRow::Text("Received".into()));
    // A time from the future that was capped: what the sender claimed shows too.
    m.sent_ms = Some(9_999_999);
    let info = info_of(&m, MessageStatus::Received);
    assert!(info
        .rows
        .iter()
        .any(|(f, v)| *f == InfoField::Claimed && *v == InfoRow::Time(9_999_999)));
    // Ours, not stored in a swarm yet.
    let mut ours = record(&conv, &id("aa"), "mine", true);
    ours.hash = None;
    let info = info_of(&ours, MessageStatus::Failed);
    assert!(info.rows.iter().any(|(f, _)| *f == InfoField::Stored));
    assert!(info
        .rows
        .iter()
        .any(|(f, v)| *f == InfoField::Hash && matches!(v, InfoRow::Text(_))));
    assert_eq!(
        info.rows.last().unwrap().1,
        InfoRow::Text("Failed to send".into())
    );
}

#[wasm_bindgen_test]
fn menus_open_upward_in_the_lower_half() {
    assert!(!opens_upward(100.0, 800.0));
    assert!(opens_upward(700.0, 800.0));
}

// ---- links ---------------------------------------------------------------------------------

fn links(text: &str) -> Vec<(String, String)> {
    segments(text)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Link { text, href } => Some((text, href)),
            Segment::Text(_) => None,
        })
        .collect()
}

fn joined(text: &str) -> String {
    segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t,
            Segment::Link { text, .. } => text,
        })
        .collect()
}

#[wasm_bindgen_test]
fn urls_become_links_without_trailing_punctuation() {
    let l = |t: &str, h: &str| (t.to_owned(), h.to_owned());
    assert_eq!(
        links("see https://getsession.org/faq."),
        [l(
            "https://getsession.org/faq",
            "https://getsession.org/faq"
        )]
    );
    assert_eq!(
        links("(at http://example.com/a?b=1&c=2#d), then"),
        [l(
            "http://example.com/a?b=1&c=2#d",
            "http://example.com/a?b=1&c=2#d"
        )]
    );
    assert_eq!(
        links("www.example.com!"),
        [l("www.example.com", "https://www.example.com")]
    );
    assert_eq!(
        links("Wow?https://a.b/c?!"),
        [l("https://a.b/c", "https://a.b/c")]
    );
    // Brackets that belong to the URL stay.
    assert_eq!(
        links("https://en.wikipedia.org/wiki/Rust_(programming_language)"),
        [l(
            "https://en.wikipedia.org/wiki/Rust_(programming_language)",
            "https://en.wikipedia.org/wiki/Rust_(programming_language)"
        )]
    );
    assert_eq!(links("HTTPS://EXAMPLE.COM").len(), 1);
    assert_eq!(
        links("two: https://a.io and www.b.io"),
        [
            l("https://a.io", "https://a.io"),
            l("www.b.io", "https://www.b.io")
        ]
    );
    assert_eq!(
        segments("go to https://x.io now"),
        [
            Segment::Text("go to ".into()),
            Segment::Link {
                text: "https://x.io".into(),
                href: "https://x.io".into()
            },
            Segment::Text(" now".into()),
        ]
    );
}

#[wasm_bindgen_test]
fn only_http_urls_are_links() {
    for text in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.com",
        "mailto:a@b.c",
        "https://",
        "http://.",
        "www.",
        "awww.example.com",
        "xhttps://example.com",
        "nothing here",
        "",
    ] {
        assert_eq!(links(text), Vec::<(String, String)>::new(), "{text}");
        assert_eq!(joined(text), text);
    }
    // A URL ends where markup or invisible direction marks would begin.
    assert_eq!(
        links("https://a.io/<script>")[0].0,
        "https://a.io/",
        "angle brackets end it"
    );
    assert_eq!(links("https://a.io/\u{202E}gpj.exe")[0].0, "https://a.io/");
    assert_eq!(links("https://a.io/\"onclick=x")[0].0, "https://a.io/");
    assert!(is_openable("https://a.io") && is_openable("HTTP://a.io"));
    assert!(!is_openable("javascript:alert(1)") && !is_openable("data:,x"));
}

#[wasm_bindgen_test]
fn segments_give_the_text_back() {
    for text in [
        "plain",
        "a https://x.io/é?q=ü. b",
        "emoji 👋https://x.io👋 www.y.io…",
        "((https://x.io)) www.a.b,c",
        "https://x.io\nhttps://y.io",
    ] {
        assert_eq!(joined(text), text);
    }
}

fn host() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn links_are_anchors_that_ask_before_opening_and_markup_stays_text() {
    let host = host();
    let text =
        "<img src=x onerror=alert(1)> see https://example.com/a?b=1&c=2. javascript:alert(1)";
    leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! { <MessageText text=text.to_owned() /> }
    })
    .forget();
    settle().await;
    assert!(host.query_selector("img").unwrap().is_none(), "no markup");
    let p = host
        .query_selector("[data-testid=message-text]")
        .unwrap()
        .unwrap();
    assert_eq!(p.text_content().unwrap(), text);
    assert_eq!(p.inner_html().matches("<a ").count(), 1, "one link");
    let a: web_sys::HtmlElement = host.query_selector("a").unwrap().unwrap().unchecked_into();
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://example.com/a?b=1&c=2")
    );
    assert_eq!(
        a.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(a.get_attribute("target").as_deref(), Some("_blank"));
    // A click asks first, with the whole URL.
    a.click();
    settle().await;
    let doc = web_sys::window().unwrap().document().unwrap();
    let url = doc
        .query_selector("[data-testid=link-dialog-url]")
        .unwrap()
        .expect("the confirmation");
    assert_eq!(url.text_content().unwrap(), "https://example.com/a?b=1&c=2");
    let cancel: web_sys::HtmlElement = doc
        .query_selector("[data-testid=link-dialog-cancel]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    cancel.click();
    settle().await;
    assert!(doc
        .query_selector("[data-testid=link-dialog]")
        .unwrap()
        .is_none());
}

// ---- emoji ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn the_emoji_list_is_a_few_hundred_distinct_named_emoji() {
    let glyphs: Vec<&str> = all().map(|e| e.glyph).collect();
    assert!(glyphs.len() >= 300, "{}", glyphs.len());
    let distinct: HashSet<&str> = glyphs.iter().copied().collect();
    assert_eq!(distinct.len(), glyphs.len());
    assert!(all().all(|e| !e.name.is_empty() && e.name == e.name.to_lowercase()));
    assert!(CATEGORIES.iter().all(|c| !c.emoji.is_empty()));
}

#[wasm_bindgen_test]
fn emoji_are_found_by_the_start_of_words_of_their_names() {
    let glyphs = |q: &str| search(q).iter().map(|e| e.glyph).collect::<Vec<_>>();
    assert!(glyphs("thumbs").contains(&"👍"));
    assert!(glyphs("THUMBS UP").contains(&"👍"));
    assert!(!glyphs("thumbs up").contains(&"👎"));
    assert!(glyphs("heart").contains(&"❤\u{fe0f}"));
    assert!(glyphs("pizz").contains(&"🍕"));
    assert!(glyphs("").is_empty() && glyphs("   ").is_empty());
    assert!(glyphs("zzzqqq").is_empty());
}

#[wasm_bindgen_test]
fn recently_used_emoji_come_first_without_repeats_and_at_most_24() {
    let r = with_recent(&[], "👍");
    let r = with_recent(&r, "🍕");
    let r = with_recent(&r, "👍");
    assert_eq!(r, ["👍", "🍕"]);
    let mut long = Vec::new();
    for e in all().take(40) {
        long = with_recent(&long, e.glyph);
    }
    assert_eq!(long.len(), MAX_RECENT);
    assert_eq!(long[0], all().nth(39).unwrap().glyph);
    // Stored lists are read strictly: unknown entries, repeats and garbage are dropped.
    assert_eq!(parse_recent(r#"["🍕","<b>x</b>","🍕","👍"]"#), ["🍕", "👍"]);
    assert!(parse_recent("not json").is_empty());
    assert!(is_known("👍") && !is_known("x"));
}

#[wasm_bindgen_test]
fn an_emoji_goes_where_the_cursor_is_counted_in_utf16() {
    assert_eq!(insert_at("ab", 1, 1, "👍"), ("a👍b".into(), 3));
    assert_eq!(insert_at("", 0, 0, "👍"), ("👍".into(), 2));
    // After an emoji (two UTF-16 units) and replacing a selection.
    assert_eq!(insert_at("👋xy", 2, 3, "🍕"), ("👋🍕y".into(), 4));
    // Offsets past the end, or inside a surrogate pair, stay inside the text.
    assert_eq!(insert_at("ab", 9, 9, "!"), ("ab!".into(), 3));
    assert_eq!(insert_at("👋", 1, 1, "!"), ("!👋".into(), 1));
    // A selection given backwards.
    assert_eq!(insert_at("abc", 2, 1, "-"), ("a-c".into(), 2));
}

#[wasm_bindgen_test]
async fn the_picker_reports_the_choice_and_remembers_it() {
    session_web::util::browser::local_remove("session-web.emoji-recent");
    let host = host();
    let chosen = RwSignal::new(Vec::<String>::new());
    let on_pick = Callback::new(move |e: String| chosen.update(|c| c.push(e)));
    let on_close = Callback::new(|()| {});
    leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! { <EmojiPicker on_pick on_close /> }
    })
    .forget();
    settle().await;
    assert!(host
        .query_selector("[data-testid=emoji-recent]")
        .unwrap()
        .is_none());
    let pizza: web_sys::HtmlElement = host
        .query_selector("[data-emoji=\"🍕\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    pizza.click();
    settle().await;
    assert_eq!(chosen.get_untracked(), ["🍕"]);
    let recent = host
        .query_selector("[data-testid=emoji-recent]")
        .unwrap()
        .expect("a recently used row");
    assert!(recent.text_content().unwrap().contains('🍕'));
    assert_eq!(session_web::state::emoji::load_recent(), ["🍕"]);
}

#[wasm_bindgen_test]
async fn the_composer_puts_an_emoji_at_the_cursor() {
    let w = World::new().await;
    session_web::util::browser::draft_set(&bob_conv(), "");
    let host = host();
    let session = w.session.clone();
    leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(Ui::new());
        session.provide();
        view! { <Composer conv=bob_conv() /> }
    })
    .forget();
    settle().await;
    let input: web_sys::HtmlTextAreaElement = host
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("ab");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    input.set_selection_range(1, 1).unwrap();
    let open: web_sys::HtmlElement = host
        .query_selector("[data-testid=emoji-open]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    open.click();
    settle().await;
    let wave: web_sys::HtmlElement = host
        .query_selector("[data-emoji=\"👋\"]")
        .unwrap()
        .expect("the picker")
        .unchecked_into();
    wave.click();
    wave.click();
    settle().await;
    assert_eq!(input.value(), "a👋👋b");
    assert_eq!(session_web::util::browser::draft_get(&bob_conv()), "a👋👋b");
}
