//! Handing each namespace's new items to the decoder its plan row names. The engine knows
//! nothing of what the items mean: each decoder is a module of its own.

use super::events::{Event, PollReport, RetrievedBatch, SkipReason, Skipped};
use super::plan::{Decoder, PollEntry};
use super::transport::Transport;
use super::{Client, Env};
use crate::message::receive::{self, Item};
use crate::rpc::response::RetrievedMessage;
use rand_core::{CryptoRng, RngCore};

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Decodes `items` (new to this device) of `entry` into `report`.
    pub(crate) fn decode(
        &self,
        entry: &PollEntry,
        items: Vec<RetrievedMessage>,
        report: &mut PollReport,
    ) {
        match entry.decoder {
            Decoder::Direct => {
                let items = items
                    .into_iter()
                    .map(|m| Item {
                        hash: m.hash,
                        data: m.data,
                        expires_ms: m.expiration,
                    })
                    .collect();
                let (events, refused) = {
                    let mut st = self.state.borrow_mut();
                    receive::receive(
                        &self.identity,
                        items,
                        &mut st.seen.ids,
                        self.config.message_ttl_ms,
                    )
                };
                report.events.extend(events.into_iter().map(Event::Direct));
                report
                    .skipped
                    .extend(refused.into_iter().map(|(hash, r)| Skipped {
                        hash,
                        reason: SkipReason::Direct(r),
                    }));
            }
            Decoder::Raw => report.events.push(Event::Retrieved(RetrievedBatch {
                account: entry.account,
                namespace: entry.namespace,
                items,
            })),
        }
    }
}
