//! A group's panel, opened from its chat's header: its name and description (admins edit
//! them), its members with their roles (admins add members, make them admins or remove
//! them), and leaving it — or, for admins, deleting it for everyone. It shows the chat's
//! [`GroupWatch`], so it follows every change as it comes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use session_core::identity::SessionId;

use super::avatar::Avatar;
use super::confirm_dialog::ConfirmDialog;
use super::dialog::Dialog;
use super::group_add_members::GroupAddMembers;
use super::group_info_form::GroupInfoForm;
use super::icon::{Icon, IconName};
use crate::state::context::use_part;
use crate::state::conversations::short_id;
use crate::state::group_screen::{
    actions_for, ended_text, leaving_deletes, member_count, members_label, person_name, role_class,
    MemberActions,
};
use crate::state::group_watch::GroupWatch;
use crate::state::groups::{conversation, Groups, GroupsError, MemberView};
use crate::state::profile::Profile;
use crate::state::route::{navigate, Route};
use crate::state::views::Views;
use crate::t;

/// What is being confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Asking {
    /// Removing this member (named so).
    Remove(SessionId, String),
    /// Leaving the group.
    Leave,
    /// Deleting it for everyone.
    Delete,
}

/// One row of the members list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    member: MemberView,
    name: String,
    actions: MemberActions,
}

