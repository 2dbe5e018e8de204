//! Which swarm each node is in now. The layout (network.json) gives every node a swarm; a swarm
//! move reassigns a few nodes to a new swarm, as oxend does when it splits or forms swarms
//! (network.md §3.4). Everything that reads a node's swarm — the nodes' own checks, the node
//! lists of the seed and of `oxend_request`, the admin listing, [`crate::LocalNet`] — reads it
//! here, so that a client computing swarms from a node list (§3.3) sees what the nodes enforce.

use crate::layout::NodeInfo;
use crate::rules::{swarm_for, swarm_space};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{RwLock, RwLockWriteGuard};

/// Nodes a new swarm is made of.
pub(crate) const NEW_SWARM_SIZE: usize = 3;
/// Fewest members a swarm keeps when it gives nodes away: what clients need to use a swarm
/// (network.md §3.4: "≥ 3 reachable members").
pub(crate) const MIN_SWARM_SIZE: usize = 3;

/// The nodes with their swarms at one moment.
#[derive(Debug, Clone)]
pub(crate) struct View {
    nodes: Vec<NodeInfo>,
}

impl View {
    /// Every node, in layout order, with its current swarm.
    pub fn nodes(&self) -> &[NodeInfo] {
        &self.nodes
    }

    pub fn into_nodes(self) -> Vec<NodeInfo> {
        self.nodes
    }

    /// Swarm ids, ascending.
    pub fn swarm_ids(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self.nodes.iter().map(|n| n.swarm_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The swarm an account belongs to (network.md §3.3).
    pub fn swarm_of(&self, pk: &[u8; 33]) -> Option<u64> {
        swarm_for(pk, &self.swarm_ids())
    }

    /// Members of a swarm, in node order.
    pub fn members(&self, swarm_id: u64) -> Vec<NodeInfo> {
        self.nodes
            .iter()
            .filter(|n| n.swarm_id == swarm_id)
            .cloned()
            .collect()
    }

    /// The node with this Ed25519 key.
    pub fn find(&self, ed25519: &[u8; 32]) -> Option<&NodeInfo> {
        self.nodes.iter().find(|n| &n.ed25519 == ed25519)
    }

    /// Members per swarm.
    fn sizes(&self) -> BTreeMap<u64, usize> {
        let mut sizes = BTreeMap::new();
        for n in &self.nodes {
            *sizes.entry(n.swarm_id).or_default() += 1;
        }
        sizes
    }

    /// The same nodes with `moves` applied (node → swarm).
    fn with(&self, moves: &HashMap<[u8; 32], u64>) -> View {
        let mut nodes = self.nodes.clone();
        for n in &mut nodes {
            if let Some(id) = moves.get(&n.ed25519) {
                n.swarm_id = *id;
            }
        }
        View { nodes }
    }
}

/// Why an account cannot be moved to a swarm of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoveError {
    /// The network has no swarm at all.
    NoSwarm,
    /// An existing swarm's id is the account's swarm space itself (the account already has a
    /// swarm of its own): no new swarm can be nearer.
    PlaceTaken {
        /// That swarm.
        swarm_id: u64,
    },
    /// The other swarms cannot give the three nodes a new swarm needs and keep three each.
    NotEnoughNodes {
        /// Nodes found to spare.
        spare: usize,
    },
}

impl fmt::Display for MoveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoveError::NoSwarm => write!(f, "the network has no swarm"),
            MoveError::PlaceTaken { swarm_id } => write!(
                f,
                "swarm {swarm_id:x} sits at the account's own place on the ring; no new swarm \
                 can take the account from it"
            ),
            MoveError::NotEnoughNodes { spare } => write!(
                f,
                "the other swarms can spare {spare} of the {NEW_SWARM_SIZE} nodes a new swarm \
                 needs while keeping {MIN_SWARM_SIZE} members each"
            ),
        }
    }
}

impl std::error::Error for MoveError {}

/// A new swarm for an account: its id and the nodes it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Move {
    pub swarm_id: u64,
    pub nodes: Vec<[u8; 32]>,
}

