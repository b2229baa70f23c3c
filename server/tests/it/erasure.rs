//! Erasure over HTTP against a real database: after staff grant an erasure request no table of
//! the database and no media file holds any value of the person (only the anonymous tombstone
//! remains), and a failure halfway through a decision leaves the request open and the profile
//! whole. The database still refuses every change to the audit log but clearing an origin.

use crate::common;
use crate::common::smtp::SmtpSink;
use crate::common::{TestApp, fatima_records};
use axum::body::Body;
use chrono::{Duration, Utc};
use entity::{
    app_user, audit_log, contact_message, erased_profile, job_seeker, outbox, privacy_request,
    saved_search, vacancy,
};
use http::{Request, StatusCode, header};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, Set, Statement,
};
use serde_json::json;
use server::clock::ManualClock;
use server::jobs::Runner;
use server::mailer::{Mailer, SmtpConfig, SmtpTls};
use std::sync::Arc;

const LOGISTICS: &str = "h.koster@logistiek.hallowerk-demo.nl";
/// Her own client address, unlike the one the test app gives everyone else.
const HER_IP: [u8; 4] = [192, 0, 2, 77];
const HER_PHONE: &str = "0687654329";
const HER_POSTAL_CODE: &str = "9999 ZZ";
/// Found in her video, and nowhere else (her photo is re-encoded, so its stored bytes are
/// searched for instead).
const VIDEO_MARK: &[u8] = b"HW-ERASURE-VIDEO-0b8e44d1";
const MP4: &[u8] = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom\0\0\0\x08free";

/// A request from her own address (the harness sends everything else from `app.client`).
async fn from_her(app: &TestApp, req: Request<Body>) -> common::Response {
    app.request_from(std::net::SocketAddr::from((HER_IP, 50000)), req)
        .await
}

async fn her_form(
    app: &TestApp,
    cookie: Option<&str>,
    endpoint: &str,
    args: &[(&str, &str)],
) -> common::Response {
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let body = serde_urlencoded::to_string(args).unwrap();
    from_her(app, req.body(Body::from(body)).unwrap()).await
}

async fn her_login(app: &TestApp, email: &str) -> String {
    let res = her_form(
        app,
        None,
        "login",
        &[("email", email), ("password", common::DEMO_PASSWORD)],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    common::session_cookie(&res)
}

async fn her_upload(app: &TestApp, cookie: &str, kind: &str, body: Vec<u8>) {
    let req = Request::put(format!("/media/profile/{kind}"))
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let res = from_her(app, req).await;
    assert_eq!(res.status, StatusCode::OK, "upload {kind}: {}", res.body);
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    common::strings(&app.db, sql).await
}

/// Every value of every column of every table, as bytes: `(table, column, value)`. Tables and
/// columns come from the database catalogue, so a table added later is searched too.
async fn every_value(app: &TestApp) -> Vec<(String, String, Vec<u8>)> {
    let backend = app.db.get_database_backend();
    let tables = match backend {
        DbBackend::Sqlite => {
            strings(
                app,
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            )
            .await
        }
        _ => {
            strings(
                app,
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
            )
            .await
        }
    };
    assert!(tables.len() > 15, "tables: {tables:?}");
    let mut out = vec![];
    for table in tables {
        // Each column as hex, so text, numbers, dates and blobs all compare as bytes.
        let columns: Vec<(String, String)> = match backend {
            DbBackend::Sqlite => strings(
                app,
                &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            )
            .await
            .into_iter()
            .map(|c| {
                let expr = format!("hex(\"{c}\")");
                (c, expr)
            })
            .collect(),
            _ => {
                let sql = format!(
                    "SELECT column_name::text || ':' || data_type::text FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
                );
                strings(app, &sql)
                    .await
                    .into_iter()
                    .map(|cd| {
                        let (c, ty) = cd.rsplit_once(':').unwrap();
                        let expr = if ty == "bytea" {
                            format!("encode(\"{c}\", 'hex')")
                        } else {
                            format!("encode(convert_to(\"{c}\"::text, 'UTF8'), 'hex')")
                        };
                        (c.to_string(), expr)
                    })
                    .collect()
            }
        };
        assert!(!columns.is_empty(), "no columns for {table}");
        let select = columns
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let rows = app
            .db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT {select} FROM \"{table}\""),
            ))
            .await
            .unwrap_or_else(|e| panic!("reading {table}: {e}"));
        for row in rows {
            for (i, (c, _)) in columns.iter().enumerate() {
                if let Some(h) = row.try_get_by_index::<Option<String>>(i).unwrap() {
                    out.push((table.clone(), c.clone(), unhex(&h)));
                }
            }
        }
    }
    out
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    let (h, n) = (haystack.to_ascii_lowercase(), needle.to_ascii_lowercase());
    !n.is_empty() && h.windows(n.len()).any(|w| w == n.as_slice())
}

