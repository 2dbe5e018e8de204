//! Voice messages: recording one (the microphone behind the small [`Mic`] trait, so that the
//! rules run without one in tests), the press-and-hold gesture, and the player's rules.
//!
//! A recording goes idle → asking for the microphone → recording → sent, or cancelled; it
//! stops by itself at [`MAX_MS`] and waits to be sent. Under [`MIN_MS`] it is discarded, as
//! the official apps do. It is sent like the official apps send one: a message with one
//! attachment whose pointer has the `VOICE_MESSAGE` flag.

use leptos::prelude::*;
use session_core::attachment::MAX_ATTACHMENT_BYTES;
use session_core::conversation::ConversationId;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::outbox::SendError;
use super::uploads::{PickedFile, Uploads};
use crate::ports::{Boxed, Clock};
use crate::t;

/// The longest voice message: 5 minutes, as the official apps.
pub const MAX_MS: u64 = 300_000;

/// The shortest: a recording under a second is discarded (a tap, not a message).
pub const MIN_MS: u64 = 1_000;

/// How often the running duration is updated.
pub const TICK_MS: u64 = 250;

/// A press on the record button held at least this long sends on release; a shorter one (a
/// click or a tap) records hands-free until Send or Cancel.
pub const HOLD_MS: u64 = 300;

/// How far the pointer may stray from the record button while holding before the recording
/// is cancelled.
pub const SLIDE_PX: f64 = 48.0;

/// Recording bit rate: speech in Opus sounds clear at this rate, and 5 minutes take ~1.8 MB.
const BITS_PER_SECOND: u32 = 48_000;

/// Why a voice message could not be recorded or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// This browser cannot record (no microphone access, or not a secure page).
    Unsupported,
    /// The microphone was refused (by the user, the browser's settings or the site's policy).
    Denied,
    /// There is no microphone.
    NoMicrophone,
    /// The microphone is in use by another application or could not be started.
    Unavailable,
    /// Under a second: discarded.
    TooShort,
    /// Nothing was recorded.
    Empty,
    /// Larger than a file may be.
    TooLarge,
    /// The recorder failed (the browser's words, for the user).
    Failed(String),
    /// The message could not be stored.
    Send(SendError),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Unsupported => f.write_str(&t!("chat-record-unsupported")),
            RecordError::Denied => f.write_str(&t!("chat-record-denied")),
            RecordError::NoMicrophone => f.write_str(&t!("chat-record-no-microphone")),
            RecordError::Unavailable => f.write_str(&t!("chat-record-unavailable")),
            RecordError::TooShort => f.write_str(&t!("chat-record-too-short")),
            RecordError::Empty => f.write_str(&t!("chat-record-empty")),
            RecordError::TooLarge => f.write_str(&t!("chat-record-too-large")),
            RecordError::Failed(why) => {
                f.write_str(&t!("chat-record-failed", reason = why.as_str()))
            }
            RecordError::Send(e) => {
                f.write_str(&t!("chat-record-not-sent", reason = e.to_string()))
            }
        }
    }
}

impl std::error::Error for RecordError {}

/// What a microphone recorded.
#[derive(Clone, PartialEq, Eq)]
pub struct Recording {
    /// The bytes.
    pub data: Vec<u8>,
    /// Their type, as the recorder gives it (`audio/webm;codecs=opus`…).
    pub mime: String,
}

impl fmt::Debug for Recording {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recording")
            .field("size", &self.data.len())
            .field("mime", &self.mime)
            .finish()
    }
}

/// The microphone: the browser's `MediaRecorder` in the app ([`BrowserMic`]), a double in
/// tests.
pub trait Mic {
    /// Asks for the microphone and starts recording.
    fn open(&self) -> Boxed<'_, Result<(), RecordError>>;
    /// Stops recording and releases the microphone; what was recorded.
    fn stop(&self) -> Boxed<'_, Result<Recording, RecordError>>;
    /// Stops, drops what was recorded and releases the microphone (nothing when not open).
    fn discard(&self);
}

