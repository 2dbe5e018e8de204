//! The group screens' view models, in the browser: the forms' rules (contacts to pick, pasted
//! Session IDs, names, limits) and what a group's chat and panel show (counts, names, the
//! admin's actions, authors above bubbles, the avatar's letters).

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use session_core::group::GroupId;
use session_core::identity::SessionId;
use session_web::state::group_form::{
    as_texts, contacts, count_text, create_problem, description_problem, filter_contacts,
    members_problem, name_problem, parse_ids, picked, MemberChoice, MAX_MEMBERS,
};
use session_web::state::group_screen::{
    actions_for, author_starts, ended_text, group_initials, header_line, invitation_text,
    leaving_deletes, member_count, members_label, notice_words, person_name, role_class,
    MemberActions,
};
use session_web::state::groups::{conversation, GroupView, MemberRole, MemberView};
use session_web::state::timeline::Row;
use session_web::storage::{ConversationRecord, GroupNotice, MessageRecord, MessageStatus};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn id(fill: &str) -> SessionId {
    format!("05{}", fill.repeat(32)).parse().unwrap()
}

fn contact(fill: &str, name: Option<&str>) -> ConversationRecord {
    let mut c = ConversationRecord::new(ConversationId::Direct(id(fill)));
    c.name = name.map(str::to_owned);
    c.count = 1;
    c
}

fn member(fill: &str, name: &str, role: MemberRole, me: bool) -> MemberView {
    MemberView {
        id: id(fill),
        name: name.to_owned(),
        role,
        me,
    }
}

fn group(admin: bool, members: Vec<MemberView>) -> GroupView {
    let gid = GroupId::from_ed25519([7; 32]);
    GroupView {
        id: gid,
        conv: conversation(&gid),
        name: "Book club".into(),
        description: String::new(),
        picture: None,
        admin,
        invited: false,
        inviter: None,
        kicked: false,
        destroyed: false,
        members,
    }
}

#[wasm_bindgen_test]
fn contacts_are_direct_chats_by_name_without_requests_blocked_or_members() {
    let mut request = contact("cc", Some("Cleo"));
    request.request = true;
    let mut blocked = contact("dd", Some("Dan"));
    blocked.settings.blocked = true;
    let list = vec![
        contact("bb", Some("zed")),
        contact("ee", Some("Amy")),
        request,
        blocked,
        ConversationRecord::new(ConversationId::NoteToSelf),
        contact("ff", None),
        ConversationRecord::new(ConversationId::Group(
            GroupId::from_ed25519([1; 32]).session_id(),
        )),
    ];
    let all = contacts(&list, &[id("ff")]);
    let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Amy", "zed"]);
    assert_eq!(all[0].id, id("ee"));
    assert_eq!(filter_contacts(&all, " ZE").len(), 1);
    assert_eq!(filter_contacts(&all, "eeee").len(), 1, "by Session ID too");
    assert_eq!(filter_contacts(&all, "").len(), 2);
    assert!(filter_contacts(&all, "nobody").is_empty());
}

#[wasm_bindgen_test]
fn pasted_ids_are_split_checked_and_deduplicated() {
    let me = id("aa");
    let text = format!(
        "{}\n{}, {}; not-an-id\n\n{} 05ab {}",
        id("bb").to_hex(),
        id("cc").to_hex().to_uppercase(),
        id("bb").to_hex(),
        me.to_hex(),
        "x".repeat(70),
    );
    let p = parse_ids(&text, &me);
    assert_eq!(p.ids, vec![id("bb"), id("cc")]);
    assert!(p.mine, "our own ID is noticed and left out");
    let bad: Vec<&str> = p.invalid.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(bad, ["not-an-id", "05ab", "xxxxxxxxxx…xxxx"]);
    assert!(
        p.invalid[1].reason.contains("66 characters"),
        "{}",
        p.invalid[1].reason
    );
    assert!(parse_ids("  \n ,; ", &me) == Default::default());
    // A group ID (03…) is no account.
    let gid = GroupId::from_ed25519([2; 32]).to_hex();
    let p = parse_ids(&gid, &me);
    assert!(p.ids.is_empty());
    assert!(
        p.invalid[0].reason.contains("05"),
        "{}",
        p.invalid[0].reason
    );
    // Text that is not ASCII is shortened by characters, never cut inside one.
    let p = parse_ids(&"é".repeat(40), &me);
    assert_eq!(p.invalid[0].text.chars().count(), 15);
}

#[wasm_bindgen_test]
fn picked_members_join_contacts_and_pasted_ids_once_without_us() {
    let me = id("aa");
    let pasted = parse_ids(&format!("{} {}", id("cc").to_hex(), id("bb").to_hex()), &me);
    assert_eq!(
        picked(&[id("bb"), me, id("dd")], &pasted, &me),
        vec![id("bb"), id("dd"), id("cc")]
    );
    assert_eq!(as_texts(&[id("bb")]), vec![id("bb").to_hex()]);
    assert_eq!(count_text(3), format!("3 of {MAX_MEMBERS} members"));
}

