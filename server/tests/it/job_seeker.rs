//! The job seeker's own features over HTTP against a real database: activation, media upload
//! and the authorising media handler, privacy rights (pause, requests, export, who viewed),
//! vacancies for me, interest and invitations.

use crate::common;
use crate::common::{TestApp, fatima, fatima_records};
use axum::body::Body;
use chrono::{Duration, Utc};
use entity::{activation_token, invitation, job_seeker, outbox, privacy_request, vacancy};
use http::{Request, StatusCode, header};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;
use std::io::Read;

/// A real photo (a generated portrait, PNG); stored re-encoded as JPEG.
fn png() -> Vec<u8> {
    server::demo::fake::avatar_png(2)
}
const MP4: &[u8] = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom\0\0\0\x08free";

async fn media_request(
    app: &TestApp,
    method: &str,
    uri: &str,
    cookie: Option<&str>,
    body: &[u8],
) -> common::Response {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.request(req.body(Body::from(body.to_vec())).unwrap())
        .await
}

/// The stored bytes of the profile's photo.
async fn stored_photo(app: &TestApp, id: i32) -> Vec<u8> {
    let key = job_seeker::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .photo_key
        .expect("a photo");
    std::fs::read(app.media_dir.join(&key[..2]).join(&key)).unwrap()
}

fn stored_files(app: &TestApp) -> usize {
    walk(&app.media_dir)
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The token in the newest activation mail to `email`.
async fn activation_token_for(app: &TestApp, email: &str) -> String {
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(email))
        .filter(outbox::Column::Kind.eq("activation"))
        .all(&app.db)
        .await
        .unwrap()
        .pop()
        .expect("activation mail");
    common::token_in(&mail.body_text, "/activeren/")
}