/// Where a recording is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing is being recorded.
    Idle,
    /// Waiting for the microphone (the browser may be asking the user).
    Asking,
    /// Recording since `started_ms`.
    Recording {
        /// When it started.
        started_ms: u64,
    },
    /// Stopped (at [`MAX_MS`], or sending failed): kept until sent or cancelled.
    Stopped {
        /// How long it is.
        duration_ms: u64,
    },
    /// Being stopped and stored.
    Finishing,
}

impl Phase {
    /// Whether the recorder is in use (the composer shows it instead of the text box).
    pub fn is_active(self) -> bool {
        self != Phase::Idle
    }

    /// Whether there is something to send.
    pub fn has_audio(self) -> bool {
        matches!(self, Phase::Recording { .. } | Phase::Stopped { .. })
    }
}

/// A finished voice message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// The file to send (its `voice` flag set).
    pub file: PickedFile,
    /// How long it is.
    pub duration_ms: u64,
}

/// The recorder of one composer.
pub struct Recorder {
    mic: Rc<dyn Mic>,
    clock: Rc<dyn Clock>,
    phase: RwSignal<Phase>,
    elapsed: RwSignal<u64>,
    /// A failure found while no call was waiting (at the time limit), for the screen to show.
    failure: RwSignal<Option<RecordError>, LocalStorage>,
    /// Bumped whenever a recording ends: the work of an older one stops.
    generation: Cell<u64>,
    /// The recording stopped at the limit.
    kept: RefCell<Option<Voice>>,
}

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("phase", &self.phase.get_untracked())
            .finish_non_exhaustive()
    }
}

impl Recorder {
    /// A recorder over `mic`, timed by `clock`.
    pub fn new(mic: Rc<dyn Mic>, clock: Rc<dyn Clock>) -> Rc<Recorder> {
        Rc::new(Recorder {
            mic,
            clock,
            phase: RwSignal::new(Phase::Idle),
            elapsed: RwSignal::new(0),
            failure: RwSignal::new_local(None),
            generation: Cell::new(0),
            kept: RefCell::new(None),
        })
    }

    /// Where the recording is.
    pub fn phase(&self) -> ReadSignal<Phase> {
        self.phase.read_only()
    }

    /// How long it has been recording (ms), updated every [`TICK_MS`].
    pub fn elapsed_ms(&self) -> ReadSignal<u64> {
        self.elapsed.read_only()
    }

    /// A failure found in the background, once (the screen shows it).
    pub fn failure(&self) -> ReadSignal<Option<RecordError>, LocalStorage> {
        self.failure.read_only()
    }

    /// Forgets the failure shown.
    pub fn clear_failure(&self) {
        self.failure.try_set(None);
    }

    fn next_generation(&self) -> u64 {
        let g = self.generation.get() + 1;
        self.generation.set(g);
        g
    }

    fn set_phase(&self, phase: Phase) {
        // The composer may be gone by the time a recording ends.
        self.phase.try_set(phase);
    }

