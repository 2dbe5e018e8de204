//! The typing part (messaging.md §5.8): our typing indicators, sent while the composer has
//! text — STARTED on the first keystroke and again every 10 s while typing, STOPPED after 10 s
//! without a keystroke or when the composer empties, nothing when the message is sent — and
//! the contacts' indicators, shown for 15 s unless refreshed and cleared by their next
//! message. Only for approved one-to-one chats with the switch on ([`Privacy`]); the polling
//! tab hears them and tells the other tabs.

use leptos::prelude::*;
use session_core::conversation::ConversationId;
use session_core::identity::SessionId;
use session_core::message::control::{self, TYPING_REFRESH_MS, TYPING_SHOWN_MS, TYPING_TTL_MS};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::network::Network;
use super::privacy::Privacy;
use super::tabs::Tabs;
use super::views::Views;
use crate::net::tabs::TabMessage;
use crate::ports::Clock;

/// Our side of one conversation: whether we said we are typing, and when.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sender {
    /// STARTED was sent and no STOPPED since.
    pub active: bool,
    /// When STARTED was last sent.
    pub started_ms: u64,
    /// The last keystroke.
    pub key_ms: u64,
}

impl Sender {
    /// The composer changed at `now` (`empty`: nothing left in it): the indicator to send,
    /// if any (`true` STARTED, `false` STOPPED).
    pub fn input(&mut self, now: u64, empty: bool) -> Option<bool> {
        if empty {
            return self.stop();
        }
        self.key_ms = now;
        if !self.active || now.saturating_sub(self.started_ms) >= TYPING_REFRESH_MS {
            self.active = true;
            self.started_ms = now;
            return Some(true);
        }
        None
    }

    /// Time passed: STOPPED once 10 s went by without a keystroke.
    pub fn tick(&mut self, now: u64) -> Option<bool> {
        if self.active && now.saturating_sub(self.key_ms) >= TYPING_REFRESH_MS {
            return self.stop();
        }
        None
    }

    /// The message was sent: the indicator just ends (the message says enough).
    pub fn sent(&mut self) {
        self.active = false;
    }

    fn stop(&mut self) -> Option<bool> {
        std::mem::take(&mut self.active).then_some(false)
    }
}

/// Who is typing where, until when (ms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    until: HashMap<ConversationId, u64>,
}

impl Shown {
    /// An indicator from the contact of `conv` at `now`; whether what is shown changed.
    pub fn heard(&mut self, conv: &ConversationId, started: bool, now: u64) -> bool {
        if started {
            let was = self.until.insert(conv.clone(), now + TYPING_SHOWN_MS);
            was.is_none_or(|t| t <= now)
        } else {
            self.until.remove(conv).is_some()
        }
    }

    /// A message from them came: they stopped typing.
    pub fn message(&mut self, conv: &ConversationId) -> bool {
        self.until.remove(conv).is_some()
    }

    /// Forgets indicators past their time; whether any went.
    pub fn expire(&mut self, now: u64) -> bool {
        let before = self.until.len();
        self.until.retain(|_, t| *t > now);
        self.until.len() != before
    }

    /// Whether someone is typing in `conv` at `now`.
    pub fn typing(&self, conv: &ConversationId, now: u64) -> bool {
        self.until.get(conv).is_some_and(|t| *t > now)
    }

    /// The conversations where someone is typing at `now`.
    pub fn conversations(&self, now: u64) -> Vec<ConversationId> {
        let mut v: Vec<_> = self
            .until
            .iter()
            .filter(|(_, t)| **t > now)
            .map(|(c, _)| c.clone())
            .collect();
        v.sort();
        v
    }
}

/// The typing part.
pub struct Typing {
    me: SessionId,
    clock: Rc<dyn Clock>,
    network: Rc<Network>,
    views: Rc<Views>,
    tabs: Rc<Tabs>,
    senders: RefCell<HashMap<ConversationId, Sender>>,
    shown: RefCell<Shown>,
    /// The conversations where the contact is typing now (for the chat header).
    pub typing: RwSignal<Vec<ConversationId>>,
}

