//! Application state. The signed-in account's [`session::Session`] is made of parts that each
//! own their state, provided to the components through Leptos context ([`context`]):
//!
//! - [`tabs`]: this tab among the account's tabs (poller lead, visibility, messages);
//! - [`network`]: the relay's network and file server, the client, health and onion path;
//! - [`poller`]: polling in the tab that leads;
//! - [`config_sync`]: the account's settings kept in step with its other devices, in the tab
//!   that polls;
//! - [`outbox`]: sending, and keeping the outbox the client delivers;
//! - [`uploads`]: messages with files: uploading them before the outbox takes the message;
//! - [`views`]: the conversation list and the open conversation, and changing a
//!   conversation's settings ([`conversation_settings`]);
//! - [`files`]: attachments' bytes: kept, downloaded, decrypted and shown;
//! - [`communities`]: community rooms joined, polled, posted to ([`room_posts`] turns a
//!   room's events into stored messages);
//! - [`groups`]: groups v2: making and running groups, invitations, and each poll's share
//!   for them ([`group_notice`] words what happened to one);
//! - [`profile`]: who we are and our display name;
//! - [`notifications`]: notifications of new messages;
//! - [`storage_health`]: whether storage takes our writes (a banner when it does not).
//!
//! Before sign-in, [`onboarding`] owns start-up; [`ui`] holds the app-wide signals. The rest
//! are plain view models the components render (timeline, composer rules, Session ID
//! validation, conversation list, routes, theme, a message's actions and links, emoji).

pub mod alarm;
pub mod avatars;
pub mod background;
pub mod blinded_dms;
pub mod communities;
pub mod compose;
pub mod config_sync;
pub mod context;
pub mod conversation_settings;
pub mod conversations;
pub mod disappearing;
pub mod edits;
pub mod effects;
pub mod emoji;
pub mod engine;
pub mod files;
pub mod group_form;
pub mod group_notice;
pub mod group_screen;
pub mod group_watch;
pub mod groups;
pub mod links;
pub mod message_actions;
pub mod net_state;
pub mod network;
pub mod notifications;
pub mod onboarding;
pub mod outbox;
pub mod parts;
pub mod password;
pub mod poller;
pub mod privacy;
pub mod profile;
pub mod quotes;
pub mod reactions;
pub mod receive;
pub mod recipient;
pub mod recorder;
pub mod requests;
pub mod room_posts;
pub mod route;
pub mod search;
pub mod session;
pub mod shortcuts;
pub mod storage_health;
pub mod tabs;
pub mod theme;
pub mod timeline;
pub mod typing;
pub mod ui;
pub mod uploads;
pub mod views;
