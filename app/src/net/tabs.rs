//! Tabs of the same account in one browser: one of them polls (the holder of a Web Lock), and
//! all of them hear about changes over a `BroadcastChannel`, so they show the same messages.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::BroadcastChannel;

use crate::util::log;

/// What tabs tell each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum TabMessage {
    /// Stored data changed (new or updated messages in these conversations).
    Changed {
        /// Conversation IDs touched.
        convs: Vec<String>,
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
}

/// A BroadcastChannel carrying [`TabMessage`]s as JSON.
#[derive(Debug)]
pub struct Tabs {
    channel: Option<BroadcastChannel>,
}

impl Tabs {
    /// Joins the channel `name`; `on_message` runs for every message from another tab.
    /// Without BroadcastChannel support the tab works alone.
    pub fn join(name: &str, mut on_message: impl FnMut(TabMessage) + 'static) -> Tabs {
        let channel = match BroadcastChannel::new(name) {
            Ok(c) => c,
            Err(_) => {
                log::warn("BroadcastChannel unavailable: tabs will not share updates");
                return Tabs { channel: None };
            }
        };
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |ev: web_sys::MessageEvent| {
                let Some(text) = ev.data().as_string() else { return };
                match serde_json::from_str::<TabMessage>(&text) {
                    Ok(msg) => on_message(msg),
                    Err(e) => log::warn(&format!("ignored a tab message: {e}")),
                }
            },
        );
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        Tabs {
            channel: Some(channel),
        }
    }

    /// Tells the other tabs.
    pub fn post(&self, msg: &TabMessage) {
        if let (Some(c), Ok(json)) = (&self.channel, serde_json::to_string(msg)) {
            let _ = c.post_message(&JsValue::from_str(&json));
        }
    }
}
