//! Avatars in the app with simulated time and an in-memory file server: ours is squared and
//! scaled in the browser, encrypted as the official apps do (AES-256-GCM, checked here against
//! the browser's own WebCrypto and a fixed vector), uploaded, sent with our messages and kept
//! in the account's settings; removing it sends a newer profile without one. Contacts'
//! avatars from their messages (by the profile-update rule) and from the settings are
//! downloaded, opened, checked to be pictures by their bytes, kept, and shown.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use leptos::prelude::*;
use rand_core::OsRng;
use session_core::attachment::avatar;
use session_core::config::contacts;
use session_core::config::user_profile::{self, UserProfile};
use session_core::config::{AccountConfigs, Domain};
use session_core::conversation::ConversationId;
use session_core::message::compose::{Profile as Outgoing, ProfilePicture};
use session_web::components::avatar::Avatar;
use session_web::state::avatars::{cache_key, square_picture, AvatarError, AvatarView, MAX_SIDE};
use session_web::state::config_sync::{own_avatar, reconcile_avatar, synced_avatars, AvatarSync};
use session_web::state::context::provide_part;
use session_web::storage::records::AvatarRef;
use session_web::storage::{ConversationRecord, ProfileRecord};
use session_web::util::webcrypto;
use support::{bob, bob_conv, delivered_content, from_bob_with, settle, Swarms, World, START_MS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---- pictures painted and read back by the browser ------------------------------------------

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = HTMLCanvasElement)]
    type Canvas;
    #[wasm_bindgen(method, setter = width)]
    fn set_width(this: &Canvas, w: u32);
    #[wasm_bindgen(method, setter = height)]
    fn set_height(this: &Canvas, h: u32);
    #[wasm_bindgen(method, js_name = getContext)]
    fn get_context(this: &Canvas, kind: &str) -> Ctx;
    #[wasm_bindgen(method, js_name = toBlob)]
    fn to_blob(this: &Canvas, done: &js_sys::Function, mime: &str);

    #[wasm_bindgen(js_name = CanvasRenderingContext2D)]
    type Ctx;
    #[wasm_bindgen(method, setter = fillStyle)]
    fn set_fill_style(this: &Ctx, style: &str);
    #[wasm_bindgen(method, js_name = fillRect)]
    fn fill_rect(this: &Ctx, x: f64, y: f64, w: f64, h: f64);
    #[wasm_bindgen(method, js_name = drawImage)]
    fn draw_image(this: &Ctx, image: &Bitmap, x: f64, y: f64);
    #[wasm_bindgen(method, js_name = getImageData)]
    fn get_image_data(this: &Ctx, x: f64, y: f64, w: f64, h: f64) -> ImageData;

    type ImageData;
    #[wasm_bindgen(method, getter)]
    fn data(this: &ImageData) -> js_sys::Uint8ClampedArray;

    #[wasm_bindgen(js_name = ImageBitmap)]
    type Bitmap;

    #[wasm_bindgen(js_name = createImageBitmap)]
    fn create_image_bitmap(source: &web_sys::Blob) -> js_sys::Promise;
}

fn canvas(w: u32, h: u32) -> (Canvas, Ctx) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: Canvas = doc.create_element("canvas").unwrap().unchecked_into();
    c.set_width(w);
    c.set_height(h);
    let ctx = c.get_context("2d");
    (c, ctx)
}

fn blob(bytes: &[u8], mime: &str) -> web_sys::Blob {
    session_web::storage::files::blob_of(bytes, mime).unwrap()
}

async fn bytes_of(b: &web_sys::Blob) -> Vec<u8> {
    let buf = JsFuture::from(b.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buf).to_vec()
}

/// A PNG of `w`×`h` in three bands along its longer side: red, green, blue, the green one
/// exactly its centred square.
async fn three_bands(w: u32, h: u32) -> Vec<u8> {
    let (c, ctx) = canvas(w, h);
    let wide = w >= h;
    let (long, short) = (f64::from(w.max(h)), f64::from(w.min(h)));
    let edge = (long - short) / 2.0;
    for (from, len, colour) in [
        (0.0, edge, "#ff0000"),
        (edge, short, "#00ff00"),
        (edge + short, edge, "#0000ff"),
    ] {
        ctx.set_fill_style(colour);
        if wide {
            ctx.fill_rect(from, 0.0, len, short);
        } else {
            ctx.fill_rect(0.0, from, short, len);
        }
    }
    let done = js_sys::Promise::new(&mut |resolve, _| c.to_blob(&resolve, "image/png"));
    let png: web_sys::Blob = JsFuture::from(done).await.unwrap().unchecked_into();
    bytes_of(&png).await
}