    /// Asks for the microphone and starts recording (nothing unless idle). A recording
    /// cancelled while the browser asks releases the microphone as soon as it is given.
    pub async fn start(self: &Rc<Self>) -> Result<(), RecordError> {
        if self.phase.get_untracked() != Phase::Idle {
            return Ok(());
        }
        let gen = self.next_generation();
        self.elapsed.try_set(0);
        self.set_phase(Phase::Asking);
        let opened = self.mic.open().await;
        if self.generation.get() != gen {
            if opened.is_ok() {
                self.mic.discard();
            }
            return Ok(());
        }
        if let Err(e) = opened {
            self.set_phase(Phase::Idle);
            return Err(e);
        }
        let started_ms = self.clock.now_ms();
        self.set_phase(Phase::Recording { started_ms });
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move { me.tick(gen, started_ms).await });
        Ok(())
    }

    /// Updates the running duration; stops at the limit.
    async fn tick(self: Rc<Self>, gen: u64, started_ms: u64) {
        loop {
            self.clock.sleep(TICK_MS).await;
            if self.generation.get() != gen {
                return;
            }
            let elapsed = self.clock.now_ms().saturating_sub(started_ms);
            self.elapsed.try_set(elapsed.min(MAX_MS));
            if elapsed >= MAX_MS {
                self.stop_at_limit().await;
                return;
            }
        }
    }

    async fn stop_at_limit(&self) {
        let gen = self.next_generation();
        self.set_phase(Phase::Finishing);
        let stopped = self.mic.stop().await;
        if self.generation.get() != gen {
            return;
        }
        match stopped.and_then(|r| voice_file(r, MAX_MS)) {
            Ok(voice) => {
                *self.kept.borrow_mut() = Some(voice);
                self.set_phase(Phase::Stopped {
                    duration_ms: MAX_MS,
                });
            }
            Err(e) => {
                self.set_phase(Phase::Idle);
                self.failure.try_set(Some(e));
            }
        }
    }

    /// Drops the recording and releases the microphone.
    pub fn cancel(&self) {
        self.next_generation();
        self.mic.discard();
        self.kept.borrow_mut().take();
        self.elapsed.try_set(0);
        self.set_phase(Phase::Idle);
    }

    /// Stops recording and hands the voice message over, leaving the phase at
    /// [`Phase::Finishing`]; `None` when nothing is recorded. Under [`MIN_MS`] it is
    /// discarded ([`RecordError::TooShort`]).
    async fn take(&self) -> Result<Option<Voice>, RecordError> {
        match self.phase.get_untracked() {
            Phase::Idle | Phase::Finishing => Ok(None),
            Phase::Asking => {
                self.cancel();
                Ok(None)
            }
            Phase::Stopped { .. } => {
                self.next_generation();
                self.set_phase(Phase::Finishing);
                Ok(self.kept.borrow_mut().take())
            }
            Phase::Recording { started_ms } => {
                let duration_ms = self.clock.now_ms().saturating_sub(started_ms).min(MAX_MS);
                if duration_ms < MIN_MS {
                    self.cancel();
                    return Err(RecordError::TooShort);
                }
                self.next_generation();
                self.set_phase(Phase::Finishing);
                let stopped = self.mic.stop().await;
                match stopped.and_then(|r| voice_file(r, duration_ms)) {
                    Ok(voice) => Ok(Some(voice)),
                    Err(e) => {
                        self.set_phase(Phase::Idle);
                        Err(e)
                    }
                }
            }
        }
    }

    /// Stops recording; the voice message, `None` when nothing was recorded.
    pub async fn finish(&self) -> Result<Option<Voice>, RecordError> {
        let voice = self.take().await;
        self.elapsed.try_set(0);
        self.set_phase(Phase::Idle);
        voice
    }

    /// Stops recording and sends the voice message to `conv` (`Ok(false)`: nothing to send).
    /// It is stored before this returns and uploaded in the background, like any file.
    pub async fn send(
        &self,
        conv: &ConversationId,
        uploads: &Rc<Uploads>,
    ) -> Result<bool, RecordError> {
        let voice = match self.take().await {
            Ok(Some(v)) => v,
            other => {
                self.elapsed.try_set(0);
                self.set_phase(Phase::Idle);
                return other.map(|_| false);
            }
        };
        let duration_ms = voice.duration_ms;
        match uploads.send(conv, "", vec![voice.file.clone()]).await {
            Ok(()) => {
                self.elapsed.try_set(0);
                self.set_phase(Phase::Idle);
                Ok(true)
            }
            Err(e) => {
                // Kept: nothing recorded is lost; Send tries again.
                *self.kept.borrow_mut() = Some(voice);
                self.elapsed.try_set(duration_ms);
                self.set_phase(Phase::Stopped { duration_ms });
                Err(RecordError::Send(e))
            }
        }
    }
}

/// The file a recording is sent as: its bare type (the official apps' players match on it),
/// a name like `Voice message.webm`, the voice flag, and for WebM the duration written in
/// (browsers' recorders leave it out, so players could not show it).
pub fn voice_file(rec: Recording, duration_ms: u64) -> Result<Voice, RecordError> {
    if rec.data.is_empty() {
        return Err(RecordError::Empty);
    }
    if rec.data.len() > MAX_ATTACHMENT_BYTES {
        return Err(RecordError::TooLarge);
    }
    let mime = bare_type(&rec.mime);
    let mime = if mime.starts_with("audio/") {
        mime
    } else {
        // A recorder that did not say (or said `video/webm` for sound only).
        match mime.as_str() {
            "video/webm" | "" => "audio/webm".to_owned(),
            "video/mp4" => "audio/mp4".to_owned(),
            _ => mime,
        }
    };
    let data = if mime == "audio/webm" {
        webm_with_duration(&rec.data, duration_ms).unwrap_or(rec.data)
    } else {
        rec.data
    };
    let name = format!("Voice message.{}", extension(&mime));
    Ok(Voice {
        file: PickedFile {
            name,
            mime,
            data,
            voice: true,
            size_px: None,
        },
        duration_ms,
    })
}

