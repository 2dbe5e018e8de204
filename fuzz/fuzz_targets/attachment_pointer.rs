#![no_main]
//! Attachment pointers from other people's messages (messaging.md §4.5, §6.5): the protobuf,
//! its URL, key and digest, the file name made safe for saving and the bytes' sniffed type.
//! Every outcome is a typed error or a pointer that survives its own round trip, a safe name
//! has no path in it, and no markup type is ever sniffed.

use prost::Message;
use session_core::attachment::content_type;
use session_core::attachment::file_name::safe_file_name;
use session_core::attachment::pointer::Attachment;
use session_core::attachment::url::FileUrl;
use session_core::proto::session::AttachmentPointer;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(p) = AttachmentPointer::decode(data) {
        if let Ok(a) = Attachment::from_pointer(&p) {
            let again = Attachment::from_pointer(&a.to_pointer());
            assert_eq!(again.as_ref(), Ok(&a));
            let name = safe_file_name(a.meta.file_name.as_deref(), "attachment");
            assert!(!name.is_empty() && !name.contains(['/', '\\']) && name != "..");
        }
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(u) = FileUrl::parse(&text) {
        assert_eq!(FileUrl::parse(&u.to_string()).as_ref(), Ok(&u));
    }
    let name = safe_file_name(Some(&text), "x");
    assert!(!name.contains(['/', '\\', '\0']) && name.len() <= 255);
    if let Some(s) = content_type::sniff(data) {
        assert!(!s.mime.contains("svg") && !s.mime.contains("html"));
    }
});
