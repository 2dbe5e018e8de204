//! Keeping the view of the network usable: node list from the seed and refreshes from nodes
//! (network.md §2, §3.2), guards and paths (§8.1), swarms (§3.5, §3.6), clock resync (§6.3),
//! and the penalties the retry loop hands out.

use super::call::{Outcome, Target, Wrap};
use super::error::{BootstrapError, RemoteText, SwarmError};
use super::node::{NodeId, NodeRecord};
use super::path::PathRules;
use super::pool::agreement;
use super::retry::PathFault;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::rpc;
use crate::rpc::response::{FromJson, InfoResponse, ServiceNodeList, SwarmInfo};
use crate::swarm::{swarm_for, INVALID_SWARM_ID};
use rand_core::{CryptoRng, RngCore};
use serde_json::json;

/// Nodes asked when refreshing the list, and how many of them must name a node.
const REFRESH_SOURCES: usize = 3;
const REFRESH_VOTES: usize = 2;
/// Nodes asked for their time on a clock resync.
const RESYNC_SOURCES: usize = 3;
/// Least interval between two clock resyncs (ms).
const RESYNC_INTERVAL_MS: u64 = 30_000;

/// The seed request (network.md §2.2); `limit` is deliberately absent.
pub(crate) fn seed_request() -> Vec<u8> {
    json!({
        "jsonrpc": "2.0",
        "method": "get_n_service_nodes",
        "params": {
            "active_only": true,
            "fields": {
                "public_ip": true,
                "storage_port": true,
                "pubkey_x25519": true,
                "pubkey_ed25519": true,
                "requested_unlock_height": true,
                "height": true,
                // Swarms are computed from the list (network.md §3.3), not taken from a node.
                "swarm_id": true,
            }
        }
    })
    .to_string()
    .into_bytes()
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    pub(crate) fn path_rules(&self) -> PathRules {
        PathRules {
            hops: self.config.path_hops.max(1),
            subnet_diversity: self.config.subnet_diversity,
        }
    }

    /// Node list present and fresh enough (paths are built by each request, which retries
    /// that like any other step).
    pub(crate) async fn ready(&self) -> Result<(), ClientError> {
        self.ensure_pool().await?;
        let stale = {
            let st = self.state.borrow();
            st.pool.updated_ms().is_none_or(|t| {
                self.env.now_ms().saturating_sub(t) > self.config.refresh_interval_ms
            })
        };
        if stale {
            // Best effort: the current list keeps working if the refresh fails.
            let _ = self.refresh_pool().await;
        }
        Ok(())
    }

    /// Fetches the node list from the seed when fewer than `min_pool_size` nodes are known.
    pub(crate) async fn ensure_pool(&self) -> Result<(), ClientError> {
        let len = self.state.borrow().pool.len();
        if len >= self.config.min_pool_size {
            return Ok(());
        }
        match self.seed_pool().await {
            Ok(()) => Ok(()),
            // A short list still serves if it can hold the paths and a destination.
            Err(_) if len > self.config.path_count * self.config.path_hops => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Replaces the node list with the seed's (network.md §2.4).
    pub(crate) async fn seed_pool(&self) -> Result<(), ClientError> {
        let body = seed_request();
        let mut last = BootstrapError::NoReachableNode;
        for attempt in 0..self.config.seed_attempts.max(1) {
            if attempt > 0 {
                self.env
                    .sleep(self.config.seed_backoff.delay_ms(attempt))
                    .await;
            }
            last = match self.transport.seed(body.clone()).await {
                Err(e) => BootstrapError::Transport(e),
                Ok(r) => match r.relay_error {
                    Some(reason) => BootstrapError::Relay {
                        status: r.status,
                        reason,
                    },
                    None if r.status != 200 => BootstrapError::Status {
                        status: r.status,
                        message: RemoteText::from_bytes(&r.body),
                    },
                    None => match ServiceNodeList::from_slice(&r.body) {
                        Err(e) => BootstrapError::Unreadable(e),
                        Ok(list) => {
                            let nodes: Vec<NodeRecord> = list
                                .nodes
                                .iter()
                                .map(NodeRecord::from)
                                .filter(NodeRecord::is_reachable)
                                .collect();
                            if nodes.is_empty() {
                                BootstrapError::NoReachableNode
                            } else {
                                self.replace_pool(nodes);
                                return Ok(());
                            }
                        }
                    },
                },
            };
        }
        Err(ClientError::Bootstrap(last))
    }

    /// Refreshes the node list from three random nodes, keeping the nodes at least two of them
    /// name identically; falls back to the seed when they agree on too few (network.md §3.2).
    pub(crate) async fn refresh_pool(&self) -> Result<(), ClientError> {
        let mut asked: Vec<NodeId> = Vec::new();
        let mut lists: Vec<Vec<NodeRecord>> = Vec::new();
        for _ in 0..REFRESH_SOURCES {
            let answer = self
                .call(
                    Target::AnyNode,
                    &asked,
                    Wrap::Batch,
                    &mut |_, _| Ok(vec![rpc::get_service_nodes()]),
                    None,
                )
                .await;
            let Ok(answer) = answer else {
                continue;
            };
            asked.push(answer.node);
            let list = answer.results.first().map(|r| r.parse::<ServiceNodeList>());
            if let Some(Ok(list)) = list {
                lists.push(list.nodes.iter().map(NodeRecord::from).collect());
            }
        }
        let agreed = if lists.len() >= REFRESH_VOTES {
            agreement(&lists, REFRESH_VOTES)
        } else {
            Vec::new()
        };
        if agreed.len() >= self.config.refresh_agreement {
            self.replace_pool(agreed);
            return Ok(());
        }
        let seeded = self.seed_pool().await;
        if seeded.is_err() {
            // Try again at the next interval rather than at every operation.
            let now = self.env.now_ms();
            self.state.borrow_mut().pool.touch(now);
        }
        seeded
    }

    /// Installs a new node list: strikes reset, paths repaired or dropped where their nodes
    /// left, `last_hash`es of departed nodes forgotten.
    fn replace_pool(&self, nodes: Vec<NodeRecord>) {
        let now = self.env.now_ms();
        let rules = self.path_rules();
        let mut st = self.state.borrow_mut();
        let mut rng = self.rng.borrow_mut();
        st.pool.replace(nodes, now);
        let st = &mut *st;
        st.paths.retain_known(&st.pool, rules, &mut *rng);
        st.prune_last_hashes();
    }

    /// Builds missing paths behind freshly tested guards (network.md §8.1). Succeeds while at
    /// least one path exists; fails when none can be built.
    pub(crate) async fn ensure_paths(&self) -> Result<(), ClientError> {
        self.ensure_pool().await?;
        let rules = self.path_rules();
        let wanted = self.config.path_count.max(1);
        let needed = wanted * rules.hops + 1;
        {
            let mut st = self.state.borrow_mut();
            let mut rng = self.rng.borrow_mut();
            let st = &mut *st;
            st.paths.retain_known(&st.pool, rules, &mut *rng);
            if st.paths.len() >= wanted {
                return Ok(());
            }
        }
        let mut rejected: Vec<NodeId> = Vec::new();
        let mut link_error = None;
        let budget = self.config.guard_candidates.max(1) * wanted;
        for _ in 0..budget {
            let candidate = {
                let st = self.state.borrow();
                if st.paths.len() >= wanted {
                    break;
                }
                let used = st.paths.used();
                let mut rng = self.rng.borrow_mut();
                st.pool
                    .pick(1, &mut *rng, |id| {
                        used.contains(id) || rejected.contains(id)
                    })
                    .first()
                    .copied()
            };
            let Some(candidate) = candidate else {
                break;
            };
            let passed = match self.test_guard(&candidate).await {
                Ok(p) => p,
                Err(e) => {
                    // Our own link is down: testing more candidates is pointless now.
                    link_error = Some(e);
                    break;
                }
            };
            if passed {
                let mut st = self.state.borrow_mut();
                let mut rng = self.rng.borrow_mut();
                let st = &mut *st;
                if st.paths.len() < wanted && !st.paths.add(candidate, &st.pool, rules, &mut *rng) {
                    return Err(ClientError::NotEnoughNodes {
                        needed,
                        available: st.pool.len(),
                    });
                }
            } else {
                rejected.push(candidate);
            }
        }
        let st = self.state.borrow();
        if st.paths.len() == 0 {
            if let Some(e) = link_error {
                return Err(e);
            }
            return Err(ClientError::NotEnoughNodes {
                needed,
                available: st.pool.len().saturating_sub(rejected.len()),
            });
        }
        Ok(())
    }

    /// Whether `candidate` relays: an `info` request through it alone to another node. Any
    /// answer that got past it counts. A candidate the relay cannot reach leaves the pool;
    /// when no HTTP answer comes at all our own link is down and the error is returned.
    async fn test_guard(&self, candidate: &NodeId) -> Result<bool, ClientError> {
        let (guard, dest) = {
            let st = self.state.borrow();
            let mut rng = self.rng.borrow_mut();
            let Some(guard) = st.pool.get(candidate).cloned() else {
                return Ok(false);
            };
            let dest = st.pool.pick(1, &mut *rng, |id| id == candidate);
            let Some(dest) = dest.first().and_then(|d| st.pool.get(d)).cloned() else {
                return Ok(false);
            };
            (guard, dest)
        };
        let outcome = self
            .send_to_node(std::slice::from_ref(&guard), &dest, &rpc::info().to_bytes())
            .await?;
        Ok(match outcome {
            Outcome::Reply(reply) => {
                if let Ok(body) = serde_json::from_str(&reply.body) {
                    self.record_times(&body, &dest.id());
                }
                true
            }
            Outcome::BadReply(_) => true,
            Outcome::Path(PathFault::NodeGone(id), _, _) if id == dest.id() => {
                self.forget_node(&id);
                true
            }
            Outcome::Path(PathFault::NodeNotReady(id), _, _) if id == dest.id() => true,
            Outcome::Path(PathFault::Path, _, _) => true,
            Outcome::Path(PathFault::GuardUnreachable, _, _) => {
                self.forget_node(candidate);
                false
            }
            Outcome::Path(
                PathFault::Relay(reason) | PathFault::RelayRefused(reason),
                status,
                _,
            ) => {
                // The relay refuses for its own reasons: no verdict on the candidate.
                return Err(ClientError::Relay { status, reason });
            }
            Outcome::Path(..) => false,
            Outcome::NoAnswer(e) => return Err(ClientError::Transport(e)),
        })
    }

    /// The members of `account`'s swarm by the node list: the pubkey-to-swarm rule of
    /// network.md §3.3 over the swarms the list names. `None` when the list names none.
    pub(crate) fn listed_swarm(&self, account: &SessionId) -> Option<Vec<NodeId>> {
        let st = self.state.borrow();
        let mut ids: Vec<u64> = st
            .pool
            .records()
            .filter_map(|r| r.swarm_id)
            .filter(|id| *id != INVALID_SWARM_ID)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let target = swarm_for(account.as_bytes(), &ids)?;
        Some(
            st.pool
                .records()
                .filter(|r| r.swarm_id == Some(target))
                .map(NodeRecord::id)
                .collect(),
        )
    }

    /// The usable members of `account`'s swarm (network.md §3.3, §3.6): computed from the
    /// node list when it names swarms, so that no single node decides where an account lives.
    /// `force` recomputes after refreshing the list (every member failed, or disowned the
    /// account). A list without swarms (saved by an earlier version) is fetched again; only if
    /// that fails is a node asked with `get_swarm`.
    pub(crate) async fn ensure_swarm(
        &self,
        account: &SessionId,
        force: bool,
    ) -> Result<Vec<NodeId>, ClientError> {
        if !force {
            let st = self.state.borrow();
            let cached = st.swarms.usable(
                &account.to_hex(),
                &st.pool,
                self.config.min_swarm_size,
                self.env.now_ms(),
                self.config.swarm_max_age_ms,
            );
            if let Some(members) = cached {
                return Ok(members);
            }
        }
        let names_swarms = self
            .state
            .borrow()
            .pool
            .records()
            .any(|r| r.swarm_id.is_some());
        if force || !names_swarms {
            // Best effort: the current list keeps serving when no fresh one comes.
            let _ = if names_swarms {
                self.refresh_pool().await
            } else {
                self.seed_pool().await
            };
        }
        if let Some(members) = self.listed_swarm(account).filter(|m| !m.is_empty()) {
            let now = self.env.now_ms();
            let mut st = self.state.borrow_mut();
            st.swarms.set(&account.to_hex(), members.clone(), now);
            let own = self.identity.session_id().to_hex();
            st.swarms.trim(self.config.swarm_cache_cap, &own);
            return Ok(members);
        }
        let answer = self
            .call(
                Target::AnyNode,
                &[],
                Wrap::Batch,
                &mut |_, _| Ok(vec![rpc::get_swarm(account.as_bytes())]),
                None,
            )
            .await?;
        let info = answer
            .results
            .first()
            .ok_or(ClientError::NoSwarm(SwarmError::Empty))?
            .parse::<SwarmInfo>()
            .map_err(|e| ClientError::NoSwarm(SwarmError::Unreadable(e)))?;
        let members: Vec<NodeRecord> = info.reachable().map(NodeRecord::from).collect();
        if members.is_empty() {
            return Err(ClientError::NoSwarm(SwarmError::Empty));
        }
        self.adopt_swarm(account, &members, None);
        Ok(self
            .state
            .borrow()
            .swarms
            .members(&account.to_hex())
            .to_vec())
    }

    /// After a 406/425: asks up to three random nodes for their time and adopts the median
    /// offset (network.md §6.3). Rate-limited; failures leave the clock as it was.
    pub(crate) async fn resync_clock(&self) {
        let now = self.env.now_ms();
        if self
            .last_resync_ms
            .get()
            .is_some_and(|t| now.saturating_sub(t) < RESYNC_INTERVAL_MS)
        {
            return;
        }
        self.last_resync_ms.set(Some(now));
        let routes: Vec<(NodeRecord, Vec<NodeRecord>)> = {
            let st = self.state.borrow();
            let mut rng = self.rng.borrow_mut();
            let used = st.paths.used();
            let nodes = st
                .pool
                .pick(RESYNC_SOURCES, &mut *rng, |id| used.contains(id));
            nodes
                .iter()
                .filter_map(|id| {
                    let dest = st.pool.get(id)?.clone();
                    let (_, hops) = self.path_avoiding(&st, Some(id), &[], &mut *rng)?;
                    Some((dest, hops))
                })
                .collect()
        };
        let mut samples = Vec::new();
        for (dest, hops) in routes {
            let Ok(Outcome::Reply(reply)) = self
                .send_to_node(&hops, &dest, &rpc::info().to_bytes())
                .await
            else {
                continue;
            };
            if reply.status != 200 {
                continue;
            }
            if let Ok(Some(t)) = InfoResponse::from_slice(reply.body.as_bytes()).map(|i| i.t) {
                samples.push((self.env.now_ms(), t, dest.id().0));
            }
        }
        self.state.borrow_mut().clock.resync_all(&samples);
    }

    /// A failure on the path behind `guard`; at the limit the path and its guard go.
    pub(crate) fn strike_path(&self, guard: &NodeId) {
        let limit = self.config.path_strike_limit;
        let dropped = self.state.borrow_mut().paths.strike(guard, limit);
        if dropped.is_some() {
            self.forget_node(guard);
        }
    }

    /// The guard is gone: its path goes, and the guard leaves the pool.
    pub(crate) fn drop_path(&self, guard: &NodeId) {
        self.state.borrow_mut().paths.drop_path(guard);
        self.forget_node(guard);
    }

    /// A failure of one node; at the limit it leaves the pool, swarms and paths.
    pub(crate) fn strike_node(&self, id: &NodeId) {
        let limit = self.config.node_strike_limit;
        let dropped = self.state.borrow_mut().pool.strike(id, limit);
        if dropped {
            self.forget_node(id);
        }
    }

    /// Removes a node from the pool, every swarm and every path (repairing those).
    pub(crate) fn forget_node(&self, id: &NodeId) {
        let rules = self.path_rules();
        let mut st = self.state.borrow_mut();
        let mut rng = self.rng.borrow_mut();
        let st = &mut *st;
        st.pool.remove(id);
        st.swarms.remove_node(id);
        st.paths.remove_node(id, &st.pool, rules, &mut *rng);
    }

    /// A request went through this path: its strikes, and its relays', are forgotten.
    pub(crate) fn path_worked(&self, path: &super::path::Path) {
        let mut st = self.state.borrow_mut();
        if let Some(g) = path.guard() {
            st.paths.reward(&g);
        }
        for hop in path.hops() {
            st.pool.clear_strikes(hop);
        }
    }
}