/// `audio/webm;codecs=opus` → `audio/webm`.
fn bare_type(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "audio/webm" => "webm",
        "audio/ogg" => "ogg",
        "audio/mp4" | "audio/aac" => "m4a",
        "audio/mpeg" => "mp3",
        "audio/wav" => "wav",
        _ => "audio",
    }
}

// ---- WebM duration ---------------------------------------------------------------------------

const EBML_ID: u32 = 0x1A45_DFA3;
const SEGMENT_ID: u32 = 0x1853_8067;
const SEEK_HEAD_ID: u32 = 0x114D_9B74;
const INFO_ID: u32 = 0x1549_A966;
const CLUSTER_ID: u32 = 0x1F43_B675;
const TIMECODE_SCALE_ID: u32 = 0x2A_D7B1;
const DURATION_ID: u32 = 0x4489;

/// An element's header: its id, the offset and length of its size field, its size (`None`:
/// unknown) and where its data starts.
struct Header {
    id: u32,
    size_at: usize,
    size_len: usize,
    size: Option<u64>,
    data_at: usize,
}

fn vint_len(first: u8) -> Option<usize> {
    let n = first.leading_zeros() as usize + 1;
    (n <= 8).then_some(n)
}

fn header(b: &[u8], at: usize) -> Option<Header> {
    let id_len = vint_len(*b.get(at)?)?;
    if id_len > 4 {
        return None;
    }
    let id = b
        .get(at..at + id_len)?
        .iter()
        .fold(0u32, |v, x| (v << 8) | u32::from(*x));
    let size_at = at + id_len;
    let size_len = vint_len(*b.get(size_at)?)?;
    let raw = b.get(size_at..size_at + size_len)?;
    let marker = 1u64 << (7 * size_len);
    let value = raw.iter().fold(0u64, |v, x| (v << 8) | u64::from(*x)) & (marker - 1);
    let size = (value != marker - 1).then_some(value);
    Some(Header {
        id,
        size_at,
        size_len,
        size,
        data_at: size_at + size_len,
    })
}

/// `value` as an EBML size of exactly `len` bytes, if it fits.
fn encode_size(value: u64, len: usize) -> Option<Vec<u8>> {
    let marker = 1u64 << (7 * len);
    if value >= marker - 1 {
        return None;
    }
    let v = value | marker;
    Some(v.to_be_bytes()[8 - len..].to_vec())
}