/// The panel of the group `watch` shows (render it only while open).
#[component]
pub fn GroupPanel(
    /// The group.
    watch: GroupWatch,
    /// Closes the panel.
    on_close: Callback<()>,
) -> impl IntoView {
    let groups = use_part::<Groups>();
    let list = use_part::<Views>().with_value(|v| v.conversations);
    let me = use_part::<Profile>().get_value().me;
    let my_name = Signal::derive(move || me.with(|m| m.title()));
    let id = watch.id;
    let view = watch.view;
    let conv_text = conversation(&id).to_string();
    let name = Signal::derive(move || {
        view.with(|v| v.as_ref().map(|v| v.name.clone()))
            .unwrap_or_default()
    });
    let description = Memo::new(move |_| {
        view.with(|v| v.as_ref().map(|v| v.description.clone()))
            .unwrap_or_default()
    });
    let admin =
        Memo::new(move |_| view.with(|v| v.as_ref().is_some_and(|v| v.admin && v.writable())));
    let ended = Memo::new(move |_| view.with(|v| v.as_ref().and_then(ended_text)));
    let count = Memo::new(move |_| view.with(|v| v.as_ref().map_or(0, member_count)));
    let rows = Memo::new(move |_| {
        view.with(|v| {
            let Some(v) = v.as_ref() else {
                return Vec::new();
            };
            list.with(|l| {
                v.members
                    .iter()
                    .map(|m| Row {
                        member: m.clone(),
                        name: if m.me {
                            t!("common-you")
                        } else {
                            person_name(&m.id, Some(v), l)
                        },
                        actions: actions_for(v, m),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let member_ids = Signal::derive(move || {
        view.with(|v| {
            v.as_ref()
                .map(|v| v.members.iter().map(|m| m.id).collect())
                .unwrap_or_default()
        })
    });
    let (editing, set_editing) = signal(false);
    let (adding, set_adding) = signal(false);
    let (asking, set_asking) = signal(None::<Asking>);
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal(None::<String>);

    // Runs a change of the group, showing what went wrong; `leaves` closes the panel after.
    let act = move |leaves: bool,
                    work: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(), GroupsError>>>,
    >| {
        set_busy.set(true);
        set_failed.set(None);
        spawn_local(async move {
            let done = work.await;
            set_busy.try_set(false);
            match done {
                Ok(()) if leaves => {
                    on_close.run(());
                    navigate(&Route::List);
                }
                Ok(()) => {}
                Err(e) => {
                    set_failed.try_set(Some(e.to_string()));
                }
            }
        });
    };
    let promote = move |member: SessionId| {
        let groups = groups.get_value();
        act(
            false,
            Box::pin(async move { groups.promote(&id, &member).await }),
        );
    };
    let confirm = move |what: Asking| {
        set_asking.set(None);
        let groups = groups.get_value();
        match what {
            Asking::Remove(member, _) => act(
                false,
                Box::pin(async move { groups.remove(&id, &[member]).await }),
            ),
            Asking::Leave => act(true, Box::pin(async move { groups.leave(&id).await })),
            Asking::Delete => act(true, Box::pin(async move { groups.delete(&id).await })),
        }
    };

    let summary = move || {
        if editing.get() {
            let (n, d) = view.with_untracked(|v| {
                v.as_ref()
                    .map(|v| (v.name.clone(), v.description.clone()))
                    .unwrap_or_default()
            });
            return view! {
                <GroupInfoForm id name=n description=d
                    on_done=Callback::new(move |()| set_editing.set(false)) />
            }
            .into_any();
        }
        view! {
            <div class="group-summary">
                <Avatar id=conv_text.clone() name=name large=true group=true />
                <div class="group-summary-text">
                    <h3 class="group-name" data-testid="group-panel-name">{move || name.get()}</h3>
                    <p class="muted group-count" data-testid="group-panel-count">
                        {move || members_label(count.get())}
                    </p>
                    {move || {
                        let d = description.get();
                        (!d.trim().is_empty()).then(|| view! {
                            <p class="group-description" data-testid="group-panel-description">{d}</p>
                        })
                    }}
                </div>
                <Show when=move || admin.get()>
                    <button type="button" class="btn btn-secondary btn-small" data-testid="group-edit"
                        on:click=move |_| set_editing.set(true)>
                        <Icon name=IconName::Compose />
                        {t!("common-edit")}
                    </button>
                </Show>
            </div>
        }
        .into_any()
    };

    let member_row = move |row: Row| {
        let Row {
            member,
            name,
            actions,
        } = row;
        let hex = member.id.to_hex();
        let who = member.id;
        let label = member.role.label();
        let tag = member.role.tag();
        let remove_name = name.clone();
        let short = short_id(&hex);
        // A name that is only the short ID is not said twice.
        let id_line =
            (name != short).then(|| view! { <span class="member-id muted">{short}</span> });
        // Our own letter comes from our display name, not from "You".
        let avatar_name = if member.me {
            my_name.get_untracked()
        } else {
            name.clone()
        };
        view! {
            <li class="member" data-testid="member" data-id=hex.clone() data-role=tag>
                <Avatar id=hex.clone() name=Signal::stored(avatar_name) />
                <div class="member-text">
                    <span class="member-name" data-testid="member-name">{name}</span>
                    {id_line}
                </div>
                <span class=role_class(member.role) data-testid="member-role">{label}</span>
                {(actions.promote || actions.remove).then(|| view! {
                    <div class="member-actions">
                        {actions.promote.then(|| view! {
                            <button type="button" class="btn btn-secondary btn-small"
                                data-testid="member-promote" disabled=move || busy.get()
                                title=t!("groups-make-admin") on:click=move |_| promote(who)>
                                <Icon name=IconName::Admin />
                                <span class="btn-label">{t!("groups-make-admin")}</span>
                            </button>
                        })}
                        {actions.remove.then(|| view! {
                            <button type="button" class="btn btn-ghost btn-small btn-danger-text"
                                data-testid="member-remove" disabled=move || busy.get()
                                title=t!("groups-remove-member")
                                on:click=move |_| set_asking.set(Some(Asking::Remove(who, remove_name.clone())))>
                                <Icon name=IconName::Close />
                                <span class="btn-label">{t!("common-remove")}</span>
                            </button>
                        })}
                    </div>
                })}
            </li>
        }
    };

    let dialog = move || {
        asking.get().map(|what| {
            let (title, label, body) = match &what {
                Asking::Remove(_, who) => (
                    t!("groups-remove-title", name = who),
                    t!("common-remove"),
                    t!("groups-remove-body", name = who),
                ),
                Asking::Leave => {
                    let deletes = view.with_untracked(|v| v.as_ref().is_some_and(leaving_deletes));
                    (
                        t!("groups-leave-title"),
                        t!("groups-leave"),
                        if deletes {
                            t!("groups-leave-deletes")
                        } else {
                            t!("groups-leave-body")
                        },
                    )
                }
                Asking::Delete => (
                    t!("groups-delete-title"),
                    t!("common-delete"),
                    t!("groups-delete-body"),
                ),
            };
            let test_id = match what {
                Asking::Remove(..) => "member-remove-dialog",
                Asking::Leave => "group-leave-dialog",
                Asking::Delete => "group-delete-dialog",
            };
            view! {
                <ConfirmDialog title confirm_label=label danger=true test_id
                    on_confirm=Callback::new(move |()| confirm(what.clone()))
                    on_cancel=Callback::new(move |()| set_asking.set(None))>
                    <p>{body}</p>
                </ConfirmDialog>
            }
        })
    };

    view! {
        <Dialog title=t!("groups-panel-title") test_id="group-panel" wide=true on_close>
            <button type="button" class="icon-button dialog-close" aria-label=t!("common-close")
                data-testid="group-panel-close" on:click=move |_| on_close.run(())>
                <Icon name=IconName::Close />
            </button>
            <Show when=move || !watch.gone()
                fallback=|| view! { <p class="muted">{t!("groups-error-not-found")}</p> }>
                {summary.clone()}
                {move || ended.get().map(|t| view! {
                    <p class="group-panel-ended" data-testid="group-panel-ended">{t}</p>
                })}
                <div class="members-head">
                    <h3>{t!("groups-members-heading")}</h3>
                    <Show when=move || admin.get() && !adding.get()>
                        <button type="button" class="btn btn-secondary btn-small"
                            data-testid="group-add" on:click=move |_| set_adding.set(true)>
                            <Icon name=IconName::AddPerson />
                            {t!("groups-add-members")}
                        </button>
                    </Show>
                </div>
                <Show when=move || adding.get()>
                    <GroupAddMembers id members=member_ids
                        on_done=Callback::new(move |()| set_adding.set(false)) />
                </Show>
                <ul class="member-list" data-testid="member-list">
                    <For
                        each=move || rows.get()
                        key=|r| (
                            r.member.id,
                            r.name.clone(),
                            r.member.role.tag(),
                            r.actions.promote,
                            r.actions.remove,
                        )
                        children=member_row
                    />
                </ul>
                {move || failed.get().map(|e| view! {
                    <p class="error-text" role="alert" data-testid="group-panel-error">{e}</p>
                })}
                <div class="actions group-panel-actions">
                    <button type="button" class="btn btn-danger-outline" data-testid="group-leave"
                        disabled=move || busy.get() on:click=move |_| set_asking.set(Some(Asking::Leave))>
                        <Icon name=IconName::Leave />
                        {t!("groups-leave-group")}
                    </button>
                    <Show when=move || admin.get()>
                        <button type="button" class="btn btn-danger" data-testid="group-delete"
                            disabled=move || busy.get()
                            on:click=move |_| set_asking.set(Some(Asking::Delete))>
                            <Icon name=IconName::Trash />
                            {t!("groups-delete-group")}
                        </button>
                    </Show>
                </div>
            </Show>
            {dialog}
        </Dialog>
    }
}
