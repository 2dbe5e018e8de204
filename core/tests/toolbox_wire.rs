//! The toolbox messages byte for byte, against encodings written here from the official
//! schema's field numbers (session-desktop `protos/SignalService.proto`, libsession-util
//! `proto/SessionProtos.proto`; messaging.md §4) with a protobuf writer of this file's own,
//! independent of the generated code: what the official apps send decodes to the right
//! meaning, and what we send is the same bytes they would emit (fields in ascending order, as
//! libsession writes them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use prost::Message;
use session_core::identity::SessionId;
use session_core::message::compose::{ContentBuilder, Profile};
use session_core::message::control;
use session_core::message::reaction::{Reaction, ReactionAction};
use session_core::message::MessageRef;
use session_core::proto::session::Content;

/// A protobuf field written by hand.
enum F<'a> {
    Varint(u32, u64),
    Bytes(u32, &'a [u8]),
    Msg(u32, Vec<u8>),
}

fn varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn msg(fields: &[F<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in fields {
        match f {
            F::Varint(n, v) => {
                varint(u64::from(*n) << 3, &mut out);
                varint(*v, &mut out);
            }
            F::Bytes(n, b) => {
                varint((u64::from(*n) << 3) | 2, &mut out);
                varint(b.len() as u64, &mut out);
                out.extend_from_slice(b);
            }
            F::Msg(n, b) => {
                varint((u64::from(*n) << 3) | 2, &mut out);
                varint(b.len() as u64, &mut out);
                out.extend_from_slice(b);
            }
        }
    }
    out
}

fn author() -> SessionId {
    format!("05{}", "ab".repeat(32)).parse().unwrap()
}

const T: u64 = 1_764_000_000_123;

#[test]
fn a_reaction_removal() {
    let a = author().to_hex();
    // Content.dataMessage(1) { reaction(11) { id 1, author 2, emoji 3, action 4 = REMOVE(1) } }
    let reaction = msg(&[
        F::Varint(1, T),
        F::Bytes(2, a.as_bytes()),
        F::Bytes(3, "🎉".as_bytes()),
        F::Varint(4, 1),
    ]);
    let bytes = msg(&[F::Msg(1, msg(&[F::Msg(11, reaction)]))]);
    let ours = ContentBuilder::reaction(&Reaction {
        target: MessageRef::new(author(), T),
        emoji: "🎉".into(),
        action: ReactionAction::Remove,
    })
    .build();
    assert_eq!(ours.encode_to_vec(), bytes);
    let decoded = Content::decode(bytes.as_slice()).unwrap();
    let r = Reaction::from_proto(decoded.data_message.unwrap().reaction.as_ref().unwrap()).unwrap();
    assert_eq!(r.action, ReactionAction::Remove);
    assert_eq!(r.target, MessageRef::new(author(), T));
}

#[test]
fn a_reply_quotes_author_and_time_only() {
    let a = author().to_hex();
    // dataMessage { body 1, quote(8) { id 1, author 2 } }
    let quote = msg(&[F::Varint(1, T), F::Bytes(2, a.as_bytes())]);
    let bytes = msg(&[F::Msg(1, msg(&[F::Bytes(1, b"agreed"), F::Msg(8, quote)]))]);
    let ours = ContentBuilder::text("agreed")
        .reply_to(&MessageRef::new(author(), T))
        .build();
    assert_eq!(ours.encode_to_vec(), bytes);
    // A legacy quote with its text (field 3) still names the message.
    let legacy = msg(&[
        F::Varint(1, T),
        F::Bytes(2, a.as_bytes()),
        F::Bytes(3, b"old"),
    ]);
    let bytes = msg(&[F::Msg(1, msg(&[F::Msg(8, legacy)]))]);
    let q = Content::decode(bytes.as_slice())
        .unwrap()
        .data_message
        .unwrap()
        .quote
        .unwrap();
    assert_eq!(
        session_core::message::quote::from_proto(&q).unwrap(),
        MessageRef::new(author(), T)
    );
}

#[test]
fn control_messages() {
    let a = author().to_hex();
    // unsendRequest(9) { timestamp 1, author 2 }
    let unsend = msg(&[F::Msg(
        9,
        msg(&[F::Varint(1, T), F::Bytes(2, a.as_bytes())]),
    )]);
    assert_eq!(
        control::unsend(&MessageRef::new(author(), T)).encode_to_vec(),
        unsend
    );
    // receiptMessage(5) { type 1 = READ(1), timestamp 2 (repeated, unpacked in proto2) }
    let receipt = msg(&[F::Msg(
        5,
        msg(&[F::Varint(1, 1), F::Varint(2, T), F::Varint(2, T + 1)]),
    )]);
    assert_eq!(control::read_receipt(&[T, T + 1]).encode_to_vec(), receipt);
    // typingMessage(6) { timestamp 1, action 2 = STOPPED(1) }
    let mut typing = control::typing(false);
    typing.typing_message.as_mut().unwrap().timestamp = T;
    let expected = msg(&[F::Msg(6, msg(&[F::Varint(1, T), F::Varint(2, 1)]))]);
    assert_eq!(typing.encode_to_vec(), expected);
    // messageRequestResponse(10) { isApproved 1, profile 3 { displayName 1, lastUpdate 3 } }
    let profile = msg(&[F::Bytes(1, b"Zoe"), F::Varint(3, 42)]);
    let expected = msg(&[F::Msg(10, msg(&[F::Varint(1, 1), F::Msg(3, profile)]))]);
    let me = Profile {
        display_name: "Zoe".into(),
        picture: None,
        updated_s: 42,
    };
    assert_eq!(control::accept_request(Some(&me)).encode_to_vec(), expected);
}