/// A WebM file with `duration_ms` written in its Segment Info, as a browser's recorder
/// leaves it out; `None` when the bytes are not such a file or already say how long they
/// are (or when moving what follows could break offsets that point past the Info).
pub fn webm_with_duration(bytes: &[u8], duration_ms: u64) -> Option<Vec<u8>> {
    let ebml = header(bytes, 0)?;
    if ebml.id != EBML_ID {
        return None;
    }
    let segment = header(
        bytes,
        ebml.data_at
            .checked_add(usize::try_from(ebml.size?).ok()?)?,
    )?;
    if segment.id != SEGMENT_ID {
        return None;
    }
    let segment_end = match segment.size {
        Some(s) => segment.data_at.checked_add(usize::try_from(s).ok()?)?,
        None => bytes.len(),
    };
    // The Info, before any Cluster.
    let mut at = segment.data_at;
    let info = loop {
        let h = header(bytes, at)?;
        match h.id {
            INFO_ID => break h,
            SEEK_HEAD_ID | CLUSTER_ID => return None,
            _ => at = h.data_at.checked_add(usize::try_from(h.size?).ok()?)?,
        }
        if at >= segment_end {
            return None;
        }
    };
    let info_size = usize::try_from(info.size?).ok()?;
    let info_end = info.data_at.checked_add(info_size)?;
    if info_end > bytes.len() {
        return None;
    }
    let mut scale = 1_000_000u64;
    let mut at = info.data_at;
    while at < info_end {
        let h = header(bytes, at)?;
        let len = usize::try_from(h.size?).ok()?;
        let data = bytes.get(h.data_at..h.data_at.checked_add(len)?)?;
        match h.id {
            DURATION_ID => return None,
            TIMECODE_SCALE_ID if !data.is_empty() && data.len() <= 8 => {
                scale = data
                    .iter()
                    .fold(0u64, |v, x| (v << 8) | u64::from(*x))
                    .max(1);
            }
            _ => {}
        }
        at = h.data_at + len;
    }
    // Duration: a float in TimecodeScale units (ns each).
    let ticks = duration_ms as f64 * 1_000_000.0 / scale as f64;
    let mut duration = vec![0x44, 0x89, 0x88];
    duration.extend_from_slice(&ticks.to_be_bytes());
    let new_info_size = info_size + duration.len();
    let info_size_field = encode_size(new_info_size as u64, info.size_len)
        .or_else(|| encode_size(new_info_size as u64, 8))?;
    let grown = duration.len() + info_size_field.len() - info.size_len;
    let segment_size_field = match segment.size {
        Some(s) => encode_size(s + grown as u64, segment.size_len)?,
        None => bytes.get(segment.size_at..segment.data_at)?.to_vec(),
    };
    let mut out = Vec::with_capacity(bytes.len() + grown);
    out.extend_from_slice(&bytes[..segment.size_at]);
    out.extend_from_slice(&segment_size_field);
    out.extend_from_slice(&bytes[segment.data_at..info.size_at]);
    out.extend_from_slice(&info_size_field);
    out.extend_from_slice(&duration);
    out.extend_from_slice(&bytes[info.data_at..]);
    Some(out)
}

// ---- the gesture ---------------------------------------------------------------------------

/// What a press on the record button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GestureAction {
    /// Start recording.
    Start,
    /// Send the recording.
    Send,
    /// Drop the recording.
    Cancel,
    /// Nothing.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Press {
    #[default]
    Up,
    /// Held since the press that started the recording.
    Holding { since_ms: u64 },
    /// Pressed while recording hands-free: the release sends.
    Armed,
}

/// The record button's gesture: press and hold to record, release to send, slide away to
/// cancel; a click (or a tap, Enter or Space) starts recording hands-free, and the next one
/// sends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gesture {
    press: Press,
}

impl Gesture {
    /// The pointer went down on the button.
    pub fn down(&mut self, phase: Phase, now_ms: u64) -> GestureAction {
        match phase {
            Phase::Idle => {
                self.press = Press::Holding { since_ms: now_ms };
                GestureAction::Start
            }
            Phase::Recording { .. } | Phase::Stopped { .. } => {
                self.press = Press::Armed;
                GestureAction::None
            }
            Phase::Asking | Phase::Finishing => GestureAction::None,
        }
    }

    /// The pointer went up: a long press sends, a short one leaves it recording hands-free.
    pub fn up(&mut self, phase: Phase, now_ms: u64) -> GestureAction {
        let press = std::mem::take(&mut self.press);
        match (press, phase) {
            (Press::Holding { since_ms }, Phase::Recording { .. })
                if now_ms.saturating_sub(since_ms) >= HOLD_MS =>
            {
                GestureAction::Send
            }
            (Press::Armed, Phase::Recording { .. } | Phase::Stopped { .. }) => GestureAction::Send,
            _ => GestureAction::None,
        }
    }

    /// The pointer slid away from the button, or the browser took it over (a scroll, a
    /// prompt): a held recording is cancelled. While the browser asks for the microphone it
    /// goes on hands-free.
    pub fn away(&mut self, phase: Phase) -> GestureAction {
        let press = std::mem::take(&mut self.press);
        match (press, phase) {
            (Press::Holding { .. }, Phase::Recording { .. }) => GestureAction::Cancel,
            _ => GestureAction::None,
        }
    }

