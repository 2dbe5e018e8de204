//! Attachments end to end on the local network: files encrypted by the CLI, uploaded through
//! onion v4 to the network's real file server (SQLite behind loopback HTTP), announced in a
//! message, downloaded and checked by the recipient; and what goes wrong: a blob that does not
//! match its digest, a file past its lifetime, a file over the limit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{receive_exactly, receive_once, Net};
use rand_core::OsRng;
use serde_json::Value;
use session_cli::attachments::LocalFile;
use session_cli::commands::{receive, send};
use session_core::attachment::file_server::{FileServerError, MAX_UPLOAD_BYTES};
use session_core::attachment::pointer::{self, Attachment, AttachmentMeta};
use session_core::attachment::AttachmentError;
use session_core::client::ClientError;

fn png(len: usize) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend((0..len).map(|i| (i * 7 % 251) as u8));
    v
}

#[tokio::test(flavor = "current_thread")]
async fn files_travel_from_cli_to_cli_through_the_file_server() {
    let net = Net::start(9).await;
    let (alice, bob) = (net.init("alice").await, net.init("bob").await);
    let picture = png(300_000);
    let notes = b"shopping list: bread, tea".to_vec();
    let files = vec![
        LocalFile {
            name: "cat.png".into(),
            data: picture.clone(),
        },
        LocalFile {
            name: "../notes.txt".into(),
            data: notes.clone(),
        },
    ];
    let sent = send::send_with(&alice.profile, &net.conn, &bob.id, "two files", &files)
        .await
        .expect("sent with attachments");
    let atts = sent["attachments"].as_array().unwrap();
    assert_eq!(atts.len(), 2, "{sent}");
    assert_eq!(atts[0]["content_type"], "image/png");
    assert_eq!(atts[0]["size"], picture.len());
    let url = atts[0]["url"].as_str().unwrap();
    let fs = net.localnet().file_server().unwrap();
    assert!(
        url.starts_with(&format!("{}/file/", fs.url())) && url.contains("#p="),
        "a URL on the local server names its key: {url}"
    );

    let got = receive_exactly(&net.conn, &bob, &["two files"]).await;
    let m = &got[0];
    let atts = m["attachments"].as_array().unwrap();
    assert_eq!(atts.len(), 2, "{m}");
    let dir = receive::default_download_dir(&bob.profile);
    for (a, (name, data)) in atts
        .iter()
        .zip([("cat.png", &picture), ("notes.txt", &notes)])
    {
        assert_eq!(a["digest_ok"], true, "{a}");
        assert_eq!(a["size"], data.len());
        let path = std::path::PathBuf::from(a["path"].as_str().unwrap());
        assert_eq!(path.parent().unwrap(), dir, "saved in the profile's folder");
        assert_eq!(path.file_name().unwrap(), name, "a safe name, no ../");
        assert_eq!(&std::fs::read(&path).unwrap(), data);
    }
    assert_eq!(
        atts[1]["name"], "../notes.txt",
        "the sender's name is reported as sent"
    );
    assert_eq!(atts[1]["content_type"], "text/plain");

    // Alice's other device (her sync copy) downloads them too, into the folder it is given.
    let phone = net.restore("alice-phone", &alice.mnemonic).await;
    let elsewhere = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let mut copies = Vec::new();
    for _ in 0..12 {
        copies = receive::receive_into(&phone.profile, &net.conn, &mut out, elsewhere.path())
            .await
            .unwrap();
        if !copies.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let copy = copies
        .iter()
        .find(|c| c["direction"] == "outgoing")
        .expect("sync copy");
    let a = &copy["attachments"][0];
    assert!(a["path"]
        .as_str()
        .unwrap()
        .starts_with(elsewhere.path().to_str().unwrap()));
    assert_eq!(std::fs::read(a["path"].as_str().unwrap()).unwrap(), picture);
    net.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn tampered_expired_and_oversized_files_are_refused() {
    let net = Net::start(9).await;
    let default = net
        .conn
        .file_server
        .clone()
        .expect("the relay names a file server");
    let client = net.client();
    let data = png(20_000);
    let sealed = pointer::seal(&data, &mut OsRng).unwrap();
    let up = client
        .upload_file(&default, &sealed.blob, Some(3600))
        .await
        .unwrap();
    let good = Attachment::new(
        default.url_for(up.id.clone()),
        sealed.secret.clone(),
        AttachmentMeta::default(),
    );
    let blob = client.download_file(&good.url, &default).await.unwrap();
    assert_eq!(good.open(&blob).unwrap(), data);

    // A pointer whose digest is not the blob's: refused before decryption.
    let mut forged = good.clone();
    forged.digest = Some([0; 32]);
    assert_eq!(forged.open(&blob), Err(AttachmentError::DigestMismatch));
    // Another file's blob under this pointer: refused too.
    let other = pointer::seal(&data, &mut OsRng).unwrap();
    let up2 = client
        .upload_file(&default, &other.blob, None)
        .await
        .unwrap();
    let swapped = client
        .download_file(&default.url_for(up2.id), &default)
        .await
        .unwrap();
    assert_eq!(good.open(&swapped), Err(AttachmentError::DigestMismatch));
    // A truncated blob.
    assert!(good.open(&blob[..blob.len() - 7]).is_err());

    // Over the limit: refused before anything is sent.
    let huge = vec![0u8; MAX_UPLOAD_BYTES + 1];
    let e = client.upload_file(&default, &huge, None).await.unwrap_err();
    assert!(
        matches!(e, ClientError::FileServer(FileServerError::TooLarge { .. })),
        "{e:?}"
    );

    // Past its lifetime (the file server's clock moved two hours on): the download says so.
    net.faults().set_file_server_clock_skew(2 * 3600 * 1000);
    let e = client.download_file(&good.url, &default).await.unwrap_err();
    assert_eq!(e, ClientError::FileServer(FileServerError::NotFound));
    assert!(
        e.to_string().contains("no longer on the file server"),
        "{e}"
    );
    net.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_message_whose_file_is_gone_still_arrives_and_says_why() {
    let net = Net::start(9).await;
    let (alice, bob) = (net.init("alice").await, net.init("bob").await);
    let files = vec![LocalFile {
        name: "soon-gone.bin".into(),
        data: vec![42; 1000],
    }];
    send::send_with(&alice.profile, &net.conn, &bob.id, "", &files)
        .await
        .expect("a message of only a file");
    // The file server forgets everything older than its lifetime (14 days locally).
    net.faults()
        .set_file_server_clock_skew(15 * 24 * 3600 * 1000);
    let mut got = Vec::new();
    for _ in 0..12 {
        got.extend(receive_once(&net.conn, &bob).await);
        if !got.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(got.len(), 1, "{got:?}");
    let m = &got[0];
    assert_eq!(
        m["text"],
        Value::Null,
        "a message of only a file has no text"
    );
    let a = &m["attachments"][0];
    assert_eq!(a["path"], Value::Null);
    assert_eq!(a["digest_ok"], false);
    assert!(
        a["error"]
            .as_str()
            .unwrap()
            .contains("no longer on the file server"),
        "{a}"
    );
    net.shutdown().await;
}
