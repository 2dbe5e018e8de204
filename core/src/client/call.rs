//! One storage request to a service node through an onion path, with the error handling of
//! network.md §8.2–§8.4: strikes, node removal, path repair, 421 redirects, clock resync and
//! bounded retries. The parts every onion call shares (one attempt, path faults, the retry
//! loop's bookkeeping) live here too; [`super::server`] uses them for server destinations.

use super::error::{Failure, RemoteText, SwarmError};
use super::node::{NodeId, NodeRecord};
use super::path::Path;
use super::random;
use super::retry::{classify, named_node, PathFault};
use super::transport::{Transport, TransportError};
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::onion::{self, Destination, LayerKey, NodeReply, OnionError};
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

/// Judges a successful answer's sub-results beyond their status (a store's proof); an error
/// strikes the node and tries another.
pub(crate) type CheckAnswer<'a> = dyn FnMut(&NodeId, &[SubResponse]) -> Result<(), Failure> + 'a;

/// What came back from one onion request.
#[derive(Debug)]
pub(crate) enum Outcome<R> {
    /// No HTTP answer.
    NoAnswer(TransportError),
    /// A non-200 HTTP answer from the path: who it blames, its status and its body.
    Path(PathFault, u16, RemoteText),
    /// HTTP 200 whose body did not decrypt or parse.
    BadReply(OnionError),
    /// The destination's (decrypted) reply.
    Reply(R),
}

/// What an attempt's result means for the retry loop.
pub(crate) enum Step<T> {
    Done(T),
    Fail(ClientError),
    Retry(Failure),
}

/// Bookkeeping of one request's attempts.
#[derive(Debug, Default)]
pub(crate) struct Attempts {
    /// Nodes that failed as destination (or were excluded from the start).
    pub(crate) tried: Vec<NodeId>,
    /// Guards whose path failed during this request.
    pub(crate) failed_guards: Vec<NodeId>,
    pub(crate) clock_errors: u32,
    pub(crate) redirects: u32,
    /// Two members disowned the account: recompute its swarm from a fresh node list before
    /// the next attempt.
    pub(crate) recompute: bool,
}

