//! One storage request through an onion path, with the error handling of network.md §8.2–§8.4:
//! strikes, node removal, path repair, 421 redirects, clock resync and bounded retries.

use super::node::{NodeId, NodeRecord};
use super::path::Path;
use super::random;
use super::retry::{classify, named_node, PathFault};
use super::transport::{Transport, TransportError};
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::onion::{self, Destination, NodeReply, OnionError};
use crate::rpc::response::{BatchResponse, FromJson, SubResponse, SwarmInfo};
use crate::rpc::{self, Request};
use rand_core::{CryptoRng, RngCore};
use serde_json::Value;

/// Which node a request may go to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target<'a> {
    /// Any pool node (`get_swarm`, `info`, node lists).
    AnyNode,
    /// Any member of this account's swarm.
    Swarm(&'a SessionId),
    /// This member of this account's swarm, and no other.
    Member(&'a SessionId, NodeId),
}

impl Target<'_> {
    fn account(&self) -> Option<&SessionId> {
        match self {
            Target::AnyNode => None,
            Target::Swarm(a) | Target::Member(a, _) => Some(a),
        }
    }
}

/// How sub-requests are wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// Independent sub-requests (polling).
    Batch,
    /// In order, stopping at the first failure (sending).
    Sequence,
}

/// A successful answer: who answered, and each sub-request's result.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub(crate) node: NodeId,
    pub(crate) results: Vec<SubResponse>,
}

/// Builds the sub-requests of one attempt from the network time and the chosen destination.
pub(crate) type BuildRequests<'a> =
    dyn FnMut(u64, &NodeId) -> Result<Vec<Request>, ClientError> + 'a;

/// What came back from one onion request.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// No HTTP answer.
    NoAnswer(TransportError),
    /// A non-200 HTTP answer from the path, and its status.
    Path(PathFault, u16),
    /// HTTP 200 whose body did not decrypt or parse.
    BadReply(OnionError),
    /// The destination's (decrypted) reply.
    Reply(NodeReply),
}

/// What an attempt's result means for the retry loop.
enum Step {
    Done(Answer),
    Fail(ClientError),
    Retry(String),
}

/// Bookkeeping of one request's attempts.
struct Attempts {
    /// Nodes that failed as destination (or were excluded from the start).
    tried: Vec<NodeId>,
    /// Guards whose path failed during this request.
    failed_guards: Vec<NodeId>,
    clock_errors: u32,
    redirects: u32,
}

