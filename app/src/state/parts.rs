//! What the parts that act on their own behalf (groups, community rooms) share of the session:
//! storage, time, the network, the screens, who we are and whether storage takes our writes.

use std::fmt;
use std::rc::Rc;

use super::network::Network;
use super::profile::Profile;
use super::storage_health::StorageHealth;
use super::views::Views;
use crate::ports::{Clock, Store};

/// The session's common parts, as a part that needs them holds them.
#[derive(Clone)]
pub struct SessionParts {
    /// Storage.
    pub store: Rc<dyn Store>,
    /// Time.
    pub clock: Rc<dyn Clock>,
    /// The network and its client.
    pub network: Rc<Network>,
    /// What the screens show.
    pub views: Rc<Views>,
    /// Who we are.
    pub profile: Rc<Profile>,
    /// Whether storage takes our writes.
    pub storage: Rc<StorageHealth>,
}

impl fmt::Debug for SessionParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionParts").finish_non_exhaustive()
    }
}
