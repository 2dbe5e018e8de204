//! Polling the plan: for each account, two random swarm members each answer one batch of
//! retrieves (one per namespace, each from that member's own `last_hash`); their answers are
//! merged by hash, and each namespace's new items go to the decoder its row names
//! (network.md §8.5).

use super::call::{Target, Wrap};
use super::error::Failure;
use super::events::{PollError, PollReport};
use super::node::NodeId;
use super::plan::{max_sizes, PollEntry, PollPlan};
use super::state::last_hash_key;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::message::receive::FORGET_MARGIN_MS;
use crate::rpc::response::{RetrieveResponse, RetrievedMessage, SubResponse};
use crate::rpc::{self, RetrieveQuery, RpcError};
use rand_core::{CryptoRng, RngCore};
use std::collections::HashSet;

/// What one member returned for one account: per plan row (same order), its items.
struct NodeBatch {
    node: NodeId,
    items: Vec<Vec<RetrievedMessage>>,
    /// Rows whose retrieve failed at this member.
    errors: Vec<(usize, RpcError)>,
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// The plan [`Client::poll`] follows.
    pub fn poll_plan(&self) -> PollPlan {
        self.plan.borrow().clone()
    }

    /// Replaces the plan [`Client::poll`] follows (our inbox alone at first).
    pub fn set_poll_plan(&self, plan: PollPlan) {
        *self.plan.borrow_mut() = plan;
    }

    /// Polls every account of the plan once and returns what is new. Succeeds when at least
    /// one member of some account answered; what failed is listed in the report.
    pub async fn poll(&self) -> Result<PollReport, ClientError> {
        self.ready().await?;
        let plan = self.poll_plan();
        let mut report = PollReport::default();
        let mut first_error = None;
        let mut answered = false;
        for account in plan.accounts() {
            let entries: Vec<PollEntry> = plan.entries_for(&account).cloned().collect();
            match self.poll_account(&account, &entries, &mut report).await {
                Ok(()) => answered = true,
                Err(error) => {
                    first_error.get_or_insert_with(|| error.clone());
                    report.errors.push(PollError::Account { account, error });
                }
            }
        }
        match first_error {
            Some(e) if !answered => Err(e),
            _ => Ok(report),
        }
    }

    /// Handles items already retrieved from our inbox at swarm member `node` exactly as
    /// [`Client::poll`] handles that member's answer: `last_hash` advanced, each new item
    /// opened, verified, de-duplicated and turned into an event or a skip. For messages that
    /// arrive by other means (a push notification) and for measuring the receive path without
    /// a network.
    pub fn receive_retrieved(&self, node: NodeId, messages: Vec<RetrievedMessage>) -> PollReport {
        let us = self.identity.session_id();
        let entries = PollPlan::inbox(us).entries().to_vec();
        let mut report = PollReport::default();
        let batch = NodeBatch {
            node,
            items: vec![messages],
            errors: Vec::new(),
        };
        self.absorb(&us, &entries, vec![batch], &mut report);
        report
    }

    /// Polls `poll_nodes` members of one account's swarm for its rows.
    async fn poll_account(
        &self,
        account: &SessionId,
        entries: &[PollEntry],
        report: &mut PollReport,
    ) -> Result<(), ClientError> {
        let mut batches: Vec<NodeBatch> = Vec::new();
        let mut errors: Vec<ClientError> = Vec::new();
        for _ in 0..self.config.poll_nodes.max(1) {
            let exclude: Vec<NodeId> = batches.iter().map(|b| b.node).collect();
            match self.retrieve(account, entries, &exclude).await {
                Ok(b) => batches.push(b),
                Err(e) => errors.push(e),
            }
        }
        if batches.is_empty() {
            return Err(errors.pop().unwrap_or(ClientError::Unavailable {
                attempts: 0,
                last: Failure::NotAttempted,
            }));
        }
        report.nodes_polled += batches.len();
        report
            .errors
            .extend(errors.into_iter().map(PollError::Member));
        self.absorb(account, entries, batches, report);
        Ok(())
    }

