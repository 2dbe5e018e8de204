//! ONS lookups (network.md §7.4): the [`crate::ons`] request sent to three different random
//! nodes through onion paths; the name resolves only when all three answer the same ID.

use super::call::{Target, Wrap};
use super::node::NodeId;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::ons::{self, OnsError, OnsName, OnsRecord};
use rand_core::{CryptoRng, RngCore};

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// The Session ID registered under `name`, as [`ons::AGREEMENT`] different nodes give it.
    /// A name no node knows is [`OnsError::NotFound`]; nodes that differ are
    /// [`OnsError::Disagreement`].
    pub async fn resolve_ons(&self, name: &OnsName) -> Result<SessionId, ClientError> {
        self.ready().await?;
        let mut asked: Vec<NodeId> = Vec::new();
        let mut ids = Vec::with_capacity(ons::AGREEMENT);
        for _ in 0..ons::AGREEMENT {
            let answer = self
                .call(
                    Target::AnyNode,
                    &asked,
                    Wrap::Batch,
                    &mut |_, _| Ok(vec![name.request()]),
                    None,
                )
                .await?;
            asked.push(answer.node);
            let sub = answer
                .results
                .first()
                .ok_or(ClientError::Ons(OnsError::Malformed("an empty batch")))?;
            let record = OnsRecord::from_answer(&sub.body)
                .map_err(ClientError::Ons)?
                .ok_or(ClientError::Ons(OnsError::NotFound))?;
            ids.push(record.open(name).map_err(ClientError::Ons)?);
        }
        ons::agree(&ids).map_err(ClientError::Ons)
    }
}