/// The picture `bytes` decoded: its size and its pixels (RGBA, row after row).
async fn decoded(bytes: &[u8], mime: &str) -> (u32, u32, Vec<u8>) {
    let bitmap: Bitmap = JsFuture::from(create_image_bitmap(&blob(bytes, mime)))
        .await
        .unwrap()
        .unchecked_into();
    // Read by name: the app binds these getters already, and a second binding would clash.
    let side = |name: &str| {
        js_sys::Reflect::get(&bitmap, &JsValue::from_str(name))
            .unwrap()
            .as_f64()
            .unwrap() as u32
    };
    let (w, h) = (side("width"), side("height"));
    let (_, ctx) = canvas(w, h);
    ctx.draw_image(&bitmap, 0.0, 0.0);
    let pixels = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .data()
        .to_vec();
    (w, h, pixels)
}

fn pixel(pixels: &[u8], w: u32, x: u32, y: u32) -> [u8; 3] {
    let i = ((y * w + x) * 4) as usize;
    [pixels[i], pixels[i + 1], pixels[i + 2]]
}

fn is_green(p: [u8; 3]) -> bool {
    p[0] < 40 && p[1] > 215 && p[2] < 40
}

/// Lets the tasks run until `done`, for at most ~2 s.
async fn settle_until(done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        settle().await;
    }
}

/// Watches the avatar of `id` as a component would (under an owner, effects running).
fn watch(w: &World, id: &str) -> (Owner, Signal<Option<String>>) {
    // Mounting starts Leptos's executor, which effects need.
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    leptos::mount::mount_to(host.unchecked_into(), || ()).forget();
    let owner = Owner::new();
    let shown = owner.with(|| w.session.avatars.watch(id));
    (owner, shown)
}

fn bob_id() -> String {
    bob().session_id().to_hex()
}

// ---- the encryption -------------------------------------------------------------------------

/// The fixed vector of the core's tests (key 00..1f, IV a0..ab), computed there once with
/// OpenSSL and Node: the browser's WebCrypto gives the same bytes, and each opens the other's.
const VECTOR: &str = "a0a1a2a3a4a5a6a7a8a9aaabb57d0f5e2ca46c9f0313e6a76608e0a815cf2d7fe004c7\
                      bbeeff7934038e035b3d56cc890f";

#[wasm_bindgen_test]
async fn webcrypto_agrees_with_core_and_the_fixed_vector() {
    let key: [u8; 32] = std::array::from_fn(|i| i as u8);
    let iv: [u8; 12] = std::array::from_fn(|i| 0xa0 + i as u8);
    let image = b"Session avatar vector";
    let expected = hex::decode(VECTOR).unwrap();
    let by_browser = webcrypto::aes_gcm_encrypt(&key, &iv, image).await.unwrap();
    assert_eq!(&expected[12..], &by_browser[..]);
    assert_eq!(avatar::encrypt(image, &key, &iv).unwrap(), expected);

    // A picture sealed by the core under a random key opens in the browser, and back.
    let picture = three_bands(90, 30).await;
    let sealed = avatar::encrypt_random(&picture, &mut OsRng).unwrap();
    let iv: [u8; 12] = sealed.blob[..12].try_into().unwrap();
    let opened = webcrypto::aes_gcm_decrypt(&sealed.key, &iv, &sealed.blob[12..])
        .await
        .unwrap();
    assert_eq!(opened, picture);
    let mut by_browser = iv.to_vec();
    by_browser.extend(
        webcrypto::aes_gcm_encrypt(&sealed.key, &iv, &picture)
            .await
            .unwrap(),
    );
    assert_eq!(by_browser, sealed.blob);
    assert_eq!(
        avatar::decrypt(&by_browser, &sealed.key[..]).unwrap(),
        picture
    );
    // A changed byte is refused by both.
    by_browser[20] ^= 1;
    assert!(
        webcrypto::aes_gcm_decrypt(&sealed.key, &iv, &by_browser[12..])
            .await
            .is_err()
    );
    assert!(avatar::decrypt(&by_browser, &sealed.key[..]).is_err());
}

