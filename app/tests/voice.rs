//! Voice messages without a microphone: the recorder's states over a fake microphone and
//! simulated time (the running duration, the time limit, cancelling, too short, refused or
//! missing microphones), the file a recording is sent as (WebM with its duration written in),
//! the press-and-hold gesture, the player's rules, and a recording going out as one
//! attachment with the `VOICE_MESSAGE` flag, as Bob's app opens it.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::*;
use session_core::attachment::pointer::Attachment;
use session_core::proto::session::attachment_pointer::Flags;
use session_web::components::composer::Composer;
use session_web::ports::{Boxed, Clock};
use session_web::state::context::provide_part;
use session_web::state::recorder::{
    format_clock, format_seconds, slid_away, voice_file, webm_with_duration, Gesture,
    GestureAction, Mic, MicSource, Phase, RecordError, Recorder, Recording, Speed, MAX_MS, MIN_MS,
};
use session_web::state::ui::Ui;
use session_web::storage::MessageStatus;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use support::{bob, bob_conv, delivered_content, settle, SimClock, Swarms, World};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---- a fake microphone -----------------------------------------------------------------------

/// A microphone whose permission prompt takes `ask_ms` of virtual time and then gives
/// `answer`; what it "records" is `recorded`.
struct FakeMic {
    clock: SimClock,
    ask_ms: Cell<u64>,
    answer: RefCell<Result<(), RecordError>>,
    recorded: RefCell<Recording>,
    /// Whether it is on (the browser's recording indicator).
    on: Cell<bool>,
    opened: Cell<u32>,
    stopped: Cell<u32>,
    discarded: Cell<u32>,
}

impl FakeMic {
    fn new(clock: &SimClock) -> Rc<FakeMic> {
        Rc::new(FakeMic {
            clock: clock.clone(),
            ask_ms: Cell::new(0),
            answer: RefCell::new(Ok(())),
            recorded: RefCell::new(Recording {
                data: webm(None),
                mime: "audio/webm;codecs=opus".into(),
            }),
            on: Cell::new(false),
            opened: Cell::new(0),
            stopped: Cell::new(0),
            discarded: Cell::new(0),
        })
    }
}

impl Mic for FakeMic {
    fn open(&self) -> Boxed<'_, Result<(), RecordError>> {
        let asked = Clock::sleep(&self.clock, self.ask_ms.get());
        Box::pin(async move {
            asked.await;
            let answer = self.answer.borrow().clone();
            if answer.is_ok() {
                self.on.set(true);
                self.opened.set(self.opened.get() + 1);
            }
            answer
        })
    }

    fn stop(&self) -> Boxed<'_, Result<Recording, RecordError>> {
        Box::pin(async move {
            if !self.on.replace(false) {
                return Err(RecordError::Failed("not recording".into()));
            }
            self.stopped.set(self.stopped.get() + 1);
            Ok(self.recorded.borrow().clone())
        })
    }

    fn discard(&self) {
        if self.on.replace(false) {
            self.discarded.set(self.discarded.get() + 1);
        }
    }
}

fn recorder(clock: &SimClock, mic: &Rc<FakeMic>) -> Rc<Recorder> {
    Recorder::new(mic.clone(), Rc::new(clock.clone()))
}

// ---- WebM as a browser's recorder writes it ----------------------------------------------------

