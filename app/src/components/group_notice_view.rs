//! A notice of what happened to a group ("Alice added Bob.", "You were removed from the
//! group."), centred in its chat like the disappearing-messages notices, naming people as the
//! group knows them.

use leptos::prelude::*;

use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::group_screen::{notice_words, person_name};
use crate::state::group_watch::GroupWatch;
use crate::state::profile::Profile;
use crate::state::views::Views;
use crate::storage::{GroupNotice, MessageRecord};

/// The notice `msg` is.
#[component]
pub fn GroupNoticeView(
    /// The notice's record.
    msg: MessageRecord,
    /// What it says happened.
    notice: GroupNotice,
) -> impl IntoView {
    let me = use_part::<Profile>().get_value().session_id();
    let list = use_part::<Views>().with_value(|v| v.conversations);
    let watch = use_context::<GroupWatch>();
    let icon = match notice {
        GroupNotice::Kicked | GroupNotice::Destroyed | GroupNotice::Left => IconName::Leave,
        GroupNotice::Promoted { .. } => IconName::Admin,
        GroupNotice::Added { .. } | GroupNotice::Joined | GroupNotice::Invited => {
            IconName::AddPerson
        }
        GroupNotice::Timer { .. } => IconName::Clock,
        _ => IconName::Group,
    };
    let kind = match notice {
        GroupNotice::Created => "created",
        GroupNotice::Invited => "invited",
        GroupNotice::Added { .. } => "added",
        GroupNotice::Removed { .. } => "removed",
        GroupNotice::Promoted { .. } => "promoted",
        GroupNotice::Left => "left",
        GroupNotice::Joined => "joined",
        GroupNotice::Renamed { .. } => "renamed",
        GroupNotice::NewPicture => "picture",
        GroupNotice::Timer { .. } => "timer",
        GroupNotice::Kicked => "kicked",
        GroupNotice::Destroyed => "destroyed",
    };
    let author = msg.author;
    let words = move || {
        let view = watch.and_then(|w| w.view.get());
        list.with(|l| {
            let name_of =
                |id: &session_core::identity::SessionId| person_name(id, view.as_ref(), l);
            notice_words(&notice, &author, &me, &name_of)
        })
    };
    view! {
        <div class="control-notice group-notice" data-testid="group-notice" data-kind=kind
            data-ts=msg.ts.to_string()>
            <Icon name=icon />
            <span>{words}</span>
        </div>
    }
}
