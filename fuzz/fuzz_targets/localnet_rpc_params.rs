#![no_main]
//! The local network's storage-RPC parsing (envelope, then every method's parameters, nested
//! batch/sequence/ifelse included) on untrusted request bodies: a request or a refusal, never a
//! panic.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = session_localnet::fuzzing::parse_rpc_request(data);
});