/// A new swarm at the account's swarm space (so the account maps to it, §3.3), made of
/// [`NEW_SWARM_SIZE`] nodes taken one at a time from the largest swarm other than the
/// account's, none of which drops below [`MIN_SWARM_SIZE`].
pub(crate) fn plan_move(view: &View, pk: &[u8; 33]) -> Result<Move, MoveError> {
    let ids = view.swarm_ids();
    let old = swarm_for(pk, &ids).ok_or(MoveError::NoSwarm)?;
    // At its space the new id is nearer than any other; u64::MAX is the "no swarm" id (§3.3),
    // and its neighbour below still wins (ties go to the lower id).
    let swarm_id = swarm_space(pk).min(u64::MAX - 1);
    if ids.contains(&swarm_id) {
        return Err(MoveError::PlaceTaken { swarm_id });
    }
    let mut sizes = view.sizes();
    sizes.remove(&old);
    let mut nodes = Vec::with_capacity(NEW_SWARM_SIZE);
    for _ in 0..NEW_SWARM_SIZE {
        let donor = sizes
            .iter()
            .filter(|(_, size)| **size > MIN_SWARM_SIZE)
            .max_by_key(|(id, size)| (**size, **id))
            .map(|(id, _)| *id)
            .ok_or(MoveError::NotEnoughNodes { spare: nodes.len() })?;
        // Its last member in node order: the layout's early nodes keep their swarms.
        let node = view
            .nodes
            .iter()
            .rev()
            .find(|n| n.swarm_id == donor && !nodes.contains(&n.ed25519))
            .ok_or(MoveError::NotEnoughNodes { spare: nodes.len() })?;
        nodes.push(node.ed25519);
        if let Some(size) = sizes.get_mut(&donor) {
            *size -= 1;
        }
    }
    Ok(Move { swarm_id, nodes })
}

/// The layout's swarms and the reassignments made since the start (kept in memory only: a
/// restarted network starts from the layout again).
#[derive(Debug)]
pub(crate) struct Swarms {
    layout: Vec<NodeInfo>,
    moved: RwLock<HashMap<[u8; 32], u64>>,
}

/// Holds the assignment still while it is changed (and the data handed over).
pub(crate) struct Change<'a> {
    layout: &'a [NodeInfo],
    moved: RwLockWriteGuard<'a, HashMap<[u8; 32], u64>>,
}

impl Change<'_> {
    /// The assignment now.
    pub fn view(&self) -> View {
        View {
            nodes: self.layout.to_vec(),
        }
        .with(&self.moved)
    }

    /// The assignment once `moves` (node → swarm) are added.
    pub fn preview(&self, moves: &Move) -> View {
        let mut all = self.moved.clone();
        for n in &moves.nodes {
            all.insert(*n, moves.swarm_id);
        }
        View {
            nodes: self.layout.to_vec(),
        }
        .with(&all)
    }

    /// The layout's assignment.
    pub fn layout(&self) -> View {
        View {
            nodes: self.layout.to_vec(),
        }
    }

    /// Applies a move.
    pub fn apply(&mut self, m: &Move) {
        for n in &m.nodes {
            self.moved.insert(*n, m.swarm_id);
        }
    }

    /// Back to the layout's assignment.
    pub fn reset(&mut self) {
        self.moved.clear();
    }
}

impl Swarms {
    pub fn new(layout: Vec<NodeInfo>) -> Swarms {
        Swarms {
            layout,
            moved: RwLock::new(HashMap::new()),
        }
    }

    /// The assignment now.
    pub fn view(&self) -> View {
        let moved = self.moved.read().unwrap_or_else(|p| p.into_inner());
        View {
            nodes: self.layout.clone(),
        }
        .with(&moved)
    }

    /// The current swarm of one node.
    pub fn swarm_of_node(&self, ed25519: &[u8; 32]) -> Option<u64> {
        let moved = self.moved.read().unwrap_or_else(|p| p.into_inner());
        moved.get(ed25519).copied().or_else(|| {
            self.layout
                .iter()
                .find(|n| &n.ed25519 == ed25519)
                .map(|n| n.swarm_id)
        })
    }