// ---- our avatar ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_picture_becomes_a_centred_square_of_at_most_600_pixels() {
    for (w, h, side) in [(60, 20, 20), (20, 60, 20), (1500, 1000, MAX_SIDE)] {
        let png = three_bands(w, h).await;
        let square = square_picture(&blob(&png, "image/png"), MAX_SIDE)
            .await
            .unwrap();
        assert_eq!(&square[..3], b"\xff\xd8\xff", "a JPEG");
        let (sw, sh, pixels) = decoded(&square, "image/jpeg").await;
        assert_eq!((sw, sh), (side, side), "{w}×{h}");
        // Only the green middle band is left: the crop is centred.
        for (x, y) in [(1, 1), (side - 2, 1), (side / 2, side / 2), (1, side - 2)] {
            let p = pixel(&pixels, sw, x, y);
            assert!(is_green(p), "{w}×{h} at {x},{y}: {p:?}");
        }
    }
}

#[wasm_bindgen_test]
async fn markup_and_undecodable_files_are_never_taken() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>"#;
    assert_eq!(
        w.session.avatars.choose(blob(svg, "image/png")).await,
        Err(AvatarError::NotAPicture)
    );
    // A PNG header on bytes that are no picture: the browser cannot decode it.
    let fake = b"\x89PNG\r\n\x1a\nnothing else".to_vec();
    assert_eq!(
        w.session.avatars.choose(blob(&fake, "image/png")).await,
        Err(AvatarError::Unreadable)
    );
    assert!(w.engine.files.borrow().is_empty(), "nothing uploaded");
    assert!(w.store.profile.borrow().as_ref().unwrap().avatar.is_none());
    assert!(!w.session.avatars.busy.get_untracked());
}

#[wasm_bindgen_test]
async fn our_avatar_is_uploaded_encrypted_kept_and_sent_with_our_messages() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let before = w.store.profile.borrow().clone().unwrap().updated_s;
    let png = three_bands(900, 300).await;
    w.session
        .avatars
        .choose(blob(&png, "image/png"))
        .await
        .unwrap();

    // Uploaded once, encrypted: the server has no picture, only what the key opens.
    let files = w.engine.files.borrow().clone();
    assert_eq!(files.len(), 1);
    let (id, uploaded) = files.iter().next().unwrap();
    let stored = w.store.profile.borrow().clone().unwrap();
    let ours = stored.avatar.clone().unwrap();
    assert_eq!(ours.url, format!("http://filev2.getsession.org/file/{id}"));
    assert!(stored.updated_s > before, "a newer profile");
    let key = ours.key_bytes().unwrap();
    let jpeg = avatar::decrypt(uploaded, &key[..]).unwrap();
    assert_eq!(&jpeg[..3], b"\xff\xd8\xff");
    assert_eq!(uploaded.len(), jpeg.len() + 28, "IV and tag, no padding");
    assert_eq!(decoded(&jpeg, "image/jpeg").await.0, 300);
    // Kept, so that it shows without a download.
    let kept = w.store.kept_files.files.borrow()[&cache_key(&ours)].clone();
    assert_eq!((kept.0, kept.1.as_str()), (jpeg.clone(), "image/jpeg"));
    assert_eq!(w.session.profile.avatar.get_untracked(), Some(ours.clone()));

    // Every message carries it: the URL in the profile, the key beside it.
    w.engine.swarms.set(Swarms::Down);
    w.session
        .outbox
        .send_text(&bob_conv(), "look")
        .await
        .unwrap();
    let key_of_msg = w.store.only_message(&bob_conv()).key();
    let content = delivered_content(&w.store, &key_of_msg, &bob());
    let dm = content.data_message.unwrap();
    let profile = dm.profile.unwrap();
    assert_eq!(profile.profile_picture.as_deref(), Some(ours.url.as_str()));
    assert_eq!(profile.last_profile_update_seconds, Some(stored.updated_s));
    assert_eq!(dm.profile_key.as_deref(), Some(&key[..]));

    // Shown from the kept file.
    let (_owner, shown) = watch(&w, &support::me().session_id().to_hex());
    settle_until(|| shown.get_untracked().is_some()).await;
    assert!(shown.get_untracked().unwrap().starts_with("blob:"));
    assert_eq!(w.engine.files.borrow().len(), 1, "nothing uploaded again");
}

