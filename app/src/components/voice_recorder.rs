//! The composer's microphone: press and hold to record (release sends, sliding away or Escape
//! cancels), or click (Enter, Space) to record hands-free and click again to send. While it
//! records, a bar shows a red dot, the running time and a cancel button. The rules are in
//! [`crate::state::recorder`].

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::conversation::ConversationId;
use wasm_bindgen::JsCast;

use super::icon::{Icon, IconName};
use crate::state::context::{use_part, Part};
use crate::state::recorder::{format_clock, slid_away, Gesture, GestureAction, Phase, Recorder};
use crate::state::ui::Ui;
use crate::state::uploads::Uploads;
use crate::t;
use crate::util::time::now_ms;

const MIC: &str = "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z \
M5.5 11.5a6.5 6.5 0 0 0 13 0 M12 18v3 M8.5 21h7";
const TRASH: &str = "M4.5 7h15 M10 4h4 M6.5 7l1 13h9l1-13 M10 11v5.5 M14 11v5.5";

/// The record button of the composer of `conv`, and the bar while it records.
#[component]
pub fn VoiceRecorder(
    /// The composer's recorder.
    recorder: Part<Recorder>,
    /// The conversation.
    conv: ConversationId,
) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let uploads = use_part::<Uploads>();
    let conv = StoredValue::new(conv);
    let (phase, elapsed, failure) =
        recorder.with_value(|r| (r.phase(), r.elapsed_ms(), r.failure()));
    let gesture = RwSignal::new(Gesture::default());
    let act = move |action: GestureAction| match action {
        GestureAction::Start => {
            let r = recorder.get_value();
            spawn_local(async move {
                if let Err(e) = r.start().await {
                    ui.show_toast(e.to_string());
                }
            });
        }
        GestureAction::Send => {
            let (r, u, c) = (recorder.get_value(), uploads.get_value(), conv.get_value());
            spawn_local(async move {
                if let Err(e) = r.send(&c, &u).await {
                    ui.show_toast(e.to_string());
                }
            });
        }
        GestureAction::Cancel => recorder.with_value(|r| r.cancel()),
        GestureAction::None => {}
    };
    let press = move |f: &dyn Fn(&mut Gesture, Phase) -> GestureAction| {
        let p = phase.get_untracked();
        act(gesture
            .try_update(|g| f(g, p))
            .unwrap_or(GestureAction::None));
    };
    let cancel = move || {
        gesture.try_update(|g| *g = Gesture::default());
        recorder.with_value(|r| r.cancel());
    };
    Effect::new(move |_| {
        if let Some(e) = failure.get() {
            ui.show_toast(e.to_string());
            recorder.with_value(|r| r.clear_failure());
        }
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && phase.get_untracked().is_active() {
            ev.prevent_default();
            cancel();
        }
    });
    on_cleanup(move || escape.remove());

    let on_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        // Held outside the button, the pointer still reports to it (release, sliding away).
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        press(&|g, p| g.down(p, now_ms()));
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        if !gesture.with_untracked(Gesture::is_holding) {
            return;
        }
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if slid_away(x, y, r.left(), r.top(), r.right(), r.bottom()) {
            press(&|g, p| g.away(p));
        }
    };
    let active = move || phase.get().is_active();
    let has_audio = move || phase.get().has_audio();
    let label = move || {
        if has_audio() {
            t!("chat-voice-send")
        } else {
            t!("chat-voice-record")
        }
    };
    let time = move || match phase.get() {
        Phase::Stopped { duration_ms } => format_clock(duration_ms),
        _ => format_clock(elapsed.get()),
    };
    let hint = move || match phase.get() {
        Phase::Idle => String::new(),
        Phase::Asking => t!("chat-voice-asking"),
        Phase::Recording { .. } if gesture.with(Gesture::is_holding) => t!("chat-voice-slide"),
        Phase::Recording { .. } => t!("chat-voice-recording"),
        Phase::Stopped { .. } => t!("chat-voice-stopped"),
        Phase::Finishing => t!("chat-voice-sending"),
    };
    view! {
        <Show when=active>
            <div class="voice-bar" data-testid="voice-bar"
                data-phase=move || match phase.get() {
                    Phase::Idle => "idle",
                    Phase::Asking => "asking",
                    Phase::Recording { .. } => "recording",
                    Phase::Stopped { .. } => "stopped",
                    Phase::Finishing => "finishing",
                }>
                <button type="button" class="voice-cancel" data-testid="voice-cancel"
                    aria-label=t!("chat-voice-cancel") title=t!("chat-voice-cancel-key") on:click=move |_| cancel()>
                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d=TRASH />
                    </svg>
                </button>
                <span class="voice-dot" class:live=move || matches!(phase.get(), Phase::Recording { .. })
                    aria-hidden="true"></span>
                <span class="voice-elapsed" data-testid="voice-elapsed">{time}</span>
                <span class="voice-hint" aria-live="polite">{hint}</span>
            </div>
        </Show>
        <button type="button" class="voice-button" class:recording=active
            data-testid="voice-record" aria-label=label title=label
            on:pointerdown=on_down
            on:pointerup=move |_| press(&|g, p| g.up(p, now_ms()))
            on:pointercancel=move |_| press(&|g, p| g.away(p))
            on:pointermove=on_move
            on:contextmenu=|ev: leptos::ev::MouseEvent| ev.prevent_default()
            on:click=move |ev: leptos::ev::MouseEvent| {
                // Pointer clicks were handled as presses; this is Enter, Space or the like.
                if ev.detail() == 0 {
                    press(&|g, p| g.key(p));
                }
            }>
            {move || if has_audio() {
                view! { <Icon name=IconName::Send /> }.into_any()
            } else {
                view! {
                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d=MIC />
                    </svg>
                }.into_any()
            }}
        </button>
    }
}
