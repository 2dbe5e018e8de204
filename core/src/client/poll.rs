//! Polling our own swarm: retrieve from two random members (each from its own `last_hash`),
//! merge, decrypt, verify, de-duplicate and turn into events (network.md §8.5,
//! messaging.md §3.5, §5.2, §5.3).

use super::call::{Target, Wrap};
use super::events::{Direction, Event, MessageEvent, PollReport, SkipReason, Skipped};
use super::node::NodeId;
use super::send::DAY_MS;
use super::state::last_hash_key;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::message;
use crate::proto::session::{receipt_message, typing_message};
use crate::rpc::response::{RetrieveResponse, RetrievedMessage};
use crate::rpc::{self, Auth, RetrieveQuery};
use rand_core::{CryptoRng, RngCore};
use std::collections::HashSet;

/// The namespace of 1:1 messages.
const NAMESPACE: i16 = 0;

/// What one member returned.
struct NodeBatch {
    node: NodeId,
    messages: Vec<RetrievedMessage>,
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Polls our swarm once and returns what is new. Succeeds when at least one member
    /// answered; the others' failures are listed in the report.
    pub async fn poll(&self) -> Result<PollReport, ClientError> {
        self.ready().await?;
        let us = self.identity.session_id();
        let mut batches: Vec<NodeBatch> = Vec::new();
        let mut errors: Vec<ClientError> = Vec::new();
        for _ in 0..self.config.poll_nodes.max(1) {
            let exclude: Vec<NodeId> = batches.iter().map(|b| b.node).collect();
            match self.retrieve(&us, &exclude).await {
                Ok(b) => batches.push(b),
                Err(e) => errors.push(e),
            }
        }
        if batches.is_empty() {
            return Err(errors.pop().unwrap_or(ClientError::Unavailable {
                attempts: 0,
                last: "no swarm member was polled".into(),
            }));
        }
        let nodes_polled = batches.len();
        let (events, skipped) = self.absorb(&us, batches);
        Ok(PollReport {
            events,
            skipped,
            nodes_polled,
            errors,
        })
    }

    /// Handles items already retrieved from swarm member `node` exactly as [`Client::poll`]
    /// handles that member's answer: `last_hash` advanced, each new item opened, verified,
    /// de-duplicated and turned into an event or a skip. For messages that arrive by other
    /// means (a push notification) and for measuring the receive path without a network.
    pub fn receive_retrieved(&self, node: NodeId, messages: Vec<RetrievedMessage>) -> PollReport {
        let us = self.identity.session_id();
        let (events, skipped) = self.absorb(&us, vec![NodeBatch { node, messages }]);
        PollReport {
            events,
            skipped,
            nodes_polled: 0,
            errors: Vec::new(),
        }
    }

    /// Everything one member (not in `exclude`) has after its `last_hash`, page by page.
    async fn retrieve(&self, us: &SessionId, exclude: &[NodeId]) -> Result<NodeBatch, ClientError> {
        let us_hex = us.to_hex();
        let signer = Auth::Owner(self.identity.signing_key());
        let first = {
            let mut result = Err(ClientError::NoSwarm("not resolved".into()));
            for round in 0..2 {
                self.ensure_swarm(us, round > 0).await?;
                let mut build = |now: u64, node: &NodeId| {
                    let last = self
                        .state
                        .borrow()
                        .last_hashes
                        .get(&last_hash_key(node, &us_hex, NAMESPACE))
                        .cloned();
                    Ok(vec![retrieve_request(us, last.as_deref(), now, &signer)?])
                };
                result = self
                    .call(Target::Swarm(us), exclude, Wrap::Batch, &mut build)
                    .await;
                if !matches!(result, Err(ClientError::NoSwarm(_))) {
                    break;
                }
            }
            result?
        };
        let node = first.node;
        let mut page = parse_retrieve(&first.results)?;
        let mut messages = std::mem::take(&mut page.messages);
        let mut pages = 1;
        while page.more && pages < self.config.max_poll_pages {
            let Some(cursor) = messages.last().map(|m| m.hash.clone()) else {
                break;
            };
            let mut build =
                |now: u64, _: &NodeId| Ok(vec![retrieve_request(us, Some(&cursor), now, &signer)?]);
            let next = self
                .call(Target::Member(us, node), &[], Wrap::Batch, &mut build)
                .await;
            // A later page that fails is fetched on the next poll, from the new last_hash.
            let Ok(next) = next else {
                break;
            };
            let Ok(mut p) = parse_retrieve(&next.results) else {
                break;
            };
            messages.append(&mut p.messages);
            page = p;
            pages += 1;
        }
        Ok(NodeBatch { node, messages })
    }

