//! The full-text index of messages (`session_web::search`), in the browser.

#![cfg(target_arch = "wasm32")]

use session_core::attachment::file_server::FileServer;
use session_core::attachment::pointer::{self, Attachment, AttachmentMeta};
use session_core::attachment::url::FileId;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_web::search::fold::fold;
use session_web::search::{Field, Hit, SearchIndex};
use session_web::storage::{AttachmentRecord, ExpireSetting, MessageRecord, MessageStatus};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sid(n: u8) -> SessionId {
    SessionId::from_x25519([n; 32])
}

fn conv(n: u8) -> ConversationId {
    ConversationId::Direct(sid(n))
}

fn msg(c: &ConversationId, ts: u64, text: &str) -> MessageRecord {
    MessageRecord::new(
        c.clone(),
        sid(200),
        ts,
        text.into(),
        false,
        MessageStatus::Received,
        ts,
    )
}

fn index_of(msgs: &[MessageRecord]) -> SearchIndex {
    let mut index = SearchIndex::new();
    for m in msgs {
        index.add(m).unwrap();
    }
    index
}

/// The sent times of the hits, in order.
fn times(hits: &[Hit]) -> Vec<u64> {
    hits.iter().map(Hit::ts).collect()
}

/// The highlighted pieces of the hit's texts.
fn marked(hit: &Hit) -> Vec<&str> {
    hit.matches
        .iter()
        .flat_map(|m| m.ranges.iter().map(|r| &m.text[r.clone()]))
        .collect()
}

fn file(name: Option<&str>, caption: Option<&str>) -> AttachmentRecord {
    let sealed = pointer::seal(b"data", &mut rand_core::OsRng).unwrap();
    let a = Attachment::new(
        FileServer::mainnet().url_for(FileId::parse("91").unwrap()),
        sealed.secret,
        AttachmentMeta {
            file_name: name.map(Into::into),
            caption: caption.map(Into::into),
            ..AttachmentMeta::default()
        },
    );
    AttachmentRecord::of(&a)
}

#[wasm_bindgen_test]
fn a_word_matches_the_words_it_begins() {
    let c = conv(1);
    let index = index_of(&[
        msg(&c, 1, "Did you read my messages?"),
        msg(&c, 2, "message"),
    ]);
    assert_eq!(times(&index.query("mess", None, 10)), [2, 1]);
    assert_eq!(times(&index.query("messages", None, 10)), [1]);
    // Not the middle of a word.
    assert!(index.query("essages", None, 10).is_empty());
    assert!(index.query("messagesx", None, 10).is_empty());
}

#[wasm_bindgen_test]
fn every_query_word_must_match() {
    let c = conv(1);
    let index = index_of(&[
        msg(&c, 1, "lunch tomorrow at noon"),
        msg(&c, 2, "lunch today"),
        msg(&c, 3, "tomorrow then"),
    ]);
    assert_eq!(times(&index.query("lunch", None, 10)), [2, 1]);
    assert_eq!(times(&index.query("tom lunch", None, 10)), [1]);
    assert_eq!(times(&index.query("  Tomorrow,  LUNCH! ", None, 10)), [1]);
    assert!(index.query("lunch nothing", None, 10).is_empty());
}

#[wasm_bindgen_test]
fn case_and_accents_do_not_matter() {
    let c = conv(1);
    let index = index_of(&[
        msg(&c, 1, "Un café au lait"),
        msg(&c, 2, "cet été-là"),
        msg(&c, 3, "Die Straße ist lang"),
        msg(&c, 4, "Æble og Œuvre"),
        msg(&c, 5, "ŁÓDŹ i Kraków"),
        msg(&c, 6, "Cafe\u{301} decomposed"),
        msg(&c, 7, "Tiếng Việt"),
    ]);
    assert_eq!(times(&index.query("cafe", None, 10)), [6, 1]);
    assert_eq!(times(&index.query("CAFÉ", None, 10)), [6, 1]);
    assert_eq!(times(&index.query("ÉTÉ", None, 10)), [2]);
    assert_eq!(times(&index.query("strasse", None, 10)), [3]);
    assert_eq!(times(&index.query("STRAẞE", None, 10)), [3]);
    assert_eq!(times(&index.query("aeble oeuvre", None, 10)), [4]);
    assert_eq!(times(&index.query("lodz krakow", None, 10)), [5]);
    assert_eq!(times(&index.query("tieng viet", None, 10)), [7]);
    assert_eq!(fold("ÀÉÎÕÜ Ça ĳ ﬁn Ｔｏｋｙｏ"), "aeiou ca ij fin tokyo");
}

