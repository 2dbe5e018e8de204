//! Service-node swarms (network.md §3).
//!
//! Every account lives on the swarm whose ID is closest to the account's "swarm space"
//! ([`swarm_space`], [`swarm_for`]). Node records come from the node list and `get_swarm`
//! responses ([`crate::rpc::response::SnodeRecord`]).

mod mapping;

pub use mapping::{swarm_for, swarm_space, INVALID_SWARM_ID};
