#![no_main]
//! Opening blinded direct messages (community inbox items) with fixed accounts: the IDs are
//! taken from the input's first byte so both kinds and both roles are exercised.

use session_core::community::dm;
use session_core::identity::{Identity, SessionId};
use std::sync::OnceLock;

const SERVER: [u8; 32] = [0x5a; 32];

struct Parties {
    us: Identity,
    ids: [[SessionId; 2]; 2],
}

fn parties() -> &'static Parties {
    static PARTIES: OnceLock<Parties> = OnceLock::new();
    PARTIES.get_or_init(|| {
        let us = Identity::from_seed(&[0x42; 16]);
        let them = Identity::from_seed(&[0x24; 16]);
        let ids = [false, true].map(|blind25| {
            [&us, &them].map(|who| dm::own_blinded_id(who, &SERVER, blind25).unwrap())
        });
        Parties { us, ids }
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, blob)) = data.split_first() else {
        return;
    };
    let p = parties();
    let [ours, theirs] = &p.ids[usize::from(pick & 1)];
    let (sender, recipient) = if pick & 2 == 0 {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let _ = dm::decrypt(&p.us, &SERVER, sender, recipient, blob);
});