/// The start of a WebM file as Chromium's MediaRecorder writes it: the EBML header, a Segment
/// of unknown size (or `segment_size`), its Info (TimecodeScale 1 ms, no Duration), Tracks and
/// a Cluster of unknown size.
fn webm(segment_size: Option<u8>) -> Vec<u8> {
    let mut v = vec![0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x86, 0x81, 0x01];
    v.extend_from_slice(&[0x18, 0x53, 0x80, 0x67]);
    match segment_size {
        None => v.extend_from_slice(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        Some(n) => v.push(0x80 | n),
    }
    let info: &[u8] = &[
        0x15, 0x49, 0xA9, 0x66, 0x8E, // Info, 14 bytes
        0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40, // TimecodeScale 1,000,000
        0x4D, 0x80, 0x84, b'T', b'e', b's', b't', // MuxingApp
    ];
    v.extend_from_slice(info);
    v.extend_from_slice(&[0x16, 0x54, 0xAE, 0x6B, 0x82, 0xAE, 0x80]); // Tracks
    v.extend_from_slice(&[
        0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    v.extend_from_slice(&[0xE7, 0x81, 0x00]); // Timecode 0
    v
}

/// The Duration a WebM file's Info gives, in ms (read the way players read it).
fn duration_of(b: &[u8]) -> Option<f64> {
    let info = b.windows(4).position(|w| w == [0x15, 0x49, 0xA9, 0x66])?;
    let size = (b[info + 4] & 0x7F) as usize;
    let body = &b[info + 5..info + 5 + size];
    let at = body.windows(3).position(|w| w == [0x44, 0x89, 0x88])?;
    let raw: [u8; 8] = body[at + 3..at + 11].try_into().ok()?;
    Some(f64::from_be_bytes(raw))
}

#[wasm_bindgen_test]
fn a_webm_recording_gets_its_duration() {
    let plain = webm(None);
    let fixed = webm_with_duration(&plain, 2_345).expect("patched");
    assert_eq!(duration_of(&fixed), Some(2_345.0));
    assert_eq!(fixed.len(), plain.len() + 11);
    // Everything after the Info is untouched.
    assert!(fixed.ends_with(&plain[plain.len() - 22..]));
    // Once is enough.
    assert_eq!(webm_with_duration(&fixed, 9_000), None);
    // Not WebM: left alone.
    assert_eq!(webm_with_duration(b"OggS\0\0\0\0", 1_000), None);
    assert_eq!(webm_with_duration(&[], 1_000), None);
    assert_eq!(webm_with_duration(&plain[..20], 1_000), None);
}

#[wasm_bindgen_test]
fn a_segment_of_known_size_grows_with_its_info() {
    let body_len = webm(None).len() - 9 - 12;
    let plain = webm(Some(body_len as u8));
    let fixed = webm_with_duration(&plain, 1_500).expect("patched");
    assert_eq!(duration_of(&fixed), Some(1_500.0));
    assert_eq!(fixed[13], 0x80 | (body_len as u8 + 11));
}

#[wasm_bindgen_test]
fn a_recording_is_sent_as_a_voice_file() {
    let rec = Recording {
        data: webm(None),
        mime: "audio/webm;codecs=opus".into(),
    };
    let voice = voice_file(rec, 3_000).unwrap();
    assert!(voice.file.voice);
    assert_eq!(voice.file.mime, "audio/webm");
    assert_eq!(voice.file.name, "Voice message.webm");
    assert_eq!(duration_of(&voice.file.data), Some(3_000.0));
    let ogg = Recording {
        data: b"OggS rest".to_vec(),
        mime: "audio/ogg; codecs=opus".into(),
    };
    let voice = voice_file(ogg, 3_000).unwrap();
    assert_eq!(
        (voice.file.mime.as_str(), voice.file.name.as_str()),
        ("audio/ogg", "Voice message.ogg")
    );
    assert_eq!(voice.file.data, b"OggS rest");
    let empty = Recording {
        data: Vec::new(),
        mime: "audio/webm".into(),
    };
    assert_eq!(voice_file(empty, 3_000), Err(RecordError::Empty));
    let huge = Recording {
        data: vec![0; 10_000_001],
        mime: "audio/webm".into(),
    };
    assert_eq!(voice_file(huge, 3_000), Err(RecordError::TooLarge));
}

// ---- the recorder ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn recording_shows_its_duration_and_gives_a_voice_message() {
    let clock = SimClock::new();
    let mic = FakeMic::new(&clock);
    mic.ask_ms.set(700);
    let r = recorder(&clock, &mic);
    assert_eq!(r.phase().get_untracked(), Phase::Idle);

    {
        let r = r.clone();
        wasm_bindgen_futures::spawn_local(async move { r.start().await.unwrap() });
    }
    settle().await;
    assert_eq!(
        r.phase().get_untracked(),
        Phase::Asking,
        "the browser is asking"
    );
    clock.advance(700).await;
    let since = clock.now();
    assert_eq!(
        r.phase().get_untracked(),
        Phase::Recording { started_ms: since }
    );
    assert!(mic.on.get());

    clock.advance(1_250).await;
    assert_eq!(r.elapsed_ms().get_untracked(), 1_250);
    assert_eq!(format_clock(r.elapsed_ms().get_untracked()), "0:01");
    clock.advance(1_250).await;
    assert_eq!(r.elapsed_ms().get_untracked(), 2_500);

    let voice = r.finish().await.unwrap().expect("a recording");
    assert_eq!(voice.duration_ms, 2_500);
    assert!(voice.file.voice);
    assert_eq!(duration_of(&voice.file.data), Some(2_500.0));
    assert_eq!(r.phase().get_untracked(), Phase::Idle);
    assert_eq!(r.elapsed_ms().get_untracked(), 0);
    assert!(!mic.on.get(), "the microphone is released");
    assert_eq!((mic.stopped.get(), mic.discarded.get()), (1, 0));
}

#[wasm_bindgen_test]
async fn under_a_second_is_discarded() {
    let clock = SimClock::new();
    let mic = FakeMic::new(&clock);
    let r = recorder(&clock, &mic);
    r.start().await.unwrap();
    clock.advance(MIN_MS - 100).await;
    assert_eq!(r.finish().await, Err(RecordError::TooShort));
    assert_eq!(r.phase().get_untracked(), Phase::Idle);
    assert!(!mic.on.get());
    assert_eq!((mic.stopped.get(), mic.discarded.get()), (0, 1));
    assert!(RecordError::TooShort.to_string().contains("too short"));

    // A second is enough.
    r.start().await.unwrap();
    clock.advance(MIN_MS).await;
    assert!(r.finish().await.unwrap().is_some());
}

#[wasm_bindgen_test]
async fn cancelling_drops_the_recording_and_frees_the_microphone() {
    let clock = SimClock::new();
    let mic = FakeMic::new(&clock);
    let r = recorder(&clock, &mic);
    r.start().await.unwrap();
    clock.advance(3_000).await;
    r.cancel();
    assert_eq!(r.phase().get_untracked(), Phase::Idle);
    assert_eq!(r.elapsed_ms().get_untracked(), 0);
    assert!(!mic.on.get());
    assert_eq!(r.finish().await, Ok(None), "nothing left to send");
    // The ticking stopped with it.
    clock.advance(5_000).await;
    assert_eq!(r.elapsed_ms().get_untracked(), 0);
    assert_eq!(mic.stopped.get(), 0);
}

#[wasm_bindgen_test]
async fn cancelled_while_asking_the_microphone_is_freed_once_given() {
    let clock = SimClock::new();
    let mic = FakeMic::new(&clock);
    mic.ask_ms.set(2_000);
    let r = recorder(&clock, &mic);
    {
        let r = r.clone();
        wasm_bindgen_futures::spawn_local(async move { r.start().await.unwrap() });
    }
    clock.advance(500).await;
    assert_eq!(r.phase().get_untracked(), Phase::Asking);
    r.cancel();
    clock.advance(2_000).await;
    assert_eq!(mic.opened.get(), 1, "the user allowed it after all");
    assert!(!mic.on.get(), "and it was released at once");
    assert_eq!(r.phase().get_untracked(), Phase::Idle);
}

#[wasm_bindgen_test]
async fn a_refused_or_missing_microphone_is_a_typed_error() {
    let clock = SimClock::new();
    let mic = FakeMic::new(&clock);
    let r = recorder(&clock, &mic);
    for e in [
        RecordError::Denied,
        RecordError::NoMicrophone,
        RecordError::Unavailable,
        RecordError::Unsupported,
    ] {
        *mic.answer.borrow_mut() = Err(e.clone());
        assert_eq!(r.start().await, Err(e.clone()));
        assert_eq!(r.phase().get_untracked(), Phase::Idle);
        assert!(!e.to_string().is_empty());
    }
    assert!(RecordError::Denied.to_string().contains("denied"));
    assert!(RecordError::NoMicrophone
        .to_string()
        .contains("No microphone"));
    // Allowed the next time: it records.
    *mic.answer.borrow_mut() = Ok(());
    r.start().await.unwrap();
    assert!(matches!(r.phase().get_untracked(), Phase::Recording { .. }));
}

#[wasm_bindgen_test]
async fn it_stops_at_five_minutes_and_waits_to_be_sent() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let mic = FakeMic::new(&w.clock);
    let r = recorder(&w.clock, &mic);
    r.start().await.unwrap();
    w.clock.advance(MAX_MS + 10_000).await;
    assert_eq!(
        r.phase().get_untracked(),
        Phase::Stopped {
            duration_ms: MAX_MS
        }
    );
    assert_eq!(r.elapsed_ms().get_untracked(), MAX_MS);
    assert!(!mic.on.get(), "stopped at the limit");
    assert_eq!(format_clock(MAX_MS), "5:00");

    assert_eq!(r.send(&bob_conv(), &w.session.uploads).await, Ok(true));
    let msg = w.store.only_message(&bob_conv());
    assert_eq!(msg.attachments.len(), 1);
    assert!(msg.attachments[0].voice);
    assert_eq!(r.phase().get_untracked(), Phase::Idle);
}

#[wasm_bindgen_test]
async fn too_short_sends_nothing() {
    let w = World::new().await;
    let mic = FakeMic::new(&w.clock);
    let r = recorder(&w.clock, &mic);
    r.start().await.unwrap();
    w.clock.advance(400).await;
    assert_eq!(
        r.send(&bob_conv(), &w.session.uploads).await,
        Err(RecordError::TooShort)
    );
    assert!(w.store.messages_of(&bob_conv()).is_empty());
    assert!(!mic.on.get());
}

#[wasm_bindgen_test]
async fn a_recording_that_cannot_be_stored_is_kept_to_send_again() {
    let w = World::new().await;
    w.store.failing_outgoing.set(1);
    let mic = FakeMic::new(&w.clock);
    let r = recorder(&w.clock, &mic);
    r.start().await.unwrap();
    w.clock.advance(1_500).await;
    let failed = r.send(&bob_conv(), &w.session.uploads).await;
    assert!(matches!(failed, Err(RecordError::Send(_))), "{failed:?}");
    assert!(w.store.messages_of(&bob_conv()).is_empty());
    assert_eq!(
        r.phase().get_untracked(),
        Phase::Stopped { duration_ms: 1_500 },
        "nothing recorded is lost"
    );
    assert_eq!(r.send(&bob_conv(), &w.session.uploads).await, Ok(true));
    assert!(w.store.only_message(&bob_conv()).attachments[0].voice);
    assert_eq!(mic.stopped.get(), 1, "recorded once");
}

/// Lets the tasks run (WebCrypto answers on its own time) until `done`, for at most ~2 s.
async fn settle_until(done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn a_voice_message_goes_out_as_one_attachment_with_the_voice_flag() {
    let w = World::new().await;
    // Bob's swarm stores it; our own does not take the sync copy, so the outbox entry
    // (what Bob's swarm has) stays to be read.
    w.engine.swarms.set(Swarms::UpWithoutSync);
    let mic = FakeMic::new(&w.clock);
    let r = recorder(&w.clock, &mic);
    r.start().await.unwrap();
    w.clock.advance(2_000).await;
    assert_eq!(r.send(&bob_conv(), &w.session.uploads).await, Ok(true));
    assert_eq!(r.phase().get_untracked(), Phase::Idle);

    let conv = bob_conv();
    let msg = w.store.only_message(&conv);
    assert_eq!(msg.text, "");
    assert_eq!(msg.attachments.len(), 1);
    assert!(msg.attachments[0].voice);
    assert_eq!(
        w.store.conversation(&conv).unwrap().last_text,
        "Voice message"
    );
    settle_until(|| w.store.only_message(&conv).status == MessageStatus::Sent).await;
    let msg = w.store.only_message(&conv);
    assert_eq!(msg.status, MessageStatus::Sent, "{msg:?}");

    // The pointer we keep…
    let a: Attachment = msg.attachments[0].attachment().unwrap().unwrap();
    assert!(a.meta.voice);
    assert_eq!(a.to_pointer().flags, Some(Flags::VoiceMessage as u32));
    assert_eq!(a.meta.content_type.as_deref(), Some("audio/webm"));
    assert_eq!(a.meta.file_name.as_deref(), Some("Voice message.webm"));
    // …and what Bob's app opens: one attachment, flagged as a voice message, no text.
    let content = delivered_content(&w.store, &msg.key(), &bob());
    let dm = content.data_message.expect("a data message");
    assert_eq!(dm.attachments.len(), 1);
    assert_eq!(dm.attachments[0].flags, Some(1));
    assert_eq!(
        dm.attachments[0].content_type.as_deref(),
        Some("audio/webm")
    );
    assert!(dm.body.as_deref().unwrap_or("").is_empty());
    // The file server has it, and it opens to the recording with its duration written in.
    let blob = w.engine.files.borrow()[a.url.id.as_str()].clone();
    let opened = a.open(&blob).unwrap();
    assert_eq!(duration_of(&opened), Some(2_000.0));
}

// ---- the gesture and the player ----------------------------------------------------------------

#[wasm_bindgen_test]
fn press_and_hold_sends_on_release_a_click_records_hands_free() {
    let recording = Phase::Recording { started_ms: 0 };
    // Held: release sends.
    let mut g = Gesture::default();
    assert_eq!(g.down(Phase::Idle, 1_000), GestureAction::Start);
    assert!(g.is_holding());
    assert_eq!(g.up(recording, 3_000), GestureAction::Send);
    assert!(!g.is_holding());
    // A click: it goes on recording; the next press sends on release.
    let mut g = Gesture::default();
    assert_eq!(g.down(Phase::Idle, 1_000), GestureAction::Start);
    assert_eq!(g.up(recording, 1_120), GestureAction::None);
    assert_eq!(g.down(recording, 4_000), GestureAction::None);
    assert_eq!(g.up(recording, 4_080), GestureAction::Send);
    // Released while the browser still asks: hands-free once allowed.
    let mut g = Gesture::default();
    g.down(Phase::Idle, 0);
    assert_eq!(g.up(Phase::Asking, 2_000), GestureAction::None);
    // Sliding away while holding cancels; a prompt taking the pointer does not.
    let mut g = Gesture::default();
    g.down(Phase::Idle, 0);
    assert_eq!(g.away(recording), GestureAction::Cancel);
    let mut g = Gesture::default();
    g.down(Phase::Idle, 0);
    assert_eq!(g.away(Phase::Asking), GestureAction::None);
    // Keyboard: Enter starts, Enter sends.
    let mut g = Gesture::default();
    assert_eq!(g.key(Phase::Idle), GestureAction::Start);
    assert_eq!(g.key(recording), GestureAction::Send);
    assert_eq!(g.key(Phase::Asking), GestureAction::None);
    // How far is away.
    assert!(!slid_away(110.0, 130.0, 100.0, 100.0, 142.0, 142.0));
    assert!(!slid_away(60.0, 120.0, 100.0, 100.0, 142.0, 142.0));
    assert!(slid_away(40.0, 120.0, 100.0, 100.0, 142.0, 142.0));
    assert!(slid_away(120.0, 30.0, 100.0, 100.0, 142.0, 142.0));
}

#[wasm_bindgen_test]
fn the_player_counts_time_and_offers_three_speeds() {
    assert_eq!(format_clock(0), "0:00");
    assert_eq!(format_clock(59_999), "0:59");
    assert_eq!(format_clock(61_000), "1:01");
    assert_eq!(format_clock(725_000), "12:05");
    assert_eq!(format_seconds(2.7), "0:02");
    assert_eq!(format_seconds(f64::INFINITY), "0:00");
    assert_eq!(format_seconds(f64::NAN), "0:00");
    let mut s = Speed::default();
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push((s.label(), s.rate()));
        s = s.next();
    }
    assert_eq!(seen, [("1×", 1.0), ("1.5×", 1.5), ("2×", 2.0), ("1×", 1.0)]);
}

// ---- the composer ------------------------------------------------------------------------------

/// A composer for the chat with Bob over `mic`, mounted in its own element.
fn mount(w: &World, mic: Rc<FakeMic>) -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let session = w.session.clone();
    let clock = Rc::new(w.clock.clone());
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(Ui::new());
        session.provide();
        provide_part(Rc::new(MicSource { mic, clock }));
        view! { <Composer conv=bob_conv() /> }
    });
    handle.forget();
    host
}