/// 421s followed before giving up (libsession fails on the third).
const MAX_REDIRECTS: u32 = 3;
/// Clock errors tolerated (each followed by a resync) before giving up.
const MAX_CLOCK_ERRORS: u32 = 2;

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Sends `payload` to `dest` through `hops` (guard first), once, and decodes a 200 reply
    /// with `decode`.
    pub(crate) async fn send_once<Rep>(
        &self,
        hops: &[NodeRecord],
        dest: &Destination,
        payload: &[u8],
        decode: fn(&LayerKey, &[u8]) -> Result<Rep, OnionError>,
    ) -> Result<Outcome<Rep>, ClientError> {
        let guard = hops
            .first()
            .ok_or(ClientError::Onion(OnionError::EmptyPath))?;
        let path: Vec<onion::Hop> = hops.iter().map(NodeRecord::hop).collect();
        let request = {
            let mut rng = self.rng.borrow_mut();
            onion::build(&path, dest, payload, self.config.enc_type, &mut *rng)?
        };
        let reply = match self.transport.send_onion(guard, request.body).await {
            Ok(r) => r,
            Err(e) => return Ok(Outcome::NoAnswer(e)),
        };
        if reply.status != 200 || reply.relay_error.is_some() {
            let text = RemoteText::from_bytes(&reply.body);
            return Ok(Outcome::Path(classify(&reply), reply.status, text));
        }
        Ok(match decode(&request.reply_key, &reply.body) {
            Ok(r) => Outcome::Reply(r),
            Err(e) => Outcome::BadReply(e),
        })
    }

    /// Sends a storage request to a node destination once.
    pub(crate) async fn send_to_node(
        &self,
        hops: &[NodeRecord],
        dest: &NodeRecord,
        payload: &[u8],
    ) -> Result<Outcome<NodeReply>, ClientError> {
        self.send_once(
            hops,
            &Destination::Node(dest.hop()),
            payload,
            onion::decode_node_reply,
        )
        .await
    }

    /// Sends a request built by `build(network_now_ms, destination)` to a member of
    /// `account`'s swarm, resolving the swarm first and once more when every cached member
    /// failed or moved. Nodes in `exclude` are never used.
    pub(crate) async fn call_swarm(
        &self,
        account: &SessionId,
        exclude: &[NodeId],
        wrap: Wrap,
        build: &mut BuildRequests<'_>,
        mut check: Option<&mut CheckAnswer<'_>>,
    ) -> Result<Answer, ClientError> {
        self.ensure_swarm(account, false).await?;
        let target = Target::Swarm(account);
        match self
            .call(target, exclude, wrap, build, check.as_deref_mut())
            .await
        {
            Err(ClientError::NoSwarm(_)) => {
                self.ensure_swarm(account, true).await?;
                self.call(target, exclude, wrap, build, check).await
            }
            other => other,
        }
    }

    /// The retry loop every onion call shares (network.md §8.4): up to `attempts` attempts
    /// with backoff between them, paths rebuilt before each (which can fail while our link is
    /// down, and is retried too). `attempt` makes one attempt, knowing the previous failure.
    pub(crate) async fn retrying<X>(
        &self,
        a: &mut Attempts,
        mut attempt: impl AsyncFnMut(&mut Attempts, &Failure) -> Result<Step<X>, ClientError>,
    ) -> Result<X, ClientError> {
        let attempts = self.config.attempts.max(1);
        let mut last = Failure::NotAttempted;
        let mut setup_error = None;
        for i in 0..attempts {
            if i > 0 {
                self.env.sleep(self.config.backoff.delay_ms(i)).await;
            }
            if let Err(e) = self.ensure_paths().await {
                setup_error = Some(e);
                continue;
            }
            setup_error = None;
            match attempt(a, &last).await? {
                Step::Done(x) => return Ok(x),
                Step::Fail(e) => return Err(e),
                Step::Retry(why) => last = why,
            }
        }
        Err(setup_error.unwrap_or(ClientError::Unavailable { attempts, last }))
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
        mut check: Option<&mut CheckAnswer<'_>>,
    ) -> Result<Answer, ClientError> {
        let mut a = Attempts {
            tried: exclude.to_vec(),
            ..Attempts::default()
        };
        self.retrying(&mut a, async |a, last| {
            if std::mem::take(&mut a.recompute) {
                if let Target::Swarm(account) = target {
                    // Boxed: recomputing may refresh the node list, which calls nodes again.
                    Box::pin(self.ensure_swarm(account, true)).await?;
                }
            }
            let Some((dest, path, hops)) = self.route(&target, &a.tried, &a.failed_guards) else {
                return Err(match target {
                    Target::AnyNode => ClientError::NotEnoughNodes {
                        needed: self.config.path_hops + 1,
                        available: self.state.borrow().pool.len(),
                    },
                    _ => ClientError::NoSwarm(SwarmError::Exhausted(Box::new(last.clone()))),
                });
            };
            let requests = build(self.network_now_ms(), &dest.id())?;
            let request = match wrap {
                Wrap::Batch => rpc::batch(requests)?,
                Wrap::Sequence => rpc::sequence(requests)?,
            };
            let outcome = self.send_to_node(&hops, &dest, &request.to_bytes()).await?;
            Ok(match outcome {
                Outcome::Reply(reply) => {
                    self.path_worked(&path);
                    self.destination_reply(reply, &target, &dest, a, check.as_deref_mut())
                        .await
                }
                Outcome::BadReply(e) => {
                    self.strike_node(&dest.id());
                    a.tried.push(dest.id());
                    Step::Retry(Failure::Reply(e))
                }
                Outcome::NoAnswer(e) => self.no_answer(e, &path, a),
                Outcome::Path(PathFault::WrongSwarm(body), _, _) => {
                    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    self.wrong_swarm(&target, dest.id(), &body, a)
                }
                Outcome::Path(fault, status, _) => {
                    self.path_fault(fault, status, Some(dest.id()), &path, a)
                        .await
                }
            })
        })
        .await
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
            let Some((path, hops)) = self.path_avoiding(&st, Some(&id), failed_guards, &mut *rng)
            else {
                continue;
            };
            return Some((dest.clone(), path, hops));
        }
        None
    }

    /// A path that does not contain `target`, preferring guards not in `failed_guards`, with
    /// the records of its hops.
    pub(crate) fn path_avoiding(
        &self,
        st: &super::state::ClientState,
        target: Option<&NodeId>,
        failed_guards: &[NodeId],
        rng: &mut R,
    ) -> Option<(Path, Vec<NodeRecord>)> {
        let path = st.paths.choose(target, failed_guards, rng)?;
        let hops: Option<Vec<NodeRecord>> = path
            .hops()
            .iter()
            .map(|h| st.pool.get(h).cloned())
            .collect();
        Some((path, hops?))
    }

    /// No HTTP answer: our own link (or the relay) failed. Only a timeout says anything about
    /// the path (desktop strikes it); a refused connection blames no node.
    pub(crate) fn no_answer<X>(&self, e: TransportError, path: &Path, a: &mut Attempts) -> Step<X> {
        let guard = path.guard();
        if e == TransportError::Timeout {
            if let Some(g) = guard {
                self.strike_path(&g);
            }
        }
        a.failed_guards.extend(guard);
        Step::Retry(Failure::Transport(e))
    }

    /// A non-200 HTTP answer from the path: the penalties it calls for, and whether to retry.
    /// `dest` is the destination node, if the destination is one.
    pub(crate) async fn path_fault<X>(
        &self,
        fault: PathFault,
        status: u16,
        dest: Option<NodeId>,
        path: &Path,
        a: &mut Attempts,
    ) -> Step<X> {
        let guard = path.guard();
        // A hop may only blame the next node of this request: one not on it is none of that
        // hop's business, and obeying would let any hop make us drop any node.
        let concerned =
            |id: &NodeId| Some(*id) == dest || path.hops().iter().skip(1).any(|h| h == id);
        let fault = match fault {
            PathFault::NodeGone(id) | PathFault::NodeNotReady(id) if !concerned(&id) => {
                PathFault::PathAndRelays
            }
            other => other,
        };
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
                if Some(id) == dest {
                    a.tried.push(id);
                }
            }
            PathFault::NodeNotReady(id) => {
                self.strike_node(&id);
                if Some(id) == dest {
                    a.tried.push(id);
                } else {
                    a.failed_guards.extend(guard);
                }
            }
            PathFault::ClockSkew => {
                return self.clock_error(dest, status, a).await;
            }
            PathFault::WrongSwarm(_) => {
                // Only a node destination can be on the wrong swarm; from anything else it is
                // a broken path.
                if let Some(g) = guard {
                    self.strike_path(&g);
                }
                a.failed_guards.extend(guard);
            }
            PathFault::Relay(reason) => {
                // The relay is throttling or refusing: wait (the caller backs off) and retry.
                return Step::Retry(Failure::Relay { status, reason });
            }
            PathFault::RelayRefused(reason) => {
                return Step::Fail(ClientError::Relay { status, reason });
            }
            PathFault::Fatal(message) => {
                return Step::Fail(ClientError::Rejected { status, message })
            }
        }
        Step::Retry(Failure::Path { status })
    }

    /// The destination node answered; its status (or its sub-results') decides.
    async fn destination_reply(
        &self,
        reply: NodeReply,
        target: &Target<'_>,
        dest: &NodeRecord,
        a: &mut Attempts,
        check: Option<&mut CheckAnswer<'_>>,
    ) -> Step<Answer> {
        let dest_id = dest.id();
        let body: Value =
            serde_json::from_str(&reply.body).unwrap_or_else(|_| Value::String(reply.body.clone()));
        if reply.status != 200 {
            return self
                .status_error(reply.status, &body, target, dest_id, a)
                .await;
        }
        self.record_times(&body, &dest_id);
        let batch = match BatchResponse::from_json(&body) {
            Ok(b) => b,
            Err(e) => {
                self.strike_node(&dest_id);
                a.tried.push(dest_id);
                return Step::Retry(Failure::Response(e));
            }
        };
        if let Some(r) = batch.results.iter().find(|r| r.code == 421) {
            return self.wrong_swarm(target, dest_id, &r.body, a);
        }
        if let Some(r) = batch.results.iter().find(|r| matches!(r.code, 406 | 425)) {
            return self.clock_error(Some(dest_id), r.code, a).await;
        }
        if let Some(first) = batch.results.first() {
            if batch.common_error().is_some() {
                let (code, body) = (first.code, first.body.clone());
                return self.status_error(code, &body, target, dest_id, a).await;
            }
        }
        if let Some(Err(why)) = check.map(|c| c(&dest_id, &batch.results)) {
            // Success without proof: the node lies or is broken; another member may do.
            self.strike_node(&dest_id);
            a.tried.push(dest_id);
            return Step::Retry(why);
        }
        self.state.borrow_mut().pool.clear_strikes(&dest_id);
        Step::Done(Answer {
            node: dest_id,
            results: batch.results,
        })
    }

    /// A non-2xx status from the destination node (network.md §8.3).
    async fn status_error<X>(
        &self,
        code: u16,
        body: &Value,
        target: &Target<'_>,
        dest_id: NodeId,
        a: &mut Attempts,
    ) -> Step<X> {
        let text = body_text(body);
        match code {
            421 => self.wrong_swarm(target, dest_id, body, a),
            406 | 425 => self.clock_error(Some(dest_id), code, a).await,
            400..=499 => Step::Fail(ClientError::Rejected {
                status: code,
                message: RemoteText::new(&text),
            }),
            _ => {
                // Only the destination itself can be gone by its own word.
                match named_node(&text, "Next node not found: ") {
                    Some(gone) if gone == dest_id => self.forget_node(&gone),
                    _ => self.strike_node(&dest_id),
                }
                a.tried.push(dest_id);
                Step::Retry(Failure::Node {
                    status: code,
                    message: RemoteText::new(&text),
                })
            }
        }
    }

    /// 421: the account lives elsewhere; adopt the swarm the node names (network.md §8.3).
    fn wrong_swarm<X>(
        &self,
        target: &Target<'_>,
        dest_id: NodeId,
        body: &Value,
        a: &mut Attempts,
    ) -> Step<X> {
        a.tried.push(dest_id);
        a.redirects += 1;
        self.record_times(body, &dest_id);
        if let Some(account) = target.account() {
            if self.listed_swarm(account).is_some() {
                // The node list decides where an account lives, not the word of one node: a
                // member disowning it is struck; a second one means our list may be stale.
                self.strike_node(&dest_id);
                if a.redirects == 2 {
                    a.recompute = true;
                }
                // Once the list was refreshed, the swarm it names stands: further 421s are
                // members that lie or lag, and the other members are tried (the attempts and
                // the members left bound this).
                return Step::Retry(Failure::WrongSwarm);
            } else {
                // A list without swarms (an earlier version's): follow the node, as desktop.
                let info = SwarmInfo::from_json(body).unwrap_or_default();
                let members: Vec<NodeRecord> = info.reachable().map(NodeRecord::from).collect();
                self.adopt_swarm(account, &members, Some(dest_id));
            }
        }
        if a.redirects >= MAX_REDIRECTS {
            return Step::Fail(ClientError::NoSwarm(SwarmError::Redirected {
                times: a.redirects,
            }));
        }
        Step::Retry(Failure::WrongSwarm)
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

    /// 406/425: resynchronise the clock, then retry (elsewhere, for a node destination: the
    /// node's own clock may be the wrong one), giving up after [`MAX_CLOCK_ERRORS`].
    pub(crate) async fn clock_error<X>(
        &self,
        dest: Option<NodeId>,
        status: u16,
        a: &mut Attempts,
    ) -> Step<X> {
        a.clock_errors += 1;
        a.tried.extend(dest);
        if a.clock_errors > MAX_CLOCK_ERRORS {
            return Step::Fail(ClientError::ClockOutOfSync { status });
        }
        self.resync_clock().await;
        Step::Retry(Failure::Clock { status })
    }

    /// Feeds the server time of a response to the clock: one sample per reply, however many
    /// sub-results carry a time (they are one node's clock read once).
    pub(crate) fn record_times(&self, body: &Value, from: &NodeId) {
        let top = body.get("t").and_then(Value::as_u64);
        let nested = || {
            body.get("results")
                .and_then(Value::as_array)?
                .iter()
                .find_map(|r| r.pointer("/body/t").and_then(Value::as_u64))
        };
        if let Some(t) = top.or_else(nested) {
            let now = self.env.now_ms();
            self.state.borrow_mut().clock.record(now, t, &from.0);
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