/// Her values, each with a label.
struct Traces(Vec<(&'static str, Vec<u8>)>);

impl Traces {
    /// Where in the database each of her values occurs: `(value, table, column)`.
    async fn in_database(&self, app: &TestApp) -> Vec<(&'static str, String, String)> {
        let mut found = vec![];
        for (table, column, value) in every_value(app).await {
            for (label, needle) in &self.0 {
                if holds(&value, needle) {
                    found.push((*label, table.clone(), column.clone()));
                }
            }
        }
        found
    }

    fn in_media(&self, app: &TestApp) -> Vec<(&'static str, std::path::PathBuf)> {
        let mut found = vec![];
        for (path, bytes) in common::media_files(&app.media_dir) {
            for (label, needle) in &self.0 {
                if holds(&bytes, needle) {
                    found.push((*label, path.clone()));
                }
            }
        }
        found
    }
}

async fn staff_of(app: &TestApp, gemeente: &str) -> String {
    app.login(&app.email_of_role("staff", Some(gemeente)).await)
        .await
}

async fn open_request_id(app: &TestApp, staff: &str) -> String {
    let queue = app
        .form(Some(staff), "privacy-desk/queue", &[])
        .await
        .json();
    let open: Vec<_> = queue["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "erasure" && r["status"] == "open")
        .collect();
    assert_eq!(open.len(), 1, "{queue}");
    open[0]["id"].to_string()
}

async fn grant_now(app: &TestApp, staff: &str, id: &str) -> common::Response {
    app.form(
        Some(staff),
        "privacy-desk/decide",
        &[
            ("id", id),
            ("decision", "grant"),
            ("reason", "Er geldt geen bewaarplicht meer."),
            ("erase", "now"),
        ],
    )
    .await
}

fn smtp_config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "HalloWerk <noreply@hallowerk.nl>".into(),
    }
}

async fn erasure_leaves_no_trace_of_the_person(app: &TestApp) {
    let (user, js) = fatima_records(app).await;
    let email = user.email.clone();
    let name = format!("{} {}", js.first_name, js.last_name);
    // As a list names a person: first name and initial.
    let listed = format!("{} {}.", js.first_name, &js.last_name[..1]);
    let ip = std::net::Ipv4Addr::from(HER_IP).to_string();

    // Her own doings, from her own address: two sessions, a new photo and a video, her phone
    // and postal code, an erasure request.
    her_login(app, &email).await;
    let me = her_login(app, &email).await;
    her_upload(app, &me, "photo", server::demo::fake::avatar_png(11)).await;
    let photo_key = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .photo_key
        .unwrap();
    let photo = std::fs::read(app.media_dir.join(&photo_key[..2]).join(&photo_key)).unwrap();
    // Her mark as the video's media data (an `mdat` box), which cleaning leaves as it is.
    let mdat = ((8 + VIDEO_MARK.len()) as u32).to_be_bytes();
    her_upload(
        app,
        &me,
        "video",
        [MP4, &mdat, b"mdat", VIDEO_MARK].concat(),
    )
    .await;
    let changes = json!({ "id": js.id, "changes": [
        { "field": "phone", "value": HER_PHONE },
        { "field": "postal_code", "value": HER_POSTAL_CODE },
    ] });
    let res = from_her(
        app,
        Request::post("/api/profile/update")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &me)
            .body(Body::from(changes.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = her_form(
        app,
        Some(&me),
        "privacy/request",
        &[
            ("kind", "erasure"),
            ("field", ""),
            ("details", &format!("Bel me gerust op {HER_PHONE}.")),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // What others keep about her: an invitation (and its mail to her), a digest naming her to
    // the employer, an activation link, a contact-form message.
    let employer = app.login(LOGISTICS).await;
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Heftruckchauffeur"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = app
        .form(
            Some(&employer),
            "invitations/send",
            &[
                ("vacancy_id", &v.id.to_string()),
                ("job_seeker_id", &js.id.to_string()),
                (
                    "message",
                    &format!("Beste {name}, zin in een kennismaking?"),
                ),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // Her consultant's note names her.
    let consultant = staff_of(app, "Rotterdam").await;
    let res = app
        .form(
            Some(&consultant),
            "job-seekers/note",
            &[
                ("id", &js.id.to_string()),
                ("text", &format!("Gesprek met {name} over een stage.")),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app
        .json(
            Some(&employer),
            "saved-searches/save",
            json!({ "name": "Alle kandidaten", "filter": {}, "daily_digest": true }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // Saved long ago, so every current candidate is new to it.
    for s in saved_search::Entity::find().all(&app.db).await.unwrap() {
        let mut s: saved_search::ActiveModel = s.into();
        s.created_at = Set(Utc::now() - Duration::days(400));
        s.update(&app.db).await.unwrap();
    }
    service::employer::saved_searches::send_digests(&app.db, Utc::now(), "http://localhost")
        .await
        .unwrap();
    let digest = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("saved_search_digest"))
        .filter(outbox::Column::ToAddress.eq(LOGISTICS))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a digest to the employer");
    assert!(digest.body_text.contains(&listed), "{}", digest.body_text);
    service::identity::activation::issue(&app.db, &user, &js.first_name, "http://localhost")
        .await
        .unwrap();
    contact_message::ActiveModel {
        region_id: Set(app.municipality("Rotterdam").await.region_id),
        qualification: Set("werkzoekende".into()),
        first_name: Set(js.first_name.clone()),
        last_name: Set(js.last_name.clone()),
        email: Set(email.clone()),
        phone: Set(Some(HER_PHONE.into())),
        message: Set("Ik zoek werk.".into()),
        status: Set("new".into()),
        reply_note: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        received_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();

    let js = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(js.phone.as_deref(), Some(HER_PHONE));
    assert_eq!(js.postal_code.as_deref(), Some(HER_POSTAL_CODE));
    let traces = Traces(vec![
        ("e-mail", email.clone().into_bytes()),
        ("name", name.clone().into_bytes()),
        ("listed name", listed.clone().into_bytes()),
        ("client number", js.client_number.clone().into_bytes()),
        ("phone", HER_PHONE.as_bytes().to_vec()),
        ("postal code", HER_POSTAL_CODE.as_bytes().to_vec()),
        ("ip address", ip.clone().into_bytes()),
        ("photo bytes", photo.clone()),
        ("video", VIDEO_MARK.to_vec()),
    ]);

    // The search finds each of her values before the erasure (else it proves nothing after).
    let before = traces.in_database(app).await;
    for (label, table) in [
        ("e-mail", "app_user"),
        ("e-mail", "outbox"),
        ("e-mail", "contact_message"),
        ("listed name", "outbox"),
        ("name", "invitation"),
        ("name", "consultant_note"),
        ("client number", "job_seeker"),
        ("phone", "job_seeker"),
        ("phone", "privacy_request"),
        ("postal code", "job_seeker"),
        ("ip address", "audit_log"),
    ] {
        assert!(
            before.iter().any(|(l, t, _)| *l == label && t == table),
            "{label} not found in {table} before erasure: {before:?}"
        );
    }
    let media = traces.in_media(app);
    for label in ["photo bytes", "video"] {
        assert!(media.iter().any(|(l, _)| *l == label), "{label}: {media:?}");
    }
    let staff = staff_of(app, "Rotterdam").await;
    let staff_id = app
        .user(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await
        .unwrap()
        .id;

    let id = open_request_id(app, &staff).await;
    let res = grant_now(app, &staff, &id).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // Only the decision mail waits for her address, and it does not name her.
    let found = traces.in_database(app).await;
    assert_eq!(
        found,
        vec![("e-mail", "outbox".to_string(), "to_address".to_string())],
        "traces of the erased person"
    );
    let last = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(&email))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].kind, "request_decided");
    assert!(
        !last[0].body_text.contains(&js.first_name),
        "{}",
        last[0].body_text
    );
    assert_eq!(traces.in_media(app), vec![], "media of the erased person");
    // The employer's digest still goes, without her.
    let digest = outbox::Entity::find_by_id(digest.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        digest.body_text.contains("[verwijderd]"),
        "{}",
        digest.body_text
    );
    assert!(digest.body_html.contains("[verwijderd]"));
    // Only her own entries lose their address; the audit log keeps every entry.
    assert!(
        audit_log::Entity::find()
            .filter(audit_log::Column::ActorUserId.eq(staff_id))
            .all(&app.db)
            .await
            .unwrap()
            .iter()
            .all(|e| e.origin.is_some())
    );
    assert!(
        audit_log::Entity::find()
            .filter(audit_log::Column::ActorUserId.eq(user.id))
            .count(&app.db)
            .await
            .unwrap()
            >= 4
    );
    let tombstones = erased_profile::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(tombstones.len(), 1);
    assert_eq!(tombstones[0].reason, "request");

    // Once the decision mail is sent, the outbox forgets it too.
    let sink = SmtpSink::start().await;
    let runner = Runner::new(
        app.db.clone(),
        app.media(),
        Arc::new(ManualClock::new(Utc::now())),
        Some(Mailer::new(&smtp_config(sink.port)).unwrap()),
    );
    runner.run_due().await.unwrap();
    let sent = sink.messages();
    let to_her: Vec<_> = sent
        .iter()
        .filter(|m| m.to.iter().any(|t| t.contains(&email)))
        .collect();
    assert_eq!(to_her.len(), 1, "{sent:?}");
    assert!(to_her[0].data.contains("Beste heer, mevrouw"));
    assert_eq!(traces.in_database(app).await, vec![], "after delivery");
}

/// Makes deleting an account fail: the last step of an erasure.
async fn break_account_deletes(app: &TestApp) {
    let stmts: &[&str] = match app.db.get_database_backend() {
        DbBackend::Sqlite => &["CREATE TRIGGER test_broken BEFORE DELETE ON app_user \
             BEGIN SELECT RAISE(ABORT, 'kunstmatige storing'); END"],
        _ => &[
            "CREATE FUNCTION test_broken() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'kunstmatige storing'; END $$",
            "CREATE TRIGGER test_broken BEFORE DELETE ON app_user \
             FOR EACH ROW EXECUTE FUNCTION test_broken()",
        ],
    };
    for s in stmts {
        app.db.execute_unprepared(s).await.unwrap();
    }
}

async fn mend_account_deletes(app: &TestApp) {
    let sql = match app.db.get_database_backend() {
        DbBackend::Sqlite => "DROP TRIGGER test_broken",
        _ => "DROP TRIGGER test_broken ON app_user",
    };
    app.db.execute_unprepared(sql).await.unwrap();
}

/// The whole database but sessions (each request extends its session) and the processing
/// log (a failed request adds its failed operations there: [`failed_operations_only`]), with
/// SQLite's counter of its ids (any other table's counter moves only with rows of that table,
/// which are compared).
async fn snapshot(app: &TestApp) -> Vec<(String, String, Vec<u8>)> {
    let mut all: Vec<_> = every_value(app)
        .await
        .into_iter()
        .filter(|(t, _, _)| !["session", "processing_log", "sqlite_sequence"].contains(&t.as_str()))
        .collect();
    all.sort();
    all
}

/// The processing log rows since `before` (its highest id) record failures only: a failed
/// request logged what it tried, nothing as done.
async fn failed_operations_only(app: &TestApp, before: i64) -> usize {
    let new = entity::processing_log::Entity::find()
        .filter(entity::processing_log::Column::Id.gt(before))
        .all(&app.db)
        .await
        .unwrap();
    for r in &new {
        assert_eq!(
            r.status_code,
            kernel::processing::Status::Error as i16,
            "{r:?}"
        );
    }
    new.len()
}

async fn last_log_id(app: &TestApp) -> i64 {
    entity::processing_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .max()
        .unwrap_or(0)
}

async fn a_failed_erasure_changes_nothing(app: &TestApp) {
    let (user, js) = fatima_records(app).await;
    let me = her_login(app, &user.email).await;
    her_form(
        app,
        Some(&me),
        "privacy/request",
        &[("kind", "erasure"), ("field", ""), ("details", "")],
    )
    .await;
    let staff = staff_of(app, "Rotterdam").await;
    let id = open_request_id(app, &staff).await;
    let photo = js.photo_key.clone().expect("demo photo");
    let photo_path = app.media_dir.join(&photo[..2]).join(&photo);
    assert!(photo_path.exists());

    break_account_deletes(app).await;
    let before = snapshot(app).await;
    let log_before = last_log_id(app).await;
    let res = grant_now(app, &staff, &id).await;
    assert_ne!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        failed_operations_only(app, log_before).await >= 1,
        "the failed erasure is in her processing log"
    );
    // Nothing half: the request is open, the profile, account, photo, sessions, mail and her
    // audit addresses are as they were, and no decision or erasure is in the audit log.
    assert!(
        before == snapshot(app).await,
        "a failed decision changed the database"
    );
    let request = privacy_request::Entity::find()
        .filter(privacy_request::Column::JobSeekerId.eq(js.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(request.status, "open");
    assert!(request.decided_at.is_none());
    assert!(
        job_seeker::Entity::find_by_id(js.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );
    assert!(photo_path.exists(), "the photo of a profile that stays");
    assert_eq!(
        erased_profile::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    // The same for closing a profile (Delft keeps none: erased at once) and for the
    // retention job.
    let delft = staff_of(app, "Delft").await;
    let theirs = app.job_seekers_of("Delft").await.remove(0);
    let before = snapshot(app).await;
    let res = app
        .form(
            Some(&delft),
            "job-seekers/close",
            &[("id", &theirs.id.to_string())],
        )
        .await;
    assert_ne!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        before == snapshot(app).await,
        "a failed close changed the database"
    );

    let mut due: job_seeker::ActiveModel = js.clone().into();
    due.state = Set("erasure_pending".into());
    due.erase_after = Set(Some(Utc::now() - Duration::days(1)));
    due.update(&app.db).await.unwrap();
    let before = snapshot(app).await;
    assert!(
        service::model::erasure::erase_due(&app.db, app.media().as_ref(), Utc::now())
            .await
            .is_err()
    );
    assert!(
        before == snapshot(app).await,
        "a failed retention erasure changed the database"
    );
    assert!(photo_path.exists());

    // Mended, the same decisions go through.
    mend_account_deletes(app).await;
    assert_eq!(
        service::model::erasure::erase_due(&app.db, app.media().as_ref(), Utc::now())
            .await
            .unwrap(),
        1
    );
    assert!(!photo_path.exists());
    assert!(
        app_user::Entity::find_by_id(user.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    let res = app
        .form(
            Some(&delft),
            "job-seekers/close",
            &[("id", &theirs.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        erased_profile::Entity::find().count(&app.db).await.unwrap(),
        2
    );
}

async fn the_audit_log_accepts_only_clearing_an_origin(app: &TestApp) {
    let (user, _) = fatima_records(app).await;
    her_login(app, &user.email).await;
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::ActorUserId.eq(user.id))
        .filter(audit_log::Column::Origin.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .expect("her log-in, with its address");
    let id = entry.id;
    for sql in [
        format!("UPDATE audit_log SET result = 'denied' WHERE id = {id}"),
        format!("UPDATE audit_log SET origin = '10.9.9.9' WHERE id = {id}"),
        format!("UPDATE audit_log SET origin = NULL, action = 'read' WHERE id = {id}"),
        format!("UPDATE audit_log SET origin = NULL, actor_user_id = NULL WHERE id = {id}"),
        format!("DELETE FROM audit_log WHERE id = {id}"),
    ] {
        let err = app.db.execute_unprepared(&sql).await.expect_err(&sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(
        audit_log::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap(),
        Some(entry.clone())
    );
    app.db
        .execute_unprepared(&format!(
            "UPDATE audit_log SET origin = NULL WHERE id = {id}"
        ))
        .await
        .unwrap();
    let cleared = audit_log::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        cleared,
        audit_log::Model {
            origin: None,
            ..entry
        }
    );
}

on_both_databases!(
    erasure_leaves_no_trace_of_the_person,
    a_failed_erasure_changes_nothing,
    the_audit_log_accepts_only_clearing_an_origin,
);