    /// Merges the members' answers by hash, records each member's new `last_hash`, and turns
    /// every item not seen before into an event or a skip.
    fn absorb(&self, us: &SessionId, batches: Vec<NodeBatch>) -> (Vec<Event>, Vec<Skipped>) {
        let us_hex = us.to_hex();
        let mut merged: Vec<RetrievedMessage> = Vec::new();
        let mut hashes: HashSet<String> = HashSet::new();
        {
            let mut st = self.state.borrow_mut();
            for b in batches {
                if let Some(last) = b.messages.last() {
                    st.last_hashes.insert(
                        last_hash_key(&b.node, &us_hex, NAMESPACE),
                        last.hash.clone(),
                    );
                }
                for m in b.messages {
                    if hashes.insert(m.hash.clone()) {
                        merged.push(m);
                    }
                }
            }
        }
        let mut decoded: Vec<(RetrievedMessage, message::IncomingMessage)> = Vec::new();
        let mut skipped = Vec::new();
        {
            let mut st = self.state.borrow_mut();
            for m in merged {
                if st.seen.has_hash(&m.hash) {
                    continue;
                }
                st.seen
                    .add_hash(&m.hash, m.expiration.saturating_add(DAY_MS));
                match message::decode_incoming(&self.identity, &m.data) {
                    Ok(inc) => decoded.push((m, inc)),
                    Err(e) => skipped.push(Skipped {
                        hash: m.hash,
                        reason: SkipReason::Undecryptable(e),
                    }),
                }
            }
        }
        // Oldest first, by sent time.
        decoded.sort_by(|(a, x), (b, y)| (x.timestamp_ms, &a.hash).cmp(&(y.timestamp_ms, &b.hash)));
        let mut events = Vec::new();
        let now = self.env.now_ms();
        let mut st = self.state.borrow_mut();
        for (m, inc) in decoded {
            let sender = inc.sender.to_hex();
            if st.seen.has_id(&sender, inc.timestamp_ms) {
                skipped.push(Skipped {
                    hash: m.hash,
                    reason: SkipReason::Duplicate,
                });
                continue;
            }
            let until = m
                .expiration
                .max(inc.timestamp_ms.saturating_add(self.config.message_ttl_ms))
                .saturating_add(DAY_MS);
            let hash = m.hash.clone();
            let t = inc.timestamp_ms;
            match interpret(us, m, inc) {
                Ok(event) => {
                    st.seen.add_id(&sender, t, until);
                    events.push(event);
                }
                Err(reason) => skipped.push(Skipped { hash, reason }),
            }
        }
        st.seen.prune(now, self.config.seen_cap);
        (events, skipped)
    }
}

fn retrieve_request(
    us: &SessionId,
    last_hash: Option<&str>,
    now: u64,
    auth: &Auth<'_>,
) -> Result<rpc::Request, ClientError> {
    let q = RetrieveQuery {
        account: us.as_bytes(),
        namespace: NAMESPACE,
        last_hash,
        max_count: None,
        max_size: None,
        timestamp_ms: now,
    };
    Ok(rpc::retrieve(&q, Some(auth))?)
}

fn parse_retrieve(
    results: &[crate::rpc::response::SubResponse],
) -> Result<RetrieveResponse, ClientError> {
    results
        .first()
        .ok_or_else(|| ClientError::Unavailable {
            attempts: 1,
            last: "empty batch answer".into(),
        })?
        .parse::<RetrieveResponse>()
        .map_err(|e| ClientError::Unavailable {
            attempts: 1,
            last: format!("unreadable retrieve answer: {e}"),
        })
}

/// What a verified message means (messaging.md §5.3, §5.4).
fn interpret(
    us: &SessionId,
    m: RetrievedMessage,
    inc: message::IncomingMessage,
) -> Result<Event, SkipReason> {
    let from = inc.sender;
    let content = inc.content;
    if let Some(dm) = &content.data_message {
        let sync_target = dm.sync_target.as_deref().filter(|s| !s.is_empty());
        let (to, direction) = match sync_target {
            Some(target) => {
                if from != *us {
                    return Err(SkipReason::ForgedSync);
                }
                let to = SessionId::parse_standard(target).map_err(|_| SkipReason::ForgedSync)?;
                let dir = if to == *us {
                    Direction::NoteToSelf
                } else {
                    Direction::Outgoing
                };
                (to, dir)
            }
            None if from == *us => (*us, Direction::NoteToSelf),
            None => (*us, Direction::Incoming),
        };
        return Ok(Event::Message(MessageEvent {
            hash: m.hash,
            from,
            to,
            direction,
            timestamp_ms: inc.timestamp_ms,
            expires_ms: m.expiration,
            text: dm.body.clone(),
            content: Box::new(content),
        }));
    }
    if let Some(u) = &content.unsend_request {
        let author: Option<SessionId> = u.author.parse().ok();
        if author != Some(from) {
            return Err(SkipReason::ForgedUnsend);
        }
        return Ok(Event::Unsend {
            hash: m.hash,
            from,
            timestamp_ms: u.timestamp,
        });
    }
    if let Some(r) = &content.receipt_message {
        return Ok(Event::Receipt {
            hash: m.hash,
            from,
            read: r.r#type == receipt_message::Type::Read as i32,
            timestamps_ms: r.timestamp.clone(),
        });
    }
    if let Some(t) = &content.typing_message {
        return Ok(Event::Typing {
            hash: m.hash,
            from,
            started: t.action == typing_message::Action::Started as i32,
        });
    }
    Ok(Event::Other {
        hash: m.hash,
        from,
        timestamp_ms: inc.timestamp_ms,
        content: Box::new(content),
    })
}