    /// Everything one member (not in `exclude`) has after its `last_hash`es, page by page.
    async fn retrieve(
        &self,
        account: &SessionId,
        entries: &[PollEntry],
        exclude: &[NodeId],
    ) -> Result<NodeBatch, ClientError> {
        let all: Vec<usize> = (0..entries.len()).collect();
        let sizes = max_sizes(&entries.iter().map(|e| e.priority).collect::<Vec<_>>());
        let account_hex = account.to_hex();
        let mut build = |now: u64, node: &NodeId| {
            let st = self.state.borrow();
            all.iter()
                .map(|&i| {
                    let last = st.last_hashes.get(&last_hash_key(
                        node,
                        &account_hex,
                        entries[i].namespace,
                    ));
                    self.retrieve_request(&entries[i], last.map(String::as_str), sizes[i], now)
                })
                .collect()
        };
        let first = self
            .call_swarm(account, exclude, Wrap::Batch, &mut build, None)
            .await?;
        let node = first.node;
        let mut batch = NodeBatch {
            node,
            items: vec![Vec::new(); entries.len()],
            errors: Vec::new(),
        };
        let mut more = batch.take(&all, &first.results);
        let mut pages = 1;
        while !more.is_empty() && pages < self.config.max_poll_pages {
            let cursors: Vec<Option<String>> = more
                .iter()
                .map(|&i| batch.items[i].last().map(|m| m.hash.clone()))
                .collect();
            let mut build = |now: u64, _: &NodeId| {
                more.iter()
                    .zip(&cursors)
                    .map(|(&i, cursor)| {
                        self.retrieve_request(&entries[i], cursor.as_deref(), sizes[i], now)
                    })
                    .collect()
            };
            let next = self
                .call(
                    Target::Member(account, node),
                    &[],
                    Wrap::Batch,
                    &mut build,
                    None,
                )
                .await;
            // A later page that fails is fetched on the next poll, from the new last_hash.
            let Ok(next) = next else {
                break;
            };
            more = batch.take(&more, &next.results);
            pages += 1;
        }
        Ok(batch)
    }

    fn retrieve_request(
        &self,
        entry: &PollEntry,
        last_hash: Option<&str>,
        max_size: Option<i64>,
        now: u64,
    ) -> Result<rpc::Request, ClientError> {
        let q = RetrieveQuery {
            account: entry.account.as_bytes(),
            namespace: entry.namespace,
            last_hash,
            max_count: None,
            max_size,
            timestamp_ms: now,
        };
        let auth = entry.auth.rpc(&self.identity);
        Ok(rpc::retrieve(&q, auth.as_ref())?)
    }

    /// Merges the members' answers by hash per row, records each member's new `last_hash`es,
    /// and hands every item not seen before to its row's decoder.
    fn absorb(
        &self,
        account: &SessionId,
        entries: &[PollEntry],
        batches: Vec<NodeBatch>,
        report: &mut PollReport,
    ) {
        let account_hex = account.to_hex();
        let mut merged: Vec<Vec<RetrievedMessage>> = vec![Vec::new(); entries.len()];
        let mut failed: Vec<(usize, RpcError)> = Vec::new();
        // A row counts as failed only when no member answered it.
        let mut answered = vec![false; entries.len()];
        {
            let mut st = self.state.borrow_mut();
            let mut hashes: HashSet<String> = HashSet::new();
            for b in batches {
                for (i, items) in b.items.into_iter().enumerate() {
                    if let (Some(last), Some(entry)) = (items.last(), entries.get(i)) {
                        st.last_hashes.insert(
                            last_hash_key(&b.node, &account_hex, entry.namespace),
                            last.hash.clone(),
                        );
                    }
                    for m in items {
                        if hashes.insert(m.hash.clone()) {
                            if let Some(row) = merged.get_mut(i) {
                                row.push(m);
                            }
                        }
                    }
                }
                for (i, seen) in answered.iter_mut().enumerate() {
                    *seen |= !b.errors.iter().any(|(j, _)| *j == i);
                }
                for (i, e) in b.errors {
                    if !failed.iter().any(|(j, _)| *j == i) {
                        failed.push((i, e));
                    }
                }
            }
        }
        for (i, error) in failed {
            if answered.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(entry) = entries.get(i) {
                report.errors.push(PollError::Namespace {
                    account: *account,
                    namespace: entry.namespace,
                    error,
                });
            }
        }
        for (entry, items) in entries.iter().zip(merged) {
            let fresh: Vec<RetrievedMessage> = {
                let mut st = self.state.borrow_mut();
                items
                    .into_iter()
                    .filter(|m| {
                        let new = !st.seen.hashes.contains(&m.hash);
                        if new {
                            st.seen
                                .hashes
                                .insert(&m.hash, m.expiration.saturating_add(FORGET_MARGIN_MS));
                        }
                        new
                    })
                    .collect()
            };
            if !fresh.is_empty() {
                self.decode(entry, fresh, report);
            }
        }
        let now = self.env.now_ms();
        let cap = self.config.seen_cap;
        let mut st = self.state.borrow_mut();
        st.seen.hashes.prune(now, cap);
        st.seen.ids.prune(now, cap);
    }
}

impl NodeBatch {
    /// Adds the answers for rows `rows` (in order) and returns the rows that have more.
    fn take(&mut self, rows: &[usize], results: &[SubResponse]) -> Vec<usize> {
        let mut more = Vec::new();
        for (k, &i) in rows.iter().enumerate() {
            let parsed = match results.get(k) {
                Some(r) => r.parse::<RetrieveResponse>(),
                None => Err(RpcError::MissingField("results")),
            };
            match parsed {
                Ok(mut page) => {
                    if page.more && !page.messages.is_empty() {
                        more.push(i);
                    }
                    if let Some(row) = self.items.get_mut(i) {
                        row.append(&mut page.messages);
                    }
                }
                Err(e) => self.errors.push((i, e)),
            }
        }
        more
    }
}
