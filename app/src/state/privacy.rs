//! The privacy switches of Settings: whether this account sends read receipts and typing
//! indicators, and takes message requests from people in its communities. All are off until
//! turned on, as in the official apps for a new account; with
//! receipts off, the receipts of others are not shown either (as the official apps do).

use crate::accounts::AccountSlot;
use crate::util::browser;

pub(crate) const RECEIPTS_KEY: &str = "session-web.read-receipts";
pub(crate) const TYPING_KEY: &str = "session-web.typing-indicators";
pub(crate) const COMMUNITY_KEY: &str = "session-web.community-requests";

/// The privacy switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Privacy {
    /// Send read receipts (and show those of others).
    pub read_receipts: bool,
    /// Send typing indicators (and show those of others).
    pub typing_indicators: bool,
    /// Take message requests from people in our communities (blinded direct messages from
    /// someone we never wrote to); our posts say whether we do.
    pub community_requests: bool,
}

impl Privacy {
    /// This tab's account's saved switches (off when never set).
    pub fn load() -> Privacy {
        Privacy::load_for(&crate::accounts::current())
    }

    /// The saved switches of the account in `slot` (a tab also polls for other accounts).
    pub fn load_for(slot: &AccountSlot) -> Privacy {
        let on = |key| browser::local_get(&slot.scope(key)).as_deref() == Some("on");
        Privacy {
            read_receipts: on(RECEIPTS_KEY),
            typing_indicators: on(TYPING_KEY),
            community_requests: on(COMMUNITY_KEY),
        }
    }

    /// Saves the switches.
    pub fn save(self) {
        let word = |b: bool| if b { "on" } else { "off" };
        browser::local_set(
            &crate::accounts::scoped(RECEIPTS_KEY),
            word(self.read_receipts),
        );
        browser::local_set(
            &crate::accounts::scoped(TYPING_KEY),
            word(self.typing_indicators),
        );
        browser::local_set(
            &crate::accounts::scoped(COMMUNITY_KEY),
            word(self.community_requests),
        );
    }
}
