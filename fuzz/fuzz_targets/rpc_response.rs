#![no_main]
//! Every storage-RPC response parser on untrusted bytes, with every kind of status.

use session_core::rpc::response::*;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = StoreResponse::from_slice(data);
    let _ = RetrieveResponse::from_slice(data);
    let _ = SwarmInfo::from_slice(data);
    let _ = ServiceNodeList::from_slice(data);
    let _ = DeleteResponse::from_slice(data).map(|r| r.verify_delete(&[5; 33], &["x"]));
    let _ = ExpireResponse::from_slice(data).map(|r| r.verify_expire(&[5; 33], &["x"]));
    let _ = GetExpiriesResponse::from_slice(data);
    let _ = InfoResponse::from_slice(data);
    let _ = RevokeResponse::from_slice(data);
    if let Ok(batch) = BatchResponse::from_slice(data) {
        let _ = batch.common_error();
        for r in &batch.results {
            let _ = r.parse::<RetrieveResponse>();
            let _ = r.parse::<StoreResponse>();
        }
    }
    for status in [200, 401, 406, 421, 500] {
        let _ = parse_response::<StoreResponse>(status, data);
    }
});