fn find(host: &web_sys::Element, testid: &str) -> Option<web_sys::HtmlElement> {
    host.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .map(|e| e.unchecked_into())
}

#[wasm_bindgen_test]
async fn the_composer_offers_the_microphone_when_there_is_nothing_to_send() {
    let w = World::new().await;
    session_web::util::browser::draft_set(&bob_conv(), "");
    let mic = FakeMic::new(&w.clock);
    let host = mount(&w, mic.clone());
    let record = find(&host, "voice-record").expect("the microphone");
    assert_eq!(
        record.get_attribute("aria-label").as_deref(),
        Some("Record voice message")
    );
    assert!(find(&host, "send").is_none());

    // Typing brings the send button back.
    let input: web_sys::HtmlTextAreaElement =
        find(&host, "composer-input").unwrap().unchecked_into();
    input.set_value("hello");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    assert!(find(&host, "voice-record").is_none());
    assert!(find(&host, "send").is_some());
    input.set_value("  ");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let record = find(&host, "voice-record").expect("the microphone again");

    // Enter on the button (a click without a pointer) records hands-free…
    record.click();
    settle().await;
    assert!(mic.on.get());
    let bar = find(&host, "voice-bar").expect("the recording bar");
    assert_eq!(
        bar.get_attribute("data-phase").as_deref(),
        Some("recording")
    );
    let text_box: web_sys::HtmlElement = host
        .query_selector(".composer-box")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(text_box.hidden(), "the text box makes room");
    w.clock.advance(2_250).await;
    assert_eq!(
        find(&host, "voice-elapsed")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("0:02")
    );
    assert_eq!(
        record.get_attribute("aria-label").as_deref(),
        Some("Send voice message")
    );

    // …and Escape cancels.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    let esc = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&esc).unwrap();
    settle().await;
    assert!(!mic.on.get());
    assert!(find(&host, "voice-bar").is_none());
    assert!(w.store.messages_of(&bob_conv()).is_empty());

    // Recorded again and sent with the button.
    w.engine.swarms.set(Swarms::Up);
    record.click();
    settle().await;
    w.clock.advance(1_500).await;
    record.click();
    settle().await;
    let msg = w.store.only_message(&bob_conv());
    assert!(msg.attachments[0].voice);
    assert!(find(&host, "voice-bar").is_none());
}
