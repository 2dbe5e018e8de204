//! The engine's server call against the local network's real file server: a v4 onion request
//! through the relay and three real HTTPS nodes, the last of which POSTs it to the file
//! server, whose own status comes back as the answer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Net;
use rand_core::OsRng;
use serde_json::Value;
use session_core::client::{ClientError, Scheme, Server, ServerRequest};
use session_core::identity::Identity;

#[tokio::test(flavor = "current_thread")]
async fn the_local_file_server_is_reached_through_onion_requests() {
    let net = Net::start(9).await;
    // Found as the app finds it: the relay's /relay/v1/info names the network's file server.
    let info = net.conn.transport.relay_info().await.unwrap();
    let fs = &info["file_server"];
    let mut x25519 = [0u8; 32];
    hex::decode_to_slice(fs["x25519"].as_str().unwrap(), &mut x25519).unwrap();
    let server = Server {
        scheme: match fs["scheme"].as_str() {
            Some("https") => Scheme::Https,
            _ => Scheme::Http,
        },
        host: fs["host"].as_str().unwrap().to_owned(),
        port: u16::try_from(fs["port"].as_u64().unwrap()).unwrap(),
        x25519,
    };
    let local = net
        .localnet()
        .file_server()
        .expect("the local network has a file server");
    assert_eq!((server.port, server.x25519), (local.port, local.x25519));
    let client = net.client();
    let file = b"already encrypted attachment bytes".to_vec();
    let up = client
        .call_server(&server, &mut |_| {
            Ok(ServerRequest::post(
                "/file",
                "application/octet-stream",
                file.clone(),
            ))
        })
        .await
        .expect("upload");
    assert_eq!(up.code, 200, "{}", String::from_utf8_lossy(&up.body));
    let meta: Value = serde_json::from_slice(&up.body).unwrap();
    let id = meta["id"].as_str().expect("an id").to_owned();
    assert!(meta["expires"].as_f64().is_some(), "{meta}");

    let down = client
        .call_server(&server, &mut |_| {
            Ok(ServerRequest::get(&format!("/file/{id}")))
        })
        .await
        .expect("download");
    assert_eq!(down.code, 200);
    assert_eq!(down.body, file);

    // The server's 404 is an answer, not a failure.
    let missing = client
        .call_server(&server, &mut |_| {
            Ok(ServerRequest::get("/file/nothing-here"))
        })
        .await
        .expect("an answer");
    assert_eq!(missing.code, 404);

    // A wrong server key: the file server cannot decrypt and answers a plain 400, which the
    // last hop passes on. That is final, and no node of the path is blamed for it.
    let paths = client.state().paths();
    let mut wrong_key = server.clone();
    wrong_key.x25519 = Identity::generate(&mut OsRng).x25519_public();
    let refused = client
        .call_server(&wrong_key, &mut |_| Ok(ServerRequest::get("/file/x")))
        .await;
    assert!(
        matches!(refused, Err(ClientError::Rejected { status: 400, .. })),
        "{refused:?}"
    );
    let state = client.state();
    assert_eq!(state.paths(), paths);
    assert!(paths.iter().all(|p| state.path_strikes(&p[0]) == Some(0)));
    net.shutdown().await;
}