    /// Starts a change: nodes checking swarms wait until it is dropped, so none acts on the
    /// new assignment before the data has followed it.
    pub fn change(&self) -> Change<'_> {
        Change {
            layout: &self.layout,
            moved: self.moved.write().unwrap_or_else(|p| p.into_inner()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn node(i: u8, swarm_id: u64) -> NodeInfo {
        NodeInfo {
            index: usize::from(i),
            ed25519: [i; 32],
            x25519: [i; 32],
            ip: Ipv4Addr::LOCALHOST,
            port: 1000 + u16::from(i),
            swarm_id,
        }
    }

    /// An account key whose swarm space is `space`.
    fn pk(space: u64) -> [u8; 33] {
        let mut k = [5u8; 33];
        k[1..25].fill(0);
        k[25..].copy_from_slice(&space.to_be_bytes());
        k
    }

    fn applied(v: &View, m: &Move) -> View {
        let moves: HashMap<[u8; 32], u64> = m.nodes.iter().map(|n| (*n, m.swarm_id)).collect();
        v.with(&moves)
    }

    fn view(sizes: &[(u64, u8)]) -> View {
        let mut nodes = Vec::new();
        for (id, n) in sizes {
            for _ in 0..*n {
                let i = nodes.len() as u8;
                nodes.push(node(i, *id));
            }
        }
        View { nodes }
    }

    #[test]
    fn a_new_swarm_at_the_accounts_place_from_the_largest_other_swarms() {
        let v = view(&[(100, 6), (1 << 62, 5), (1 << 63, 4)]);
        let m = plan_move(&v, &pk(150)).unwrap();
        assert_eq!(m.swarm_id, 150);
        // The account's own swarm (100) gives nothing; 2^62 (5) gives first, then 2^62 and
        // 2^63 are both at 4 and the larger id gives.
        let from: Vec<u64> = m
            .nodes
            .iter()
            .map(|n| v.find(n).unwrap().swarm_id)
            .collect();
        assert_eq!(from, [1 << 62, 1 << 63, 1 << 62]);
        let after = applied(&v, &m);
        assert_eq!(after.swarm_of(&pk(150)), Some(150));
        assert_eq!(after.members(150).len(), NEW_SWARM_SIZE);
        assert!(after.sizes().values().all(|s| *s >= MIN_SWARM_SIZE));
    }

    #[test]
    fn no_swarm_drops_below_the_minimum() {
        let v = view(&[(100, 6), (1 << 63, 5)]);
        assert_eq!(
            plan_move(&v, &pk(150)),
            Err(MoveError::NotEnoughNodes { spare: 2 })
        );
        assert_eq!(
            plan_move(&view(&[(100, 8)]), &pk(150)),
            Err(MoveError::NotEnoughNodes { spare: 0 })
        );
        assert_eq!(plan_move(&view(&[]), &pk(150)), Err(MoveError::NoSwarm));
    }

    #[test]
    fn an_account_exactly_at_a_swarm_id_cannot_move() {
        let v = view(&[(100, 6), (200, 6)]);
        assert_eq!(
            plan_move(&v, &pk(200)),
            Err(MoveError::PlaceTaken { swarm_id: 200 })
        );
    }

    #[test]
    fn the_reserved_id_is_never_made() {
        let v = view(&[(100, 6), (1 << 63, 6)]);
        let m = plan_move(&v, &pk(u64::MAX)).unwrap();
        assert_eq!(m.swarm_id, u64::MAX - 1);
        assert_eq!(applied(&v, &m).swarm_of(&pk(u64::MAX)), Some(u64::MAX - 1));
        // With a swarm at 0 the account is as near to it as to the new id: ties go left.
        let v = view(&[(0, 6), (1 << 63, 6)]);
        let m = plan_move(&v, &pk(u64::MAX)).unwrap();
        assert_eq!(applied(&v, &m).swarm_of(&pk(u64::MAX)), Some(u64::MAX - 1));
    }

    #[test]
    fn the_change_is_seen_by_every_reader_and_undone_whole() {
        let v = view(&[(100, 6), (1 << 63, 6)]);
        let swarms = Swarms::new(v.nodes.clone());
        let m = plan_move(&swarms.view(), &pk(150)).unwrap();
        let mut change = swarms.change();
        assert_eq!(change.preview(&m).swarm_of(&pk(150)), Some(150));
        change.apply(&m);
        drop(change);
        assert_eq!(swarms.view().swarm_ids(), [100, 150, 1 << 63]);
        assert_eq!(swarms.swarm_of_node(&m.nodes[0]), Some(150));
        let mut change = swarms.change();
        assert_eq!(change.layout().swarm_ids(), [100, 1 << 63]);
        change.reset();
        drop(change);
        assert_eq!(swarms.view().swarm_ids(), [100, 1 << 63]);
        assert_eq!(swarms.swarm_of_node(&m.nodes[0]), Some(1 << 63));
    }
}
