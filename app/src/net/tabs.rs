//! Tabs of the same account in one browser: one of them polls (the holder of a Web Lock), and
//! all of them hear about changes over a `BroadcastChannel`, so they show the same messages.

use serde::{Deserialize, Serialize};
use session_core::conversation::ConversationId;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::BroadcastChannel;

use crate::ports::TabChannel;
use crate::util::log;

/// What tabs tell each other.
#[derive(Debug, Clone, PartialEq)]
pub enum TabMessage {
    /// Stored data changed (new or updated messages in these conversations).
    Changed {
        /// Conversations touched.
        convs: Vec<ConversationId>,
    },
    /// The polling tab's view of the network.
    Net {
        /// [`crate::state::net_state::NetState`] as its code.
        state: String,
    },
    /// A tab's visibility (the poller notifies only when no tab is visible).
    Visible {
        /// Sender tab.
        tab: String,
        /// Whether it is visible.
        visible: bool,
    },
    /// A new tab asks the others to announce themselves.
    Hello {
        /// Sender tab.
        tab: String,
    },
    /// A tab is going away.
    Bye {
        /// Sender tab.
        tab: String,
    },
    /// The profile (display name) changed.
    Profile,
    /// Messages failed because the network was down: the polling tab sends them once it
    /// works again.
    Waiting,
    /// Whether storage takes our writes.
    Storage {
        /// [`crate::state::storage_health::StorageProblem`] as its code; empty when it works.
        state: String,
    },
    /// The contact of a conversation started or stopped typing (heard by the polling tab).
    Typing {
        /// The conversation.
        conv: ConversationId,
        /// Started (or stopped).
        started: bool,
    },
    /// Every tab of the account reloads (onto the unlock screen, or another account): the app
    /// was locked, a password lock was set or the account was removed. On the wire it is
    /// still `lock`, as tabs of earlier builds know it.
    Restart,
}

/// The JSON form of a [`TabMessage`]: one flat record (much smaller code than a tagged enum),
/// conversations as their text forms.
#[derive(Default, Serialize, Deserialize)]
struct Wire {
    t: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    convs: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    state: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    tab: String,
    #[serde(default)]
    visible: bool,
}

impl TabMessage {
    /// Its JSON text.
    pub fn encode(&self) -> String {
        let w = match self {
            TabMessage::Changed { convs } => Wire {
                t: "changed".into(),
                convs: convs.iter().map(ConversationId::to_text).collect(),
                ..Wire::default()
            },
            TabMessage::Net { state } => Wire {
                t: "net".into(),
                state: state.clone(),
                ..Wire::default()
            },
            TabMessage::Visible { tab, visible } => Wire {
                t: "visible".into(),
                tab: tab.clone(),
                visible: *visible,
                ..Wire::default()
            },
            TabMessage::Hello { tab } => Wire {
                t: "hello".into(),
                tab: tab.clone(),
                ..Wire::default()
            },
            TabMessage::Bye { tab } => Wire {
                t: "bye".into(),
                tab: tab.clone(),
                ..Wire::default()
            },
            TabMessage::Profile => Wire {
                t: "profile".into(),
                ..Wire::default()
            },
            TabMessage::Waiting => Wire {
                t: "waiting".into(),
                ..Wire::default()
            },
            TabMessage::Storage { state } => Wire {
                t: "storage".into(),
                state: state.clone(),
                ..Wire::default()
            },
            TabMessage::Typing { conv, started } => Wire {
                t: "typing".into(),
                convs: vec![conv.to_text()],
                visible: *started,
                ..Wire::default()
            },
            TabMessage::Restart => Wire {
                t: "lock".into(),
                ..Wire::default()
            },
        };
        serde_json::to_string(&w).unwrap_or_default()
    }

    /// The message in a JSON text.
    pub fn decode(text: &str) -> Result<TabMessage, UnknownMessage> {
        let w: Wire = serde_json::from_str(text).map_err(|_| UnknownMessage)?;
        Ok(match w.t.as_str() {
            // A conversation this version cannot name (from a newer tab) is not shown here.
            "changed" => TabMessage::Changed {
                convs: w.convs.iter().filter_map(|c| c.parse().ok()).collect(),
            },
            "net" => TabMessage::Net { state: w.state },
            "visible" => TabMessage::Visible {
                tab: w.tab,
                visible: w.visible,
            },
            "hello" => TabMessage::Hello { tab: w.tab },
            "bye" => TabMessage::Bye { tab: w.tab },
            "profile" => TabMessage::Profile,
            "waiting" => TabMessage::Waiting,
            "lock" => TabMessage::Restart,
            "storage" => TabMessage::Storage { state: w.state },
            "typing" => TabMessage::Typing {
                conv: w
                    .convs
                    .first()
                    .and_then(|c| c.parse().ok())
                    .ok_or(UnknownMessage)?,
                started: w.visible,
            },
            _ => return Err(UnknownMessage),
        })
    }
}

/// A tab message this version does not understand (from a newer tab, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownMessage;

impl fmt::Display for UnknownMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown tab message")
    }
}

/// What runs for each message from another tab.
type Handler = Rc<RefCell<Option<Box<dyn FnMut(TabMessage)>>>>;

/// A BroadcastChannel carrying [`TabMessage`]s as JSON.
pub struct BroadcastTabs {
    channel: Option<BroadcastChannel>,
    handler: Handler,
}

impl fmt::Debug for BroadcastTabs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BroadcastTabs")
            .field("open", &self.channel.is_some())
            .finish_non_exhaustive()
    }
}

impl BroadcastTabs {
    /// Joins the channel `name`; messages are handed to the handler set with
    /// [`BroadcastTabs::on_message`] (dropped until then). Without BroadcastChannel support
    /// the tab works alone.
    pub fn join(name: &str) -> BroadcastTabs {
        let handler: Handler = Rc::default();
        let channel = match BroadcastChannel::new(name) {
            Ok(c) => c,
            Err(_) => {
                log::warn("BroadcastChannel unavailable: tabs will not share updates");
                return BroadcastTabs {
                    channel: None,
                    handler,
                };
            }
        };
        let target = handler.clone();
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let Some(text) = ev.data().as_string() else {
                    return;
                };
                match TabMessage::decode(&text) {
                    Ok(msg) => {
                        if let Some(f) = target.borrow_mut().as_mut() {
                            f(msg);
                        }
                    }
                    Err(e) => log::warn(&format!("ignored a tab message: {e}")),
                }
            });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
        BroadcastTabs {
            channel: Some(channel),
            handler,
        }
    }

    /// Sets what runs for every message from another tab.
    pub fn on_message(&self, f: impl FnMut(TabMessage) + 'static) {
        *self.handler.borrow_mut() = Some(Box::new(f));
    }
}

impl TabChannel for BroadcastTabs {
    fn post(&self, msg: &TabMessage) {
        if let Some(c) = &self.channel {
            let _ = c.post_message(&JsValue::from_str(&msg.encode()));
        }
    }
}