#[wasm_bindgen_test]
async fn removing_our_avatar_sends_a_newer_profile_without_one() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let png = three_bands(40, 40).await;
    w.session
        .avatars
        .choose(blob(&png, "image/png"))
        .await
        .unwrap();
    let set = w.store.profile.borrow().clone().unwrap();
    // Removed within the same second: the profile's time still moves on.
    w.session.avatars.remove_own().await.unwrap();
    let removed = w.store.profile.borrow().clone().unwrap();
    assert_eq!(removed.avatar, None);
    assert!(removed.updated_s > set.updated_s);
    assert_eq!(w.session.profile.avatar.get_untracked(), None);
    let out = w.session.profile.outgoing().unwrap();
    assert!(out.picture.is_none());
    assert_eq!(out.updated_s, removed.updated_s);
    assert_eq!(out.display_name, "Me", "the name stays");
}

#[wasm_bindgen_test]
async fn our_avatar_reaches_the_accounts_settings_and_another_browser() {
    // Browser A sets it; its next poll puts it in UserProfile with the profile's time.
    let a = World::new().await;
    a.engine.swarms.set(Swarms::Up);
    let png = three_bands(64, 64).await;
    a.session
        .avatars
        .choose(blob(&png, "image/png"))
        .await
        .unwrap();
    a.lead();
    a.clock.advance(100).await;
    let ours = a.store.profile.borrow().clone().unwrap();
    let configs = a.session.configs.snapshot().unwrap();
    let up = configs.get(Domain::UserProfile).unwrap();
    assert_eq!(own_avatar(up.data()), ours.avatar);
    assert_eq!(up.data().int(b"t"), Some(ours.updated_s as i64));
    assert_eq!(
        ours.synced_avatar.as_deref(),
        Some(ours.avatar_url().as_str())
    );

    // Browser B of the account adopts it at its first poll and shows it (the file server is
    // the same one).
    let b = World::new().await;
    b.engine.swarms.set(Swarms::Up);
    *b.engine.files.borrow_mut() = a.engine.files.borrow().clone();
    b.next_poll(a.engine.config_poll());
    b.lead();
    b.clock.advance(100).await;
    assert_eq!(b.session.profile.avatar.get_untracked(), ours.avatar);
    let on_b = b.store.profile.borrow().clone().unwrap();
    assert_eq!(on_b.avatar, ours.avatar);
    assert!(b.session.profile.outgoing().unwrap().picture.is_some());
    let (_owner, shown) = watch(&b, &support::me().session_id().to_hex());
    settle_until(|| shown.get_untracked().is_some()).await;
    assert!(shown.get_untracked().unwrap().starts_with("blob:"));

    // Removed on A: gone from the settings, then from B.
    a.session.avatars.remove_own().await.unwrap();
    a.session.poller.poll_now();
    a.clock.advance(100).await;
    let configs = a.session.configs.snapshot().unwrap();
    let up = configs.get(Domain::UserProfile).unwrap();
    assert_eq!(own_avatar(up.data()), None);
    assert_eq!(UserProfile::read(up.data()).name.as_deref(), Some("Me"));
    b.next_poll(a.engine.config_poll());
    b.session.poller.poll_now();
    b.clock.advance(100).await;
    assert_eq!(b.session.profile.avatar.get_untracked(), None);
    assert_eq!(shown.get_untracked(), None, "the letter again");
}

/// What the settings' sync last agreed on is read from storage when the profile changes, so a
/// change made after the first sync is pushed, never taken back by the settings' older value.
#[wasm_bindgen_test]
async fn a_change_after_the_first_sync_is_pushed_not_reverted() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    w.lead();
    w.clock.advance(100).await;
    w.session.profile.set_display_name("Renamed").await.unwrap();
    let png = three_bands(16, 16).await;
    w.session
        .avatars
        .choose(blob(&png, "image/png"))
        .await
        .unwrap();
    w.session.poller.poll_now();
    w.clock.advance(100).await;
    let stored = w.store.profile.borrow().clone().unwrap();
    assert_eq!(stored.display_name, "Renamed");
    assert!(stored.avatar.is_some());
    let configs = w.session.configs.snapshot().unwrap();
    let up = configs.get(Domain::UserProfile).unwrap();
    assert_eq!(
        UserProfile::read(up.data()).name.as_deref(),
        Some("Renamed")
    );
    assert_eq!(own_avatar(up.data()), stored.avatar);
}

