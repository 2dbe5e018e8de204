//! Attachments in the app with simulated time and an in-memory file server: a message with
//! files is stored at once (files kept, shown from them), uploaded, then handed to the outbox
//! with its pointers; a failed upload leaves it failed and "retry" uploads what is missing;
//! received files are downloaded, checked, kept and shown, and a tampered or expired one is
//! refused with nothing kept.

#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::GetUntracked;
use session_core::attachment::content_type::MediaKind;
use session_core::attachment::file_server::FileServer;
use session_core::attachment::pointer::{self, Attachment, AttachmentMeta};
use session_core::attachment::url::FileId;
use session_web::state::files::{file_key, format_size, FileView};
use session_web::state::uploads::PickedFile;
use session_web::storage::{AttachmentRecord, MessageStatus};
use support::{bob_conv, settle, Swarms, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the tasks run (WebCrypto answers on its own time) until `done`, for at most ~2 s.
async fn settle_until(done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        settle().await;
    }
}

fn png(len: usize) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend((0..len).map(|i| (i % 251) as u8));
    v
}

fn picked(name: &str, mime: &str, data: Vec<u8>) -> PickedFile {
    PickedFile {
        name: name.into(),
        mime: mime.into(),
        data,
        voice: false,
        size_px: None,
    }
}