#[wasm_bindgen_test]
fn names_descriptions_and_member_counts_have_limits() {
    assert_eq!(name_problem("  ").as_deref(), Some("Enter a group name."));
    assert_eq!(name_problem(" Book club "), None);
    assert_eq!(name_problem(&"a".repeat(100)), None);
    // Bytes, not characters: 51 two-byte letters are too many.
    let long = name_problem(&"é".repeat(51)).unwrap();
    assert!(long.contains("100 bytes") && long.contains("102"), "{long}");
    assert_eq!(description_problem(&"d".repeat(2000)), None);
    assert!(description_problem(&"d".repeat(2001)).is_some());

    let me = id("aa");
    let clean = parse_ids("", &me);
    let dirty = parse_ids("oops", &me);
    assert_eq!(
        members_problem(1, 0, &clean).as_deref(),
        Some("Choose at least one member.")
    );
    assert!(members_problem(1, 2, &dirty)
        .unwrap()
        .contains("not a Session ID"));
    assert_eq!(members_problem(1, 99, &clean), None, "100 with us");
    assert!(members_problem(1, 100, &clean)
        .unwrap()
        .contains("remove 1"));
    assert!(members_problem(98, 3, &clean).unwrap().contains("remove 1"));
    // The name is asked for first, then the description, then the members.
    assert_eq!(
        create_problem("", "", 0, &dirty).as_deref(),
        Some("Enter a group name.")
    );
    assert!(create_problem("G", &"d".repeat(2001), 0, &dirty)
        .unwrap()
        .contains("description"));
    assert_eq!(create_problem("G", "", 1, &clean), None);
}

#[wasm_bindgen_test]
fn member_choice_ticks_contacts_and_reads_the_box() {
    let me = id("aa");
    let choice = MemberChoice::new(me);
    choice.toggle(id("bb"));
    choice.toggle(id("cc"));
    choice.toggle(id("bb"));
    assert!(choice.is_chosen(&id("cc")) && !choice.is_chosen(&id("bb")));
    choice.text.set(format!("{}\nbad", id("dd").to_hex()));
    assert_eq!(choice.picked.get_untracked(), vec![id("cc"), id("dd")]);
    assert_eq!(choice.pasted.get_untracked().invalid.len(), 1);
    choice.clear();
    assert!(choice.picked.get_untracked().is_empty());
}

#[wasm_bindgen_test]
fn a_groups_people_are_named_by_nickname_group_name_contact_then_short_id() {
    let view = group(
        false,
        vec![
            member("aa", "Me", MemberRole::Admin, true),
            member("bb", "Bea in group", MemberRole::Joined, false),
            member("cc", " ", MemberRole::Joined, false),
            member("dd", "", MemberRole::Invited, false),
        ],
    );
    let mut nick = contact("bb", Some("Bea"));
    nick.settings.nickname = Some("Bestie".into());
    let list = vec![nick, contact("cc", Some("Cy"))];
    assert_eq!(person_name(&id("bb"), Some(&view), &list), "Bestie");
    assert_eq!(person_name(&id("bb"), Some(&view), &[]), "Bea in group");
    assert_eq!(person_name(&id("cc"), Some(&view), &list), "Cy");
    assert_eq!(person_name(&id("dd"), Some(&view), &list), "05dddd…dddd");
    assert_eq!(person_name(&id("cc"), None, &list), "Cy");
}

#[wasm_bindgen_test]
fn counts_endings_and_invitations_read_well() {
    let mut view = group(
        true,
        vec![
            member("aa", "Me", MemberRole::Admin, true),
            member("bb", "Bea", MemberRole::Joined, false),
            member("cc", "Cy", MemberRole::Removing, false),
        ],
    );
    assert_eq!(member_count(&view), 2);
    assert_eq!(members_label(1), "1 member");
    assert_eq!(members_label(2), "2 members");
    assert_eq!(ended_text(&view), None);
    view.kicked = true;
    assert!(ended_text(&view).unwrap().contains("removed"));
    view.destroyed = true;
    assert!(ended_text(&view).unwrap().contains("deleted"));
    assert_eq!(
        invitation_text(Some("Alice"), "Book club"),
        "Alice invited you to join Book club."
    );
    assert_eq!(
        invitation_text(None, "Book club"),
        "You were invited to join Book club."
    );
}

