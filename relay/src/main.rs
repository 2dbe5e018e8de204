//! `session-relay`: serves Session Web and forwards its onion requests.

use clap::{Parser, ValueEnum};
use session_relay::{log, Cidr, Config, Limits, Network, Relay};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum NetworkArg {
    /// An embedded local network on loopback, for development and tests.
    Local,
    /// The live Session network.
    Mainnet,
}

#[derive(Debug, Parser)]
#[command(
    name = "session-relay",
    version,
    about = "Serves Session Web and relays its onion requests"
)]
struct Args {
    /// Which network to serve.
    #[arg(long, value_enum, default_value = "local")]
    network: NetworkArg,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Folder of the built web app to serve (Trunk's dist/).
    #[arg(long)]
    dist: Option<PathBuf>,
    /// Where the local network keeps its nodes (default: a folder under the system temp dir).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Number of service nodes of the local network.
    #[arg(long, default_value_t = 12)]
    nodes: usize,
    /// With the local network: serve its admin endpoint (fault injection, no authentication)
    /// on 127.0.0.1 at this port (0: any free port, printed at start-up), for tests.
    #[arg(long, value_name = "PORT")]
    local_admin_port: Option<u16>,
    /// A reverse proxy in front of the relay (an address or CIDR range; repeatable). On its
    /// connections the client address is taken from X-Forwarded-For / Forwarded; those headers
    /// are ignored from anyone else.
    #[arg(long = "trusted-proxy", value_name = "CIDR")]
    trusted_proxies: Vec<Cidr>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("session-relay: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let config = Config {
        network: match args.network {
            NetworkArg::Local => Network::Local,
            NetworkArg::Mainnet => Network::Mainnet,
        },
        listen: args.listen,
        dist: args.dist,
        data_dir: args.data_dir,
        local_nodes: args.nodes,
        local_admin_port: args.local_admin_port,
        limits: Limits {
            trusted_proxies: args.trusted_proxies,
            ..Limits::default()
        },
    };
    runtime.block_on(async move {
        let network = config.network;
        let has_dist = config.dist.is_some();
        let relay = match Relay::start(config).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("session-relay: {e}");
                return ExitCode::FAILURE;
            }
        };
        // Printed before "listening on", which tells a waiting test that start-up is over.
        if let Some(url) = relay.local_network().and_then(|l| l.net().admin_url()) {
            log::info(format_args!("local network admin on {url}"));
        }
        log::info(format_args!(
            "listening on http://{} (network {}, {} service nodes{})",
            relay.local_addr(),
            network.as_str(),
            relay.directory().len(),
            if has_dist {
                ", serving the web app"
            } else {
                ""
            }
        ));
        if tokio::signal::ctrl_c().await.is_err() {
            log::warn(format_args!("cannot wait for Ctrl-C; stopping"));
        }
        log::info(format_args!("stopping"));
        relay.shutdown().await;
        ExitCode::SUCCESS
    })
}
