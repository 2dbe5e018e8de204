#![no_main]
//! The relay's reading of a seed's node list (untrusted: any seed answer, or a network attacker
//! before pinning): Ok or a typed error, never a panic. A list it keeps holds each key once,
//! only addresses that suit the network, and renders as a seed answer that core reads back.

use session_core::rpc::response::ServiceNodeList;
use session_core::rpc::FromJson;
use session_relay::seed::{parse_node_list, seed_answer, seed_result, FieldSet};
use session_relay::Network;
use std::collections::HashSet;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for network in [Network::Mainnet, Network::Local] {
        let Ok(list) = parse_node_list(data, network) else {
            continue;
        };
        assert!(!list.is_empty());
        let keys: HashSet<_> = list.nodes.iter().map(|n| n.ed25519).collect();
        assert_eq!(keys.len(), list.len());
        for node in &list.nodes {
            let ip = node.addr.ip();
            match network {
                Network::Mainnet => assert!(session_localnet::addr::is_global(ip)),
                Network::Local => assert!(ip.is_loopback()),
            }
        }
        let answer = seed_answer(&serde_json::json!("0"), &seed_result(&list, FieldSet::ALL));
        let read = ServiceNodeList::from_slice(answer.as_bytes()).expect("core reads the answer");
        assert_eq!(read.nodes.len(), list.len());
        assert_eq!(read.height, list.height);
    }
});