async fn activation_link_sets_a_password_once(app: &TestApp) {
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let res = app
        .form(
            Some(&staff),
            "job-seekers/create",
            &[
                ("client_number", "SDM-424242"),
                ("first_name", "Nora"),
                ("last_name", "Kuipers"),
                ("email", "nora.kuipers@voorbeeld.nl"),
                ("invite", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // Same client number again in the same gemeente: refused.
    let dup = app
        .form(
            Some(&staff),
            "job-seekers/create",
            &[
                ("client_number", "SDM-424242"),
                ("first_name", "Ander"),
                ("last_name", "Mens"),
                ("email", "ander@voorbeeld.nl"),
            ],
        )
        .await;
    assert_eq!(
        (dup.status, dup.json()["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("client_number"))
    );

    let token = activation_token_for(app, "nora.kuipers@voorbeeld.nl").await;
    assert_eq!(token.len(), 64);
    let login = |pw: &'static str| async move {
        app.form(
            None,
            "login",
            &[("email", "nora.kuipers@voorbeeld.nl"), ("password", pw)],
        )
        .await
    };
    assert_eq!(
        login("nog-geen-wachtwoord").await.status,
        StatusCode::UNAUTHORIZED,
        "not active before activation"
    );

    let info = app
        .form(None, "activation/info", &[("token", &token)])
        .await;
    assert_eq!(info.json()["email"], "nora.kuipers@voorbeeld.nl");
    for (pw, repeat, field) in [
        ("kort", "kort", "password"),
        ("lang genoeg wachtwoord", "anders", "password_repeat"),
    ] {
        let res = app
            .form(
                None,
                "activation/redeem",
                &[
                    ("token", &token),
                    ("password", pw),
                    ("password_repeat", repeat),
                ],
            )
            .await;
        assert_eq!(
            (res.status, res.json()["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field))
        );
    }
    let pw = "een lange zin als wachtwoord";
    let res = app
        .form(
            None,
            "activation/redeem",
            &[("token", &token), ("password", pw), ("password_repeat", pw)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        login("een lange zin als wachtwoord").await.status,
        StatusCode::OK
    );
    // Single use.
    let again = app
        .form(
            None,
            "activation/redeem",
            &[("token", &token), ("password", pw), ("password_repeat", pw)],
        )
        .await;
    assert_eq!(
        (again.status, again.json()["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("token"))
    );
    // Already active: no new link.
    let nora = job_seeker::Entity::find()
        .filter(job_seeker::Column::ClientNumber.eq("SDM-424242"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = app
        .form(
            Some(&staff),
            "job-seekers/invite",
            &[("id", &nora.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

async fn activation_links_expire_after_seven_days(app: &TestApp) {
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let res = app
        .form(
            Some(&staff),
            "job-seekers/create",
            &[
                ("client_number", "RTM-1"),
                ("first_name", "Tim"),
                ("last_name", "Laat"),
                ("email", "tim.laat@voorbeeld.nl"),
                ("invite", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let token = activation_token_for(app, "tim.laat@voorbeeld.nl").await;
    let row = activation_token::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        (row.expires_at - row.created_at - Duration::days(7))
            .num_seconds()
            .abs()
            < 2
    );
    let mut expired: activation_token::ActiveModel = row.into();
    expired.expires_at = Set(Utc::now() - Duration::seconds(1));
    expired.update(&app.db).await.unwrap();
    let pw = "een lange zin als wachtwoord";
    let res = app
        .form(
            None,
            "activation/redeem",
            &[("token", &token), ("password", pw), ("password_repeat", pw)],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // Staff of another gemeente cannot send a link for this person; their own gemeente can.
    let id = id_of_client(app, "RTM-1").await.to_string();
    let other = app
        .login(&app.email_of_role("staff", Some("Vlaardingen")).await)
        .await;
    assert_eq!(
        app.form(Some(&other), "job-seekers/invite", &[("id", &id)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.form(Some(&staff), "job-seekers/invite", &[("id", &id)])
            .await
            .status,
        StatusCode::OK
    );
    // Each invitation mails someone: past the day's allowance of one account the next is
    // refused, before any link is made or mailed.
    let staff_user = app
        .user(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await
        .unwrap();
    let key = staff_user.id.to_string();
    let limit = service::foundation::ratelimit::INVITATIONS_PER_ACCOUNT;
    // The rest of the day's allowance, used up.
    let mut rest = 0;
    while service::foundation::ratelimit::take(&app.db, &[(limit, key.as_str())])
        .await
        .is_ok()
    {
        rest += 1;
    }
    assert_eq!(
        rest,
        limit.max - 2,
        "two invitations were sent above (create, invite)"
    );
    let tokens_before = activation_token::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let res = app
        .form(Some(&staff), "job-seekers/invite", &[("id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(
        activation_token::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        tokens_before
    );
    // A job seeker cannot create job seekers.
    let (_, me) = fatima(app).await;
    let res = app
        .form(
            Some(&me),
            "job-seekers/create",
            &[
                ("client_number", "X"),
                ("first_name", "A"),
                ("last_name", "B"),
                ("email", "a@b.nl"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

async fn id_of_client(app: &TestApp, client_number: &str) -> i32 {
    job_seeker::Entity::find()
        .filter(job_seeker::Column::ClientNumber.eq(client_number))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn uploads_are_checked_by_content_and_size(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let before = stored_files(app);
    assert_eq!(before, 30, "the demo job seekers have generated photos");
    for (body, what) in [
        (b"GIF89a\x01\x00\x01\x00".to_vec(), "a GIF"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(), "SVG"),
        (MP4.to_vec(), "a video as photo"),
        ([png(), vec![0u8; 5 * 1024 * 1024]].concat(), "over 5 MB"),
        (png()[..60].to_vec(), "a PNG cut off"),
        (vec![], "empty"),
    ] {
        let res = media_request(app, "PUT", "/media/profile/photo", Some(&cookie), &body).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{what}: {}", res.body);
        assert_eq!(res.code(), "invalid");
    }
    assert_eq!(
        stored_files(app),
        before,
        "refused uploads leave nothing stored"
    );
    let row = job_seeker::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.photo_key, me.photo_key);
    // Not signed in / not the job seeker: refused.
    assert_eq!(
        media_request(app, "PUT", "/media/profile/photo", None, &png())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let res = media_request(app, "PUT", "/media/profile/photo", Some(&staff), &png()).await;
    assert_eq!(
        (res.status, res.code()),
        (StatusCode::FORBIDDEN, "field_not_writable".into())
    );
    assert_eq!(stored_files(app), before);
}

/// A body that breaks off with an error as soon as it is read: a handler that reads it answers
/// 400, one that refuses first never notices.
fn body_that_breaks_when_read() -> Body {
    struct Broken;
    impl tokio::io::AsyncRead for Broken {
        fn poll_read(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            _: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(Err(std::io::Error::other("the body was read")))
        }
    }
    Body::from_stream(tokio_util::io::ReaderStream::new(Broken))
}

/// Session, role and profile are settled before an upload's body is read: anonymous callers
/// and other roles are refused without the server reading what they send; the job seeker's
/// own upload is read (and here breaks off: a plain 400, nothing stored). A body over the
/// kind's limit is refused with the Dutch size message.
async fn uploads_are_refused_before_their_body_is_read(app: &TestApp) {
    let (_, cookie) = fatima(app).await;
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let before = stored_files(app);
    let put = |cookie: Option<&str>| {
        let mut req = Request::put("/media/profile/video");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        app.request(req.body(body_that_breaks_when_read()).unwrap())
    };
    let res = put(None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    let res = put(Some(&staff)).await;
    assert_eq!(
        (res.status, res.code()),
        (StatusCode::FORBIDDEN, "field_not_writable".into()),
        "{}",
        res.body
    );
    let res = put(Some(&cookie)).await;
    assert_eq!(
        res.status,
        StatusCode::BAD_REQUEST,
        "read only now: {}",
        res.body
    );
    let res = media_request(
        app,
        "PUT",
        "/media/profile/photo",
        Some(&cookie),
        &vec![0u8; 6 * 1024 * 1024],
    )
    .await;
    assert_eq!(res.code(), "invalid", "{}", res.body);
    assert!(res.body.contains("te groot"), "{}", res.body);
    assert_eq!(stored_files(app), before);
}

async fn media_is_served_only_to_those_who_may_see_it(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let before = stored_files(app);
    let res = media_request(app, "PUT", "/media/profile/photo", Some(&cookie), &png()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let url = res.json()["url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("/media/profile/{}/photo", me.id)));
    let res = media_request(app, "PUT", "/media/profile/video", Some(&cookie), MP4).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        stored_files(app),
        before + 1,
        "the old photo was replaced, the video added"
    );

    let get = |cookie: Option<String>, kind: &'static str| {
        let uri = format!("/media/profile/{}/{kind}", me.id);
        async move { media_request(app, "GET", &uri, cookie.as_deref(), b"").await }
    };
    let own = get(Some(cookie.clone()), "photo").await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.bytes, stored_photo(app, me.id).await);
    assert_eq!(own.headers[header::CONTENT_TYPE], "image/jpeg");
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let other_staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let far_employer = app.login("werkgever@delft.test.nl").await;
    let partner = app.login(&app.email_of_role("partner", None).await).await;
    let admin = app.login(common::ADMIN_EMAIL).await;
    assert_eq!(
        get(Some(employer.clone()), "photo").await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(Some(employer.clone()), "video").await.status,
        StatusCode::OK
    );
    assert_eq!(get(Some(staff), "photo").await.status, StatusCode::OK);
    for (who, c) in [
        ("other gemeente's staff", other_staff),
        ("employer of another region", far_employer),
        ("partner without photo in the agreement", partner),
        ("administrator", admin),
    ] {
        assert_eq!(
            get(Some(c), "photo").await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
    }
    assert_eq!(get(None, "photo").await.status, StatusCode::UNAUTHORIZED);
    // Paused: gone for employers at once.
    assert_eq!(
        app.form(Some(&cookie), "privacy/pause", &[("paused", "true")])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        get(Some(employer.clone()), "photo").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.form(Some(&cookie), "privacy/pause", &[("paused", "false")])
            .await
            .status,
        StatusCode::OK
    );

    // Replace: the old file is removed; delete: nothing left.
    assert_eq!(
        media_request(
            app,
            "PUT",
            "/media/profile/photo",
            Some(&cookie),
            &[png(), b"x".to_vec()].concat()
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(stored_files(app), before + 1);
    assert_eq!(
        media_request(app, "DELETE", "/media/profile/photo", Some(&cookie), b"")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        media_request(app, "DELETE", "/media/profile/video", Some(&cookie), b"")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(stored_files(app), before - 1);
    assert_eq!(
        get(Some(cookie), "photo").await.status,
        StatusCode::NOT_FOUND
    );
}

/// A JPEG as a phone makes it: an APP1 Exif segment with a GPS position right after the start
/// marker, and bytes after the end marker.
fn jpeg_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 120]));
    let mut jpeg = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new(&mut jpeg))
        .unwrap();
    // TIFF, big-endian: IFD0 with one entry (the GPS IFD's offset), the GPS IFD with latitude
    // ref "N" and latitude 51° 55' 21.00" (three rationals after it).
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        [
            tag.to_be_bytes().as_slice(),
            &kind.to_be_bytes(),
            &count.to_be_bytes(),
            &value.to_be_bytes(),
        ]
        .concat()
    };
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend(entry(0x8825, 4, 1, 26));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, 56));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 56);
    for (num, den) in [(51u32, 1u32), (55, 1), (2100, 100)] {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    let payload = [b"Exif\0\0".as_slice(), &tiff].concat();
    let app1 = [
        [0xFF, 0xE1].as_slice(),
        &((payload.len() + 2) as u16).to_be_bytes(),
        &payload,
    ]
    .concat();
    [&jpeg[..2], &app1, &jpeg[2..], b"TRAILER-51.9225,4.4792"].concat()
}

fn gps_of(bytes: &[u8]) -> Option<String> {
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()?;
    exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .map(|f| f.display_value().to_string())
}

async fn a_photo_is_stored_without_its_location_or_hidden_bytes(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let upload = jpeg_with_gps();
    // The test photo does carry a position a reader finds (else the check below proves nothing).
    let gps = gps_of(&upload);
    assert!(
        gps.as_deref()
            .is_some_and(|g| g.starts_with("51 deg 55 min")),
        "{gps:?}"
    );
    let res = media_request(app, "PUT", "/media/profile/photo", Some(&cookie), &upload).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let stored = stored_photo(app, me.id).await;
    for (bytes, what) in [
        (stored.clone(), "stored"),
        (
            media_request(
                app,
                "GET",
                &format!("/media/profile/{}/photo", me.id),
                Some(&cookie),
                b"",
            )
            .await
            .bytes,
            "served",
        ),
    ] {
        assert_eq!(gps_of(&bytes), None, "{what}");
        assert!(
            exif::Reader::new()
                .read_from_container(&mut std::io::Cursor::new(&bytes))
                .is_err(),
            "{what}: no EXIF at all"
        );
        let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!holds(b"Exif") && !holds(b"TRAILER"), "{what}");
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (img.width(), img.height()),
            (64, 48),
            "{what}: the same photo"
        );
    }
}

/// A phone's video is stored without the place it was made (`moov/udta/©xyz`), at the same
/// length with its media data untouched; a video whose structure breaks off is refused with a
/// Dutch reason and nothing is stored.
async fn a_video_is_stored_without_the_place_it_was_made(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let boxed = |kind: &[u8], body: &[u8]| {
        [&((body.len() + 8) as u32).to_be_bytes()[..], kind, body].concat()
    };
    let udta = boxed(
        b"udta",
        &boxed(b"\xa9xyz", b"\0\x11\x15\xc7+52.3731+004.8922/"),
    );
    let video = [
        MP4.to_vec(),
        boxed(b"moov", &udta),
        boxed(b"mdat", b"PICTURE AND SOUND"),
    ]
    .concat();
    let before = stored_files(app);
    let broken = &video[..video.len() - 4];
    let res = media_request(app, "PUT", "/media/profile/video", Some(&cookie), broken).await;
    assert_eq!(res.code(), "invalid", "{}", res.body);
    assert!(res.body.contains("niet lezen"), "{}", res.body);
    assert_eq!(stored_files(app), before);
    let res = media_request(app, "PUT", "/media/profile/video", Some(&cookie), &video).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let key = job_seeker::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .video_key
        .expect("a video");
    let stored = std::fs::read(app.media_dir.join(&key[..2]).join(&key)).unwrap();
    let holds = |needle: &[u8]| stored.windows(needle.len()).any(|w| w == needle);
    assert_eq!(stored.len(), video.len());
    assert!(!holds(b"+52.3731") && !holds(b"udta"));
    assert!(holds(b"PICTURE AND SOUND"));
}

async fn a_video_is_streamed_in_the_parts_the_player_asks_for(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    // A small MP4: its header boxes and 10,000 bytes of media data in an `mdat` box.
    let video: Vec<u8> = [
        MP4.to_vec(),
        (10_008u32).to_be_bytes().to_vec(),
        b"mdat".to_vec(),
        (0..10_000u32).map(|i| (i % 251) as u8).collect(),
    ]
    .concat();
    let total = video.len();
    let res = media_request(app, "PUT", "/media/profile/video", Some(&cookie), &video).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let uri = format!("/media/profile/{}/video", me.id);
    let get = |range: Option<&'static str>| {
        let (uri, employer) = (uri.clone(), employer.clone());
        async move {
            let mut req = Request::get(uri).header(header::COOKIE, employer);
            if let Some(r) = range {
                req = req.header(header::RANGE, r);
            }
            app.request(req.body(Body::empty()).unwrap()).await
        }
    };
    let whole = get(None).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.bytes, video);
    assert_eq!(whole.headers[header::ACCEPT_RANGES], "bytes");
    assert_eq!(whole.headers[header::CONTENT_TYPE], "video/mp4");
    for (range, first, last) in [
        ("bytes=0-99", 0, 99),
        ("bytes=5000-", 5000, total - 1),
        ("bytes=-10", total - 10, total - 1),
    ] {
        let part = get(Some(range)).await;
        assert_eq!(part.status, StatusCode::PARTIAL_CONTENT, "{range}");
        assert_eq!(
            part.headers[header::CONTENT_RANGE],
            format!("bytes {first}-{last}/{total}").as_str(),
            "{range}"
        );
        assert_eq!(part.bytes, video[first..=last], "{range}");
    }
    let beyond = get(Some("bytes=999999-")).await;
    assert_eq!(beyond.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(beyond.code(), "range_not_satisfiable");
    assert_eq!(
        beyond.headers[header::CONTENT_RANGE],
        format!("bytes */{total}").as_str()
    );
    // Each part served to the employer is a read on the person's record.
    let reads = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("media"))
        .filter(entity::audit_log::Column::JobSeekerId.eq(me.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(reads, 4);
}

async fn uploads_per_account_are_limited(app: &TestApp) {
    common::away_from_window_edges().await;
    let (_, cookie) = fatima(app).await;
    let limit = service::foundation::ratelimit::MEDIA_UPLOADS_PER_ACCOUNT.max;
    for i in 0..limit {
        let res = media_request(app, "PUT", "/media/profile/video", Some(&cookie), MP4).await;
        assert_eq!(res.status, StatusCode::OK, "upload {i}: {}", res.body);
    }
    let res = media_request(app, "PUT", "/media/profile/video", Some(&cookie), MP4).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.code(), "rate_limited");
}

async fn pausing_hides_the_profile_from_employers_at_once(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let partner = app.login(&app.email_of_role("partner", None).await).await;
    let id = me.id.to_string();
    assert_eq!(
        app.form(Some(&employer), "candidates/get", &[("id", &id)])
            .await
            .status,
        StatusCode::OK
    );
    let res = app
        .form(Some(&cookie), "privacy/pause", &[("paused", "true")])
        .await;
    assert_eq!(res.json(), "paused");
    assert_eq!(
        app.form(Some(&employer), "candidates/get", &[("id", &id)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let shared = app
        .form(Some(&partner), "partner/profiles", &[("page", "0")])
        .await;
    assert!(
        !shared.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == me.id)
    );
    app.form(Some(&cookie), "privacy/pause", &[("paused", "false")])
        .await;
    assert_eq!(
        app.form(Some(&employer), "candidates/get", &[("id", &id)])
            .await
            .status,
        StatusCode::OK
    );
}

async fn consent_is_the_job_seekers_alone(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let id = me.id.to_string();
    assert!(
        app.form(Some(&employer), "candidates/get", &[("id", &id)])
            .await
            .json()["candidate"]
            .get("work_capacity")
            .is_some()
    );
    assert_eq!(
        app.form(Some(&cookie), "profile/consent", &[("consent", "false")])
            .await
            .status,
        StatusCode::OK
    );
    let opened = app
        .form(Some(&employer), "candidates/get", &[("id", &id)])
        .await
        .json();
    assert_eq!(opened["candidate"]["id"], me.id);
    assert!(opened["candidate"].get("work_capacity").is_none());
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    assert_eq!(
        app.form(Some(&staff), "profile/consent", &[("consent", "true")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        !job_seeker::Entity::find_by_id(me.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .work_capacity_consent
    );
}

async fn privacy_requests_carry_the_legal_deadline(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let res = app
        .form(
            Some(&cookie),
            "privacy/request",
            &[
                ("kind", "erasure"),
                ("field", ""),
                ("details", "Ik heb werk gevonden."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let again = app
        .form(
            Some(&cookie),
            "privacy/request",
            &[("kind", "erasure"), ("field", ""), ("details", "")],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::BAD_REQUEST,
        "one open request of a kind"
    );
    let no_field = app
        .form(
            Some(&cookie),
            "privacy/request",
            &[
                ("kind", "rectification"),
                ("field", ""),
                ("details", "fout"),
            ],
        )
        .await;
    assert_eq!(no_field.json()["field"], "field");
    let bsn = app
        .form(
            Some(&cookie),
            "privacy/request",
            &[
                ("kind", "objection"),
                ("field", ""),
                ("details", "bsn 111222333"),
            ],
        )
        .await;
    assert_eq!(bsn.json()["field"], "details");
    let ok = app
        .form(
            Some(&cookie),
            "privacy/request",
            &[
                ("kind", "rectification"),
                ("field", "client_number"),
                ("details", "Mijn klantnummer eindigt op 7."),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let rows = privacy_request::Entity::find()
        .filter(privacy_request::Column::JobSeekerId.eq(me.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!(
            r.due_at,
            r.created_at
                .checked_add_months(chrono::Months::new(1))
                .unwrap()
        );
        assert_eq!(r.municipality_id, me.municipality_id);
    }
    let overview = app
        .form(Some(&cookie), "privacy/overview", &[])
        .await
        .json();
    let kinds: Vec<&str> = overview["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&"erasure") && kinds.contains(&"rectification"));
}

async fn the_job_seeker_sees_who_viewed_the_profile(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let employer = app.login("j.vanderlinden@bakkerij.hallowerk-demo.nl").await;
    assert_eq!(
        app.form(
            Some(&employer),
            "candidates/get",
            &[("id", &me.id.to_string())]
        )
        .await
        .status,
        StatusCode::OK
    );
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    assert_eq!(
        app.form(
            Some(&staff),
            "job-seekers/get",
            &[("id", &me.id.to_string())]
        )
        .await
        .status,
        StatusCode::OK
    );
    let overview = app
        .form(Some(&cookie), "privacy/overview", &[])
        .await
        .json();
    let orgs: Vec<&str> = overview["viewed_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["organisation"].as_str().unwrap())
        .collect();
    assert!(orgs.contains(&"Bakkerij Van der Linden"), "{orgs:?}");
    assert!(orgs.contains(&"Gemeente Rotterdam"), "{orgs:?}");
    assert!(
        !overview.to_string().contains("Jeroen"),
        "no names of the employer's staff"
    );
}

async fn export_contains_everything_of_the_person_and_nobody_else(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    media_request(app, "PUT", "/media/profile/photo", Some(&cookie), &png()).await;
    app.form(
        Some(&cookie),
        "privacy/request",
        &[
            ("kind", "objection"),
            ("field", ""),
            ("details", "Ik wil niet gebeld worden."),
        ],
    )
    .await;

    let res = media_request(app, "GET", "/mijn-gegevens/export.json", Some(&cookie), b"").await;
    assert_eq!(res.status, StatusCode::OK);
    let doc = res.json();
    let profile = doc["profile"].as_object().unwrap();
    for f in kernel::policy::Field::ALL {
        assert!(
            profile.contains_key(f.code()),
            "{} missing from export",
            f.code()
        );
        assert!(
            doc["documentation"]["fields"].get(f.code()).is_some(),
            "{} undocumented",
            f.code()
        );
    }
    let row = job_seeker::Entity::find_by_id(me.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(profile["client_number"], row.client_number.as_str());
    assert_eq!(
        profile["birth_date"],
        row.birth_date.unwrap().to_string().as_str()
    );
    assert_eq!(profile["postal_code"], row.postal_code.as_deref().unwrap());
    assert_eq!(profile["email"], "fatima.elamrani@hallowerk-demo.nl");
    assert_eq!(
        profile["work_capacity"]["hours_per_day"],
        row.wc_hours_per_day.unwrap()
    );
    assert_eq!(
        doc["privacy_requests"][0]["details"],
        "Ik wil niet gebeld worden."
    );
    for other in app
        .all_job_seekers()
        .await
        .into_iter()
        .filter(|j| j.id != me.id)
    {
        assert!(
            !res.body.contains(&other.client_number),
            "data of {} in export",
            other.id
        );
        assert!(!res.body.contains(&app.login_email_of(&other).await));
    }
    // The export is audited like every other read, with the client's address.
    let exports = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("export"))
        .filter(entity::audit_log::Column::JobSeekerId.eq(me.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(exports.len(), 1);
    assert_eq!(
        exports[0].origin.as_deref(),
        Some(app.client.ip().to_string().as_str())
    );
    // Only the owner can export.
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    assert_eq!(
        media_request(app, "GET", "/mijn-gegevens/export.json", Some(&staff), b"")
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The zip: the same document, a read-me, and the photo itself.
    let mut req = Request::get("/mijn-gegevens/export.zip")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(app.client));
    let raw = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(raw.into_body(), usize::MAX)
        .await
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(
        names.contains(&"gegevens.json".to_string()) && names.contains(&"LEESMIJ.txt".to_string()),
        "{names:?}"
    );
    let photo_name = format!("photo-{}.jpg", me.id);
    let mut photo = Vec::new();
    zip.by_name(&photo_name)
        .unwrap()
        .read_to_end(&mut photo)
        .unwrap();
    assert_eq!(photo, stored_photo(app, me.id).await);
    let mut json = String::new();
    zip.by_name("gegevens.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let zdoc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(zdoc["profile"]["photo"], photo_name.as_str());
}

/// "Vacatures voor mij" reads both its lists a page at a time: the matching vacancies (most
/// criteria met first) and the invitations (newest first); every row on exactly one page.
async fn my_vacancies_and_invitations_are_paged(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let template = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Orderpicker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = app.json(Some(&cookie), "profile/update", json!({ "id": me.id, "changes": [{ "field": "preferred_occupations", "value": [template.occupation_id] }] })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let now = Utc::now();
    let per_page = kernel::views::paging::PAGE_SIZE as i64;
    for n in 0..per_page + 5 {
        let mut v: vacancy::ActiveModel = template.clone().into();
        v.id = sea_orm::ActiveValue::NotSet;
        v.title = Set(format!("Orderpicker {n:02}"));
        v.created_at = Set(now - Duration::minutes(n));
        let v = v.insert(&app.db).await.unwrap();
        invitation::ActiveModel {
            vacancy_id: Set(v.id),
            job_seeker_id: Set(me.id),
            employer_id: Set(v.employer_id),
            initiated_by: Set("employer".into()),
            message: Set(format!("Uitnodiging {n:02}")),
            status: Set("sent".into()),
            outcome: Set(None),
            created_at: Set(now - Duration::minutes(n)),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let page = |m: u64, i: u64| {
        let cookie = cookie.clone();
        async move {
            app.form(
                Some(&cookie),
                "my-vacancies",
                &[
                    ("matches_page", &m.to_string()),
                    ("invitations_page", &i.to_string()),
                ],
            )
            .await
            .json()
        }
    };
    let first = page(0, 0).await;
    let invitations = &first["invitations"];
    let mine = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(me.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(invitations["total"].as_u64().unwrap(), mine);
    let items = invitations["items"].as_array().unwrap();
    assert_eq!(items.len() as i64, per_page);
    assert_eq!(items[0]["message"], "Uitnodiging 00", "newest first");
    assert_eq!(items[1]["message"], "Uitnodiging 01");
    let mut seen = std::collections::HashSet::new();
    for i in 0..invitations["pages"].as_u64().unwrap() {
        for inv in page(0, i).await["invitations"]["items"].as_array().unwrap() {
            assert!(seen.insert(inv["id"].as_i64().unwrap()), "twice: {inv}");
        }
    }
    assert_eq!(seen.len() as u64, mine);

    let matches = &first["matches"];
    let total = matches["total"].as_u64().unwrap();
    assert!(total > per_page as u64, "{matches}");
    assert_eq!(matches["items"].as_array().unwrap().len() as i64, per_page);
    let mut titles = Vec::new();
    let mut met = Vec::new();
    for m in 0..matches["pages"].as_u64().unwrap() {
        for v in page(m, 0).await["matches"]["items"].as_array().unwrap() {
            titles.push(v["title"].as_str().unwrap().to_string());
            met.push(
                v["criteria"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|c| c["met"] == true)
                    .count(),
            );
        }
    }
    assert_eq!(titles.len() as u64, total);
    let ours = titles
        .iter()
        .filter(|t| t.starts_with("Orderpicker "))
        .count() as i64;
    assert_eq!(ours, per_page + 5, "each new vacancy on exactly one page");
    assert!(
        met.windows(2).all(|w| w[0] >= w[1]),
        "most criteria met first: {met:?}"
    );
    // Past the end: the last page.
    let past = page(u32::MAX as u64, u32::MAX as u64).await;
    assert_eq!(
        past["matches"]["page"].as_u64().unwrap() + 1,
        matches["pages"].as_u64().unwrap()
    );
}

async fn vacancies_for_me_explain_the_match(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    // Make the demo data line up: prefer the occupation of an open Rotterdam vacancy.
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Heftruckchauffeur"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = app.json(Some(&cookie), "profile/update", json!({ "id": me.id, "changes": [{ "field": "preferred_occupations", "value": [v.occupation_id] }] })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mine = app.form(Some(&cookie), "my-vacancies", &[]).await.json();
    let m = mine["matches"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == v.id)
        .expect("the vacancy matches");
    let texts: Vec<&str> = m["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["met"] == true)
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"Voorkeursberoep: Heftruckchauffeur"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"Werkplek in de eigen gemeente (Rotterdam)"),
        "{texts:?}"
    );
    // Draft vacancies are not offered.
    assert!(
        !mine["matches"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["title"] == "Administratief medewerker planning")
    );

    // Interest: once per vacancy.
    let res = app
        .form(
            Some(&cookie),
            "my-vacancies/interest",
            &[
                ("vacancy_id", &v.id.to_string()),
                ("message", "Ik heb een heftruckcertificaat."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app
        .form(
            Some(&cookie),
            "my-vacancies/interest",
            &[("vacancy_id", &v.id.to_string()), ("message", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let rows = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(me.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

async fn invitations_are_answered_by_their_job_seeker_only(app: &TestApp) {
    let (me, cookie) = fatima(app).await;
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Orderpicker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let inv = invitation::ActiveModel {
        vacancy_id: Set(v.id),
        job_seeker_id: Set(me.id),
        employer_id: Set(v.employer_id),
        initiated_by: Set("employer".into()),
        message: Set("Kom je kennismaken?".into()),
        status: Set("sent".into()),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let id = inv.id.to_string();
    let listed = app.form(Some(&cookie), "my-vacancies", &[]).await.json();
    assert_eq!(
        listed["invitations"]["items"][0]["message"],
        "Kom je kennismaken?"
    );
    assert_eq!(
        listed["invitations"]["items"][0]["employer"],
        "Logistiek Rijnmond BV"
    );

    let other = app
        .job_seekers_of("Rotterdam")
        .await
        .into_iter()
        .find(|j| j.id != me.id && j.state == "active")
        .unwrap();
    let other_cookie = app.login(&app.login_email_of(&other).await).await;
    assert_eq!(
        app.form(
            Some(&other_cookie),
            "my-vacancies/respond",
            &[("id", &id), ("accept", "true")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let res = app
        .form(
            Some(&cookie),
            "my-vacancies/respond",
            &[("id", &id), ("accept", "true")],
        )
        .await;
    assert_eq!(res.json(), "accepted");
    let res = app
        .form(
            Some(&cookie),
            "my-vacancies/respond",
            &[("id", &id), ("accept", "false")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "answered once");
    assert_eq!(
        invitation::Entity::find_by_id(inv.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status,
        "accepted"
    );
}

async fn occupations_are_found_while_typing(app: &TestApp) {
    let (_, cookie) = fatima(app).await;
    let res = app
        .form(Some(&cookie), "occupations/search", &[("q", "magazij")])
        .await
        .json();
    let names: Vec<&str> = res
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Magazijnmedewerker"]);
    let res = app
        .form(Some(&cookie), "occupations/search", &[("q", "7512")])
        .await
        .json();
    assert_eq!(res[0]["name"], "Bakker");
    assert_eq!(
        app.form(None, "occupations/search", &[("q", "kok")])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

/// The newest mail of `kind` to `email`, if any.
use crate::common::mail_to;

/// Each change of address mails two addresses, one chosen by the asker: five a day per
/// account, counted before anything is mailed; a refused one stores and mails nothing.
async fn address_changes_are_limited_per_account_per_day(app: &TestApp) {
    common::away_from_window_edges().await;
    let (user, js) = fatima_records(app).await;
    let cookie = app.login(&user.email).await;
    let change = |to: String| {
        json!({ "id": js.id, "changes": [
            { "field": "email", "value": to },
            { "field": "interests", "value": format!("Koken ({to})") },
        ] })
    };
    for i in 0..5 {
        let res = app
            .json(
                Some(&cookie),
                "profile/update",
                change(format!("fatima.{i}@voorbeeld.nl")),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let res = app
        .json(
            Some(&cookie),
            "profile/update",
            change("fatima.6@voorbeeld.nl".into()),
        )
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(res.code(), "rate_limited");
    assert!(
        mail_to(app, "fatima.6@voorbeeld.nl", "email_change_confirm")
            .await
            .is_none()
    );
    let after = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let interests = after.interests.unwrap_or_default();
    assert!(interests.contains("fatima.4@"), "{interests}");
    assert!(
        !interests.contains("fatima.6@"),
        "nothing of the refused change stored"
    );
}

async fn a_new_email_address_is_confirmed_by_a_link_and_never_tells_who_has_an_account(
    app: &TestApp,
) {
    let (user, js) = fatima_records(app).await;
    let email = user.email;
    let cookie = app.login(&email).await;
    let change =
        |to: &'static str| json!({ "id": js.id, "changes": [{ "field": "email", "value": to }] });
    // An address with an account and a free one get the same answer, and nothing changes yet.
    let taken = "j.vanderlinden@bakkerij.hallowerk-demo.nl";
    let a = app
        .json(Some(&cookie), "profile/update", change(taken))
        .await;
    let b = app
        .json(
            Some(&cookie),
            "profile/update",
            change("Fatima.Nieuw@Voorbeeld.nl"),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(b.status, StatusCode::OK, "{}", b.body);
    assert_eq!(a.json()["email"], email.as_str());
    assert_eq!(a.json(), b.json());
    // The account's owner is told instead of getting a link; the old address hears of both.
    let note = mail_to(app, taken, "email_change_known_address")
        .await
        .unwrap();
    assert!(!note.body_text.contains("/e-mailadres-bevestigen/"));
    assert!(
        !note.body_text.contains("Fatima"),
        "nothing about the asker"
    );
    assert!(
        mail_to(app, &email, "email_change_requested")
            .await
            .is_some()
    );
    let confirm = mail_to(app, "fatima.nieuw@voorbeeld.nl", "email_change_confirm")
        .await
        .expect("a link to the new address");
    let token = common::token_in(&confirm.body_text, "/e-mailadres-bevestigen/");
    assert_eq!(
        app.user(&email).await.unwrap().email,
        email,
        "not changed yet"
    );

    // The link confirms (no log-in needed), once.
    let res = app.form(None, "email/confirm", &[("token", &token)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), "fatima.nieuw@voorbeeld.nl");
    let user = app_user_by_id(app, js.user_id).await;
    assert_eq!(user.email, "fatima.nieuw@voorbeeld.nl");
    let again = app.form(None, "email/confirm", &[("token", &token)]).await;
    assert_eq!(again.code(), "invalid");
    let updates = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("update"))
        .filter(entity::audit_log::Column::JobSeekerId.eq(js.id))
        .filter(entity::audit_log::Column::Fields.contains("email"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(updates, 1, "the change is audited once, when it happens");
}

/// Staff correct an address the same way: through a link to it, so an address of someone
/// they do not see (a job seeker elsewhere, an employer of another region) answers exactly as
/// a free one; only an account they see (here a job seeker of their own gemeente) is named as
/// taken.
async fn staff_address_changes_never_tell_who_has_an_account_elsewhere(app: &TestApp) {
    let (user, js) = fatima_records(app).await;
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    assert_eq!(
        app.municipality("Rotterdam").await.id,
        js.municipality_id,
        "Fatima is a job seeker of the staff member's own gemeente"
    );
    let change = |to: &str| json!({ "id": js.id, "changes": [{ "field": "email", "value": to }] });
    let elsewhere = address_of_job_seeker_in(app, "Schiedam", js.user_id).await;
    // An employer of another region (staff see the contact persons of their own region's).
    let employer = "werkgever@delft.test.nl";
    let free = app
        .json(
            Some(&staff),
            "profile/update",
            change("fatima@gemeente-hulp.nl"),
        )
        .await;
    assert_eq!(free.status, StatusCode::OK, "{}", free.body);
    for taken in [elsewhere.as_str(), employer] {
        let res = app
            .json(Some(&staff), "profile/update", change(taken))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.json(), free.json(), "the same answer as a free address");
        assert!(
            mail_to(app, taken, "email_change_known_address")
                .await
                .is_some(),
            "the owner of {taken} is told instead"
        );
    }
    assert_eq!(free.json()["email"], user.email.as_str(), "not changed yet");
    let confirm = mail_to(app, "fatima@gemeente-hulp.nl", "email_change_confirm")
        .await
        .expect("a link to the new address");
    assert!(
        confirm
            .body_text
            .contains("of door je gemeente als je werkzoekende bent")
    );
    assert!(
        mail_to(app, &user.email, "email_change_requested")
            .await
            .is_some(),
        "the old address hears of it"
    );
    // Only the last request counts: the link of the free address stopped working when staff
    // asked for the other two; asked again, its new link makes the address Fatima's.
    let first = common::token_in(&confirm.body_text, "/e-mailadres-bevestigen/");
    let res = app.form(None, "email/confirm", &[("token", &first)]).await;
    assert_eq!(res.code(), "invalid", "{}", res.body);
    let again = app
        .json(
            Some(&staff),
            "profile/update",
            change("fatima@gemeente-hulp.nl"),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let link = mail_to(app, "fatima@gemeente-hulp.nl", "email_change_confirm")
        .await
        .unwrap();
    let token = common::token_in(&link.body_text, "/e-mailadres-bevestigen/");
    assert_ne!(token, first);
    let res = app.form(None, "email/confirm", &[("token", &token)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        app_user_by_id(app, js.user_id).await.email,
        "fatima@gemeente-hulp.nl"
    );

    // A neighbour in the same gemeente: staff see that account already, so they are told.
    let neighbour = address_of_job_seeker_in(app, "Rotterdam", js.user_id).await;
    let res = app
        .json(Some(&staff), "profile/update", change(&neighbour))
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    assert!(
        res.body.contains("ander account dat je kunt zien"),
        "{}",
        res.body
    );
    assert!(
        mail_to(app, &neighbour, "email_change_known_address")
            .await
            .is_none()
    );

    // A mistyped address of a new job seeker: its holder got the activation link. The
    // correction tells the holder nothing (no name, no new address), and once confirmed, the
    // link sent to the mistyped address no longer works.
    let created = app
        .form(
            Some(&staff),
            "job-seekers/create",
            &[
                ("client_number", "RTD-950"),
                ("first_name", "Yara"),
                ("last_name", "Mendes"),
                ("email", "yara.mendez@voorbeeld.nl"),
                ("invite", "on"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let id = created.json().as_i64().unwrap();
    let typo_link = common::token_in(
        &mail_to(app, "yara.mendez@voorbeeld.nl", "activation")
            .await
            .unwrap()
            .body_text,
        "/activeren/",
    );
    let res = app
        .json(
            Some(&staff),
            "profile/update",
            json!({ "id": id, "changes": [{ "field": "email", "value": "yara.mendes@voorbeeld.nl" }] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        mail_to(app, "yara.mendez@voorbeeld.nl", "email_change_requested")
            .await
            .is_none(),
        "the stranger at the mistyped address hears nothing"
    );
    let confirm = mail_to(app, "yara.mendes@voorbeeld.nl", "email_change_confirm")
        .await
        .unwrap();
    let token = common::token_in(&confirm.body_text, "/e-mailadres-bevestigen/");
    let res = app.form(None, "email/confirm", &[("token", &token)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app
        .form(
            None,
            "activation/redeem",
            &[
                ("token", typo_link.as_str()),
                ("password", "een-heel-lang-wachtwoord"),
                ("password_repeat", "een-heel-lang-wachtwoord"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
}

/// Making an account for someone answers "in use" only for an account the maker sees: staff
/// making a job seeker with the address of a job seeker elsewhere (or an employer), and an
/// administrator making a staff account with a job seeker's address, are answered as for a free
/// address. The owner of the address gets a note instead of an activation link, the new
/// account cannot be activated while the owner signs in with the address, and the owner signs
/// in as before.
async fn making_an_account_never_tells_who_has_one_elsewhere(app: &TestApp) {
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let elsewhere = address_of_job_seeker_in(app, "Schiedam", 0).await;
    let neighbour = address_of_job_seeker_in(app, "Rotterdam", 0).await;
    let create = |number: &'static str, email: String| {
        let staff = staff.clone();
        async move {
            app.form(
                Some(&staff),
                "job-seekers/create",
                &[
                    ("client_number", number),
                    ("first_name", "Nieuw"),
                    ("last_name", "Profiel"),
                    ("email", email.as_str()),
                    ("invite", "on"),
                ],
            )
            .await
        }
    };
    let free = create("RTD-901", "nog.vrij@voorbeeld.nl".into()).await;
    let hidden = create("RTD-902", elsewhere.clone()).await;
    for res in [&free, &hidden] {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.json().as_i64().is_some(), "{}", res.body);
    }
    let seen = create("RTD-903", neighbour.clone()).await;
    assert_eq!(seen.status, StatusCode::BAD_REQUEST, "{}", seen.body);
    assert!(seen.body.contains("al een account"), "{}", seen.body);

    // The free address gets its activation link; the taken one a note.
    assert!(
        mail_to(app, "nog.vrij@voorbeeld.nl", "activation")
            .await
            .is_some()
    );
    assert!(mail_to(app, &elsewhere, "activation").await.is_none());
    let note = mail_to(app, &elsewhere, "invitation_known_address")
        .await
        .expect("a note to the owner of the address");
    assert!(!note.body_text.contains("/activeren/"));
    // A link made for the new account anyway cannot activate it while the owner signs in.
    let new_account = entity::app_user::Entity::find()
        .filter(entity::app_user::Column::Email.eq(&elsewhere))
        .filter(entity::app_user::Column::PasswordHash.is_null())
        .one(&app.db)
        .await
        .unwrap()
        .expect("the new account carries the address, unactivated");
    let token = service::identity::activation::issue(&app.db, &new_account, "Nieuw", "http://x")
        .await
        .unwrap();
    let res = app
        .form(
            None,
            "activation/redeem",
            &[
                ("token", token.as_str()),
                ("password", "een-heel-lang-wachtwoord"),
                ("password_repeat", "een-heel-lang-wachtwoord"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(
        res.body.contains("bestaat al een HalloWerk-account"),
        "{}",
        res.body
    );
    app.login(&elsewhere).await;
    // Erasing the new profile leaves the owner's mail alone: what went to the shared address
    // is theirs.
    let owners_mail = || async {
        outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq(&elsewhere))
            .filter(outbox::Column::Kind.ne("invitation_known_address"))
            .count(&app.db)
            .await
            .unwrap()
    };
    let asked = app
        .form(None, "password/forgot", &[("email", elsewhere.as_str())])
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let before = owners_mail().await;
    assert!(before > 0, "the owner's reset link is on its way");
    let profile = job_seeker::Entity::find()
        .filter(job_seeker::Column::UserId.eq(new_account.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    service::model::erasure::erase_now(
        &app.db,
        app.media().as_ref(),
        profile,
        "closed",
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(owners_mail().await, before);
    app.login(&elsewhere).await;

    // The administrator sees staff, partner and administrator accounts, not job seekers.
    let admin = app.login(common::ADMIN_EMAIL).await;
    let rotterdam = app.municipality("Rotterdam").await.id.to_string();
    let make_staff = |email: String| {
        let (admin, rotterdam) = (admin.clone(), rotterdam.clone());
        async move {
            app.form(
                Some(&admin),
                "admin/accounts/create-staff",
                &[
                    ("municipality_id", rotterdam.as_str()),
                    ("first_name", "Nieuw"),
                    ("last_name", "Lid"),
                    ("email", email.as_str()),
                ],
            )
            .await
        }
    };
    let res = make_staff(neighbour.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let colleague = app.email_of_role("staff", Some("Schiedam")).await;
    let res = make_staff(colleague).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(res.body.contains("al een account"), "{}", res.body);
}

/// The address of an activated job seeker of `gemeente` other than `except_user`.
async fn address_of_job_seeker_in(app: &TestApp, gemeente: &str, except_user: i32) -> String {
    use sea_orm::QueryOrder;
    let m = app.municipality(gemeente).await;
    let profiles = job_seeker::Entity::find()
        .filter(job_seeker::Column::MunicipalityId.eq(m.id))
        .filter(job_seeker::Column::UserId.ne(except_user))
        .order_by_asc(job_seeker::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    for p in profiles {
        let user = app_user_by_id(app, p.user_id).await;
        if user.password_hash.is_some() {
            return user.email;
        }
    }
    panic!("no activated job seeker in {gemeente}")
}

async fn app_user_by_id(app: &TestApp, id: i32) -> entity::app_user::Model {
    entity::app_user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

on_both_databases!(
    activation_link_sets_a_password_once,
    activation_links_expire_after_seven_days,
    uploads_are_refused_before_their_body_is_read,
    uploads_are_checked_by_content_and_size,
    media_is_served_only_to_those_who_may_see_it,
    a_photo_is_stored_without_its_location_or_hidden_bytes,
    a_video_is_stored_without_the_place_it_was_made,
    a_video_is_streamed_in_the_parts_the_player_asks_for,
    uploads_per_account_are_limited,
    pausing_hides_the_profile_from_employers_at_once,
    consent_is_the_job_seekers_alone,
    privacy_requests_carry_the_legal_deadline,
    the_job_seeker_sees_who_viewed_the_profile,
    export_contains_everything_of_the_person_and_nobody_else,
    vacancies_for_me_explain_the_match,
    my_vacancies_and_invitations_are_paged,
    invitations_are_answered_by_their_job_seeker_only,
    occupations_are_found_while_typing,
    a_new_email_address_is_confirmed_by_a_link_and_never_tells_who_has_an_account,
    staff_address_changes_never_tell_who_has_an_account_elsewhere,
    making_an_account_never_tells_who_has_one_elsewhere,
    address_changes_are_limited_per_account_per_day,
);