#[wasm_bindgen_test]
fn reconciling_our_avatar_follows_the_names_rules() {
    let me = support::me();
    let pic = |n: u8| AvatarRef::new(&format!("http://filev2.getsession.org/file/{n}"), &[n; 32]);
    let record = |avatar: Option<AvatarRef>, agreed: Option<&str>| ProfileRecord {
        display_name: "Me".into(),
        updated_s: 50,
        avatar,
        synced_avatar: agreed.map(str::to_owned),
        ..ProfileRecord::default()
    };
    let with = |avatar: Option<&AvatarRef>| {
        let mut configs = AccountConfigs::new(&me);
        let p = avatar.map(|a| session_core::config::fields::ProfilePic {
            url: a.url.clone(),
            key: *a.key_bytes().unwrap(),
        });
        configs
            .get_mut(Domain::UserProfile)
            .unwrap()
            .edit(|d| user_profile::set_pic(d, p.as_ref()))
            .unwrap();
        configs
    };

    // A restored browser takes the account's avatar; one without takes none from nowhere.
    let mut c = with(Some(&pic(1)));
    assert_eq!(
        reconcile_avatar(&mut c, &record(None, None)),
        AvatarSync::Adopted(Some(pic(1)))
    );
    let mut c = with(None);
    assert_eq!(
        reconcile_avatar(&mut c, &record(None, None)),
        AvatarSync::Same
    );
    assert!(!c.get(Domain::UserProfile).unwrap().needs_push());

    // Set here since the last agreement: pushed, with the profile's time.
    let mut c = with(Some(&pic(1)));
    let url1 = pic(1).url;
    assert_eq!(
        reconcile_avatar(&mut c, &record(Some(pic(2)), Some(&url1))),
        AvatarSync::Pushed
    );
    let d = c.get(Domain::UserProfile).unwrap().data().clone();
    assert_eq!(own_avatar(&d), Some(pic(2)));
    assert_eq!(d.int(b"t"), Some(50));
    // Removed here: removed there.
    assert_eq!(
        reconcile_avatar(&mut c, &record(None, Some(&pic(2).url))),
        AvatarSync::Pushed
    );
    assert_eq!(own_avatar(c.get(Domain::UserProfile).unwrap().data()), None);

    // Changed or removed on another device since: adopted.
    let mut c = with(Some(&pic(3)));
    assert_eq!(
        reconcile_avatar(&mut c, &record(Some(pic(1)), Some(&url1))),
        AvatarSync::Adopted(Some(pic(3)))
    );
    let mut c = with(None);
    assert_eq!(
        reconcile_avatar(&mut c, &record(Some(pic(1)), Some(&url1))),
        AvatarSync::Adopted(None)
    );

    // A re-uploaded copy (`P`/`Q`, newer `T`) is the one read.
    let mut c = with(Some(&pic(1)));
    c.get_mut(Domain::UserProfile).unwrap().edit(|d| {
        d.set_int(b"t", 10);
        d.set_int(b"T", 20);
        d.set_bytes(b"P", pic(4).url.as_bytes());
        d.set_bytes(b"Q", &[4; 32]);
    });
    assert_eq!(
        own_avatar(c.get(Domain::UserProfile).unwrap().data()),
        Some(pic(4))
    );
}

// ---- contacts' avatars ------------------------------------------------------------------------

/// Bob's profile at `updated_s`, with the avatar uploaded as `id` under `key` when given.
fn bob_profile(updated_s: u64, picture: Option<(&str, [u8; 32])>) -> Outgoing {
    Outgoing {
        display_name: "Bob".into(),
        picture: picture.map(|(id, key)| ProfilePicture {
            url: format!("http://filev2.getsession.org/file/{id}"),
            key,
        }),
        updated_s,
    }
}

