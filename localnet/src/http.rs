//! A small HTTP(S) server around an axum router that can be stopped and restarted on the same
//! port (node down/up faults), and whose handlers can drop their connection without answering.

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{Mutex, Notify};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

/// Request extension: notify it to close the connection instead of answering.
#[derive(Debug, Clone)]
pub(crate) struct DropConnection(pub Arc<Notify>);

/// Request extension: the address the connection comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer(pub SocketAddr);

/// One listening server.
pub(crate) struct Server {
    addr: SocketAddr,
    tls: Option<TlsAcceptor>,
    app: Router,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Creates the server and starts listening (on `prebound` when given).
    pub async fn start(
        addr: SocketAddr,
        tls: Option<TlsAcceptor>,
        app: Router,
        prebound: Option<std::net::TcpListener>,
    ) -> std::io::Result<Arc<Server>> {
        let server = Arc::new(Server {
            addr,
            tls,
            app,
            task: Mutex::new(None),
        });
        let listener = match prebound {
            Some(l) => {
                l.set_nonblocking(true)?;
                TcpListener::from_std(l)?
            }
            None => TcpListener::bind(addr).await?,
        };
        *server.task.lock().await = Some(server.spawn(listener));
        Ok(server)
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    fn spawn(&self, listener: TcpListener) -> JoinHandle<()> {
        let tls = self.tls.clone();
        let app = self.app.clone();
        tokio::spawn(accept_loop(listener, tls, app))
    }

    /// Starts listening again after [`Server::down`] (no-op when up).
    pub async fn up(&self) -> std::io::Result<()> {
        let mut task = self.task.lock().await;
        if task.is_none() {
            let listener = TcpListener::bind(self.addr).await?;
            *task = Some(self.spawn(listener));
        }
        Ok(())
    }

    /// Closes the listener and every open connection.
    pub async fn down(&self) {
        let handle = self.task.lock().await.take();
        if let Some(h) = handle {
            h.abort();
            let _ = h.await;
        }
    }

    /// Whether it is listening.
    pub async fn is_up(&self) -> bool {
        self.task.lock().await.is_some()
    }
}

async fn accept_loop(listener: TcpListener, tls: Option<TlsAcceptor>, app: Router) {
    // Connections live in this set, so aborting the loop closes them all.
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((tcp, peer)) = accepted else { continue };
                let _ = tcp.set_nodelay(true);
                conns.spawn(serve_conn(tcp, peer, tls.clone(), app.clone()));
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
}

async fn serve_conn(
    tcp: tokio::net::TcpStream,
    peer: SocketAddr,
    tls: Option<TlsAcceptor>,
    app: Router,
) {
    let kill = Arc::new(Notify::new());
    let svc = TowerToHyperService::new(app);
    let kill2 = kill.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(DropConnection(kill2.clone()));
        req.extensions_mut().insert(Peer(peer));
        hyper::service::Service::call(&svc, req)
    });
    let builder = http1::Builder::new();
    match tls {
        Some(acceptor) => {
            let Ok(stream) = acceptor.accept(tcp).await else {
                return;
            };
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = kill.notified() => {}
            }
        }
        None => {
            let conn = builder.serve_connection(TokioIo::new(tcp), service);
            tokio::select! {
                _ = conn => {}
                _ = kill.notified() => {}
            }
        }
    }
}