#[wasm_bindgen_test]
fn highlights_point_at_the_original_text() {
    let c = conv(1);
    let index = index_of(&[
        msg(&c, 1, "Un Café, une crème"),
        msg(&c, 2, "Cafe\u{301}!"),
        msg(&c, 3, "Messages and more messages"),
        msg(&c, 4, "Straße"),
    ]);
    let hits = index.query("cafe creme", None, 10);
    assert_eq!(marked(&hits[0]), ["Café", "crème"]);
    assert_eq!(hits[0].matches[0].field, Field::Text);
    assert_eq!(hits[0].matches[0].ranges, [3..8, 14..20]);
    // The accent's combining mark goes with its letter.
    assert_eq!(marked(&index.query("cafe", None, 10)[0]), ["Cafe\u{301}"]);
    // A prefix marks what it matched, in each word it begins.
    assert_eq!(marked(&index.query("mess", None, 10)[0]), ["Mess", "mess"]);
    // Half of a ß marks the whole letter.
    assert_eq!(marked(&index.query("stras", None, 10)[0]), ["Straß"]);
}

#[wasm_bindgen_test]
fn cjk_text_matches_anywhere() {
    let c = conv(1);
    let index = index_of(&[
        msg(&c, 1, "東京タワーに行った"),
        msg(&c, 2, "京都と東京"),
        msg(&c, 3, "東京都庁"),
        msg(&c, 4, "iPhoneを買った"),
        msg(&c, 5, "서울에서 만나요"),
    ]);
    let hits = index.query("東京", None, 10);
    assert_eq!(times(&hits), [3, 2, 1]);
    assert_eq!(marked(&hits[2]), ["東京"]);
    // One character, in the middle of a run and at its end.
    assert_eq!(times(&index.query("京", None, 10)), [3, 2, 1]);
    assert_eq!(times(&index.query("た", None, 10)), [4, 1]);
    assert_eq!(marked(&index.query("タワー", None, 10)[0]), ["タワー"]);
    // "東京都" is in 3; 2 has "京都" and "東京" but apart.
    assert_eq!(times(&index.query("東京都", None, 10)), [3]);
    assert_eq!(times(&index.query("iphone 買", None, 10)), [4]);
    // Korean separates words: a word's beginning finds it with its particle.
    assert_eq!(marked(&index.query("서울", None, 10)[0]), ["서울"]);
    assert!(index.query("タワ東", None, 10).is_empty());
}

#[wasm_bindgen_test]
fn file_names_and_captions_are_found() {
    let c = conv(1);
    let mut with_files = msg(&c, 1, "");
    with_files.attachments = vec![
        file(Some("Quarterly_Report-2024.pdf"), None),
        file(Some("IMG_0001.jpg"), Some("Sunset at the beach")),
    ];
    let mut caption_only = msg(&c, 2, "see this");
    caption_only.attachments = vec![file(None, Some("Beach volleyball"))];
    let index = index_of(&[with_files, caption_only]);
    let hits = index.query("report 2024", None, 10);
    assert_eq!(times(&hits), [1]);
    assert_eq!(hits[0].matches[0].field, Field::FileName(0));
    assert_eq!(marked(&hits[0]), ["Report", "2024"]);
    let hits = index.query("sunset", None, 10);
    assert_eq!(hits[0].matches[0].field, Field::Caption(1));
    assert_eq!(times(&index.query("beach", None, 10)), [2, 1]);
    // Words of different texts of one message.
    assert_eq!(times(&index.query("see volley", None, 10)), [2]);
    assert_eq!(times(&index.query("img jpg", None, 10)), [1]);
}

#[wasm_bindgen_test]
fn a_query_can_keep_to_one_conversation() {
    let (a, b) = (conv(1), conv(2));
    let index = index_of(&[
        msg(&a, 1, "hello from a"),
        msg(&b, 2, "hello from b"),
        msg(&a, 3, "hello again"),
    ]);
    let hits = index.query("hello", Some(&a), 10);
    assert_eq!(times(&hits), [3, 1]);
    assert!(hits.iter().all(|h| h.conv() == &a));
    assert_eq!(times(&index.query("hello", Some(&b), 10)), [2]);
    assert_eq!(times(&index.query("hello", None, 10)), [3, 2, 1]);
    assert!(index.query("hello", Some(&conv(3)), 10).is_empty());
}