/// Uploads `image` to `w`'s file server as `id`, encrypted under a fresh key; the key.
fn upload(w: &World, id: &str, image: &[u8]) -> [u8; 32] {
    let sealed = avatar::encrypt_random(image, &mut OsRng).unwrap();
    w.engine
        .files
        .borrow_mut()
        .insert(id.to_owned(), sealed.blob.clone());
    *sealed.key
}

#[wasm_bindgen_test]
async fn a_contacts_avatar_follows_the_profile_rule_and_is_shown() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let png = three_bands(30, 30).await;
    let key = upload(&w, "77", &png);
    w.next_poll(from_bob_with(
        &bob_profile(10, Some(("77", key))),
        START_MS,
        "hi",
    ));
    w.lead();
    w.clock.advance(100).await;
    let r = AvatarRef::new("http://filev2.getsession.org/file/77", &key);
    let conv = w.store.conversation(&bob_conv()).unwrap();
    assert_eq!(
        (conv.avatar.clone(), conv.avatar_updated_s),
        (Some(r.clone()), Some(10))
    );

    // The list and the header show it: the Avatar component of Bob's ID draws the picture.
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let avatars = w.session.avatars.clone();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_part(avatars);
        view! { <Avatar id=bob_id() name=Signal::stored("Bob".to_string()) /> }
    });
    settle_until(|| host.query_selector("img").unwrap().is_some()).await;
    let img: web_sys::HtmlImageElement = host
        .query_selector("img")
        .unwrap()
        .expect("the picture")
        .unchecked_into();
    assert!(img.src().starts_with("blob:"), "{}", img.src());
    settle_until(|| img.complete() && img.natural_width() > 0).await;
    assert_eq!(img.natural_width(), 30, "a picture the browser drew");
    let kept = w.store.kept_files.files.borrow()[&cache_key(&r)].clone();
    assert_eq!((kept.0, kept.1.as_str()), (png.clone(), "image/png"));

    // An older profile changes nothing; a newer one without a picture removes it, and the
    // letter comes back.
    w.next_poll(from_bob_with(
        &bob_profile(9, Some(("78", [1; 32]))),
        START_MS + 1,
        "old",
    ));
    w.session.poller.poll_now();
    w.clock.advance(100).await;
    assert_eq!(
        w.store.conversation(&bob_conv()).unwrap().avatar,
        Some(r.clone())
    );
    w.next_poll(from_bob_with(&bob_profile(11, None), START_MS + 2, "plain"));
    w.session.poller.poll_now();
    w.clock.advance(100).await;
    let conv = w.store.conversation(&bob_conv()).unwrap();
    assert_eq!((conv.avatar, conv.avatar_updated_s), (None, Some(11)));
    settle_until(|| host.query_selector("img").unwrap().is_none()).await;
    assert_eq!(host.text_content().unwrap(), "B");
    drop(handle);
}

#[wasm_bindgen_test]
async fn avatars_that_do_not_open_or_are_not_pictures_are_refused() {
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    let avatars = &w.session.avatars;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let svg_key = upload(&w, "1", svg);
    upload(&w, "2", b"\x89PNG\r\n\x1a\n....");
    let cases = [
        ("svg", "1", svg_key, true),
        ("wrong key", "2", [9; 32], true),
        ("gone", "3", [3; 32], false),
    ];
    for (what, id, key, present) in cases {
        assert_eq!(w.engine.files.borrow().contains_key(id), present);
        let r = AvatarRef::new(&format!("http://filev2.getsession.org/file/{id}"), &key);
        avatars.ensure(&r);
        let view = avatars.view(&r);
        settle_until(|| !matches!(view.get_untracked(), AvatarView::Loading)).await;
        assert!(
            matches!(
                view.get_untracked(),
                AvatarView::Failed { retry: false, .. }
            ),
            "{what}: {:?}",
            view.get_untracked()
        );
        assert!(!w
            .store
            .kept_files
            .files
            .borrow()
            .contains_key(&cache_key(&r)));
    }

    // A download that fails on the way is tried again later, not at once.
    w.engine.swarms.set(Swarms::Down);
    let png = three_bands(8, 8).await;
    let key = upload(&w, "4", &png);
    let r = AvatarRef::new("http://filev2.getsession.org/file/4", &key);
    avatars.ensure(&r);
    let view = avatars.view(&r);
    settle_until(|| !matches!(view.get_untracked(), AvatarView::Loading)).await;
    assert!(matches!(
        view.get_untracked(),
        AvatarView::Failed { retry: true, .. }
    ));
    w.engine.swarms.set(Swarms::Up);
    avatars.ensure(&r);
    settle().await;
    assert!(matches!(view.get_untracked(), AvatarView::Failed { .. }));
    w.clock.advance(61_000).await;
    avatars.ensure(&r);
    settle_until(|| matches!(view.get_untracked(), AvatarView::Ready(_))).await;
    assert!(matches!(view.get_untracked(), AvatarView::Ready(_)));
}

