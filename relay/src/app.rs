//! The relay server: routes, shared state, start and stop.

use crate::body::read_request;
use crate::client::{client_addr, Client, ClientKey};
use crate::config::{Config, Network};
use crate::directory::Directory;
use crate::error::RelayError;
use crate::file_server::FileServer;
use crate::forward;
use crate::headers::{CSP, SECURITY};
use crate::limits::{Concurrency, Gate, RateLimiter};
use crate::local::LocalNetwork;
use crate::log;
use crate::respond::relay_error;
use crate::seed::{self, SeedClient, SeedEndpoint};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How often the node list is refreshed from the seeds.
const REFRESH_EVERY: Duration = Duration::from_secs(600);

/// Largest seed request accepted from a client (a node-list request is a few hundred bytes).
const MAX_SEED_REQUEST: usize = 16 * 1024;

/// A running relay.
#[derive(Debug)]
pub struct Relay {
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
    refresher: JoinHandle<()>,
    local: Option<LocalNetwork>,
}

impl Relay {
    /// Starts the relay for its configured network (and, for `local`, the embedded network).
    pub async fn start(config: Config) -> Result<Relay, RelayError> {
        match config.network {
            Network::Mainnet => Self::start_with_seeds(config, seed::mainnet_seeds(), None).await,
            Network::Local => {
                let local = LocalNetwork::start(&config).await?;
                let seeds = vec![local.seed_endpoint()];
                Self::start_with_seeds(config, seeds, Some(local)).await
            }
        }
    }

    /// Starts the relay with an explicit seed list.
    pub async fn start_with_seeds(
        config: Config,
        seeds: Vec<SeedEndpoint>,
        local: Option<LocalNetwork>,
    ) -> Result<Relay, RelayError> {
        let seeds = SeedClient::new(
            seeds,
            config.limits.seed_timeout,
            config.limits.max_seed_reply_bytes,
        )
        .map_err(RelayError::Seeds)?;
        let directory = Arc::new(Directory::new(seeds, config.network));
        match directory.refresh().await {
            Ok(n) => log::info(format_args!("{n} service nodes known")),
            Err(e) => log::warn(format_args!("node list not loaded yet: {e}")),
        }
        let node_client = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(config.limits.node_timeout)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(RelayError::Client)?;
        // The embedded network's file server in local mode, the official one on mainnet.
        let file_server = match (&local, config.network) {
            (Some(local), _) => local.file_server(),
            (None, Network::Mainnet) => Some(FileServer::mainnet()),
            (None, Network::Local) => None,
        };
        let communities = local
            .as_ref()
            .and_then(|l| l.net().community())
            .map(|c| c.default_links())
            .unwrap_or_default();
        for link in &communities {
            log::info(format_args!("community room {link}"));
        }
        let state = Arc::new(AppState {
            limiter: RateLimiter::new(
                config.limits.burst_per_client,
                config.limits.rate_per_client,
                config.limits.max_tracked_clients,
                Instant::now(),
            ),
            seed_gate: Gate::new(config.limits.max_seed_concurrent),
            concurrency: Concurrency::new(
                config.limits.max_concurrent,
                config.limits.max_concurrent_per_client,
            ),
            directory: directory.clone(),
            file_server,
            communities,
            node_client,
            config,
        });
        let listener = TcpListener::bind(state.config.listen)
            .await
            .map_err(RelayError::Bind)?;
        let addr = listener.local_addr().map_err(RelayError::Bind)?;
        let app = router(state.clone());
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let server = tokio::spawn(crate::serve::serve(
            listener,
            app,
            state.config.limits.clone(),
            stop_rx,
        ));
        let refresher = tokio::spawn(refresh_loop(directory));
        Ok(Relay {
            addr,
            state,
            stop: Some(stop_tx),
            server,
            refresher,
            local,
        })
    }

    /// Where the relay listens.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its node directory.
    pub fn directory(&self) -> &Arc<Directory> {
        &self.state.directory
    }

    /// The embedded local network, in local mode.
    pub fn local_network(&self) -> Option<&LocalNetwork> {
        self.local.as_ref()
    }

    /// Stops serving and, in local mode, the local network.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.refresher.abort();
        let _ = (&mut self.server).await;
        if let Some(local) = self.local.take() {
            local.shutdown().await;
        }
    }
}

