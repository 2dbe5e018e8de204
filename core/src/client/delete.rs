//! Changing what our own swarm keeps: deleting our messages from it (the first step of an
//! unsend, messaging.md §5.4) and shortening their lifetime (a disappearing message once read,
//! §5.6). Only the owner may do either, so both are signed with our key; a change counts when
//! a member of our swarm signed its result (network.md §5.6, §5.9), since that member passes
//! it on to the rest of the swarm.

use super::call::Wrap;
use super::error::{Failure, SwarmChange};
use super::node::NodeId;
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::identity::SessionId;
use crate::rpc::response::{DeleteResponse, ExpireResponse, SubResponse};
use crate::rpc::{self, Auth, ExpireMode, Expiry};
use rand_core::{CryptoRng, RngCore};

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Deletes the messages `hashes` from our own swarm. Hashes the swarm no longer has are
    /// not an error (they are gone either way).
    pub async fn delete_own(&self, hashes: &[String]) -> Result<(), ClientError> {
        if hashes.is_empty() {
            return Ok(());
        }
        let us = self.session_id();
        let signer = Auth::Owner(self.identity.signing_key());
        let mut build =
            |_: u64, _: &NodeId| Ok(vec![rpc::delete(us.as_bytes(), hashes, false, &signer)?]);
        let mut check = |_: &NodeId, results: &[SubResponse]| {
            let answer = first(results, SwarmChange::Delete)?
                .parse::<DeleteResponse>()
                .map_err(Failure::Response)?;
            let signed = answer.verify_delete(us.as_bytes(), hashes);
            self.signed_by_member(&us, &signed, SwarmChange::Delete)
        };
        self.call_swarm(&us, &[], Wrap::Sequence, &mut build, Some(&mut check))
            .await
            .map(drop)
    }

    /// Brings the expiry of our messages `hashes` forward to `expiry_ms` (never later: a
    /// message already closer to its end keeps its time).
    pub async fn shorten_own(&self, hashes: &[String], expiry_ms: u64) -> Result<(), ClientError> {
        if hashes.is_empty() {
            return Ok(());
        }
        let us = self.session_id();
        let signer = Auth::Owner(self.identity.signing_key());
        let mut build = |_: u64, _: &NodeId| {
            Ok(vec![rpc::expire(
                us.as_bytes(),
                hashes,
                Expiry::At(expiry_ms),
                ExpireMode::Shorten,
                &signer,
            )?])
        };
        let mut check = |_: &NodeId, results: &[SubResponse]| {
            let answer = first(results, SwarmChange::Expire)?
                .parse::<ExpireResponse>()
                .map_err(Failure::Response)?;
            let signed = answer.verify_expire(us.as_bytes(), hashes);
            self.signed_by_member(&us, &signed, SwarmChange::Expire)
        };
        self.call_swarm(&us, &[], Wrap::Sequence, &mut build, Some(&mut check))
            .await
            .map(drop)
    }

    /// Whether one of `signers` is a member of `account`'s swarm.
    fn signed_by_member(
        &self,
        account: &SessionId,
        signers: &[[u8; 32]],
        change: SwarmChange,
    ) -> Result<(), Failure> {
        let members = self.swarm_members(account);
        if signers.iter().any(|k| members.contains(&NodeId(*k))) {
            Ok(())
        } else {
            Err(Failure::Unsigned(change))
        }
    }
}

/// The one result of a single-request batch.
fn first(results: &[SubResponse], change: SwarmChange) -> Result<&SubResponse, Failure> {
    results.first().ok_or(Failure::Unsigned(change))
}
