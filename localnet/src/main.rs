//! `session-localnet`: starts a local Session network and prints where it listens.

use clap::Parser;
use session_localnet::{Config, LocalNet};
use std::path::PathBuf;

/// Start a local Session network (seed, service nodes, file server) on loopback HTTPS.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Data directory (keys, addresses, swarms, messages); reused on later starts.
    #[arg(long, default_value = "localnet-data")]
    data_dir: PathBuf,
    /// Number of service nodes on the first start.
    #[arg(long, default_value_t = 12)]
    nodes: usize,
    /// Loopback address to listen on and advertise (anything else is refused).
    #[arg(long, default_value = "127.0.0.1")]
    bind_ip: std::net::Ipv4Addr,
    /// First node port (seed at base-1, file server at base-2); default: any free ports.
    #[arg(long)]
    base_port: Option<u16>,
    /// Start the admin endpoint (fault injection over HTTP, on 127.0.0.1, unauthenticated).
    #[arg(long)]
    admin: bool,
    /// Admin endpoint port on 127.0.0.1 (default: any free port; implies --admin).
    #[arg(long)]
    admin_port: Option<u16>,
    /// Another server on this machine that onion requests may reach (HOST:PORT, e.g. a local
    /// community server); repeatable. The file server is always reachable.
    #[arg(long = "server", value_name = "ADDR")]
    servers: Vec<std::net::SocketAddr>,
    /// Print the network description as JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let mut config = Config::new(&args.data_dir);
    config.nodes = args.nodes;
    config.bind_ip = args.bind_ip;
    config.base_port = args.base_port;
    config.admin = args.admin || args.admin_port.is_some();
    config.admin_port = args.admin_port;
    config.extra_servers = args.servers;
    let net = match LocalNet::start(config).await {
        Ok(n) => n,
        Err(e) => {
            eprintln!("session-localnet: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if args.json {
        let nodes: Vec<_> = net
            .nodes()
            .iter()
            .map(|n| {
                serde_json::json!({
                    "ed25519": n.ed25519_hex(),
                    "x25519": n.x25519_hex(),
                    "url": n.https_url(),
                    "swarm_id": format!("{:x}", n.swarm_id),
                })
            })
            .collect();
        let fs = net.file_server().map(|f| {
            serde_json::json!({"url": f.url(), "x25519": hex::encode(f.x25519),
                               "ed25519": hex::encode(f.ed25519)})
        });
        let out = serde_json::json!({
            "seed": net.seed_url(),
            "admin": net.admin_url(),
            "file_server": fs,
            "nodes": nodes,
        });
        println!("{out}");
    } else {
        println!("seed        {}json_rpc", net.seed_url());
        if let Some(a) = net.admin_url() {
            println!("admin       {a}/admin/nodes");
        }
        if let Some(f) = net.file_server() {
            println!("file server {} (x25519 {})", f.url(), hex::encode(f.x25519));
        }
        for n in net.nodes() {
            println!(
                "node {:2}     {} {} swarm {:x}",
                n.index,
                n.https_url(),
                n.ed25519_hex(),
                n.swarm_id
            );
        }
        println!("data        {}", net.data_dir().display());
    }
    let _ = tokio::signal::ctrl_c().await;
    net.shutdown().await;
    std::process::ExitCode::SUCCESS
}
