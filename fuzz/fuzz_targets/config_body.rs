#![no_main]
//! Config bodies after decryption (groups-and-config.md §1.9, §1.13): the `d`/`z`/`m`
//! dispatch, bounded zstd decoding and multipart parts, on hostile bytes.

use session_core::config::body::decode_body;
use session_core::config::compress::decompress;
use session_core::config::multipart::Part;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(out) = decompress(data, 1 << 20) {
        assert!(!out.is_empty() && out.len() <= 1 << 20);
    }
    let _ = decode_body(data);
    let _ = Part::decode(data);
});
