//! Picking a group's members: the account's contacts to tick (searchable when there are
//! many) and a box for pasted Session IDs, with the entries that are not Session IDs named
//! and why, and the group's size against its limit.

use leptos::prelude::*;
use session_core::identity::SessionId;

use super::avatar::Avatar;
use crate::state::context::use_part;
use crate::state::conversations::short_id;
use crate::state::group_form::{contacts, count_text, filter_contacts, MemberChoice, MAX_MEMBERS};
use crate::state::views::Views;
use crate::t;

/// Contacts shown before the list gets a search box.
const SEARCH_FROM: usize = 7;

/// The member picker of a form.
#[component]
pub fn MemberPicker(
    /// What is picked.
    choice: MemberChoice,
    /// Who is in the group already (left out of the contacts).
    #[prop(into)]
    exclude: Signal<Vec<SessionId>>,
    /// How many members the group has already, us included.
    #[prop(into)]
    existing: Signal<usize>,
    /// Prefix of the fields' element IDs (unique on the page).
    id_prefix: &'static str,
    /// The picker's title.
    #[prop(into)]
    legend: String,
) -> impl IntoView {
    let list = use_part::<Views>().with_value(|v| v.conversations);
    let all = Memo::new(move |_| exclude.with(|ex| list.with(|l| contacts(l, ex))));
    let (query, set_query) = signal(String::new());
    let shown = Memo::new(move |_| all.with(|a| query.with(|q| filter_contacts(a, q))));
    let total = Memo::new(move |_| existing.get() + choice.picked.with(Vec::len));
    let ids_field = format!("{id_prefix}-ids");
    let ids_help = format!("{id_prefix}-ids-help");
    let search_field = format!("{id_prefix}-search");
    let invalid = move || choice.pasted.with(|p| !p.invalid.is_empty());
    let searchable = move || all.with(Vec::len) >= SEARCH_FROM;
    let over = move || total.get() > MAX_MEMBERS;
    view! {
        <fieldset class="picker">
            <legend class="field-label">{legend}</legend>
            {move || {
                if all.with(Vec::is_empty) {
                    view! {
                        <p class="muted picker-empty" data-testid="no-contacts">
                            {t!("groups-picker-no-contacts")}
                        </p>
                    }
                    .into_any()
                } else {
                    let search_field = search_field.clone();
                    view! {
                        <Show when=searchable>
                            <label class="visually-hidden" for=search_field.clone()>
                                {t!("groups-picker-search")}
                            </label>
                            <input id=search_field.clone() class="input picker-search" type="search"
                                placeholder=t!("groups-picker-search") autocomplete="off"
                                data-testid="contact-search"
                                prop:value=move || query.get()
                                on:input=move |ev| set_query.set(event_target_value(&ev)) />
                        </Show>
                        <ul class="contact-options" data-testid="contact-options">
                            <For
                                each=move || shown.get()
                                key=|c| (c.id, c.name.clone())
                                children=move |c| {
                                    let id = c.id;
                                    let hex = id.to_hex();
                                    let name = Signal::stored(c.name.clone());
                                    let short = short_id(&hex);
                                    let id_line = (c.name != short).then(|| view! {
                                        <span class="contact-option-id muted">{short}</span>
                                    });
                                    view! {
                                        <li>
                                            <label class="contact-option" data-testid="contact-option"
                                                data-id=hex.clone()>
                                                <input type="checkbox"
                                                    prop:checked=move || choice.is_chosen(&id)
                                                    on:change=move |_| choice.toggle(id) />
                                                <Avatar id=hex.clone() name=name />
                                                <span class="contact-option-text">
                                                    <span class="contact-option-name">{c.name.clone()}</span>
                                                    {id_line}
                                                </span>
                                            </label>
                                        </li>
                                    }
                                }
                            />
                        </ul>
                        <Show when=move || shown.with(Vec::is_empty)>
                            <p class="muted picker-empty">{t!("groups-picker-no-match")}</p>
                        </Show>
                    }
                    .into_any()
                }
            }}
            <label class="field-label" for=ids_field.clone()>{t!("groups-picker-ids-label")}</label>
            <p class="muted" id=ids_help.clone()>
                {t!("groups-picker-ids-help")}
            </p>
            <textarea id=ids_field class="input id-input" dir="ltr" rows="3" autocomplete="off"
                autocapitalize="none" spellcheck="false" data-testid="group-member-ids"
                placeholder="05…" aria-describedby=ids_help
                aria-invalid=move || invalid().to_string()
                prop:value=move || choice.text.get()
                on:input=move |ev| choice.text.set(event_target_value(&ev))>
            </textarea>
            <Show when=invalid>
                <ul class="invalid-ids" data-testid="invalid-ids" role="alert">
                    {move || choice.pasted.with(|p| p.invalid.clone()).into_iter().map(|bad| view! {
                        <li data-testid="invalid-id">
                            <code>{bad.text}</code>
                            " — "
                            {bad.reason}
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || choice.pasted.with(|p| p.mine)>
                <p class="muted picker-note">
                    {t!("groups-picker-own-id")}
                </p>
            </Show>
            <p class="member-count" data-testid="member-count" aria-live="polite"
                class:over=over>
                {move || count_text(total.get())}
            </p>
        </fieldset>
    }
}