#[wasm_bindgen_test]
fn removing_and_adding_again_replaces() {
    let (a, b) = (conv(1), conv(2));
    let first = msg(&a, 1, "original words");
    let mut index = index_of(&[first.clone(), msg(&b, 2, "original too")]);
    assert!(index.remove(&first.key()));
    assert!(!index.remove(&first.key()));
    assert_eq!(times(&index.query("original", None, 10)), [2]);
    assert!(index.add(&first).unwrap());
    // The same key again: an edit replaces the words.
    assert!(index.add(&msg(&a, 1, "edited words")).unwrap());
    assert_eq!(index.len(), 2);
    assert_eq!(times(&index.query("original", None, 10)), [2]);
    assert_eq!(times(&index.query("edited", None, 10)), [1]);
    assert_eq!(index.remove_conversation(&b), 1);
    assert_eq!(index.remove_conversation(&conv(9)), 0);
    assert!(index.query("original", None, 10).is_empty());
    assert_eq!(index.len(), 1);
    // Deleted for everyone, or a notice: nothing to find.
    let deleted = MessageRecord {
        deleted: true,
        ..msg(&a, 1, "edited words")
    };
    assert!(!index.add(&deleted).unwrap());
    let notice = MessageRecord {
        timer_notice: Some(ExpireSetting { mode: 1, secs: 60 }),
        ..msg(&a, 5, "timer")
    };
    assert!(!index.add(&notice).unwrap());
    assert!(index.is_empty());
    assert_eq!(index.term_count(), 0);
}

#[wasm_bindgen_test]
fn removing_most_messages_keeps_the_rest_findable() {
    let c = conv(1);
    let mut index = SearchIndex::new();
    let all: Vec<MessageRecord> = (0..5000)
        .map(|i| msg(&c, i, &format!("common w{} parity{}", i % 7, i % 2)))
        .collect();
    for m in &all {
        index.add(m).unwrap();
    }
    let full = index.heap_bytes();
    // The oldest go, leaving empty slots: enough to renumber.
    for m in &all[..4000] {
        assert!(index.remove(&m.key()));
    }
    assert!(index.heap_bytes() < full / 2);
    index.add(&msg(&c, 9999, "common w3 parity1")).unwrap();
    let hits = index.query("w3 parity1", None, 10_000);
    let expected: Vec<u64> = std::iter::once(9999)
        .chain((4000..5000).rev().filter(|i| i % 7 == 3 && i % 2 == 1))
        .collect();
    assert_eq!(times(&hits), expected);
    assert!(index.remove(&all[4001].key()));
    assert_eq!(index.query("common", None, 10_000).len(), 1000);
}

#[wasm_bindgen_test]
fn hits_come_newest_first_up_to_the_limit() {
    let c = conv(1);
    let order = [5u64, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    let msgs: Vec<_> = order.iter().map(|&t| msg(&c, t, "same words")).collect();
    let index = index_of(&msgs);
    assert_eq!(times(&index.query("same", None, 3)), [10, 9, 8]);
    assert_eq!(
        times(&index.query("words", None, 100)),
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    );
    assert!(index.query("same", None, 0).is_empty());
}

#[wasm_bindgen_test]
fn a_query_without_words_finds_nothing() {
    let index = index_of(&[msg(&conv(1), 1, "anything at all !!! 🎉")]);
    for q in ["", "   ", "\t\n", "!!!", "🎉", "\u{301}", "—"] {
        assert!(index.query(q, None, 10).is_empty(), "{q:?}");
    }
}

/// A tiny deterministic generator (xorshift) for odd inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn char(&mut self) -> char {
        let ranges = [
            (0x20, 0x7E),
            (0xC0, 0x17F),
            (0x300, 0x36F),
            (0x370, 0x3FF),
            (0x400, 0x4FF),
            (0x590, 0x6FF),
            (0x1EA0, 0x1EF9),
            (0x200B, 0x200F),
            (0x3040, 0x30FF),
            (0x4E00, 0x4E80),
            (0xAC00, 0xAC80),
            (0xFB00, 0xFB06),
            (0xFE00, 0xFE0F),
            (0xFF00, 0xFFEF),
            (0x1F300, 0x1F64F),
            (0x20000, 0x20010),
            (0xE0100, 0xE0110),
            (0x0, 0x1F),
        ];
        let (lo, hi) = ranges[(self.next() % ranges.len() as u64) as usize];
        char::from_u32(lo + (self.next() % u64::from(hi - lo + 1)) as u32).unwrap_or('?')
    }

    fn text(&mut self, len: usize) -> String {
        (0..len).map(|_| self.char()).collect()
    }
}

