//! Tunables of the client, with desktop's values as defaults (network.md §3.2, §8).

use super::retry::Backoff;
use crate::onion::EncType;

/// Fourteen days, the longest a 1:1 message may live (messaging.md §3.5).
pub const MESSAGE_TTL_MS: u64 = 14 * 24 * 60 * 60 * 1000;

/// How the client treats the network. Start from [`Config::default`] (mainnet) or
/// [`Config::local_network`] and adjust fields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// Hops per onion path, guard included (3).
    pub path_hops: usize,
    /// Paths kept, each behind its own guard (2).
    pub path_count: usize,
    /// Forbid two hops of one path in the same IPv4 /24 (on for mainnet; a local network
    /// whose nodes all listen on 127.0.0.1 must turn it off).
    pub subnet_diversity: bool,
    /// Fewer known nodes than this: fetch the list from the seed again (8).
    pub min_pool_size: usize,
    /// A refresh from three nodes must agree on at least this many nodes, else the seed is
    /// asked (24).
    pub refresh_agreement: usize,
    /// Refresh the node list from the nodes this often (1 h).
    pub refresh_interval_ms: u64,
    /// Fetch a cached swarm again after this long (1 h).
    pub swarm_max_age_ms: u64,
    /// Fetch a swarm again when fewer of its members are still usable (3).
    pub min_swarm_size: usize,
    /// Failures before a node is dropped from the pool (3).
    pub node_strike_limit: u8,
    /// Failures before a path and its guard are dropped (3).
    pub path_strike_limit: u8,
    /// Attempts per storage request, over different nodes and paths (6).
    pub attempts: u32,
    /// Wait between those attempts.
    pub backoff: Backoff,
    /// Attempts at the seed (4).
    pub seed_attempts: u32,
    /// Wait between seed attempts (from 1 s).
    pub seed_backoff: Backoff,
    /// Candidates tried per missing guard before giving up (6).
    pub guard_candidates: usize,
    /// Onion layer encryption.
    pub enc_type: EncType,
    /// TTL of stored 1:1 messages (14 days).
    pub message_ttl_ms: u64,
    /// Swarm members asked per poll (2).
    pub poll_nodes: usize,
    /// Pages (`more: true`) fetched from one node per poll at most (10).
    pub max_poll_pages: u32,
    /// Delivered hashes and message identities remembered, each (20 000).
    pub seen_cap: usize,
    /// Other accounts' swarms cached (1 000).
    pub swarm_cache_cap: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path_hops: 3,
            path_count: 2,
            subnet_diversity: true,
            min_pool_size: 8,
            refresh_agreement: 24,
            refresh_interval_ms: 60 * 60 * 1000,
            swarm_max_age_ms: 60 * 60 * 1000,
            min_swarm_size: 3,
            node_strike_limit: 3,
            path_strike_limit: 3,
            attempts: 6,
            backoff: Backoff {
                initial_ms: 250,
                max_ms: 4_000,
            },
            seed_attempts: 4,
            seed_backoff: Backoff {
                initial_ms: 1_000,
                max_ms: 8_000,
            },
            guard_candidates: 6,
            enc_type: EncType::XChaCha20,
            message_ttl_ms: MESSAGE_TTL_MS,
            poll_nodes: 2,
            max_poll_pages: 10,
            seen_cap: 20_000,
            swarm_cache_cap: 1_000,
        }
    }
}

impl Config {
    /// For a local test network: every node on one address (no /24 rule) and only a dozen
    /// nodes (a small refresh agreement suffices).
    pub fn local_network() -> Self {
        Config {
            subnet_diversity: false,
            refresh_agreement: 4,
            ..Config::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last integer of a cell such as `1 × (3+1) × 2 = **8**`.
    fn last_number(cell: &str) -> usize {
        cell.split(|c: char| !c.is_ascii_digit())
            .rfind(|s| !s.is_empty())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no number in {cell:?}"))
    }

    #[test]
    fn defaults_follow_the_desktop_constants_of_the_spec() {
        let c = Config::default();
        let rows = session_testkit::spec_table("network.md", "### 3.2");
        let mut checked = 0;
        for row in &rows {
            let (Some(name), Some(value)) = (row.first(), row.get(1)) else {
                continue;
            };
            let ours = match name.as_str() {
                "ONION_REQUEST_HOPS" => c.path_hops,
                "desiredGuardCount" => c.path_count,
                "minSnodePoolCount" => c.min_pool_size,
                "requiredSnodesForAgreement" => c.refresh_agreement,
                "minSwarmSnodeCount" => c.min_swarm_size,
                _ => continue,
            };
            assert_eq!(ours, last_number(value), "{name}");
            checked += 1;
        }
        assert_eq!(checked, 5);
    }

    #[test]
    fn message_ttl_is_the_specs_fourteen_days() {
        let spec = session_testkit::spec("messaging.md");
        let at = spec.find("default 14 days = ").expect("TTL sentence");
        let tail = &spec[at + "default 14 days = ".len()..];
        let digits: String = tail
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ' ')
            .filter(char::is_ascii_digit)
            .collect();
        assert_eq!(MESSAGE_TTL_MS, digits.parse::<u64>().unwrap());
        assert_eq!(Config::default().message_ttl_ms, MESSAGE_TTL_MS);
    }

    #[test]
    fn the_local_preset_only_relaxes_what_a_loopback_network_needs() {
        let local = Config::local_network();
        assert!(!local.subnet_diversity);
        assert!(local.refresh_agreement < Config::default().refresh_agreement);
        assert_eq!(local.path_hops, Config::default().path_hops);
    }
}
