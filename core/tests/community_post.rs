//! Community posts (messaging.md §7.7): the spec's vector and both signature kinds.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;
use session_core::community::auth::AuthMode;
use session_core::community::dm::own_blinded_id;
use session_core::community::post::{content, sign, verify, PostError};
use session_core::community::url::ServerKey;
use session_core::identity::{IdPrefix, Identity, SessionId};
use session_testkit::{spec_table, spec_value};

const FROM: &str = "Community message vector";

/// Identity I1 of messaging.md §1.5.
fn i1() -> Identity {
    let table = spec_table("messaging.md", "### 1.5");
    let col = table[0]
        .iter()
        .position(|h| h.starts_with("seed16"))
        .unwrap();
    let row = table.iter().find(|r| r[0] == "I1").unwrap();
    Identity::from_seed(&hex::decode(&row[col]).unwrap().try_into().unwrap())
}

fn server() -> ServerKey {
    let text = spec_value("messaging.md", FROM, FROM);
    ServerKey::decode(text.trim_start_matches("S=")).unwrap()
}

#[test]
fn the_spec_post_is_reproduced_and_verifies() {
    let account = i1();
    let server = server();
    let body = hex::decode(spec_value(
        "messaging.md",
        FROM,
        "sigTimestamp 1700000000000}`",
    ))
    .unwrap();
    let data = B64
        .decode(spec_value("messaging.md", FROM, "(216 base64 chars)"))
        .unwrap();
    let post = sign(
        &account,
        &server,
        AuthMode::Blinded,
        &body,
        &mut StdRng::seed_from_u64(0),
    )
    .unwrap();
    assert_eq!(post.data, data);
    assert_eq!(
        B64.encode(post.signature),
        spec_value("messaging.md", FROM, "blind15 signature (LSU nonce rule) =")
    );
    assert_eq!(content(&post.data), body);

    let author = own_blinded_id(&account, server.as_bytes(), false).unwrap();
    assert_eq!(verify(&author, &post.data, &post.signature), Ok(()));
    // Desktop's nonce rule gives another signature that verifies as well.
    let desktop: [u8; 64] = B64
        .decode(spec_value("messaging.md", FROM, "(DESK nonce rule:"))
        .unwrap()
        .try_into()
        .unwrap();
    assert_eq!(verify(&author, &post.data, &desktop), Ok(()));
    // Not over other bytes, not from another author.
    let mut other = post.data.clone();
    other[0] ^= 1;
    assert_eq!(
        verify(&author, &other, &post.signature),
        Err(PostError::BadSignature)
    );
    let someone = own_blinded_id(&Identity::from_seed(&[1; 16]), server.as_bytes(), false).unwrap();
    assert_eq!(
        verify(&someone, &post.data, &post.signature),
        Err(PostError::BadSignature)
    );
}

#[test]
fn unblinded_posts_are_signed_for_the_session_id() {
    let account = i1();
    let mut rng = StdRng::seed_from_u64(4);
    let post = sign(&account, &server(), AuthMode::Unblinded, b"hello", &mut rng).unwrap();
    assert_eq!(
        verify(&account.session_id(), &post.data, &post.signature),
        Ok(())
    );
    // The blinded ID does not vouch for it.
    let blinded = own_blinded_id(&account, server().as_bytes(), false).unwrap();
    assert_eq!(
        verify(&blinded, &post.data, &post.signature),
        Err(PostError::BadSignature)
    );
    // The 00 form of the account's Ed25519 key takes plain Ed25519 signatures.
    let unblinded = SessionId::from_parts(IdPrefix::Unblinded, account.ed25519_public());
    let plain = account.sign(&post.data);
    assert_eq!(verify(&unblinded, &post.data, &plain), Ok(()));
    // Group IDs do not post.
    let group = SessionId::from_parts(IdPrefix::Group, [3; 32]);
    assert_eq!(
        verify(&group, &post.data, &plain),
        Err(PostError::AuthorKind(group))
    );
}

proptest! {
    #[test]
    fn any_content_round_trips(seed in any::<[u8; 16]>(), body in proptest::collection::vec(any::<u8>(), 0..500), blinded: bool) {
        let account = Identity::from_seed(&seed);
        let mode = if blinded { AuthMode::Blinded } else { AuthMode::Unblinded };
        let post = sign(&account, &server(), mode, &body, &mut StdRng::seed_from_u64(9)).unwrap();
        prop_assert_eq!(post.data.len() % 160, 0);
        let author = if blinded {
            own_blinded_id(&account, server().as_bytes(), false).unwrap()
        } else {
            account.session_id()
        };
        prop_assert_eq!(verify(&author, &post.data, &post.signature), Ok(()));
        // Unpadding cannot tell the content's own trailing zeros from padding (a serialized
        // Content never ends in one).
        if body.last().is_some_and(|&b| b != 0) {
            prop_assert_eq!(content(&post.data), body.as_slice());
        }
    }
}
