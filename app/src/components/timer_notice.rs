//! The notice of a new disappearing-messages setting, centred in the chat as the official
//! apps show it: "Alice set messages to disappear 1 day after they have been read."

use leptos::prelude::*;

use super::icon::{Icon, IconName};
use super::quote_view::author_name;
use crate::state::context::use_part;
use crate::state::disappearing::notice;
use crate::state::profile::Profile;
use crate::state::views::Views;
use crate::storage::{ExpireSetting, MessageRecord};

/// The notice `msg` is.
#[component]
pub fn TimerNotice(
    /// The notice's record.
    msg: MessageRecord,
    /// The setting it announces.
    setting: ExpireSetting,
) -> impl IntoView {
    let me = use_part::<Profile>().get_value().session_id();
    let name = use_part::<Views>().with_value(|v| author_name(&msg.author, &me, v));
    let text = notice(setting, msg.outgoing, Some(&name));
    view! {
        <div class="control-notice" data-testid="timer-notice" data-ts=msg.ts.to_string()>
            <Icon name=IconName::Clock />
            <span>{text}</span>
        </div>
    }
}
