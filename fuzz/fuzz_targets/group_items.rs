#![no_main]
//! What a group's swarm hands a member (groups-and-config.md §3.4–§3.7), on hostile input:
//! keys messages, group messages, kick notices and Info/Members configs read by a group's
//! state, as one poll would hand them over. None may panic, and a member never holds more
//! than the keys the messages carried.

use session_core::group::state::{GroupItem, GroupRetrieved, GroupState};
use session_core::group::subaccount::{self, Flags};
use session_core::group::AdminKey;
use session_core::identity::Identity;
use session_core::rpc::namespace;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let admin = AdminKey::from_seed(&[3; 32]);
    let member = Identity::from_seed(&[7; 16]);
    let Ok(auth) = subaccount::issue(&admin, &member.session_id(), Flags::member()) else {
        return;
    };
    let Ok(mut state) = GroupState::join(member, admin.group(), &auth) else {
        return;
    };
    let namespaces = [
        namespace::GROUP_KEYS,
        namespace::GROUP_INFO,
        namespace::GROUP_MEMBERS,
        namespace::REVOKED_RETRIEVABLE_GROUP_MESSAGES,
        namespace::GROUP_MESSAGES,
    ];
    let mut retrieved = GroupRetrieved::default();
    // Items separated by 0xff; each one's first byte picks its namespace.
    for (i, part) in data.split(|b| *b == 0xff).take(16).enumerate() {
        let Some((&pick, rest)) = part.split_first() else {
            continue;
        };
        retrieved.add(
            namespaces[usize::from(pick) % namespaces.len()],
            GroupItem {
                hash: format!("h{i}"),
                data: rest.to_vec(),
                timestamp_ms: i64::from(pick),
                expires_ms: u64::MAX,
            },
        );
    }
    let keys_in = retrieved.keys.len();
    let _ = state.absorb(retrieved, 0);
    assert!(state.keys().keys().len() <= keys_in.max(1) * 64);
    let _ = state.dump();
});