    /// A click without a pointer press (Enter or Space, assistive technology).
    pub fn key(&mut self, phase: Phase) -> GestureAction {
        self.press = Press::Up;
        match phase {
            Phase::Idle => GestureAction::Start,
            Phase::Recording { .. } | Phase::Stopped { .. } => GestureAction::Send,
            Phase::Asking | Phase::Finishing => GestureAction::None,
        }
    }

    /// Whether a press is held down (the screen says "release to send").
    pub fn is_holding(&self) -> bool {
        matches!(self.press, Press::Holding { .. })
    }
}

/// Whether the point (`x`, `y`) strayed more than [`SLIDE_PX`] from the box `left`, `top`,
/// `right`, `bottom`.
pub fn slid_away(x: f64, y: f64, left: f64, top: f64, right: f64, bottom: f64) -> bool {
    x < left - SLIDE_PX || x > right + SLIDE_PX || y < top - SLIDE_PX || y > bottom + SLIDE_PX
}

// ---- playing ---------------------------------------------------------------------------------

/// `m:ss` of a duration (`12:05` past ten minutes).
pub fn format_clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// `m:ss` of a media element's seconds (nothing known: `0:00`).
pub fn format_seconds(seconds: f64) -> String {
    if seconds.is_finite() && seconds > 0.0 {
        format_clock((seconds * 1000.0) as u64)
    } else {
        format_clock(0)
    }
}

/// Playback speeds, as the official apps offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    /// 1×.
    #[default]
    Normal,
    /// 1.5×.
    Faster,
    /// 2×.
    Double,
}

impl Speed {
    /// The next one (after 2×, 1× again).
    pub fn next(self) -> Speed {
        match self {
            Speed::Normal => Speed::Faster,
            Speed::Faster => Speed::Double,
            Speed::Double => Speed::Normal,
        }
    }

    /// The playback rate.
    pub fn rate(self) -> f64 {
        match self {
            Speed::Normal => 1.0,
            Speed::Faster => 1.5,
            Speed::Double => 2.0,
        }
    }

    /// How it is written: `1×`, `1.5×`, `2×`.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Normal => "1×",
            Speed::Faster => "1.5×",
            Speed::Double => "2×",
        }
    }
}

// ---- the browser's microphone ----------------------------------------------------------------

/// Recording types, best first: Opus in WebM (Chromium, Firefox), in Ogg (Firefox), then
/// MP4 (Safari).
const TYPES: [&str; 4] = [
    "audio/webm;codecs=opus",
    "audio/ogg;codecs=opus",
    "audio/mp4",
    "audio/webm",
];

/// The microphone through `getUserMedia` and `MediaRecorder`.
#[derive(Default)]
pub struct BrowserMic {
    live: RefCell<Option<Live>>,
}

impl fmt::Debug for BrowserMic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BrowserMic")
            .field("open", &self.live.borrow().is_some())
            .finish()
    }
}

struct Live {
    stream: web_sys::MediaStream,
    recorder: web_sys::MediaRecorder,
    chunks: Rc<RefCell<Vec<web_sys::Blob>>>,
    _on_data: Closure<dyn FnMut(web_sys::BlobEvent)>,
}

impl Live {
    fn release(&self) {
        for track in self.stream.get_tracks() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }

    fn is_recording(&self) -> bool {
        self.recorder.state() != web_sys::RecordingState::Inactive
    }
}

/// A browser error as ours: a `DOMException`'s name is its type (its message varies).
fn from_js(e: JsValue) -> RecordError {
    let Some(ex) = e.dyn_ref::<web_sys::DomException>() else {
        return RecordError::Failed(t!("chat-record-stopped"));
    };
    match ex.name().as_str() {
        "NotAllowedError" | "SecurityError" => RecordError::Denied,
        "NotFoundError" | "OverconstrainedError" => RecordError::NoMicrophone,
        "NotReadableError" | "AbortError" => RecordError::Unavailable,
        "NotSupportedError" => RecordError::Unsupported,
        _ => RecordError::Failed(ex.message()),
    }
}

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
}

