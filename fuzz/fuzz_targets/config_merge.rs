#![no_main]
//! Config messages from the swarm (groups-and-config.md §1.3–§1.7), past the encryption: the
//! strict reader and the merge of several of them, then the same bytes sealed with the
//! account's key and merged by a config object, on hostile input. Whatever merges must
//! serialize to something that reads back the same.

use session_core::config::encrypt::{encrypt, pad, Domain};
use session_core::config::message::ConfigMessage;
use session_core::config::object::ConfigObject;
use session_core::identity::Identity;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Several messages, separated by 0xff bytes (never inside a canonical message's text).
    let parts: Vec<&[u8]> = data.split(|b| *b == 0xff).take(8).collect();
    if let Ok(m) = ConfigMessage::parse(parts[0], None) {
        let again = ConfigMessage::parse(&m.serialize(None), None).expect("reads back");
        assert_eq!(again.serialize(None), m.serialize(None));
    }
    if let Ok(result) = ConfigMessage::merge(&parts, None, None) {
        let bytes = result.message.serialize(None);
        ConfigMessage::parse(&bytes, None).expect("a merge reads back");
    }
    let account = Identity::from_seed(&[7; 16]);
    let key = account.ed25519_seed();
    let sealed: Vec<(String, Vec<u8>)> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let blob = encrypt(&pad(p), &key, Domain::Contacts.as_str()).ok()?;
            Some((format!("h{i}"), blob))
        })
        .collect();
    if let Ok(mut config) = ConfigObject::new(&account, Domain::Contacts) {
        config.merge(&sealed, 1_700_000_000_000);
        let dump = config.dump();
        ConfigObject::load(&account, Domain::Contacts, &dump).expect("its own dump reads back");
    }
});
