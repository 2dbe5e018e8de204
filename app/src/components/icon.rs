//! Line icons (24×24, stroked with the current text colour).

use leptos::prelude::*;

/// The icons the app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    /// Paper plane.
    Send,
    /// Chevron pointing left.
    Back,
    /// Pencil on a square: new conversation.
    Compose,
    /// Cog.
    Settings,
    /// Two sheets.
    Copy,
    /// Tick.
    Check,
    /// Clock.
    Clock,
    /// Exclamation in a circle.
    Alert,
    /// Circular arrow.
    Retry,
    /// Lock.
    Lock,
    /// Bookmark: Note to Self's avatar, which no display name can give.
    Bookmark,
    /// Three dots: more actions.
    More,
    /// Push pin: pinned conversation.
    Pin,
    /// Struck-through bell: muted.
    Muted,
    /// Closed envelope: mark unread.
    Unread,
    /// Paper clip: attach a file.
    Attach,
    /// A sheet with a folded corner: a file.
    File,
    /// Arrow into a tray: download.
    Download,
    /// A cross: close, remove.
    Close,
    /// A magnifying glass: search.
    Search,
    /// A struck-through circle: block.
    Block,
    /// A smiling face: emoji.
    Smile,
    /// An "i" in a circle: information.
    Info,
    /// A curved arrow back: reply.
    Reply,
    /// A bin: delete.
    Trash,
    /// Two ticks: read by the recipient.
    Read,
    /// A smiling face with a plus: add a reaction.
    React,
    /// Two people: a group.
    Group,
    /// A person with a plus: add members.
    AddPerson,
    /// An arrow out of a door: leave.
    Leave,
    /// A shield: an admin.
    Admin,
    /// A globe: a community.
    Globe,
}

impl IconName {
    /// Whether the icon points along the reading direction (send, back, reply, leave), so a
    /// right-to-left layout mirrors it.
    fn points_forward(self) -> bool {
        matches!(
            self,
            IconName::Send | IconName::Back | IconName::Reply | IconName::Leave
        )
    }

    fn path(self) -> &'static str {
        match self {
            IconName::Send => "M4 12l16-8-6 16-2.5-6.5L4 12z M11.5 13.5L20 4",
            IconName::Back => "M15 5l-7 7 7 7",
            IconName::Compose => "M4 20h4L19 9l-4-4L4 16v4z M13 7l4 4",
            IconName::Settings => "M12 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M19.4 13.5l1.6 1.2-2 3.5-1.9-.7a7 7 0 0 1-1.9 1.1L15 20.5h-4l-.3-1.9a7 7 0 0 1-1.9-1.1l-1.9.7-2-3.5 1.6-1.2a7 7 0 0 1 0-3l-1.6-1.2 2-3.5 1.9.7a7 7 0 0 1 1.9-1.1L11 3.5h4l.3 1.9a7 7 0 0 1 1.9 1.1l1.9-.7 2 3.5-1.6 1.2a7 7 0 0 1 0 3z",
            IconName::Copy => "M9 9h10v11H9z M5 15V4h10",
            IconName::Check => "M5 12.5l4.5 4.5L19 7.5",
            IconName::Clock => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7v5l3 2",
            IconName::Alert => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7.5v6 M12 16.5v.5",
            IconName::Retry => "M20 12a8 8 0 1 1-2.3-5.7 M20 4v5h-5",
            IconName::Lock => "M6 11h12v9H6z M8.5 11V8a3.5 3.5 0 0 1 7 0v3",
            IconName::Bookmark => "M7 4h10v16l-5-4-5 4z",
            IconName::More => "M5 12h.01 M12 12h.01 M19 12h.01",
            IconName::Pin => "M9 4h6 M10 4v5l-3 4h10l-3-4V4 M12 13v7",
            IconName::Unread => "M4 6h16v12H4z M4 7l8 6 8-6",
            IconName::Attach => {
                "M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1L13 4.3a3.3 3.3 0 0 1 4.7 4.7l-7.8 7.8a1.7 1.7 0 0 1-2.4-2.4L14.6 7.3"
            }
            IconName::File => "M6 3h8l4 4v14H6z M14 3v4h4",
            IconName::Download => "M12 4v11 M7.5 10.5L12 15l4.5-4.5 M5 19h14",
            IconName::Close => "M6 6l12 12 M18 6L6 18",
            IconName::Search => "M10.5 17.5a7 7 0 1 0 0-14 7 7 0 0 0 0 14z M15.5 15.5L20 20",
            IconName::Block => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M5.6 5.6l12.8 12.8",
            IconName::Smile => {
                "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M8.5 14.5a4.5 4.5 0 0 0 7 0 M9 9.5v.5 M15 9.5v.5"
            }
            IconName::Info => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 11v5.5 M12 7.5v.5",
            IconName::Reply => "M10 8L5 12.5l5 4.5 M5 12.5h9a5 5 0 0 1 5 5V19",
            IconName::Trash => "M5 7h14 M10 4h4 M7 7l1 13h8l1-13 M10.5 10.5v6 M13.5 10.5v6",
            IconName::Read => "M2.5 12.5L7 17l9.5-9.5 M11 16l1 1 9.5-9.5",
            IconName::React => {
                "M11 20.5a8.5 8.5 0 1 1 9.4-10 M8 14a4.5 4.5 0 0 0 6 1 M9 9.5v.5 M14 9.5v.5 M18.5 14v6 M15.5 17h6"
            }
            IconName::Group => {
                "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M2.5 20a6.5 6.5 0 0 1 13 0 M16 4.3a3.5 3.5 0 0 1 0 6.4 M18 14.2a6.5 6.5 0 0 1 3.5 5.8"
            }
            IconName::AddPerson => {
                "M10 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M3.5 20a6.5 6.5 0 0 1 11-4.7 M19 14v6 M16 17h6"
            }
            IconName::Leave => "M14 4H6v16h8 M10 12h11 M17.5 8.5L21 12l-3.5 3.5",
            IconName::Admin => "M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6l7-3z M9 12l2 2 4-4",
            IconName::Globe => {
                "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M3 12h18 M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9 M12 3c-2.5 2.7-3.8 5.7-3.8 9s1.3 6.3 3.8 9"
            }
            IconName::Muted => {
                "M9 5.5A6 6 0 0 1 18 10.5V15 M6 10.5V16l-2 2h12 M10 20.5a2 2 0 0 0 4 0 M4 4l16 16"
            }
        }
    }
}

/// An icon; decorative (hidden from screen readers): label its button instead.
#[component]
pub fn Icon(
    /// Which icon.
    name: IconName,
) -> impl IntoView {
    let class = if name.points_forward() {
        "icon icon-directional"
    } else {
        "icon"
    };
    view! {
        <svg class=class viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=name.path() />
        </svg>
    }
}
