#![no_main]
//! A client's request to the relay's seed endpoint: a query or a typed refusal, never a panic;
//! the answer made for an accepted query is JSON that echoes its id.

use session_relay::seed::{parse_seed_request, seed_answer};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(query) = parse_seed_request(data) {
        let answer = seed_answer(&query.id, r#"{"service_node_states":[]}"#);
        let v: serde_json::Value = serde_json::from_str(&answer).expect("the answer is JSON");
        assert_eq!(v["id"], query.id);
    }
});
