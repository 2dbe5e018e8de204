//! The app's components, one per file. They render [`crate::state`] and call its functions;
//! domain rules live there, not here. Text from other people is always rendered as text.

pub mod avatar;
pub mod chat_view;
pub mod composer;
pub mod conversation_item;
pub mod conversation_list;
pub mod copy_button;
pub mod day_separator;
pub mod display_name;
pub mod fatal;
pub mod home;
pub mod icon;
pub mod message_bubble;
pub mod network_banner;
pub mod new_conversation;
pub mod onboarding;
pub mod onboarding_create;
pub mod onboarding_restore;
pub mod onboarding_welcome;
pub mod onion_path;
pub mod qr_code;
pub mod recovery_phrase;
pub mod session_id_text;
pub mod settings;
pub mod splash;
pub mod toast;
pub mod unread_marker;
