//! The tab among the account's tabs: its ID, whether it is the one that polls, which other
//! tabs are visible (notifications are for when none is), and posting to the others.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::net::tabs::TabMessage;
use crate::ports::{Platform, TabChannel};

/// This tab's place among the account's tabs.
pub struct Tabs {
    id: String,
    channel: Rc<dyn TabChannel>,
    platform: Rc<dyn Platform>,
    leader: Cell<bool>,
    visible: RefCell<HashMap<String, bool>>,
    /// Tabs that said goodbye: what they post while going away (a last change of visibility)
    /// is not taken as a tab still there.
    gone: RefCell<HashSet<String>>,
}

impl std::fmt::Debug for Tabs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tabs")
            .field("id", &self.id)
            .field("leader", &self.leader.get())
            .finish_non_exhaustive()
    }
}

impl Tabs {
    /// This tab, named `id`, talking to the others over `channel`.
    pub fn new(id: String, channel: Rc<dyn TabChannel>, platform: Rc<dyn Platform>) -> Tabs {
        Tabs {
            id,
            channel,
            platform,
            leader: Cell::new(false),
            visible: RefCell::new(HashMap::new()),
            gone: RefCell::new(HashSet::new()),
        }
    }

    /// Tells the other tabs.
    pub fn post(&self, msg: &TabMessage) {
        self.channel.post(msg);
    }

    /// Whether this tab polls for the account.
    pub fn is_leader(&self) -> bool {
        self.leader.get()
    }

    /// This tab polls from now on.
    pub fn lead(&self) {
        self.leader.set(true);
    }

    /// Introduces this tab (the others answer with their visibility).
    pub fn hello(&self) {
        self.post(&TabMessage::Hello {
            tab: self.id.clone(),
        });
        self.announce_visibility();
    }

    /// This tab is going away.
    pub fn bye(&self) {
        self.post(&TabMessage::Bye {
            tab: self.id.clone(),
        });
    }

    /// Tells the others whether this tab is visible.
    pub fn announce_visibility(&self) {
        self.post(&TabMessage::Visible {
            tab: self.id.clone(),
            visible: !self.platform.is_hidden(),
        });
    }

    /// Whether another tab of the account is visible.
    pub fn another_visible(&self) -> bool {
        self.visible.borrow().values().any(|v| *v)
    }

    /// Takes note of the tab messages about tabs; the others are handed back.
    pub fn observe(&self, msg: TabMessage) -> Option<TabMessage> {
        match msg {
            TabMessage::Visible { tab, visible } => {
                if !self.gone.borrow().contains(&tab) {
                    self.visible.borrow_mut().insert(tab, visible);
                }
            }
            TabMessage::Hello { tab } => {
                self.gone.borrow_mut().remove(&tab);
                self.visible.borrow_mut().insert(tab, false);
                self.announce_visibility();
            }
            TabMessage::Bye { tab } => {
                self.visible.borrow_mut().remove(&tab);
                self.gone.borrow_mut().insert(tab);
            }
            other => return Some(other),
        }
        None
    }
}
