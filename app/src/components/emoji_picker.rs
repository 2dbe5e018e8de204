//! An emoji picker: a search box, tabs of categories, "Recently used" first (most recent
//! first, kept in this browser) and a grid per category. It reports the chosen emoji and is
//! closed by the caller (or Escape, or a click outside).

use leptos::prelude::*;

use crate::state::emoji::{load_recent, remember, search, Emoji, CATEGORIES};
use crate::t;

/// A grid of emoji buttons.
fn grid(emoji: Vec<&'static Emoji>, pick: Callback<&'static Emoji>) -> impl IntoView {
    view! {
        <div class="emoji-grid" role="group">
            {emoji.into_iter().map(|e| view! {
                <button type="button" class="emoji-cell" title=e.name aria-label=e.name
                    data-testid="emoji" data-emoji=e.glyph on:click=move |_| pick.run(e)>
                    {e.glyph}
                </button>
            }).collect_view()}
        </div>
    }
}

/// The picker popover.
#[component]
pub fn EmojiPicker(
    /// Called with the chosen emoji.
    on_pick: Callback<String>,
    /// Called to close it (Escape, a click outside).
    on_close: Callback<()>,
) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let (recent, set_recent) = signal(load_recent());
    let body = NodeRef::<leptos::html::Div>::new();
    let search_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = search_box.get() {
            let _ = el.focus();
        }
    });
    let pick = Callback::new(move |e: &'static Emoji| {
        set_recent.set(remember(e.glyph));
        on_pick.run(e.glyph.to_owned());
    });
    let show_category = move |i: usize| {
        set_query.set(String::new());
        request_animation_frame(move || {
            let section = body.try_get_untracked().flatten().and_then(|b| {
                b.query_selector(&format!("[data-category=\"{i}\"]"))
                    .ok()
                    .flatten()
            });
            if let Some(s) = section {
                s.scroll_into_view();
            }
        });
    };
    let recent_section = move || {
        let list: Vec<&'static Emoji> = recent.with(|r| {
            r.iter()
                .filter_map(|g| crate::state::emoji::all().find(|e| e.glyph == g.as_str()))
                .collect()
        });
        (!list.is_empty()).then(|| {
            view! {
                <section class="emoji-section" data-testid="emoji-recent">
                    <h3 class="emoji-heading">{t!("chat-emoji-recent")}</h3>
                    {grid(list, pick)}
                </section>
            }
        })
    };
    let content = move || {
        let q = query.get();
        if q.trim().is_empty() {
            view! {
                {recent_section}
                {CATEGORIES.iter().enumerate().map(|(i, c)| view! {
                    <section class="emoji-section" data-category=i.to_string()>
                        <h3 class="emoji-heading">{c.label()}</h3>
                        {grid(c.emoji.iter().collect(), pick)}
                    </section>
                }).collect_view()}
            }
            .into_any()
        } else {
            let found = search(&q);
            if found.is_empty() {
                view! { <p class="muted emoji-none" data-testid="emoji-none">{t!("chat-emoji-none")}</p> }
                    .into_any()
            } else {
                view! { <section class="emoji-section">{grid(found, pick)}</section> }.into_any()
            }
        }
    };
    view! {
        <button type="button" class="menu-backdrop" aria-label=t!("chat-emoji-close")
            tabindex="-1" on:click=move |_| on_close.run(())></button>
        <div class="emoji-picker" role="dialog" aria-label=t!("chat-emoji") data-testid="emoji-picker"
            on:keydown=move |ev| if ev.key() == "Escape" {
                ev.stop_propagation();
                on_close.run(());
            }>
            <input node_ref=search_box class="input emoji-search" type="search"
                placeholder=t!("chat-emoji-search") aria-label=t!("chat-emoji-search") data-testid="emoji-search"
                prop:value=move || query.get()
                on:input=move |ev| set_query.set(event_target_value(&ev)) />
            <div class="emoji-tabs" role="toolbar" aria-label=t!("chat-emoji-categories")>
                {CATEGORIES.iter().enumerate().map(|(i, c)| {
                    let label = c.label();
                    view! {
                        <button type="button" class="emoji-tab" title=label.clone()
                            aria-label=label on:click=move |_| show_category(i)>
                            {c.icon}
                        </button>
                    }
                }).collect_view()}
            </div>
            <div node_ref=body class="emoji-body">{content}</div>
        </div>
    }
}