impl std::fmt::Debug for Typing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typing").finish_non_exhaustive()
    }
}

impl Typing {
    /// The typing indicators of the account `me`.
    pub fn new(
        me: SessionId,
        clock: Rc<dyn Clock>,
        network: Rc<Network>,
        views: Rc<Views>,
        tabs: Rc<Tabs>,
    ) -> Typing {
        Typing {
            me,
            clock,
            network,
            views,
            tabs,
            senders: RefCell::default(),
            shown: RefCell::default(),
            typing: RwSignal::new(Vec::new()),
        }
    }

    /// The composer of `conv` changed (`empty`: nothing is left in it).
    pub fn composer_input(self: &Rc<Self>, conv: &ConversationId, empty: bool) {
        if !self.may_send(conv) {
            return;
        }
        let now = self.clock.now_ms();
        let send = self
            .senders
            .borrow_mut()
            .entry(conv.clone())
            .or_default()
            .input(now, empty);
        if let Some(started) = send {
            self.send(conv, started);
        }
        if send == Some(true) {
            self.watch(conv.clone());
        }
    }

    /// The message of `conv` was sent.
    pub fn composer_sent(&self, conv: &ConversationId) {
        if let Some(s) = self.senders.borrow_mut().get_mut(conv) {
            s.sent();
        }
    }

    /// Checks every few seconds whether typing in `conv` stopped; ends once it did.
    fn watch(self: &Rc<Self>, conv: ConversationId) {
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                me.clock.sleep(2_000).await;
                let now = me.clock.now_ms();
                let (stop, active) = {
                    let mut senders = me.senders.borrow_mut();
                    let s = senders.entry(conv.clone()).or_default();
                    (s.tick(now), s.active)
                };
                if let Some(started) = stop {
                    me.send(&conv, started);
                }
                if !active {
                    break;
                }
            }
        });
    }

    /// Only to approved one-to-one chats, not blocked, with the switch on.
    fn may_send(&self, conv: &ConversationId) -> bool {
        let ConversationId::Direct(_) = conv else {
            return false;
        };
        Privacy::load().typing_indicators
            && self
                .views
                .summary(conv)
                .is_some_and(|c| !c.request && !c.settings.blocked)
    }

    fn send(&self, conv: &ConversationId, started: bool) {
        let ConversationId::Direct(to) = conv.clone() else {
            return;
        };
        let network = self.network.clone();
        wasm_bindgen_futures::spawn_local(async move {
            network
                .send_now(&to, control::typing(started), Some(TYPING_TTL_MS))
                .await;
        });
    }

    /// The polling tab heard `from` start or stop typing; the other tabs are told.
    pub fn heard(self: &Rc<Self>, from: &SessionId, started: bool) {
        if *from == self.me || !Privacy::load().typing_indicators {
            return;
        }
        let conv = ConversationId::Direct(*from);
        self.show(&conv, started);
        self.tabs.post(&TabMessage::Typing {
            conv: conv.clone(),
            started,
        });
    }

    /// Another tab (or the poller) says the contact of `conv` started or stopped typing.
    pub fn show(self: &Rc<Self>, conv: &ConversationId, started: bool) {
        let now = self.clock.now_ms();
        if self.shown.borrow_mut().heard(conv, started, now) {
            self.publish(now);
        }
        if started {
            let me = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                me.clock.sleep(TYPING_SHOWN_MS).await;
                let now = me.clock.now_ms();
                if me.shown.borrow_mut().expire(now) {
                    me.publish(now);
                }
            });
        }
    }

    /// Messages came from these contacts: they are no longer typing.
    pub fn messages_from(&self, convs: &[ConversationId]) {
        let mut changed = false;
        for c in convs {
            changed |= self.shown.borrow_mut().message(c);
        }
        if changed {
            self.publish(self.clock.now_ms());
        }
    }

    fn publish(&self, now: u64) {
        self.typing.set(self.shown.borrow().conversations(now));
    }
}
