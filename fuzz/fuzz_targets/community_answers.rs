#![no_main]
//! A community server's answers: every typed reader, and a poll applying them (its post
//! signature checks included). The first byte picks which part of the poll the body answers.

use session_core::community::api::{
    BatchReply, Capabilities, DirectMessage, PollInfo, ReactionChange, RoomInfo, RoomMessage,
};
use session_core::community::poll::ServerPoll;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let _ = Capabilities::parse(body);
    let _ = RoomInfo::parse_list(body);
    let _ = PollInfo::parse(body);
    let _ = RoomMessage::parse_list(body);
    let _ = DirectMessage::parse_list(body);
    let _ = ReactionChange::parse(body);
    let _ = BatchReply::parse_list(body);

    let mut poll = ServerPoll::default();
    poll.join("lobby");
    let parts = poll.requests().len();
    let mut replies = vec![
        BatchReply {
            code: 200,
            body: br#"{"capabilities":["sogs","blind"]}"#.to_vec(),
        };
        parts
    ];
    let at = usize::from(pick) % parts;
    replies[at] = BatchReply {
        code: 200,
        body: body.to_vec(),
    };
    let _ = poll.apply(&replies);
});