#[wasm_bindgen_test]
fn odd_input_neither_panics_nor_marks_outside_the_text() {
    let c = conv(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut index = SearchIndex::new();
    let mut texts = vec![
        String::new(),
        "👨‍👩‍👧‍👦 family 🏳️‍🌈".into(),
        "\u{301}\u{301}a\u{301}\u{FE0F}".into(),
        "\0\u{7}\u{FEFF}zero\u{200D}width".into(),
        "שלום עולם مرحبا".into(),
        "x".repeat(200_000),
        "東".repeat(50_000),
        "İstanbul ΣΟΦΊΑ σοφία".into(),
    ];
    texts.extend((0..300).map(|i| rng.text(1 + i % 80)));
    for (i, t) in texts.iter().enumerate() {
        index.add(&msg(&c, i as u64, t)).unwrap();
    }
    let mut queries: Vec<String> = texts.iter().map(|t| t.chars().take(6).collect()).collect();
    queries.extend((0..200).map(|i| rng.text(1 + i % 12)));
    queries.extend([
        "istanbul".into(),
        "σοφια".into(),
        "x".repeat(100),
        "東東東".into(),
    ]);
    for q in &queries {
        for hit in index.query(q, None, 5) {
            for m in &hit.matches {
                assert!(!m.ranges.is_empty());
                for r in &m.ranges {
                    assert!(r.start < r.end && m.text.get(r.clone()).is_some(), "{q:?}");
                }
            }
        }
    }
    assert_eq!(times(&index.query("istanbul", None, 5)), [7]);
    assert_eq!(times(&index.query("σοφια", None, 5)), [7]);
    // Longer than a term: matched on the text.
    assert_eq!(times(&index.query(&"x".repeat(100), None, 5)), [5]);
    assert_eq!(times(&index.query("東東東", None, 5)), [6]);
    for (i, t) in texts.iter().enumerate() {
        index.remove(&msg(&c, i as u64, t).key());
    }
    assert!(index.is_empty());
    assert_eq!(index.term_count(), 0);
}

/// Words of the synthetic messages: 1,000 Latin words, some accented.
fn word(n: u64) -> String {
    const SYLLABLES: [&str; 10] = ["ka", "lo", "mé", "ri", "tu", "sa", "né", "po", "vi", "zè"];
    let s = |k: u64| SYLLABLES[(k % 10) as usize];
    format!("{}{}{}", s(n / 100), s(n / 10), s(n))
}

#[wasm_bindgen_test]
fn a_hundred_thousand_messages_answer_correctly() {
    const COUNT: u64 = 100_000;
    let convs: Vec<ConversationId> = (0..200).map(|n| conv(n as u8)).collect();
    let started = js_sys::Date::now();
    let mut index = SearchIndex::new();
    let mut rng = Rng(42);
    let blank = file(None, None);
    for i in 0..COUNT {
        // Message i has the marker words "m<i % 97>x" and "q<i % 89>x", eight random words,
        // CJK in every tenth and a file in every eleventh.
        let mut text = format!("m{}x q{}x", i % 97, i % 89);
        for _ in 0..8 {
            text.push(' ');
            text.push_str(&word(rng.next() % 1000));
        }
        if i.is_multiple_of(10) {
            text.push_str(" 東京で会いましょう");
        }
        let mut m = msg(&convs[(i % 200) as usize], i, &text);
        if i.is_multiple_of(11) {
            m.attachments.push(AttachmentRecord {
                name: Some(format!("scan_{i}.pdf")),
                ..blank.clone()
            });
        }
        index.add(&m).unwrap();
    }
    let built = js_sys::Date::now();
    assert_eq!(index.len(), COUNT as usize);

    let t = js_sys::Date::now();
    let hits = index.query("M5X q7x", None, 1000);
    let query_ms = js_sys::Date::now() - t;
    let expected: Vec<u64> = (0..COUNT)
        .rev()
        .filter(|i| i % 97 == 5 && i % 89 == 7)
        .collect();
    assert_eq!(times(&hits), expected);
    assert_eq!(marked(&hits[0]), ["m5x", "q7x"]);

    let scoped = index.query("東京 scan", Some(&convs[110]), 1000);
    let expected: Vec<u64> = (0..COUNT)
        .rev()
        .filter(|i| i % 200 == 110 && i.is_multiple_of(10) && i.is_multiple_of(11))
        .collect();
    assert_eq!(times(&scoped), expected);
    assert_eq!(index.query("会い", None, 50_000).len(), 10_000);
    assert_eq!(times(&index.query("scan_99990", None, 10)), [99_990]);
    web_sys::console::log_1(
        &format!(
            "search: 100k messages built in {:.0} ms, {} terms, ~{} MB; 2-word query {:.1} ms",
            built - started,
            index.term_count(),
            index.heap_bytes() / 1_000_000,
            query_ms
        )
        .into(),
    );
}
