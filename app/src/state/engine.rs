//! The client engine as the parts use it ([`Engine`]): [`Client`] itself, over any transport,
//! clock and RNG; and the app's factory of clients over `fetch` ([`WebEngines`]).

use rand_core::{CryptoRng, OsRng, RngCore};
use session_core::attachment::file_server::{FileServer, Uploaded};
use session_core::attachment::url::FileUrl;
use session_core::client::{
    Client, ClientError, ClientState, Env, FlushReport, Outgoing, PollPlan, PollReport, SendReport,
    ServerReply, Transport,
};
use session_core::community::api::ApiRequest;
use session_core::community::auth::AuthMode;
use session_core::community::url::JoinLink;
use session_core::config::{AccountConfigs, Domain, PendingPush};
use session_core::group::state::{GroupPush, GroupState};
use session_core::group::AdminKey;
use session_core::identity::{Identity, SessionId};
use session_core::ons::OnsName;
use session_core::proto::session::Content;
use std::rc::Rc;

use super::outbox::OutboxLog;
use crate::net::info::NetworkKind;
use crate::net::{BrowserEnv, FetchTransport};
use crate::ports::{Boxed, Engine, Engines, Stored};

impl<T, E, R> Engine for Client<T, E, R>
where
    T: Transport,
    E: Env,
    R: RngCore + CryptoRng,
{
    fn prepare(&self, to: &SessionId, content: Content) -> Result<Outgoing, ClientError> {
        Client::prepare(self, to, content)
    }

    fn reserve_timestamp(&self) -> u64 {
        Client::reserve_timestamp(self)
    }

    fn prepare_at(
        &self,
        to: &SessionId,
        content: Content,
        t: u64,
    ) -> Result<Outgoing, ClientError> {
        Client::prepare_at(self, to, content, t)
    }

    fn upload_file<'a>(
        &'a self,
        server: &'a FileServer,
        blob: &'a [u8],
    ) -> Boxed<'a, Result<Uploaded, ClientError>> {
        Box::pin(Client::upload_file(self, server, blob, None))
    }

    fn download_file<'a>(
        &'a self,
        url: &'a FileUrl,
        default: &'a FileServer,
    ) -> Boxed<'a, Result<Vec<u8>, ClientError>> {
        Box::pin(Client::download_file(self, url, default))
    }

    fn flush<'a>(&'a self, log: &'a OutboxLog<'a>) -> Boxed<'a, Stored<FlushReport>> {
        Box::pin(self.flush_outbox(log))
    }

    fn poll(&self) -> Boxed<'_, Result<PollReport, ClientError>> {
        Box::pin(Client::poll(self))
    }

    fn state(&self) -> ClientState {
        Client::state(self)
    }

    fn absorb_configs(&self, configs: &mut AccountConfigs, report: &PollReport) -> Vec<Domain> {
        Client::absorb_configs(self, configs, report)
    }

    fn push_configs<'a>(
        &'a self,
        pending: &'a PendingPush,
    ) -> Boxed<'a, Result<Vec<String>, ClientError>> {
        Box::pin(Client::push_configs(self, pending))
    }

    fn extend_configs<'a>(&'a self, hashes: &'a [String]) -> Boxed<'a, Result<(), ClientError>> {
        Box::pin(Client::extend_configs(self, hashes))
    }

    fn network_now_ms(&self) -> u64 {
        Client::network_now_ms(self)
    }

    fn set_poll_plan(&self, plan: PollPlan) {
        Client::set_poll_plan(self, plan);
    }

    fn push_group<'a>(
        &'a self,
        admin: &'a AdminKey,
        push: &'a GroupPush,
    ) -> Boxed<'a, Result<Vec<String>, ClientError>> {
        Box::pin(Client::push_group(self, admin, push))
    }

    fn send_group<'a>(
        &'a self,
        group: &'a GroupState,
        content: &'a Content,
        timestamp_ms: u64,
    ) -> Boxed<'a, Result<String, ClientError>> {
        Box::pin(async move {
            let stored = Client::send_group(self, group, content, timestamp_ms, None).await?;
            Ok(stored.hash)
        })
    }

    fn prepare_ttl(
        &self,
        to: &SessionId,
        content: Content,
        ttl_ms: u64,
    ) -> Result<Outgoing, ClientError> {
        Client::prepare_ttl(self, to, content, ttl_ms)
    }

    fn deliver(&self, mut out: Outgoing) -> Boxed<'_, Result<SendReport, ClientError>> {
        Box::pin(async move { Client::deliver(self, &mut out).await })
    }

    fn community_call<'a>(
        &'a self,
        account: &'a Identity,
        link: &'a JoinLink,
        mode: AuthMode,
        request: &'a ApiRequest,
    ) -> Boxed<'a, Result<ServerReply, ClientError>> {
        Box::pin(Client::community_call(self, account, link, mode, request))
    }

    fn resolve_ons<'a>(&'a self, name: &'a OnsName) -> Boxed<'a, Result<SessionId, ClientError>> {
        Box::pin(Client::resolve_ons(self, name))
    }

    fn delete_own<'a>(&'a self, hashes: &'a [String]) -> Boxed<'a, Result<(), ClientError>> {
        Box::pin(Client::delete_own(self, hashes))
    }

    fn shorten_own<'a>(
        &'a self,
        hashes: &'a [String],
        expiry_ms: u64,
    ) -> Boxed<'a, Result<(), ClientError>> {
        Box::pin(Client::shorten_own(self, hashes, expiry_ms))
    }
}

/// The client type of the web app.
pub type WebClient = Client<Rc<FetchTransport>, BrowserEnv, OsRng>;

/// Makes [`WebClient`]s for one account, all through one transport.
#[derive(Debug)]
pub struct WebEngines {
    identity: Identity,
    transport: Rc<FetchTransport>,
}

impl WebEngines {
    /// Clients of `identity` over `transport`.
    pub fn new(identity: Identity, transport: Rc<FetchTransport>) -> WebEngines {
        WebEngines {
            identity,
            transport,
        }
    }
}

impl Engines for WebEngines {
    fn make(&self, state: ClientState, network: NetworkKind) -> Rc<dyn Engine> {
        let client = WebClient::new(
            self.identity.clone(),
            self.transport.clone(),
            BrowserEnv,
            OsRng,
            state,
            network.config(),
        );
        // The inbox and the account's configs, in one request per poll.
        client.set_poll_plan(PollPlan::own_account(self.identity.session_id()));
        Rc::new(client)
    }
}
