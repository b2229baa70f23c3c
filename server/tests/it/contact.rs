//! The public contact form, its regional routing, the one-month retention purge, the job
//! runner's claim, and e-mail delivery to a real (local) SMTP server.

use crate::common;
use crate::common::TestApp;
use crate::common::smtp::SmtpSink;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use entity::{contact_archive, contact_message, outbox, region, session};
use http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use server::clock::ManualClock;
use server::jobs::{self, Runner};
use server::mailer::{self, Mailer, SmtpConfig, SmtpTls};
use std::sync::Arc;

fn started_seconds_ago(s: i64) -> String {
    (Utc::now() - Duration::seconds(s))
        .timestamp_millis()
        .to_string()
}

async fn region_id(app: &TestApp, name: &str) -> i32 {
    region::Entity::find()
        .filter(region::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A valid submission for `region`, with `overrides` replacing fields.
async fn submit(app: &TestApp, region: &str, overrides: &[(&str, &str)]) -> common::Response {
    let region = region_id(app, region).await.to_string();
    let started = started_seconds_ago(10);
    let mut fields: Vec<(&str, &str)> = vec![
        ("first_name", "Joyce"),
        ("last_name", "Pinas"),
        ("email", "joyce.pinas@voorbeeld.nl"),
        ("phone", "06 1234 5678"),
        ("qualification", "werkgever"),
        ("region_id", &region),
        ("message", "Hoe kan ik een vacature plaatsen?"),
        ("website", ""),
        ("started", &started),
    ];
    for (k, v) in overrides {
        fields.iter_mut().find(|(f, _)| f == k).unwrap().1 = v;
    }
    app.form(None, "contact/submit", &fields).await
}

async fn messages(app: &TestApp) -> u64 {
    contact_message::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

async fn bad_input_is_refused_and_nothing_is_stored(app: &TestApp) {
    let too_fast = started_seconds_ago(1);
    let long = "x".repeat(5001);
    for (overrides, field) in [
        (vec![("first_name", " ")], "first_name"),
        (vec![("last_name", "")], "last_name"),
        (vec![("email", "joyce@")], "email"),
        (vec![("phone", "12345")], "phone"),
        (vec![("qualification", "directeur")], "qualification"),
        (vec![("region_id", "99999")], "region_id"),
        (vec![("message", "   ")], "message"),
        (vec![("message", long.as_str())], "message"),
        (vec![("started", too_fast.as_str())], "form"),
    ] {
        let res = submit(app, "Rijnmond", &overrides).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{field}: {}", res.body);
        assert_eq!(res.json()["field"], field);
        assert!(!res.json()["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(messages(app).await, 0);
    assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
    // Phone is optional.
    let res = submit(app, "Rijnmond", &[("phone", "")]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(messages(app).await, 1);
}

async fn honeypot_catches_bots_silently(app: &TestApp) {
    let res = submit(app, "Rijnmond", &[("website", "http://spam.example")]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(messages(app).await, 0);
}

async fn submissions_are_rate_limited_per_client(app: &TestApp) {
    common::away_from_window_edges().await;
    for _ in 0..5 {
        assert_eq!(submit(app, "Rijnmond", &[]).await.status, StatusCode::OK);
    }
    let res = submit(app, "Rijnmond", &[]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(messages(app).await, 5);
}

async fn messages_reach_only_their_region(app: &TestApp) {
    assert_eq!(
        submit(app, "Rijnmond", &[("first_name", "Rijn")])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        submit(app, "Haaglanden", &[("first_name", "Haag")])
            .await
            .status,
        StatusCode::OK
    );

    let rijnmond_staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let delft_staff = app.login("staff@delft.test.nl").await;
    let inbox = app.form(Some(&rijnmond_staff), "contact/inbox", &[]).await;
    assert_eq!(inbox.status, StatusCode::OK);
    let names: Vec<String> = inbox.json()["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["first_name"].as_str().unwrap().into())
        .collect();
    assert_eq!(names, ["Rijn"]);
    let inbox = app.form(Some(&delft_staff), "contact/inbox", &[]).await;
    let list = &inbox.json()["messages"];
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["first_name"], "Haag");
    assert!(!inbox.body.contains("Rijn"));

    // Staff of another region cannot handle it either.
    let rijn_id = contact_message::Entity::find()
        .filter(contact_message::Column::FirstName.eq("Rijn"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let res = app
        .form(
            Some(&delft_staff),
            "contact/handle",
            &[("id", &rijn_id), ("reply_note", "x")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .form(
            Some(&rijnmond_staff),
            "contact/handle",
            &[("id", &rijn_id), ("reply_note", "Gebeld")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let m = contact_message::Entity::find_by_id(rijn_id.parse::<i32>().unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (m.status.as_str(), m.reply_note.as_deref()),
        ("handled", Some("Gebeld"))
    );

    // Employers and the public have no inbox.
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    assert_eq!(
        app.form(Some(&employer), "contact/inbox", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.form(None, "contact/inbox", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Rijnmond has a department address: one routed mail; Haaglanden has none.
    let mails = outbox::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0]
            .to_address
            .starts_with("werkgeversservicepunt@rijnmond")
    );
    assert!(
        mails[0].body_text.contains("Rijn Pinas")
            && mails[0]
                .body_text
                .contains("Hoe kan ik een vacature plaatsen?")
    );
    assert_eq!(mails[0].status, "pending");
}

async fn insert_message(app: &TestApp, received_at: DateTime<Utc>, qualification: &str) -> i32 {
    contact_message::ActiveModel {
        region_id: Set(region_id(app, "Rijnmond").await),
        qualification: Set(qualification.into()),
        first_name: Set("Oud".into()),
        last_name: Set("Bericht".into()),
        email: Set("oud@voorbeeld.nl".into()),
        phone: Set(Some("0612345678".into())),
        message: Set("Persoonlijke vraag".into()),
        status: Set("open".into()),
        reply_note: Set(None),
        handled_by: Set(None),
        handled_at: Set(None),
        received_at: Set(received_at),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn purge_deletes_exactly_what_is_a_month_old(app: &TestApp) {
    let now: DateTime<Utc> = "2026-03-31T12:00:00Z".parse().unwrap();
    let old = insert_message(app, "2026-01-15T09:00:00Z".parse().unwrap(), "werkzoekende").await;
    let boundary = insert_message(app, "2026-02-28T12:00:00Z".parse().unwrap(), "werkgever").await; // +1 month = 31 March 12:00
    let recent = insert_message(app, "2026-02-28T12:00:01Z".parse().unwrap(), "overig").await;
    let fresh = insert_message(app, "2026-03-30T08:00:00Z".parse().unwrap(), "overig").await;

    assert_eq!(jobs::purge_contact_messages(&app.db, now).await.unwrap(), 2);
    let left: Vec<i32> = contact_message::Entity::find()
        .order_by_asc(contact_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(left, [recent, fresh]);
    let archive = contact_archive::Entity::find()
        .order_by_asc(contact_archive::Column::MessageId)
        .all(&app.db)
        .await
        .unwrap();
    let kept: Vec<(i32, &str, String)> = archive
        .iter()
        .map(|a| {
            (
                a.message_id,
                a.qualification.as_str(),
                a.received_month.to_string(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            (old, "werkzoekende", "2026-01-01".into()),
            (boundary, "werkgever", "2026-02-01".into())
        ]
    );

    // Running it again changes nothing.
    assert_eq!(jobs::purge_contact_messages(&app.db, now).await.unwrap(), 0);
    assert_eq!(
        contact_archive::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
    assert_eq!(messages(app).await, 2);
}

async fn two_runners_do_the_work_once(app: &TestApp) {
    let t0: DateTime<Utc> = Utc::now();
    for days in [40, 35, 33, 1] {
        insert_message(app, t0 - Duration::days(days), "overig").await;
    }
    let clock = ManualClock::new(t0);
    let a = Runner::new(app.db.clone(), app.media(), Arc::new(clock.clone()), None);
    let b = Runner::new(app.db.clone(), app.media(), Arc::new(clock.clone()), None);
    let (ra, rb) = tokio::join!(a.run_due(), b.run_due());
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    let runs = [&ra, &rb]
        .iter()
        .filter(|r| r.ran.contains(&jobs::PURGE_CONTACT.name))
        .count();
    assert_eq!(runs, 1, "exactly one runner purged: {ra:?} {rb:?}");
    assert_eq!(ra.contact_purged + rb.contact_purged, 3);
    assert_eq!(
        contact_archive::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        3
    );

    // Not due again within the hour; due after it (and then there is nothing left to do).
    assert!(
        !a.run_due()
            .await
            .unwrap()
            .ran
            .contains(&jobs::PURGE_CONTACT.name)
    );
    clock.advance(Duration::minutes(61));
    let again = b.run_due().await.unwrap();
    assert!(again.ran.contains(&jobs::PURGE_CONTACT.name));
    assert_eq!(again.contact_purged, 0);
    assert_eq!(
        contact_archive::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        3
    );

    // The same month later, the last message goes too.
    clock.advance(Duration::days(31));
    assert_eq!(a.run_due().await.unwrap().contact_purged, 1);
    assert_eq!(messages(app).await, 0);
}

async fn expired_sessions_are_removed(app: &TestApp) {
    let cookie = app.login(common::ADMIN_EMAIL).await;
    let clock = ManualClock::new(Utc::now());
    let runner = Runner::new(app.db.clone(), app.media(), Arc::new(clock.clone()), None);
    assert_eq!(runner.run_due().await.unwrap().sessions_purged, 0);
    clock.advance(Duration::hours(9));
    assert_eq!(runner.run_due().await.unwrap().sessions_purged, 1);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        app.form(Some(&cookie), "me", &[]).await.json(),
        serde_json::Value::Null
    );
}

fn sink_config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "HalloWerk <noreply@hallowerk.nl>".into(),
    }
}

async fn mail_is_delivered_over_smtp(app: &TestApp) {
    assert_eq!(
        submit(app, "Rijnmond", &[("first_name", "Mailtje")])
            .await
            .status,
        StatusCode::OK
    );
    // Without SMTP the mail stays in the outbox.
    let kept = mailer::deliver_due(&app.db, None, Utc::now())
        .await
        .unwrap();
    assert_eq!((kept.sent, kept.waiting), (0, 1));

    let sink = SmtpSink::start().await;
    let m = Mailer::new(&sink_config(sink.port)).unwrap();
    let report = mailer::deliver_due(&app.db, Some(&m), Utc::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert!(got[0].to[0].contains("werkgeversservicepunt@rijnmond"));
    let data = &got[0].data;
    assert!(data.contains("Subject: Nieuw contactformulier"), "{data}");
    assert!(
        data.contains("multipart/alternative")
            && data.contains("text/plain")
            && data.contains("text/html")
    );
    assert!(data.contains("Mailtje"));
    let row = outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.status, "sent");
    assert!(row.sent_at.is_some());
    // Sent mail is not sent twice.
    assert_eq!(
        mailer::deliver_due(&app.db, Some(&m), Utc::now())
            .await
            .unwrap()
            .sent,
        0
    );
    assert_eq!(sink.messages().len(), 1);
}

async fn failed_delivery_is_retried_with_backoff_then_marked_failed(app: &TestApp) {
    assert_eq!(submit(app, "Rijnmond", &[]).await.status, StatusCode::OK);
    // A port where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let m = Mailer::new(&sink_config(closed)).unwrap();
    // Whole seconds: the database keeps microseconds at most.
    let mut now = Utc::now().trunc_subsecs(0) + Duration::seconds(1);
    for attempt in 1..mailer::MAX_ATTEMPTS {
        let r = mailer::deliver_due(&app.db, Some(&m), now).await.unwrap();
        assert_eq!(r.retried, 1, "attempt {attempt}");
        let row = outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!((row.status.as_str(), row.attempts), ("pending", attempt));
        assert_eq!(row.next_attempt_at, now + mailer::backoff(attempt));
        assert!(row.last_error.is_some());
        // Not due before the back-off has passed.
        assert_eq!(
            mailer::deliver_due(&app.db, Some(&m), now).await.unwrap(),
            Default::default()
        );
        now += mailer::backoff(attempt);
    }
    let r = mailer::deliver_due(&app.db, Some(&m), now).await.unwrap();
    assert_eq!(r.failed, 1);
    assert_eq!(
        outbox::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .status,
        "failed"
    );
}

/// The inbox is read a page at a time: open messages first, newest first; a page past the end
/// is the last page, a negative one a clear refusal.
async fn the_inbox_is_paged(app: &TestApp) {
    let region_id = region_id(app, "Rijnmond").await;
    let now = Utc::now().trunc_subsecs(0);
    let per_page = kernel::views::contact::INBOX_PAGE_SIZE as usize;
    // One page and a bit: the oldest is open, every other one handled.
    for i in 0..per_page + 3 {
        contact_message::ActiveModel {
            region_id: Set(region_id),
            qualification: Set("overig".into()),
            first_name: Set(format!("Afzender{i}")),
            last_name: Set("Test".into()),
            email: Set(format!("afzender{i}@example.nl")),
            phone: Set(None),
            message: Set("Vraag".into()),
            status: Set(if i == 0 { "open" } else { "handled" }.into()),
            received_at: Set(now - Duration::minutes(i as i64)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let page = |n: &str| {
        let staff = staff.clone();
        let n = n.to_string();
        async move {
            app.form(Some(&staff), "contact/inbox", &[("page", &n)])
                .await
        }
    };
    let first = page("0").await.json();
    let total = first["total"].as_u64().unwrap() as usize;
    assert!(total >= per_page + 3, "{first}");
    assert_eq!(first["pages"], total.div_ceil(per_page) as u64);
    let names: Vec<&str> = first["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), per_page);
    // The open one is first although it is the oldest; then the newest handled ones.
    assert_eq!(names[0], "Afzender0");
    assert_eq!(names[1], "Afzender1");
    // Every message is on exactly one page.
    let mut seen = std::collections::HashSet::new();
    for n in 0..first["pages"].as_u64().unwrap() {
        let p = page(&n.to_string()).await.json();
        for m in p["messages"].as_array().unwrap() {
            assert!(seen.insert(m["id"].as_i64().unwrap()), "twice: {m}");
        }
    }
    assert_eq!(seen.len(), total);
    // Far past the end: the last page; below zero or not a number: refused.
    let last = page("4000000000").await.json();
    assert_eq!(
        last["page"].as_u64().unwrap() + 1,
        first["pages"].as_u64().unwrap()
    );
    for bad in ["-1", "veel", "99999999999999999999"] {
        let res = page(bad).await;
        assert!(res.status.is_client_error(), "{bad}: {}", res.status);
    }
}

on_both_databases!(
    the_inbox_is_paged,
    bad_input_is_refused_and_nothing_is_stored,
    honeypot_catches_bots_silently,
    submissions_are_rate_limited_per_client,
    messages_reach_only_their_region,
    purge_deletes_exactly_what_is_a_month_old,
    two_runners_do_the_work_once,
    expired_sessions_are_removed,
    mail_is_delivered_over_smtp,
    failed_delivery_is_retried_with_backoff_then_marked_failed,
);