#[wasm_bindgen_test]
fn admins_promote_and_remove_members_but_not_admins_or_themselves() {
    let members = vec![
        member("aa", "Me", MemberRole::Admin, true),
        member("bb", "Bea", MemberRole::Joined, false),
        member("cc", "Cy", MemberRole::Admin, false),
        member("dd", "Di", MemberRole::PromotionPending, false),
        member("ee", "Ed", MemberRole::Invited, false),
        member("ff", "Fi", MemberRole::Removing, false),
    ];
    let view = group(true, members.clone());
    let both = MemberActions {
        promote: true,
        remove: true,
    };
    let acts: Vec<MemberActions> = view.members.iter().map(|m| actions_for(&view, m)).collect();
    assert_eq!(
        acts,
        vec![
            MemberActions::default(),
            both,
            MemberActions::default(),
            MemberActions::default(),
            both,
            MemberActions::default(),
        ]
    );
    let plain = group(false, members.clone());
    assert!(plain
        .members
        .iter()
        .all(|m| actions_for(&plain, m) == MemberActions::default()));
    let mut kicked = group(true, members);
    kicked.kicked = true;
    assert_eq!(
        actions_for(&kicked, &kicked.members[1]),
        MemberActions::default()
    );
    assert!(!leaving_deletes(&view), "other admins stay");
    let alone = group(
        true,
        vec![
            member("aa", "Me", MemberRole::Admin, true),
            member("bb", "Bea", MemberRole::Joined, false),
        ],
    );
    assert!(leaving_deletes(&alone));
    assert!(!leaving_deletes(&group(false, alone.members.clone())));
    assert!(role_class(MemberRole::Admin).contains("role-admin"));
    assert!(role_class(MemberRole::InviteFailed).contains("role-problem"));
}

fn msg(author: &str, ts: u64, outgoing: bool) -> MessageRecord {
    let gid = GroupId::from_ed25519([7; 32]);
    MessageRecord::new(
        conversation(&gid),
        id(author),
        ts,
        format!("m{ts}"),
        outgoing,
        MessageStatus::Received,
        ts,
    )
}

#[wasm_bindgen_test]
fn an_authors_name_starts_each_run_of_their_messages() {
    let mut notice = msg("bb", 4, false);
    notice.group_notice = Some(GroupNotice::Joined);
    let rows = vec![
        Row::Day {
            key: "d1".into(),
            label: "Today".into(),
        },
        Row::Message(Box::new(msg("bb", 1, false))),
        Row::Message(Box::new(msg("bb", 2, false))),
        Row::Message(Box::new(msg("cc", 3, false))),
        Row::Message(Box::new(notice)),
        Row::Message(Box::new(msg("cc", 5, false))),
        Row::Message(Box::new(msg("aa", 6, true))),
        Row::Message(Box::new(msg("cc", 7, false))),
        Row::Unread { count: 1 },
        Row::Message(Box::new(msg("cc", 8, false))),
    ];
    let starts = author_starts(&rows);
    let mut ts: Vec<u64> = starts.iter().map(|k| k.ts).collect();
    ts.sort_unstable();
    assert_eq!(ts, [1, 3, 5, 7, 8]);
}

#[wasm_bindgen_test]
fn a_group_avatar_has_the_initials_of_two_words() {
    assert_eq!(group_initials("Book club"), "BC");
    assert_eq!(group_initials("  écoles   du monde"), "ÉD");
    assert_eq!(group_initials("Solo"), "S");
    assert_eq!(group_initials("🎉 party"), "P");
    assert_eq!(group_initials(" "), "?");
}

#[wasm_bindgen_test]
fn notices_say_you_at_the_start_and_inside_a_sentence() {
    let me = id("aa");
    let name = |i: &SessionId| {
        if *i == id("bb") {
            "Bea".to_owned()
        } else {
            "Cy".to_owned()
        }
    };
    let added = GroupNotice::Added {
        members: vec![id("aa"), id("cc")],
    };
    assert_eq!(
        notice_words(&added, &id("bb"), &me, &name),
        "Bea added you and Cy."
    );
    assert_eq!(
        notice_words(&GroupNotice::Created, &me, &me, &name),
        "You created the group."
    );
    assert_eq!(
        notice_words(
            &GroupNotice::Removed {
                members: vec![id("bb")]
            },
            &me,
            &me,
            &name
        ),
        "You removed Bea."
    );
    assert_eq!(
        notice_words(&GroupNotice::Kicked, &me, &me, &name),
        "You were removed from the group."
    );
    assert_eq!(
        notice_words(&GroupNotice::Invited, &id("bb"), &me, &name),
        "Bea invited you to the group."
    );
}

#[wasm_bindgen_test]
fn a_group_headers_line_counts_members_or_says_why_it_ended() {
    let mut view = group(true, vec![member("aa", "Me", MemberRole::Admin, true)]);
    assert_eq!(header_line(&view).as_deref(), Some("1 member"));
    let mut empty = group(false, Vec::new());
    assert_eq!(header_line(&empty), None);
    empty.invited = true;
    assert_eq!(header_line(&empty).as_deref(), Some("Invitation"));
    view.kicked = true;
    assert_eq!(header_line(&view).as_deref(), Some("You were removed"));
    view.destroyed = true;
    assert_eq!(header_line(&view).as_deref(), Some("Deleted by its admins"));
}
