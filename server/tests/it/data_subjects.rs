//! The AVG rights of the data subjects the privacy statement names besides job seekers, over
//! HTTP against a real database: an employer's contact person sees, corrects and downloads
//! their own account data.

use crate::common;
use crate::common::TestApp;
use entity::{audit_log, outbox};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";

use crate::common::mail_to;

async fn account_updates(app: &TestApp, user_id: i32) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("update_account"))
        .filter(audit_log::Column::ObjectId.eq(user_id))
        .count(&app.db)
        .await
        .unwrap()
}

/// A contact person sees what is stored about them, corrects name and phone (all or nothing),
/// changes their address only through a link mailed to the new one, and downloads it all as
/// JSON that names no job seeker. Nobody else reaches these functions.
async fn an_employer_contact_sees_corrects_and_downloads_their_account(app: &TestApp) {
    let cookie = app.login(BAKERY).await;
    let user = app.user(BAKERY).await.unwrap();
    let res = app.form(Some(&cookie), "my-account/show", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let shown = res.json();
    assert_eq!(shown["email"], BAKERY);
    assert_eq!(shown["first_name"], json!(user.first_name));
    assert_eq!(shown["phone"], json!(user.phone));
    assert!(shown["organisation"].as_str().unwrap().contains("Bakkerij"));

    // A bad phone number changes nothing, not even the valid name beside it.
    let update = |first: &'static str, phone: &'static str, email: &'static str| {
        let cookie = cookie.clone();
        async move {
            app.form(
                Some(&cookie),
                "my-account/update",
                &[
                    ("first_name", first),
                    ("last_name", "Zwanenburg"),
                    ("phone", phone),
                    ("email", email),
                ],
            )
            .await
        }
    };
    let res = update("Joke", "bel me", BAKERY).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    assert!(res.body.contains("phone"), "{}", res.body);
    assert_eq!(app.user(BAKERY).await.unwrap().first_name, user.first_name);
    assert_eq!(account_updates(app, user.id).await, 0);

    let res = update("Joke", "010 123 4567", BAKERY).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["email_link_sent"], false);
    let after = app.user(BAKERY).await.unwrap();
    assert_eq!(after.first_name.as_deref(), Some("Joke"));
    assert_eq!(after.last_name.as_deref(), Some("Zwanenburg"));
    assert_ne!(after.phone, user.phone);
    assert_eq!(account_updates(app, user.id).await, 1);

    // A new address: a link to it, the old one stays until the link is used.
    let res = update("Joke", "010 123 4567", "joke@bakkerij-nieuw.test.nl").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json()["email_link_sent"], true);
    assert_eq!(app.user(BAKERY).await.unwrap().email, BAKERY);
    let shown = app.form(Some(&cookie), "my-account/show", &[]).await.json();
    assert_eq!(shown["pending_email"], "joke@bakkerij-nieuw.test.nl");
    assert!(
        mail_to(app, BAKERY, "email_change_requested")
            .await
            .is_some()
    );
    let link = mail_to(app, "joke@bakkerij-nieuw.test.nl", "email_change_confirm")
        .await
        .expect("a link to the new address");
    let token = common::token_in(&link.body_text, "/e-mailadres-bevestigen/");
    let res = app.form(None, "email/confirm", &[("token", &token)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        app.user("joke@bakkerij-nieuw.test.nl").await.map(|u| u.id),
        Some(user.id)
    );
    // Audited as a change of the account, never as a change of some job seeker's profile.
    assert_eq!(account_updates(app, user.id).await, 2);
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::ActorUserId.eq(user.id))
            .filter(audit_log::Column::JobSeekerId.is_not_null())
            .filter(audit_log::Column::Action.eq("update"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    // The download: the account and what they did, with no job seeker's name or id in it.
    let opened = app
        .json(Some(&cookie), "candidates/search", json!({ "filter": {} }))
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let res = app.get(Some(&cookie), "/mijn-account/export.json").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc = res.json();
    assert_eq!(doc["format"], "hallowerk-werkgever-export/1");
    assert_eq!(doc["account"]["email"], "joke@bakkerij-nieuw.test.nl");
    assert_eq!(doc["account"]["first_name"], "Joke");
    let activity = doc["activity"].as_array().unwrap();
    assert!(
        activity.iter().any(|a| a["action"] == "update_account"),
        "{activity:?}"
    );
    for a in activity {
        let keys: Vec<_> = a.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["action", "at", "object_type", "result"], "{a}");
    }
    for js in app.all_job_seekers().await {
        let name = format!("{} {}", js.first_name, js.last_name);
        assert!(!res.body.contains(&name), "the download names {name}");
    }

    // Only the contact person themselves: not logged in, or another role, is refused.
    let anon = app.form(None, "my-account/show", &[]).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let res = app.form(Some(&staff), "my-account/show", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let res = app.get(Some(&staff), "/mijn-account/export.json").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
}

/// A contact person asks for the erasure of their account; the request lands in their region's
/// queue (not another region's) with the one-month deadline; a staff member grants it with a
/// reason, which erases the account at once (name, address, phone, log-in, saved searches)
/// while the organisation's vacancies stay; the decision is mailed to the address the request
/// came from. A second decision and a second open request of the same kind are refused.
async fn an_employer_contact_asks_for_erasure_and_the_region_grants_it(app: &TestApp) {
    use entity::{app_user, saved_search, session, subject_request, vacancy};
    let cookie = app.login(BAKERY).await;
    let user = app.user(BAKERY).await.unwrap();
    let employer_id = user.employer_id.unwrap();
    let vacancies = || async {
        vacancy::Entity::find()
            .filter(vacancy::Column::EmployerId.eq(employer_id))
            .count(&app.db)
            .await
            .unwrap()
    };
    let before = vacancies().await;
    assert!(before > 0, "the demo bakery has vacancies");
    let res = app
        .json(
            Some(&cookie),
            "saved-searches/save",
            json!({ "name": "Bakkers", "filter": { "q": "bakken" }, "daily_digest": true }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // What they can do themselves is not a request; an objection needs a reason.
    let ask = |kind: &'static str, details: &'static str| {
        let cookie = cookie.clone();
        async move {
            app.form(
                Some(&cookie),
                "my-account/request",
                &[("kind", kind), ("details", details)],
            )
            .await
        }
    };
    assert_eq!(ask("access", "").await.code(), "invalid");
    assert_eq!(ask("objection", "").await.code(), "invalid");
    let res = ask("erasure", "Ik werk hier niet meer.").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let id: i32 = serde_json::from_value(res.json()).unwrap();
    assert_eq!(ask("erasure", "Nog eens.").await.code(), "invalid");
    let mine = app.form(Some(&cookie), "my-account/show", &[]).await.json();
    assert_eq!(mine["requests"][0]["status"], "open");

    // In the queue of the bakery's region, with its deadline; not in another region's.
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let queue = app
        .form(Some(&staff), "region-requests/queue", &[])
        .await
        .json();
    let row = queue["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .expect("in the region's queue")
        .clone();
    assert_eq!(row["kind"], "erasure");
    assert_eq!(row["email"], BAKERY);
    assert_eq!(row["overdue"], false);
    let stored = subject_request::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.due_at,
        kernel::views::privacy::deadline(stored.created_at)
    );
    let elsewhere = app
        .login(&app.email_of_role("staff", Some("Delft")).await)
        .await;
    let other = app
        .form(Some(&elsewhere), "region-requests/queue", &[])
        .await
        .json();
    assert!(
        other["requests"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != id),
        "another region does not see it"
    );
    let res = app
        .form(
            Some(&elsewhere),
            "region-requests/decide",
            &[
                ("id", &id.to_string()),
                ("decision", "grant"),
                ("reason", "Niet de mijne."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);

    // Granted: erased at once.
    let decide = |decision: &'static str| {
        let staff = staff.clone();
        async move {
            app.form(
                Some(&staff),
                "region-requests/decide",
                &[
                    ("id", &id.to_string()),
                    ("decision", decision),
                    ("reason", "Account verwijderd op verzoek."),
                ],
            )
            .await
        }
    };
    let res = decide("grant").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(decide("reject").await.code(), "invalid", "decided once");
    let erased = app_user::Entity::find_by_id(user.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        erased.email,
        service::model::account_erasure::erased_address(user.id)
    );
    assert_eq!(
        (
            erased.first_name,
            erased.last_name,
            erased.phone,
            erased.password_hash,
            erased.totp_secret,
            erased.active
        ),
        (None, None, None, None, None, false)
    );
    assert!(app.user(BAKERY).await.is_none());
    for count in [
        saved_search::Entity::find()
            .filter(saved_search::Column::UserId.eq(user.id))
            .count(&app.db)
            .await
            .unwrap(),
        session::Entity::find()
            .filter(session::Column::UserId.eq(user.id))
            .count(&app.db)
            .await
            .unwrap(),
    ] {
        assert_eq!(count, 0);
    }
    let res = app.form(Some(&cookie), "my-account/show", &[]).await;
    assert_eq!(
        res.status,
        StatusCode::UNAUTHORIZED,
        "signed out everywhere"
    );
    // Nothing else of theirs stays: no mail but the decision, no client addresses in the log.
    assert_eq!(
        outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq(BAKERY))
            .filter(outbox::Column::Kind.ne("request_decided"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::ActorUserId.eq(user.id))
            .filter(audit_log::Column::Origin.is_not_null())
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        vacancies().await,
        before,
        "the organisation's vacancies stay"
    );
    let mail = mail_to(app, BAKERY, "request_decided")
        .await
        .expect("the decision goes to the address the request came from");
    assert!(mail.body_text.contains("Verwijdering van mijn gegevens"));
    assert!(mail.body_text.contains("Account verwijderd op verzoek."));
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("decide_subject_request"))
            .filter(audit_log::Column::ObjectId.eq(id))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // Kept a year after the decision for accountability, then purged by the running jobs.
    use kernel::retention::SUBJECT_REQUEST_DECIDED;
    use server::clock::ManualClock;
    let clock = ManualClock::new(chrono::Utc::now() + chrono::Duration::hours(1));
    let runner = server::jobs::Runner::new(
        app.db.clone(),
        app.media(),
        std::sync::Arc::new(clock.clone()),
        None,
    );
    assert_eq!(runner.run_due().await.unwrap().requests_purged, 0);
    clock
        .set(SUBJECT_REQUEST_DECIDED.period.after(chrono::Utc::now()) + chrono::Duration::hours(1));
    assert_eq!(runner.run_due().await.unwrap().requests_purged, 1);
    assert!(
        subject_request::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
}

/// Sends the contact form with a privacy request of `kind` from `email`, each time from a
/// network of its own (the form's per-network limit is tested in `contact.rs`).
async fn request_by_form(
    app: &TestApp,
    email: &str,
    qualification: &str,
    kind: &str,
) -> common::Response {
    let region = app.municipality("Rotterdam").await.region_id.to_string();
    let started = (chrono::Utc::now() - chrono::Duration::seconds(10))
        .timestamp_millis()
        .to_string();
    static NETWORK: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);
    let n = NETWORK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let client = std::net::SocketAddr::from(([10, 77, n, 1], 40000));
    app.request_from(
        client,
        common::form_request(
            None,
            "contact/submit",
            &[
                ("first_name", "Sam"),
                ("last_name", "Verzoeker"),
                ("email", email),
                ("phone", ""),
                ("qualification", qualification),
                ("region_id", &region),
                ("message", "Verwijder alles wat jullie van mij hebben."),
                ("website", ""),
                ("started", &started),
                ("request", kind),
            ],
        ),
    )
    .await
}

/// Anyone can make a privacy request through the contact form; it counts only once the link
/// mailed to the address is opened, and the answer is the same for an address with or without
/// an account. Confirmed, a job seeker's request lands in their own gemeente's queue and anyone
/// else's in the region's, with the one-month deadline; the decision goes to the confirmed
/// address only. An unconfirmed request is deleted when its link stops working.
async fn privacy_requests_through_the_contact_form_count_once_confirmed(app: &TestApp) {
    use entity::{contact_message, privacy_request, subject_request};
    const FATIMA: &str = "fatima.elamrani@hallowerk-demo.nl";
    const STRANGER: &str = "sam.verzoeker@voorbeeld.nl";
    let (_, js) = common::fatima_records(app).await;
    let fatima_requests = || async {
        privacy_request::Entity::find()
            .filter(privacy_request::Column::JobSeekerId.eq(js.id))
            .count(&app.db)
            .await
            .unwrap()
    };
    let before = fatima_requests().await;
    // An earlier question of the stranger, which an erasure removes.
    let res = request_by_form(app, STRANGER, "overig", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), false, "a question, not a request");

    let bad = request_by_form(app, STRANGER, "overig", "everything").await;
    assert_eq!(bad.code(), "invalid");
    // One inbox gets at most three confirmation links an hour, from whatever network.
    common::away_from_window_edges().await;
    for _ in 0..3 {
        let res = request_by_form(app, "vaak@voorbeeld.nl", "overig", "access").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let res = request_by_form(app, "vaak@voorbeeld.nl", "overig", "access").await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(
        outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq("vaak@voorbeeld.nl"))
            .count(&app.db)
            .await
            .unwrap(),
        3
    );
    let known = request_by_form(app, FATIMA, "werkzoekende", "erasure").await;
    let unknown = request_by_form(app, STRANGER, "overig", "erasure").await;
    assert_eq!(known.status, StatusCode::OK, "{}", known.body);
    assert_eq!(
        (known.status, known.body.clone()),
        (unknown.status, unknown.body.clone()),
        "the same answer whether or not the address has an account"
    );
    // Nothing reaches a queue before the link is opened.
    assert_eq!(fatima_requests().await, before);
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    let queue = || async {
        app.form(Some(&staff), "region-requests/queue", &[])
            .await
            .json()["requests"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(queue().await.iter().all(|r| r["email"] != STRANGER));

    let link = |to: &'static str| async move {
        let mail = mail_to(app, to, "privacy_request_confirm")
            .await
            .expect("a confirmation link to the given address");
        assert!(
            mail.body_text.contains("privacyverzoek ingediend"),
            "{}",
            mail.body_text
        );
        common::token_in(&mail.body_text, "/privacyverzoek-bevestigen/")
    };
    let confirm = |token: String| async move {
        app.form(None, "privacy-request/confirm", &[("token", &token)])
            .await
    };
    let fatima_token = link(FATIMA).await;
    let res = confirm(fatima_token.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(confirm(fatima_token).await.code(), "invalid", "once");
    assert_eq!(confirm("0".repeat(64)).await.code(), "invalid");
    // Fatima's request is in her gemeente's queue, as if she had filed it herself.
    assert_eq!(fatima_requests().await, before + 1);
    let filed = privacy_request::Entity::find()
        .filter(privacy_request::Column::JobSeekerId.eq(js.id))
        .filter(privacy_request::Column::Kind.eq("erasure"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(filed.municipality_id, js.municipality_id);
    assert_eq!(
        filed.due_at,
        kernel::views::privacy::deadline(filed.created_at)
    );
    assert!(filed.details.contains("Verwijder alles"));

    // The stranger's goes to the region they chose; granting erases their contact messages.
    let res = confirm(link(STRANGER).await).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let row = queue()
        .await
        .into_iter()
        .find(|r| r["email"] == STRANGER)
        .expect("in the region's queue once confirmed");
    assert_eq!(row["subject"], "contact_sender");
    assert_eq!(row["status"], "open");
    let id = row["id"].as_i64().unwrap().to_string();
    let res = app
        .form(
            Some(&staff),
            "region-requests/decide",
            &[
                ("id", &id),
                ("decision", "grant"),
                ("reason", "Je berichten zijn verwijderd."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        contact_message::Entity::find()
            .filter(contact_message::Column::Email.eq(STRANGER))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let decided = mail_to(app, STRANGER, "request_decided")
        .await
        .expect("the decision, to the confirmed address");
    assert!(decided.body_text.contains("Je berichten zijn verwijderd."));

    // An employer's contact person who ticked "overig" is still recognised by the confirmed
    // address: the request is tied to their account, in their organisation's region.
    const LOGISTICS: &str = "h.koster@logistiek.hallowerk-demo.nl";
    let res = request_by_form(app, LOGISTICS, "overig", "objection").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = confirm(link(LOGISTICS).await).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let tied = subject_request::Entity::find()
        .filter(subject_request::Column::Email.eq(LOGISTICS))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tied.subject, "employer_contact");
    assert_eq!(tied.user_id, app.user(LOGISTICS).await.map(|u| u.id));
    assert!(
        mail_to(app, LOGISTICS, "privacy_request_confirm")
            .await
            .is_none(),
        "the confirmation mail goes once it did its work"
    );

    // Never confirmed: gone when the link stops working, by the running jobs.
    let res = request_by_form(app, "nooit@voorbeeld.nl", "overig", "access").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let unconfirmed = || async {
        subject_request::Entity::find()
            .filter(subject_request::Column::Email.eq("nooit@voorbeeld.nl"))
            .count(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(unconfirmed().await, 1);
    let clock = server::clock::ManualClock::new(chrono::Utc::now() + chrono::Duration::hours(1));
    let runner = server::jobs::Runner::new(
        app.db.clone(),
        app.media(),
        std::sync::Arc::new(clock.clone()),
        None,
    );
    runner.run_due().await.unwrap();
    assert_eq!(unconfirmed().await, 1, "the link still works");
    clock.set(
        kernel::retention::UNCONFIRMED_REQUEST
            .period
            .after(chrono::Utc::now())
            + chrono::Duration::hours(1),
    );
    assert!(runner.run_due().await.unwrap().requests_purged >= 1);
    assert_eq!(unconfirmed().await, 0);
}

/// A granted request for access through the contact form is answered with the data itself,
/// behind a link in the decision mail to the confirmed address: their requests, their contact
/// messages, their account if they have one, and the processing log about them. The link
/// works for its stated period only, and a made-up one finds nothing.
async fn an_access_request_is_answered_by_a_link_to_the_confirmed_address(app: &TestApp) {
    use entity::subject_request;
    use sea_orm::{ActiveModelTrait, Set};
    const KEES: &str = "kees.inzage@voorbeeld.nl";
    const LOGISTICS: &str = "h.koster@logistiek.hallowerk-demo.nl";
    let staff = app
        .login(&app.email_of_role("staff", Some("Rotterdam")).await)
        .await;
    // Files, confirms and grants an access request from `email`; the answer's link.
    let granted_link = |email: &'static str| {
        let staff = staff.clone();
        async move {
            let res = request_by_form(app, email, "overig", "access").await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let mail = mail_to(app, email, "privacy_request_confirm")
                .await
                .unwrap();
            let token = common::token_in(&mail.body_text, "/privacyverzoek-bevestigen/");
            let res = app
                .form(None, "privacy-request/confirm", &[("token", &token)])
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let id = subject_request::Entity::find()
                .filter(subject_request::Column::Email.eq(email))
                .filter(subject_request::Column::Kind.eq("access"))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .id
                .to_string();
            // Staff see it in the queue (their reading is logged), then decide.
            let queue = app.form(Some(&staff), "region-requests/queue", &[]).await;
            assert!(queue.body.contains(email), "{}", queue.body);
            let res = app
                .form(
                    Some(&staff),
                    "region-requests/decide",
                    &[
                        ("id", &id),
                        ("decision", "grant"),
                        ("reason", "Hierbij alles wat we van je hebben."),
                    ],
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let decided = mail_to(app, email, "request_answered").await.unwrap();
            assert!(
                decided.body_text.contains("14 dagen"),
                "{}",
                decided.body_text
            );
            common::token_in(&decided.body_text, "/verzoek-antwoord/")
        }
    };

    // Someone without an account, who asked a question before.
    let res = request_by_form(app, KEES, "overig", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let token = granted_link(KEES).await;
    let res = app.get(None, &format!("/verzoek-antwoord/{token}")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc = res.json();
    assert_eq!(doc["requests"][0]["kind"], "access");
    assert_eq!(doc["requests"][0]["status"], "granted");
    let messages = doc["contact_messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1, "{doc}");
    assert_eq!(messages[0]["email"], KEES);
    assert_eq!(doc["account"], serde_json::Value::Null);
    let log = doc["processing_log"].as_array().unwrap();
    for action in ["confirm_subject_request", "list", "decide_subject_request"] {
        assert!(
            log.iter().any(|e| e["action"] == action
                && e["processing_activity_id"] == kernel::processing::PRIVACY_RIGHTS.id),
            "{action} in {log:?}"
        );
    }
    // Nothing for a made-up link, nothing once the link's period is over.
    let res = app
        .get(None, &format!("/verzoek-antwoord/{}", "0".repeat(64)))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let row = subject_request::Entity::find()
        .filter(subject_request::Column::Email.eq(KEES))
        .filter(subject_request::Column::Kind.eq("access"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let until = row.answer_until.unwrap();
    let period = kernel::retention::ANSWER_LINK.period;
    assert_eq!(period.after(row.decided_at.unwrap()), until);
    let mut expired: subject_request::ActiveModel = row.into();
    expired.answer_until = Set(Some(chrono::Utc::now() - chrono::Duration::seconds(1)));
    expired.update(&app.db).await.unwrap();
    let res = app.get(None, &format!("/verzoek-antwoord/{token}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // An employer's contact person gets their account in the answer.
    let token = granted_link(LOGISTICS).await;
    let doc = app
        .get(None, &format!("/verzoek-antwoord/{token}"))
        .await
        .json();
    assert_eq!(doc["account"]["email"], LOGISTICS);
    assert_eq!(doc["contact_messages"], serde_json::json!([]));

    // Once sent, a mail with a working link leaves the outbox, even to an address that has an
    // account (other decision mail to it stays its stated period).
    let mail = mail_to(app, LOGISTICS, "request_answered").await.unwrap();
    let mut sent: outbox::ActiveModel = mail.into();
    sent.status = Set("sent".into());
    sent.update(&app.db).await.unwrap();
    server::jobs::purge_mail_to_erased(&app.db).await.unwrap();
    assert!(mail_to(app, LOGISTICS, "request_answered").await.is_none());
}

on_both_databases!(
    an_access_request_is_answered_by_a_link_to_the_confirmed_address,
    an_employer_contact_sees_corrects_and_downloads_their_account,
    an_employer_contact_asks_for_erasure_and_the_region_grants_it,
    privacy_requests_through_the_contact_form_count_once_confirmed,
);