async fn refresh_loop(directory: Arc<Directory>) {
    loop {
        tokio::time::sleep(REFRESH_EVERY).await;
        if let Err(e) = directory.refresh().await {
            log::warn(format_args!("node list refresh failed: {e}"));
        }
    }
}

/// All routes, with the security headers on every response.
pub fn router(state: Arc<AppState>) -> Router {
    let relay = Router::new()
        .route("/relay/v1/info", get(info))
        .route("/relay/v1/seed", post(seed_request))
        .route("/relay/v1/onion/{key}", post(forward::onion))
        .route("/relay/{*rest}", axum::routing::any(not_found))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(middleware::from_fn_with_state(state.clone(), identify))
        .layer(middleware::map_response(same_origin_only));
    let app = if state.config.dist.is_some() {
        relay.fallback(static_file)
    } else {
        relay.fallback(not_found)
    };
    app.layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

async fn info(State(state): State<Arc<AppState>>) -> Response {
    let mut body = json!({
        "network": state.config.network.as_str(),
        "version": env!("CARGO_PKG_VERSION"),
        "nodes": state.directory.len(),
    });
    if let Some(fs) = &state.file_server {
        body["file_server"] = fs.to_json();
    }
    body["communities"] = json!(state.communities);
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(body),
    )
        .into_response()
}

/// `POST /relay/v1/seed`: a node-list request, answered from the relay's own list (refreshed
/// from the seeds every 10 minutes): a client never makes the relay contact a seed.
async fn seed_request(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<Client>,
    body: Body,
) -> Response {
    if !state.limiter.allow(client.key, Instant::now()) {
        return relay_error(StatusCode::TOO_MANY_REQUESTS, "rate", "Too many requests");
    }
    let bytes = match read_request(body, MAX_SEED_REQUEST, state.config.limits.body_timeout).await {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let query = match seed::parse_seed_request(&bytes) {
        Ok(q) => q,
        Err(why) => return relay_error(StatusCode::BAD_REQUEST, "seed-request", &why.to_string()),
    };
    let Some(_answering) = state.seed_gate.try_enter() else {
        return relay_error(StatusCode::SERVICE_UNAVAILABLE, "busy", "Relay busy");
    };
    match state.directory.seed_result(query.fields).await {
        Some(result) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            seed::seed_answer(&query.id, &result),
        )
            .into_response(),
        None => relay_error(
            StatusCode::BAD_GATEWAY,
            "seed-unreachable",
            "No seed node answered",
        ),
    }
}

/// Names the client of each request (see [`client_addr`]) for the per-client limits.
async fn identify(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let addr = client_addr(
        peer.ip(),
        req.headers(),
        &state.config.limits.trusted_proxies,
    );
    req.extensions_mut().insert(Client {
        addr,
        key: ClientKey::of(addr),
    });
    next.run(req).await
}

/// Refuses a POST that another site's page could make a visitor's browser send: one the browser
/// marks as cross-site (or same-site: a sibling subdomain is another party too), or one whose
/// body type a form or a no-CORS fetch can send without asking the relay first (the app sends
/// `application/octet-stream` and `application/json`, which need a CORS preflight the relay
/// never grants).
async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if req.method() == Method::POST && !is_own_post(req.headers()) {
        return relay_error(
            StatusCode::FORBIDDEN,
            "cross-site",
            "Cross-site request refused: POST application/octet-stream or application/json from \
             this origin only",
        );
    }
    next.run(req).await
}

fn is_own_post(headers: &HeaderMap) -> bool {
    let site_ok = headers
        .get("sec-fetch-site")
        .is_none_or(|v| v == "same-origin" || v == "none");
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    let type_ok = matches!(
        media_type.as_deref(),
        Some("application/octet-stream" | "application/json")
    );
    site_ok && type_ok
}

/// What `/relay/*` answers is for this origin's pages only.
async fn same_origin_only(mut resp: Response) -> Response {
    resp.headers_mut().insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    resp
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

async fn static_file(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match &state.config.dist {
        Some(dist) => crate::static_files::serve(dist, req.uri().path()).await,
        None => not_found().await,
    }
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    for (name, value) in SECURITY {
        h.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    resp
}
