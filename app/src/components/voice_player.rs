//! A voice message or sound file: play and pause, a bar to follow and move the position
//! (a range input: the CSP forbids the inline styles a drawn bar would need), the time, and
//! the speed (1×, 1.5×, 2×).

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::state::recorder::{format_seconds, Speed};
use crate::t;

/// Play and pause icons (line icons like [`super::icon::Icon`], filled).
const PLAY: &str = "M8 5.5v13l10.5-6.5z";
const PAUSE: &str = "M7 5h3.5v14H7z M13.5 5H17v14h-3.5z";

/// The player of the sound at `url`.
#[component]
pub fn VoicePlayer(
    /// A `blob:` URL of the sound.
    url: String,
    /// A voice message (else a sound file, named `name`).
    voice: bool,
    /// The file's name.
    name: String,
) -> impl IntoView {
    let audio = NodeRef::<leptos::html::Audio>::new();
    let playing = RwSignal::new(false);
    let position = RwSignal::new(0.0_f64);
    let duration = RwSignal::new(0.0_f64);
    let speed = RwSignal::new(Speed::Normal);
    // A recording without its length in the file: played through once, silently, to learn it.
    let probing = StoredValue::new(false);
    let element = move || audio.get_untracked();
    let learn_duration = move || {
        let Some(a) = element() else { return };
        let d = a.duration();
        if d.is_finite() && d > 0.0 {
            duration.set(d);
            if probing.get_value() {
                probing.set_value(false);
                a.set_current_time(0.0);
            }
        } else if d.is_infinite() && !probing.get_value() {
            probing.set_value(true);
            a.set_current_time(1.0e9);
        }
    };
    let toggle = move |_| {
        let Some(a) = element() else { return };
        if a.paused() {
            if let Ok(p) = a.play() {
                // A refusal (no sound device, autoplay rules) leaves it paused.
                leptos::task::spawn_local(async move {
                    let _ = JsFuture::from(p).await;
                });
            }
        } else {
            let _ = a.pause();
        }
    };
    let seek = move |ev: leptos::ev::Event| {
        let Ok(to) = event_target_value(&ev).parse::<f64>() else {
            return;
        };
        if let Some(a) = element() {
            a.set_current_time(to);
            position.set(to);
        }
    };
    let change_speed = move |_| {
        let next = speed.get_untracked().next();
        speed.set(next);
        if let Some(a) = element() {
            a.set_default_playback_rate(next.rate());
            a.set_playback_rate(next.rate());
        }
    };
    let play_label = {
        let name = name.clone();
        move || match (playing.get(), voice) {
            (true, true) => t!("chat-voice-pause"),
            (false, true) => t!("chat-voice-play"),
            (true, false) => t!("chat-voice-pause-file", name = name.as_str()),
            (false, false) => t!("chat-voice-play-file", name = name.as_str()),
        }
    };
    let time = move || {
        format!(
            "{} / {}",
            format_seconds(position.get()),
            format_seconds(duration.get())
        )
    };
    let time_text = move || {
        t!(
            "chat-voice-position-of",
            position = format_seconds(position.get()),
            duration = format_seconds(duration.get())
        )
    };
    view! {
        <div class="voice-player" data-testid="att-audio" data-voice=voice.to_string()
            role="group" aria-label=if voice { t!("chat-voice-message") } else { name.clone() }>
            <audio node_ref=audio preload="metadata" src=url data-testid="voice-audio"
                on:loadedmetadata=move |_| learn_duration()
                on:durationchange=move |_| learn_duration()
                on:timeupdate=move |_| {
                    if let Some(a) = element() {
                        if !probing.get_value() {
                            position.set(a.current_time());
                        }
                    }
                }
                on:play=move |_| playing.set(true)
                on:pause=move |_| playing.set(false)
                on:ended=move |_| {
                    playing.set(false);
                    position.set(0.0);
                    if let Some(a) = element() {
                        a.set_current_time(0.0);
                    }
                }>
            </audio>
            <button type="button" class="voice-play" data-testid="voice-play"
                aria-label=play_label.clone() title=play_label on:click=toggle>
                <svg class="icon icon-filled" viewBox="0 0 24 24" aria-hidden="true"
                    focusable="false">
                    <path d=move || if playing.get() { PAUSE } else { PLAY } />
                </svg>
            </button>
            <div class="voice-body">
                {(!voice).then(|| view! { <span class="voice-name">{name.clone()}</span> })}
                <input type="range" class="voice-seek" data-testid="voice-seek" min="0"
                    step="any" aria-label=t!("chat-voice-position")
                    max=move || duration.get().max(0.01).to_string()
                    prop:value=move || position.get().to_string()
                    aria-valuetext=time_text
                    on:input=seek />
                <span class="voice-time" data-testid="voice-time">{time}</span>
            </div>
            <button type="button" class="voice-speed" data-testid="voice-speed"
                aria-label=move || t!("chat-voice-speed-is", speed = speed.get().label())
                title=t!("chat-voice-speed") on:click=change_speed>
                {move || speed.get().label()}
            </button>
        </div>
    }
}