async fn ask_microphone() -> Result<web_sys::MediaStream, RecordError> {
    let window = web_sys::window().ok_or(RecordError::Unsupported)?;
    let navigator = window.navigator();
    // Both are missing on pages that are not secure, and in old browsers.
    if !has(&window, "MediaRecorder") || !has(&navigator, "mediaDevices") {
        return Err(RecordError::Unsupported);
    }
    let devices = navigator
        .media_devices()
        .map_err(|_| RecordError::Unsupported)?;
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::TRUE);
    let asked = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(from_js)?;
    let stream = JsFuture::from(asked).await.map_err(from_js)?;
    stream
        .dyn_into::<web_sys::MediaStream>()
        .map_err(|_| RecordError::Unsupported)
}

fn start_recorder(stream: &web_sys::MediaStream) -> Result<Live, RecordError> {
    let options = web_sys::MediaRecorderOptions::new();
    if let Some(t) = TYPES
        .iter()
        .find(|t| web_sys::MediaRecorder::is_type_supported(t))
    {
        options.set_mime_type(t);
    }
    options.set_audio_bits_per_second(BITS_PER_SECOND);
    let recorder =
        web_sys::MediaRecorder::new_with_media_stream_and_media_recorder_options(stream, &options)
            .map_err(from_js)?;
    let chunks: Rc<RefCell<Vec<web_sys::Blob>>> = Rc::default();
    let sink = chunks.clone();
    let on_data = Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |e: web_sys::BlobEvent| {
        if let Some(blob) = e.data() {
            sink.borrow_mut().push(blob);
        }
    });
    recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
    // Data every second: a recording that ends abruptly keeps what came before.
    recorder.start_with_time_slice(1000).map_err(from_js)?;
    Ok(Live {
        stream: stream.clone(),
        recorder,
        chunks,
        _on_data: on_data,
    })
}

/// Waits for the recorder's `stop` event (its last data comes before it), at most 3 s.
async fn stopped(recorder: &web_sys::MediaRecorder) {
    let done = js_sys::Promise::new(&mut |resolve, _| {
        recorder.set_onstop(Some(&resolve));
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 3_000);
        }
    });
    if recorder.stop().is_ok() {
        let _ = JsFuture::from(done).await;
    }
    recorder.set_onstop(None);
}

impl Mic for BrowserMic {
    fn open(&self) -> Boxed<'_, Result<(), RecordError>> {
        Box::pin(async move {
            self.discard();
            let stream = ask_microphone().await?;
            match start_recorder(&stream) {
                Ok(live) => {
                    *self.live.borrow_mut() = Some(live);
                    Ok(())
                }
                Err(e) => {
                    for track in stream.get_tracks() {
                        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                            track.stop();
                        }
                    }
                    Err(e)
                }
            }
        })
    }

    fn stop(&self) -> Boxed<'_, Result<Recording, RecordError>> {
        Box::pin(async move {
            let live = self
                .live
                .borrow_mut()
                .take()
                .ok_or_else(|| RecordError::Failed(t!("chat-record-closed")))?;
            if live.is_recording() {
                stopped(&live.recorder).await;
            }
            live.release();
            live.recorder.set_ondataavailable(None);
            let parts = js_sys::Array::new();
            for chunk in live.chunks.borrow().iter() {
                parts.push(chunk);
            }
            let mime = live.recorder.mime_type();
            let bag = web_sys::BlobPropertyBag::new();
            bag.set_type(&mime);
            let blob =
                web_sys::Blob::new_with_blob_sequence_and_options(&parts, &bag).map_err(from_js)?;
            let data = crate::util::browser::blob_bytes(&blob)
                .await
                .ok_or_else(|| RecordError::Failed(t!("chat-record-unreadable")))?;
            Ok(Recording { data, mime })
        })
    }

    fn discard(&self) {
        let Some(live) = self.live.borrow_mut().take() else {
            return;
        };
        live.recorder.set_ondataavailable(None);
        if live.is_recording() {
            let _ = live.recorder.stop();
        }
        live.release();
    }
}

/// A microphone and clock given to the composer instead of the browser's (tests).
pub struct MicSource {
    /// The microphone.
    pub mic: Rc<dyn Mic>,
    /// The clock that times recordings.
    pub clock: Rc<dyn Clock>,
}

impl fmt::Debug for MicSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MicSource")
    }
}
