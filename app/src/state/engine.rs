//! The client engine as the parts use it ([`Engine`]): [`Client`] itself, over any transport,
//! clock and RNG; and the app's factory of clients over `fetch` ([`WebEngines`]).

use rand_core::{CryptoRng, OsRng, RngCore};
use session_core::client::{
    Client, ClientError, ClientState, Env, FlushReport, Outgoing, PollReport, Transport,
};
use session_core::identity::{Identity, SessionId};
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

    fn flush<'a>(&'a self, log: &'a OutboxLog<'a>) -> Boxed<'a, Stored<FlushReport>> {
        Box::pin(self.flush_outbox(log))
    }

    fn poll(&self) -> Boxed<'_, Result<PollReport, ClientError>> {
        Box::pin(Client::poll(self))
    }

    fn state(&self) -> ClientState {
        Client::state(self)
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
        Rc::new(WebClient::new(
            self.identity.clone(),
            self.transport.clone(),
            BrowserEnv,
            OsRng,
            state,
            network.config(),
        ))
    }
}