#[wasm_bindgen_test]
async fn a_message_with_files_is_kept_uploaded_then_sent() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let bob = bob_conv();
    let picture = png(5_000);
    let files = vec![
        picked("cat.png", "image/png", picture.clone()),
        picked("notes.txt", "text/plain", b"tea".to_vec()),
    ];
    w.session
        .uploads
        .send(&bob, "two files", files)
        .await
        .unwrap();

    // Stored at once, as sending, its files kept under local keys and not uploaded yet.
    let msg = w.store.only_message(&bob);
    assert_eq!(msg.status, MessageStatus::Sending);
    assert_eq!(msg.attachments.len(), 2);
    assert!(msg.attachments.iter().all(|a| a.pointer.is_none()));
    let local = msg.attachments[0].file.clone().unwrap();
    assert_eq!(w.store.kept_files.files.borrow()[&local].0, picture);
    assert_eq!(
        w.store.conversation(&bob).unwrap().last_text,
        "two files",
        "the caption is the preview"
    );

    settle_until(|| w.store.only_message(&bob).status == MessageStatus::Sent).await;
    // Uploaded (encrypted: the server never has the file's bytes), then sent.
    let msg = w.store.only_message(&bob);
    assert_eq!(msg.status, MessageStatus::Sent, "{msg:?}");
    let server = w.engine.files.borrow().clone();
    assert_eq!(server.len(), 2);
    assert!(server
        .values()
        .all(|blob| !blob.windows(8).any(|x| x == &picture[..8])));
    let a: Attachment = msg.attachments[0].attachment().unwrap().unwrap();
    assert_eq!(a.meta.file_name.as_deref(), Some("cat.png"));
    assert_eq!(a.size, Some(picture.len() as u32));
    let blob = &server[a.url.id.as_str()];
    assert_eq!(
        a.open(blob).unwrap(),
        picture,
        "the pointer opens what was uploaded"
    );
    // The file shows from the kept copy: no download.
    let key = file_key(&msg.attachments[0]).unwrap();
    assert_eq!(key, local);
    w.session.files.show(&msg.attachments[0], false).await;
    match w.session.files.view(&key).get_untracked() {
        FileView::Ready(shown) => {
            assert_eq!(shown.kind, Some(MediaKind::Image));
            assert!(shown.url.starts_with("blob:"));
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_failed_upload_is_retried_without_uploading_twice() {
    let w = World::new().await;
    let bob = bob_conv();
    w.session
        .uploads
        .send(
            &bob,
            "",
            vec![picked("a.bin", "application/octet-stream", vec![7; 900])],
        )
        .await
        .unwrap();
    settle_until(|| w.store.only_message(&bob).status == MessageStatus::Failed).await;
    let msg = w.store.only_message(&bob);
    assert_eq!(msg.status, MessageStatus::Failed, "the file server is down");
    assert!(w.engine.files.borrow().is_empty());
    assert!(w.store.outbox.borrow().is_empty(), "nothing to deliver yet");
    assert_eq!(w.store.conversation(&bob).unwrap().last_text, "File: a.bin");

    w.engine.swarms.set(Swarms::Up);
    w.session.uploads.upload(msg).await;
    settle_until(|| w.store.only_message(&bob).status == MessageStatus::Sent).await;
    let msg = w.store.only_message(&bob);
    assert_eq!(msg.status, MessageStatus::Sent);
    assert_eq!(w.engine.files.borrow().len(), 1);
    // Retrying a sent message uploads nothing again.
    w.session.uploads.upload(msg.clone()).await;
    settle().await;
    assert_eq!(w.engine.files.borrow().len(), 1);
}

/// A file on the engine's file server and the record a message would carry for it.
fn on_server(w: &World, data: &[u8], claimed: &str) -> AttachmentRecord {
    let sealed = pointer::seal(data, &mut rand_core::OsRng).unwrap();
    let mut files = w.engine.files.borrow_mut();
    let id = format!("9{}", files.len());
    files.insert(id.clone(), sealed.blob);
    let fs = FileServer::mainnet();
    let a = Attachment::new(
        fs.url_for(FileId::parse(&id).unwrap()),
        sealed.secret,
        AttachmentMeta {
            content_type: Some(claimed.into()),
            file_name: Some("x".into()),
            ..AttachmentMeta::default()
        },
    );
    AttachmentRecord::of(&a)
}

#[wasm_bindgen_test]
async fn received_files_are_checked_kept_and_shown_by_their_bytes() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let files = &w.session.files;

    let good = on_server(&w, &png(2_000), "image/png");
    files.show(&good, true).await;
    let key = file_key(&good).unwrap();
    assert!(matches!(
        files.view(&key).get_untracked(),
        FileView::Ready(ref s) if s.kind == Some(MediaKind::Image) && s.mime == "image/png"
    ));
    assert!(w.store.kept_files.files.borrow().contains_key(&key));

    // Markup claiming to be a picture is a plain file, never shown inline.
    let svg = on_server(&w, b"<svg onload='alert(1)'/>", "image/svg+xml");
    files.show(&svg, true).await;
    match files.view(&file_key(&svg).unwrap()).get_untracked() {
        FileView::Ready(s) => assert_eq!(
            (s.kind, s.mime.as_str()),
            (None, "application/octet-stream")
        ),
        other => panic!("{other:?}"),
    }

    // A blob changed on the server: refused, nothing kept.
    let tampered = on_server(&w, &png(3_000), "image/png");
    let id = tampered
        .attachment()
        .unwrap()
        .unwrap()
        .url
        .id
        .as_str()
        .to_owned();
    w.engine.files.borrow_mut().get_mut(&id).unwrap()[40] ^= 1;
    files.show(&tampered, true).await;
    let key = file_key(&tampered).unwrap();
    match files.view(&key).get_untracked() {
        FileView::Failed(why) => assert!(why.contains("digest"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(!w.store.kept_files.files.borrow().contains_key(&key));

    // Gone from the server: says so.
    let gone = on_server(&w, b"old", "text/plain");
    let id = gone
        .attachment()
        .unwrap()
        .unwrap()
        .url
        .id
        .as_str()
        .to_owned();
    w.engine.files.borrow_mut().remove(&id);
    files.show(&gone, true).await;
    assert_eq!(
        files.view(&file_key(&gone).unwrap()).get_untracked(),
        FileView::Expired
    );

    // Settings: what is kept, and clearing it.
    let usage = files.usage().await.unwrap();
    assert_eq!(usage.files, 2);
    assert!(files.clear(&[]).await);
    assert_eq!(files.usage().await.unwrap().files, 0);
    assert_eq!(
        format_size(usage.bytes),
        format!("{} KB", (usage.bytes as f64 / 1000.0).round())
    );
}

#[wasm_bindgen_test]
fn sizes_read_as_people_read_them() {
    assert_eq!(format_size(0), "0 B");
    assert_eq!(format_size(999), "999 B");
    assert_eq!(format_size(14_200), "14 KB");
    assert_eq!(format_size(3_250_000), "3.2 MB");
    assert_eq!(format_size(10_000_000), "10 MB");
}

#[wasm_bindgen_test]
async fn a_cancelled_upload_sends_nothing_and_can_be_retried() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let bob = bob_conv();
    w.session
        .uploads
        .send(
            &bob,
            "big",
            vec![picked(
                "big.bin",
                "application/octet-stream",
                vec![1; 200_000],
            )],
        )
        .await
        .unwrap();
    let key = w.store.only_message(&bob).key();
    assert!(w.session.uploads.is_running(&key));
    w.session.uploads.cancel(&key);
    settle_until(|| w.store.only_message(&bob).status == MessageStatus::Failed).await;
    assert_eq!(w.store.only_message(&bob).status, MessageStatus::Failed);
    assert!(!w.session.uploads.is_running(&key));
    assert!(
        w.engine.files.borrow().is_empty(),
        "nothing reached the file server"
    );
    assert!(w.store.outbox.borrow().is_empty());

    w.session.uploads.upload(w.store.only_message(&bob)).await;
    settle_until(|| w.store.only_message(&bob).status == MessageStatus::Sent).await;
    assert_eq!(w.store.only_message(&bob).status, MessageStatus::Sent);
}

#[wasm_bindgen_test]
async fn a_cancelled_download_is_offered_again() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let att = on_server(&w, &png(50_000), "image/png");
    let key = file_key(&att).unwrap();
    let session = w.session.clone();
    let shown = att.clone();
    wasm_bindgen_futures::spawn_local(async move { session.files.show(&shown, true).await });
    // Microtasks only: the download starts, but WebCrypto (a task away) has not answered yet.
    for _ in 0..20 {
        if w.session.files.view(&key).get_untracked() == FileView::Loading {
            break;
        }
        let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    }
    assert_eq!(
        w.session.files.view(&key).get_untracked(),
        FileView::Loading
    );
    w.session.files.cancel(&key);
    settle_until(|| w.session.files.view(&key).get_untracked() != FileView::Loading).await;
    assert_eq!(w.session.files.view(&key).get_untracked(), FileView::Idle);
    assert!(!w.store.kept_files.files.borrow().contains_key(&key));
}

#[wasm_bindgen_test]
fn upload_progress_counts_files_and_bytes() {
    use session_web::state::uploads::UploadProgress;
    let p = |file, files, sent, total| UploadProgress {
        file,
        files,
        sent,
        total,
    };
    assert_eq!(p(1, 1, 0, 100).fraction(), 0.0);
    assert_eq!(p(1, 1, 50, 100).fraction(), 0.5);
    assert_eq!(p(2, 2, 100, 100).fraction(), 1.0);
    assert_eq!(p(2, 4, 50, 100).fraction(), 0.375);
    assert_eq!(p(1, 1, 500, 100).fraction(), 1.0, "never past the end");
    assert_eq!(p(1, 0, 0, 0).fraction(), 0.0);
}

#[wasm_bindgen_test]
fn pictures_fit_and_square_without_stretching() {
    use session_web::util::picture::{centred_square, fit_within};
    let f = fit_within(900, 700, 640);
    assert_eq!(f.out, (640, 498));
    assert_eq!(f.source, (0.0, 0.0, 900.0, 700.0));
    assert_eq!(fit_within(300, 200, 640).out, (300, 200), "never enlarged");
    assert_eq!(fit_within(10, 5000, 640).out, (1, 640));
    let s = centred_square(1500, 1000, 600);
    assert_eq!(s.out, (600, 600));
    assert_eq!(s.source, (250.0, 0.0, 1000.0, 1000.0));
    assert_eq!(
        centred_square(100, 300, 600).source,
        (0.0, 100.0, 100.0, 100.0)
    );
}