/// 421s followed before giving up (libsession fails on the third).
const MAX_REDIRECTS: u32 = 3;
/// Clock errors tolerated (each followed by a resync) before giving up.
const MAX_CLOCK_ERRORS: u32 = 2;

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Sends `payload` (storage-RPC JSON) to `dest` through `hops` (guard first), once.
    pub(crate) async fn send_once(
        &self,
        hops: &[NodeRecord],
        dest: &NodeRecord,
        payload: &[u8],
    ) -> Result<Outcome, ClientError> {
        let guard = hops
            .first()
            .ok_or(ClientError::Onion(OnionError::EmptyPath))?;
        let path: Vec<onion::Hop> = hops.iter().map(NodeRecord::hop).collect();
        let request = {
            let mut rng = self.rng.borrow_mut();
            onion::build(
                &path,
                &Destination::Node(dest.hop()),
                payload,
                self.config.enc_type,
                &mut *rng,
            )?
        };
        let reply = match self.transport.send_onion(guard, request.body).await {
            Ok(r) => r,
            Err(e) => return Ok(Outcome::NoAnswer(e)),
        };
        if reply.status != 200 || reply.relay_error.is_some() {
            return Ok(Outcome::Path(classify(&reply), reply.status));
        }
        Ok(
            match onion::decode_node_reply(&request.reply_key, &reply.body) {
                Ok(r) => Outcome::Reply(r),
                Err(e) => Outcome::BadReply(e),
            },
        )
    }

    /// Sends a request built by `build(network_now_ms, destination)` to a node of `target`,
    /// retrying over other nodes and paths as network.md §8 describes, rebuilding (re-signing)
    /// the request for each attempt. Nodes in `exclude` are never used.
    pub(crate) async fn call(
        &self,
        target: Target<'_>,
        exclude: &[NodeId],
        wrap: Wrap,
        build: &mut BuildRequests<'_>,
    ) -> Result<Answer, ClientError> {
        let attempts = self.config.attempts.max(1);
        let mut a = Attempts {
            tried: exclude.to_vec(),
            failed_guards: Vec::new(),
            clock_errors: 0,
            redirects: 0,
        };
        let mut last = String::from("no attempt was made");
        let mut setup_error = None;
        for attempt in 0..attempts {
            if attempt > 0 {
                self.env.sleep(self.config.backoff.delay_ms(attempt)).await;
            }
            // Paths may need rebuilding, which can fail while our link is down: retry that too.
            if let Err(e) = self.ensure_paths().await {
                last = e.to_string();
                setup_error = Some(e);
                continue;
            }
            setup_error = None;
            let Some((dest, path, hops)) = self.route(&target, &a.tried, &a.failed_guards) else {
                return Err(match target {
                    Target::AnyNode => ClientError::NotEnoughNodes {
                        needed: self.config.path_hops + 1,
                        available: self.state.borrow().pool.len(),
                    },
                    _ => ClientError::NoSwarm(format!("no usable swarm member left ({last})")),
                });
            };
            let requests = build(self.network_now_ms(), &dest.id())?;
            let request = match wrap {
                Wrap::Batch => rpc::batch(requests)?,
                Wrap::Sequence => rpc::sequence(requests)?,
            };
            let outcome = self.send_once(&hops, &dest, &request.to_bytes()).await?;
            match self.judge(outcome, &target, &dest, &path, &mut a).await {
                Step::Done(answer) => return Ok(answer),
                Step::Fail(e) => return Err(e),
                Step::Retry(why) => last = why,
            }
        }
        Err(setup_error.unwrap_or(ClientError::Unavailable { attempts, last }))
    }

    /// A destination (not excluded, reachable by some path that avoids it) and that path.
    fn route(
        &self,
        target: &Target<'_>,
        tried: &[NodeId],
        failed_guards: &[NodeId],
    ) -> Option<(NodeRecord, Path, Vec<NodeRecord>)> {
        let st = self.state.borrow();
        let mut rng = self.rng.borrow_mut();
        let mut candidates: Vec<NodeId> = match target {
            Target::AnyNode => {
                // Prefer nodes on no path: every path stays usable for them.
                let used = st.paths.used();
                let free: Vec<NodeId> = st
                    .pool
                    .ids()
                    .filter(|id| !tried.contains(id) && !used.contains(id))
                    .copied()
                    .collect();
                if free.is_empty() {
                    st.pool
                        .ids()
                        .filter(|id| !tried.contains(id))
                        .copied()
                        .collect()
                } else {
                    free
                }
            }
            Target::Swarm(account) => st
                .swarms
                .members(&account.to_hex())
                .iter()
                .filter(|id| st.pool.contains(id) && !tried.contains(id))
                .copied()
                .collect(),
            Target::Member(_, id) => {
                if st.pool.contains(id) && !tried.contains(id) {
                    vec![*id]
                } else {
                    Vec::new()
                }
            }
        };
        random::shuffle(&mut *rng, &mut candidates);
        for id in candidates {
            let Some(dest) = st.pool.get(&id) else {
                continue;
            };
            let Some(path) = st.paths.choose(Some(&id), failed_guards, &mut *rng) else {
                continue;
            };
            let hops: Option<Vec<NodeRecord>> = path
                .hops()
                .iter()
                .map(|h| st.pool.get(h).cloned())
                .collect();
            if let Some(hops) = hops {
                return Some((dest.clone(), path, hops));
            }
        }
        None
    }

    /// Applies the penalties an outcome calls for and decides whether to retry.
    async fn judge(
        &self,
        outcome: Outcome,
        target: &Target<'_>,
        dest: &NodeRecord,
        path: &Path,
        a: &mut Attempts,
    ) -> Step {
        let guard = path.guard();
        let dest_id = dest.id();
        match outcome {
            Outcome::NoAnswer(e) => {
                // Our own link (or the relay) failed: only a timeout says anything about the
                // path (desktop strikes it); a refused connection blames no node.
                if e == TransportError::Timeout {
                    if let Some(g) = guard {
                        self.strike_path(&g);
                    }
                }
                a.failed_guards.extend(guard);
                Step::Retry(e.to_string())
            }
            Outcome::Path(fault, status) => {
                self.path_fault(fault, status, target, dest, path, a).await
            }
            Outcome::BadReply(e) => {
                self.strike_node(&dest_id);
                a.tried.push(dest_id);
                Step::Retry(format!("unreadable reply: {e}"))
            }
            Outcome::Reply(reply) => {
                self.path_worked(path);
                self.destination_reply(reply, target, dest, a).await
            }
        }
    }

    async fn path_fault(
        &self,
        fault: PathFault,
        status: u16,
        target: &Target<'_>,
        dest: &NodeRecord,
        path: &Path,
        a: &mut Attempts,
    ) -> Step {
        let guard = path.guard();
        let dest_id = dest.id();
        let why = format!("path answered {status} ({fault:?})");
        match fault {
            PathFault::GuardUnreachable => {
                if let Some(g) = guard {
                    self.drop_path(&g);
                }
            }
            PathFault::Guard | PathFault::Path => {
                if let Some(g) = guard {
                    self.strike_path(&g);
                }
                a.failed_guards.extend(guard);
            }
            PathFault::PathAndRelays => {
                if let Some(g) = guard {
                    self.strike_path(&g);
                }
                for relay in path.hops().iter().skip(1) {
                    self.strike_node(relay);
                }
                a.failed_guards.extend(guard);
            }
            PathFault::NodeGone(id) => {
                self.forget_node(&id);
                if id == dest_id {
                    a.tried.push(id);
                }
            }
            PathFault::NodeNotReady(id) => {
                self.strike_node(&id);
                if id == dest_id {
                    a.tried.push(id);
                } else {
                    a.failed_guards.extend(guard);
                }
            }
            PathFault::ClockSkew => return self.clock_error(dest_id, a, why).await,
            PathFault::WrongSwarm(body) => {
                let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
                return self.wrong_swarm(target, dest_id, &body, a);
            }
            PathFault::Relay(_) => {
                // The relay is throttling or refusing: wait (the caller backs off) and retry.
            }
            PathFault::Fatal(message) => {
                return Step::Fail(ClientError::Rejected { status, message })
            }
        }
        Step::Retry(why)
    }

    /// The destination answered; its status (or its sub-results') decides.
    async fn destination_reply(
        &self,
        reply: NodeReply,
        target: &Target<'_>,
        dest: &NodeRecord,
        a: &mut Attempts,
    ) -> Step {
        let dest_id = dest.id();
        let body: Value =
            serde_json::from_str(&reply.body).unwrap_or_else(|_| Value::String(reply.body.clone()));
        if reply.status != 200 {
            return self
                .status_error(reply.status, &body, target, dest_id, a)
                .await;
        }
        self.record_times(&body);
        let batch = match BatchResponse::from_json(&body) {
            Ok(b) => b,
            Err(e) => {
                self.strike_node(&dest_id);
                a.tried.push(dest_id);
                return Step::Retry(format!("unreadable response: {e}"));
            }
        };
        if let Some(r) = batch.results.iter().find(|r| r.code == 421) {
            return self.wrong_swarm(target, dest_id, &r.body, a);
        }
        if let Some(r) = batch.results.iter().find(|r| matches!(r.code, 406 | 425)) {
            let why = format!("{}: {}", r.code, body_text(&r.body));
            return self.clock_error(dest_id, a, why).await;
        }
        if let Some(first) = batch.results.first() {
            if batch.common_error().is_some() {
                let (code, body) = (first.code, first.body.clone());
                return self.status_error(code, &body, target, dest_id, a).await;
            }
        }
        self.state.borrow_mut().pool.clear_strikes(&dest_id);
        Step::Done(Answer {
            node: dest_id,
            results: batch.results,
        })
    }

    /// A non-2xx status from the destination (network.md §8.3).
    async fn status_error(
        &self,
        code: u16,
        body: &Value,
        target: &Target<'_>,
        dest_id: NodeId,
        a: &mut Attempts,
    ) -> Step {
        let text = body_text(body);
        match code {
            421 => self.wrong_swarm(target, dest_id, body, a),
            406 | 425 => {
                self.clock_error(dest_id, a, format!("{code}: {text}"))
                    .await
            }
            400..=499 => Step::Fail(ClientError::Rejected {
                status: code,
                message: text,
            }),
            _ => {
                match named_node(&text, "Next node not found: ") {
                    Some(gone) => self.forget_node(&gone),
                    None => self.strike_node(&dest_id),
                }
                a.tried.push(dest_id);
                Step::Retry(format!("node answered {code}: {text}"))
            }
        }
    }

    /// 421: the account lives elsewhere; adopt the swarm the node names (network.md §8.3).
    fn wrong_swarm(
        &self,
        target: &Target<'_>,
        dest_id: NodeId,
        body: &Value,
        a: &mut Attempts,
    ) -> Step {
        a.tried.push(dest_id);
        a.redirects += 1;
        self.record_times(body);
        if let Some(account) = target.account() {
            let info = SwarmInfo::from_json(body).unwrap_or_default();
            let members: Vec<NodeRecord> = info.reachable().map(NodeRecord::from).collect();
            self.adopt_swarm(account, &members, Some(dest_id));
        }
        if a.redirects >= MAX_REDIRECTS {
            return Step::Fail(ClientError::NoSwarm(format!(
                "{} nodes in a row said the account is not on their swarm",
                a.redirects
            )));
        }
        Step::Retry("421: wrong swarm".into())
    }

    /// Records a swarm learned from `get_swarm` or a 421. As on desktop, members the pool
    /// does not know are ignored (their addresses come from the pool, which nodes we dropped
    /// must not re-enter this way); only when the pool knows none of them (it is stale) are
    /// they added with the details given. An empty list only drops `responder`, which
    /// disowned the account.
    pub(crate) fn adopt_swarm(
        &self,
        account: &SessionId,
        members: &[NodeRecord],
        responder: Option<NodeId>,
    ) {
        let now = self.env.now_ms();
        let mut st = self.state.borrow_mut();
        let key = account.to_hex();
        if members.is_empty() {
            if let Some(r) = responder {
                st.swarms.remove_member(&key, &r);
            }
            return;
        }
        let known: Vec<NodeId> = members
            .iter()
            .map(NodeRecord::id)
            .filter(|id| st.pool.contains(id))
            .collect();
        let ids = if known.is_empty() {
            for m in members {
                st.pool.insert(m.clone());
            }
            members.iter().map(NodeRecord::id).collect()
        } else {
            known
        };
        st.swarms.set(&key, ids, now);
        let own = self.identity.session_id().to_hex();
        let cap = self.config.swarm_cache_cap;
        st.swarms.trim(cap, &own);
    }

    /// 406/425: resynchronise the clock, then retry elsewhere (the node's own clock may be the
    /// wrong one), giving up after [`MAX_CLOCK_ERRORS`].
    async fn clock_error(&self, dest_id: NodeId, a: &mut Attempts, why: String) -> Step {
        a.clock_errors += 1;
        a.tried.push(dest_id);
        if a.clock_errors > MAX_CLOCK_ERRORS {
            return Step::Fail(ClientError::ClockOutOfSync(why));
        }
        self.resync_clock().await;
        Step::Retry(why)
    }

    /// Feeds every server time of a response to the clock.
    pub(crate) fn record_times(&self, body: &Value) {
        let now = self.env.now_ms();
        let mut st = self.state.borrow_mut();
        if let Some(t) = body.get("t").and_then(Value::as_u64) {
            st.clock.record(now, t);
        }
        if let Some(results) = body.get("results").and_then(Value::as_array) {
            for r in results {
                if let Some(t) = r.pointer("/body/t").and_then(Value::as_u64) {
                    st.clock.record(now, t);
                }
            }
        }
    }
}

/// An error body as text.
fn body_text(body: &Value) -> String {
    match body {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