#[wasm_bindgen_test]
fn the_avatar_rule_takes_only_newer_profiles() {
    let mut c = ConversationRecord::new(bob_conv());
    let a = AvatarRef::new("http://f.org/file/a", &[1; 32]);
    let b = AvatarRef::new("http://f.org/file/b", &[2; 32]);
    assert!(c.apply_avatar(Some(&a), 5), "never said: any time");
    assert!(!c.apply_avatar(Some(&b), 5), "same time");
    assert!(!c.apply_avatar(None, 4), "older");
    assert!(c.apply_avatar(Some(&b), 6));
    assert_eq!(c.avatar, Some(b.clone()));
    let mut old = ConversationRecord::new(bob_conv());
    assert!(old.apply_avatar(Some(&a), 0));
    assert!(old.apply_avatar(Some(&b), 0), "neither has a time");
    // Summaries stored before avatars read as never said.
    let json = format!(r#"{{"id":"{}","name":"Bob","name_updated_s":4}}"#, bob_id());
    let parsed: ConversationRecord = serde_json::from_str(&json).unwrap();
    assert_eq!((parsed.avatar, parsed.avatar_updated_s), (None, None));
    let profile: ProfileRecord =
        serde_json::from_str(r#"{"display_name":"Me","updated_s":3}"#).unwrap();
    assert_eq!((profile.avatar, profile.synced_avatar), (None, None));
}

#[wasm_bindgen_test]
async fn contacts_avatars_come_from_the_accounts_settings() {
    let carol = session_core::identity::SessionId::from_x25519([7; 32]);
    let other = World::new().await;
    other.engine.swarms.set(Swarms::Up);
    let png = three_bands(12, 12).await;
    let key = upload(&other, "55", &png);
    let url = "http://filev2.getsession.org/file/55";
    {
        // Another device made Carol an approved contact and saw her avatar (at time 40).
        let mut configs = AccountConfigs::new(&support::me());
        configs.get_mut(Domain::Contacts).unwrap().edit(|d| {
            let mut c = contacts::Contact::new(carol);
            c.name = "Carol".into();
            c.approved = true;
            c.pic = Some(session_core::config::fields::ProfilePic {
                url: url.into(),
                key,
            });
            contacts::set(d, &c);
            d.dict_mut(b"c")
                .dict_mut(carol.as_bytes())
                .set_int(b"t", 40);
        });
        let me_id = support::me().session_id();
        let updates = synced_avatars(&configs, &me_id);
        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].updated_s, 40);
        assert_eq!(updates[0].picture, Some(AvatarRef::new(url, &key)));
        assert!(
            updates[0].name.is_empty(),
            "the name is not the avatar's to set"
        );
        let pending = configs
            .prepare_push(None, 1_700_000_000_000)
            .unwrap()
            .unwrap();
        use session_web::ports::Engine;
        other.engine.push_configs(&pending).await.unwrap();
    }
    let w = World::new().await;
    w.engine.swarms.set(Swarms::Up);
    *w.engine.files.borrow_mut() = other.engine.files.borrow().clone();
    w.next_poll(other.engine.config_poll());
    w.lead();
    w.clock.advance(100).await;
    let carol_conv = ConversationId::Direct(carol);
    let listed = w.store.conversation(&carol_conv).unwrap();
    assert_eq!(listed.avatar, Some(AvatarRef::new(url, &key)));
    assert_eq!(listed.avatar_updated_s, Some(40));
    let (_owner, shown) = watch(&w, &carol_conv.to_string());
    settle_until(|| shown.get_untracked().is_some()).await;
    assert!(shown.get_untracked().unwrap().starts_with("blob:"));
}
