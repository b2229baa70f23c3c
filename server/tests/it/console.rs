//! The municipal console and platform administration over HTTP against a real database: scope
//! between gemeenten, erasure, partners and their agreements, the audit log, statistics,
//! employer approval, and the administrator's lack of job-seeker data.

use crate::common;
use crate::common::{TestApp, fatima};
use chrono::{Duration, Utc};
use entity::{
    activation_token, app_user, audit_log, employer, erased_profile, invitation, job_seeker,
    job_seeker_occupation, outbox, partner, privacy_request, session, vacancy,
};
use http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use server::clock::ManualClock;
use server::jobs::Runner;
use std::sync::Arc;

async fn staff_of(app: &TestApp, gemeente: &str) -> String {
    app.login(&app.email_of_role("staff", Some(gemeente)).await)
        .await
}

async fn invitation_for(app: &TestApp, js: &job_seeker::Model) -> invitation::Model {
    let v = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Orderpicker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    invitation::ActiveModel {
        vacancy_id: Set(v.id),
        job_seeker_id: Set(js.id),
        employer_id: Set(v.employer_id),
        initiated_by: Set("employer".into()),
        message: Set("Welkom".into()),
        status: Set("accepted".into()),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
}

async fn staff_of_one_gemeente_can_do_nothing_for_another(app: &TestApp) {
    let (js, me) = fatima(app).await; // Rotterdam
    let schiedam = staff_of(app, "Schiedam").await;
    let id = js.id.to_string();
    for (endpoint, args) in [
        ("job-seekers/get", vec![("id", id.as_str())]),
        ("job-seekers/invite", vec![("id", id.as_str())]),
        ("job-seekers/close", vec![("id", id.as_str())]),
        ("job-seekers/invitations", vec![("id", id.as_str())]),
    ] {
        let res = app.form(Some(&schiedam), endpoint, &args).await;
        // Out of scope is answered as absent.
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "{endpoint}: {}",
            res.body
        );
        assert!(!res.body.contains(&js.last_name));
    }
    let res = app
        .json(
            Some(&schiedam),
            "profile/update",
            json!({ "id": js.id, "changes": [{ "field": "target_bbl", "value": true }] }),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let inv = invitation_for(app, &js).await;
    let res = app
        .form(
            Some(&schiedam),
            "job-seekers/outcome",
            &[
                ("invitation_id", &inv.id.to_string()),
                ("outcome", "placed"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(
        invitation::Entity::find_by_id(inv.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .outcome
            .is_none()
    );

    // Privacy requests of Rotterdam are neither listed nor decidable in Schiedam.
    app.form(
        Some(&me),
        "privacy/request",
        &[
            ("kind", "objection"),
            ("field", ""),
            ("details", "Geen telefoontjes meer."),
        ],
    )
    .await;
    let request = privacy_request::Entity::find()
        .filter(privacy_request::Column::JobSeekerId.eq(js.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let queue = app.form(Some(&schiedam), "privacy-desk/queue", &[]).await;
    assert!(queue.json()["requests"].as_array().unwrap().is_empty());
    let res = app
        .form(
            Some(&schiedam),
            "privacy-desk/decide",
            &[
                ("id", &request.id.to_string()),
                ("decision", "grant"),
                ("reason", "Akkoord hoor"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Audit log, partners, statistics: each only the own gemeente.
    let audit = app
        .form(
            Some(&schiedam),
            "audit/search",
            &[
                ("client_number", &js.client_number),
                ("action", ""),
                ("page", "0"),
            ],
        )
        .await;
    assert_eq!(audit.json()["total"], 0);
    let partners = app.form(Some(&schiedam), "partners/list", &[]).await.json();
    assert!(
        partners.as_array().unwrap().is_empty(),
        "the Rotterdam partner is not Schiedam's"
    );
    let rotterdam_partner = partner::Entity::find().one(&app.db).await.unwrap().unwrap();
    let res = app
        .form(
            Some(&schiedam),
            "partners/end-agreement",
            &[("partner_id", &rotterdam_partner.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Staff of Rotterdam can.
    let rotterdam = staff_of(app, "Rotterdam").await;
    let res = app
        .form(
            Some(&rotterdam),
            "job-seekers/outcome",
            &[
                ("invitation_id", &inv.id.to_string()),
                ("outcome", "placed"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
}

/// Every row of the person, counted.
async fn rows_of(app: &TestApp, js: &job_seeker::Model) -> Vec<(&'static str, u64)> {
    let db = &app.db;
    vec![
        (
            "job_seeker",
            job_seeker::Entity::find_by_id(js.id)
                .count(db)
                .await
                .unwrap(),
        ),
        (
            "app_user",
            app_user::Entity::find_by_id(js.user_id)
                .count(db)
                .await
                .unwrap(),
        ),
        (
            "session",
            session::Entity::find()
                .filter(session::Column::UserId.eq(js.user_id))
                .count(db)
                .await
                .unwrap(),
        ),
        (
            "activation_token",
            activation_token::Entity::find()
                .filter(activation_token::Column::UserId.eq(js.user_id))
                .count(db)
                .await
                .unwrap(),
        ),
        (
            "job_seeker_occupation",
            job_seeker_occupation::Entity::find()
                .filter(job_seeker_occupation::Column::JobSeekerId.eq(js.id))
                .count(db)
                .await
                .unwrap(),
        ),
        (
            "invitation",
            invitation::Entity::find()
                .filter(invitation::Column::JobSeekerId.eq(js.id))
                .count(db)
                .await
                .unwrap(),
        ),
        (
            "privacy_request",
            privacy_request::Entity::find()
                .filter(privacy_request::Column::JobSeekerId.eq(js.id))
                .count(db)
                .await
                .unwrap(),
        ),
    ]
}

async fn erasure_removes_every_row_and_file_of_the_person(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let res = common::TestApp::request(
        app,
        http::Request::put("/media/profile/video")
            .header(http::header::COOKIE, &me)
            .body(axum::body::Body::from(
                b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec(),
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    invitation_for(app, &js).await;
    app.form(
        Some(&me),
        "privacy/request",
        &[
            ("kind", "erasure"),
            ("field", ""),
            ("details", "Ik heb werk."),
        ],
    )
    .await;
    let js = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let files = [js.photo_key.clone().unwrap(), js.video_key.clone().unwrap()];
    let before: Vec<(&str, u64)> = rows_of(app, &js).await;
    for table in [
        "job_seeker",
        "app_user",
        "session",
        "job_seeker_occupation",
        "invitation",
        "privacy_request",
    ] {
        assert!(
            before.iter().any(|(t, n)| *t == table && *n > 0),
            "{table} has rows before erasure: {before:?}"
        );
    }

    let staff = staff_of(app, "Rotterdam").await;
    let queue = app
        .form(Some(&staff), "privacy-desk/queue", &[])
        .await
        .json();
    let request = &queue["requests"][0];
    assert_eq!(request["kind"], "erasure");
    assert_eq!(request["overdue"], false);
    // No reason, no decision.
    let res = app
        .form(
            Some(&staff),
            "privacy-desk/decide",
            &[
                ("id", &request["id"].to_string()),
                ("decision", "grant"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(res.json()["field"], "reason");
    let res = app
        .form(
            Some(&staff),
            "privacy-desk/decide",
            &[
                ("id", &request["id"].to_string()),
                ("decision", "grant"),
                ("reason", "Er geldt geen bewaarplicht meer."),
                ("erase", "now"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    for (table, n) in rows_of(app, &js).await {
        assert_eq!(n, 0, "{table} still holds rows of the erased person");
    }
    for key in files {
        assert!(
            !app.media_dir.join(&key[..2]).join(&key).exists(),
            "media file {key} not erased"
        );
    }
    let tombstones = erased_profile::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(tombstones.len(), 1);
    assert_eq!(tombstones[0].municipality_id, js.municipality_id);
    // Only the decision mail is left for the address, and it says nothing else about the person.
    let mails = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq("fatima.elamrani@hallowerk-demo.nl"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, "request_decided");
    assert!(!mails[0].body_text.contains(&js.client_number));
    assert_eq!(
        app.form(Some(&me), "me", &[]).await.json(),
        serde_json::Value::Null
    );
    let login = app
        .form(
            None,
            "login",
            &[
                ("email", "fatima.elamrani@hallowerk-demo.nl"),
                ("password", common::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
}

async fn erasure_after_retention_hides_first_and_erases_later(app: &TestApp) {
    let (js, me) = fatima(app).await;
    app.form(
        Some(&me),
        "privacy/request",
        &[("kind", "erasure"), ("field", ""), ("details", "")],
    )
    .await;
    let staff = staff_of(app, "Rotterdam").await;
    let queue = app
        .form(Some(&staff), "privacy-desk/queue", &[])
        .await
        .json();
    assert_eq!(queue["retention_months"], 12);
    let id = queue["requests"][0]["id"].to_string();
    let res = app
        .form(
            Some(&staff),
            "privacy-desk/decide",
            &[
                ("id", &id),
                ("decision", "grant"),
                ("reason", "Wettelijke bewaartermijn van 12 maanden."),
                ("erase", "retention"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let row = job_seeker::Entity::find_by_id(js.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.state, "erasure_pending");
    let due = row.erase_after.unwrap();
    assert!(
        (due - Utc::now()
            .checked_add_months(chrono::Months::new(12))
            .unwrap())
        .num_seconds()
        .abs()
            < 60
    );
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    assert_eq!(
        app.form(
            Some(&employer),
            "candidates/get",
            &[("id", &js.id.to_string())]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let clock = ManualClock::new(due - Duration::days(1));
    let runner = Runner::new(app.db.clone(), app.media(), Arc::new(clock.clone()), None);
    assert_eq!(
        runner.run_due().await.unwrap().erased,
        0,
        "not before the end of retention"
    );
    clock.advance(Duration::days(2));
    let report = runner.run_due().await.unwrap();
    assert_eq!(report.erased, 1);
    assert!(
        job_seeker::Entity::find_by_id(js.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        app_user::Entity::find_by_id(js.user_id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    // Idempotent.
    clock.advance(Duration::hours(2));
    assert_eq!(runner.run_due().await.unwrap().erased, 0);
}

async fn partners_see_agreed_fields_and_nothing_after_the_agreement_ends(app: &TestApp) {
    let staff = staff_of(app, "Schiedam").await;
    let new = |fields: serde_json::Value, email: &str| {
        json!({ "partner": { "name": "Leerwerkloket Schiedam", "fields": fields, "valid_until": null,
            "user_first_name": "Ria", "user_last_name": "Leeuw", "user_email": email } })
    };
    let res = app
        .json(
            Some(&staff),
            "partners/create",
            new(json!(["first_name", "work_capacity"]), "ria@loket.nl"),
        )
        .await;
    assert_eq!(
        (res.status, res.json()["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("fields"))
    );
    assert!(
        res.json()["message"]
            .as_str()
            .unwrap()
            .contains("Belastbaarheid")
    );
    let res = app
        .json(
            Some(&staff),
            "partners/create",
            new(json!(["first_name", "target_bbl"]), "ria@loket.nl"),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let partner_id = res.json().as_i64().unwrap() as i32;
    // Four eyes: the agreement and the log-in made with it wait for a second staff member of
    // the gemeente; the one who made them cannot confirm, nor can staff of another gemeente.
    let confirm = |who: String| async move {
        app.form(
            Some(&who),
            "partners/confirm",
            &[("partner_id", &partner_id.to_string())],
        )
        .await
    };
    let res = confirm(staff.clone()).await;
    assert_eq!(
        (res.status, res.json()["field"].clone()),
        (StatusCode::BAD_REQUEST, "partner_id".into()),
        "{}",
        res.body
    );
    assert_eq!(
        confirm(staff_of(app, "Rotterdam").await).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = app.form(Some(&staff), "partners/list", &[]).await.json();
    let mine = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == partner_id)
        .unwrap()
        .clone();
    assert_eq!(
        mine["agreement"]["awaiting_confirmation"]["by_caller"], true,
        "{mine}"
    );
    // Its user can set a password, but not sign in before the confirmation.
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq("ria@loket.nl"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let token = common::token_in(&mail.body_text, "/activeren/");
    let pw = "lang genoeg wachtwoord";
    assert_eq!(
        app.form(
            None,
            "activation/redeem",
            &[("token", &token), ("password", pw), ("password_repeat", pw)]
        )
        .await
        .status,
        StatusCode::OK
    );
    let early = app
        .form(
            None,
            "login",
            &[("email", "ria@loket.nl"), ("password", pw)],
        )
        .await;
    assert_eq!(
        (early.status, early.json()["field"].clone()),
        (StatusCode::BAD_REQUEST, "email".into()),
        "{}",
        early.body
    );
    assert_eq!(
        service::access::scope::current_agreement(&app.db, partner_id)
            .await
            .unwrap(),
        None,
        "not in force before the confirmation"
    );
    let second = app.login(&app.second_staff_of("Schiedam").await).await;
    // An agreement ended before anyone confirmed it stays ended.
    let ended = app
        .json(
            Some(&staff),
            "partners/create",
            json!({ "partner": { "name": "Snel Gestopt BV", "fields": ["first_name"], "valid_until": null,
                "user_first_name": "Sam", "user_last_name": "Stop", "user_email": "sam@gestopt.nl" } }),
        )
        .await
        .json()
        .as_i64()
        .unwrap()
        .to_string();
    let res = app
        .form(
            Some(&staff),
            "partners/end-agreement",
            &[("partner_id", &ended)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app
        .form(Some(&second), "partners/confirm", &[("partner_id", &ended)])
        .await;
    assert_eq!(res.json()["field"], "partner_id", "{}", res.body);
    assert!(app.user("sam@gestopt.nl").await.unwrap().awaiting_approval);
    let res = confirm(second.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        confirm(second).await.json()["field"],
        "partner_id",
        "confirmed once"
    );
    // The partner's user signs in and sees exactly the agreed fields.
    let res = app
        .form(
            None,
            "login",
            &[("email", "ria@loket.nl"), ("password", pw)],
        )
        .await;
    // A partner user enrols an authenticator app at the first log-in.
    let cookie = app.enrol(&common::session_cookie(&res)).await;
    let shared = app
        .form(Some(&cookie), "partner/profiles", &[("page", "0")])
        .await
        .json();
    assert_eq!(shared["fields"], json!(["first_name", "target_bbl"]));
    let schiedam_active = app
        .job_seekers_of("Schiedam")
        .await
        .iter()
        .filter(|j| j.state == "active")
        .count();
    assert_eq!(shared["total"], schiedam_active as u64);
    for item in shared["items"].as_array().unwrap() {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for k in keys {
            assert!(
                ["id", "visible", "first_name", "target_bbl"].contains(&k),
                "partner got {k}"
            );
        }
    }
    let someone = app
        .job_seekers_of("Schiedam")
        .await
        .into_iter()
        .find(|j| j.state == "active")
        .unwrap();
    let photo = app
        .request(
            http::Request::get(format!("/media/profile/{}/photo", someone.id))
                .header(http::header::COOKIE, &cookie)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        photo.status,
        StatusCode::NOT_FOUND,
        "photo is not in the agreement"
    );

    assert_eq!(
        app.form(
            Some(&staff),
            "partners/end-agreement",
            &[("partner_id", &partner_id.to_string())]
        )
        .await
        .status,
        StatusCode::OK
    );
    // Without an agreement in force the partner has no access at all.
    let after = app
        .form(Some(&cookie), "partner/profiles", &[("page", "0")])
        .await;
    assert_eq!(after.status, StatusCode::FORBIDDEN, "{}", after.body);
    assert_eq!(after.code(), "forbidden");
}

async fn every_profile_read_is_audited_and_the_log_is_append_only(app: &TestApp) {
    let (js, me) = fatima(app).await;
    let reads = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::JobSeekerId.eq(js.id))
            .filter(audit_log::Column::Action.eq("read"))
            .all(&app.db)
            .await
            .unwrap()
    };
    app.form(Some(&me), "profile/mine", &[]).await;
    assert!(
        reads().await.is_empty(),
        "the owner's own reads are not 'viewed by'"
    );
    let staff = staff_of(app, "Rotterdam").await;
    app.form(
        Some(&staff),
        "job-seekers/get",
        &[("id", &js.id.to_string())],
    )
    .await;
    let employer = app.login("h.koster@logistiek.hallowerk-demo.nl").await;
    app.form(
        Some(&employer),
        "candidates/get",
        &[("id", &js.id.to_string())],
    )
    .await;
    let entries = reads().await;
    assert_eq!(entries.len(), 2);
    let staff_entry = entries.iter().find(|e| e.actor_role == "staff").unwrap();
    assert_eq!(staff_entry.actor_org, "Gemeente Rotterdam");
    assert!(staff_entry.fields.contains("birth_date"));
    let employer_entry = entries.iter().find(|e| e.actor_role == "employer").unwrap();
    assert_eq!(employer_entry.actor_org, "Logistiek Rijnmond BV");
    assert!(
        !employer_entry.fields.contains("birth_date"),
        "the entry names what was shown: {}",
        employer_entry.fields
    );
    // Staff find them in their audit search.
    let found = app
        .form(
            Some(&staff),
            "audit/search",
            &[
                ("client_number", &js.client_number),
                ("action", "read"),
                ("page", "0"),
            ],
        )
        .await
        .json();
    assert_eq!(found["total"], 2);

    // The database refuses to change or remove entries.
    for sql in [
        "UPDATE audit_log SET result = 'ok'",
        "DELETE FROM audit_log",
    ] {
        let err = app.db.execute_unprepared(sql).await.expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(reads().await.len(), 2);
}

async fn statistics_are_aggregates_only(app: &TestApp) {
    let (js, _) = fatima(app).await;
    let inv = invitation_for(app, &js).await;
    let staff = staff_of(app, "Rotterdam").await;
    app.form(
        Some(&staff),
        "job-seekers/outcome",
        &[
            ("invitation_id", &inv.id.to_string()),
            ("outcome", "placed"),
        ],
    )
    .await;
    let res = app.form(Some(&staff), "statistics", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    let stats = res.json();
    let active = job_seeker::Entity::find()
        .filter(job_seeker::Column::MunicipalityId.eq(js.municipality_id))
        .filter(job_seeker::Column::State.eq("active"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(stats["series"][0]["bars"][0]["value"], active);
    let month = Utc::now().format("%Y-%m").to_string();
    let this_month = |series: usize| {
        stats["series"][series]["bars"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["label"] == month.as_str())
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(this_month(1), 1, "one invitation this month");
    assert_eq!(this_month(2), 1, "one placement this month");
    for person in app.all_job_seekers().await {
        assert!(!res.body.contains(&person.last_name) && !res.body.contains(&person.client_number));
    }
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    assert_eq!(
        app.form(Some(&employer), "statistics", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

/// A series with nothing to count yet is shown as a sentence saying so, not as a chart of
/// zeros; a series with counts is drawn. Delft (the test's second region) has no invitations.
async fn statistics_say_when_there_is_nothing_to_count(app: &TestApp) {
    let staff = app.login("staff@delft.test.nl").await;
    let stats = app.form(Some(&staff), "statistics", &[]).await.json();
    let page = app.get(Some(&staff), "/statistieken").await;
    assert_eq!(page.status, StatusCode::OK);
    let mut empty = 0;
    for (i, series) in stats["series"].as_array().unwrap().iter().enumerate() {
        let nothing = series["bars"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["value"] == 0);
        let drawn = page.body.contains(&format!("data-testid=\"chart-{i}\""));
        let said = page
            .body
            .contains(&format!("data-testid=\"chart-{i}-empty\""));
        assert_eq!((drawn, said), (!nothing, nothing), "series {i}: {series}");
        empty += usize::from(nothing);
    }
    assert!(empty > 0, "Delft has series with nothing to count");
    assert!(page.body.contains("Nog geen gegevens voor"));
}

async fn employers_register_and_staff_of_the_region_decide(app: &TestApp) {
    let rijnmond = entity::region::Entity::find()
        .filter(entity::region::Column::Name.eq("Rijnmond"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let region = rijnmond.id.to_string();
    let reg = |org: &'static str, email: &'static str, phone: &'static str| {
        let region = region.clone();
        async move {
            app.form(
                None,
                "employers/register",
                &[
                    ("organisation", org),
                    ("first_name", "Sem"),
                    ("last_name", "Bos"),
                    ("email", email),
                    ("phone", phone),
                    ("region_id", &region),
                ],
            )
            .await
        }
    };
    assert_eq!(
        reg("Groen BV", "sem@groen.nl", "12").await.json()["field"],
        "phone"
    );
    // An address with an account, or with a registration under way, gets the very answer a
    // new one gets (nothing tells whether an account exists); its owner is mailed instead and
    // no second registration is made.
    let new = reg("Groen BV", "sem@groen.nl", "0101234567").await;
    assert_eq!(new.status, StatusCode::OK);
    let known = reg("Groen BV", "beheer@hallowerk-demo.nl", "0101234567").await;
    assert_eq!(
        (known.status, &known.body),
        (new.status, &new.body),
        "existing account"
    );
    let again = reg("Groen BV", "sem@groen.nl", "0101234567").await;
    assert_eq!(
        (again.status, &again.body),
        (new.status, &new.body),
        "duplicate pending"
    );
    for (address, says) in [
        ("beheer@hallowerk-demo.nl", "bestaat al een account"),
        ("sem@groen.nl", "loopt al een aanmelding"),
    ] {
        let told = entity::outbox::Entity::find()
            .filter(entity::outbox::Column::ToAddress.eq(address))
            .filter(entity::outbox::Column::Kind.eq("registration_known_address"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(told.len(), 1, "{address}");
        assert!(told[0].body_text.contains(says), "{}", told[0].body_text);
    }
    assert_eq!(
        entity::employer_registration::Entity::find()
            .filter(
                entity::employer_registration::Column::Email
                    .is_in(["sem@groen.nl", "beheer@hallowerk-demo.nl"])
            )
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        reg("Bakkerij van der Linden", "extra@bakkerij.nl", "0101234568")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        reg("Slecht BV", "nee@slecht.nl", "0101234569").await.status,
        StatusCode::OK
    );

    let delft = app.login("staff@delft.test.nl").await;
    assert!(
        app.form(Some(&delft), "employers/desk", &[]).await.json()["registrations"]["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let staff = staff_of(app, "Vlaardingen").await;
    let desk = app.form(Some(&staff), "employers/desk", &[]).await.json();
    let regs = desk["registrations"]["items"].as_array().unwrap();
    assert_eq!(regs.len(), 3);
    let id_of =
        |org: &str| regs.iter().find(|r| r["organisation"] == org).unwrap()["id"].to_string();
    let bakery = employer::Entity::find()
        .filter(employer::Column::Name.eq("Bakkerij Van der Linden"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        regs.iter()
            .find(|r| r["organisation"] == "Bakkerij van der Linden")
            .unwrap()["same_name_organisation"],
        bakery.id
    );
    assert_eq!(
        app.form(
            Some(&delft),
            "employers/decide",
            &[
                ("id", &id_of("Groen BV")),
                ("decision", "approve"),
                ("reason", "")
            ]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // Approve: one staff member's approval opens nothing; a second one of the region confirms
    // it, and only then do the organisation, the contact person and the activation link exist.
    let decide = |who: &str, org: &str, organisation: &str| {
        let (who, id, organisation) = (who.to_string(), id_of(org), organisation.to_string());
        async move {
            app.form(
                Some(&who),
                "employers/decide",
                &[
                    ("id", id.as_str()),
                    ("decision", "approve"),
                    ("reason", ""),
                    ("organisation", organisation.as_str()),
                ],
            )
            .await
        }
    };
    let res = decide(&staff, "Groen BV", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), "AwaitingSecond");
    assert!(app.user("sem@groen.nl").await.is_none());
    assert_eq!(
        employer::Entity::find()
            .filter(employer::Column::Name.eq("Groen BV"))
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "no organisation before the second approval"
    );
    let waiting = app.form(Some(&staff), "employers/desk", &[]).await.json();
    let card = waiting["registrations"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["organisation"] == "Groen BV")
        .unwrap()
        .clone();
    assert_eq!(card["first_approval"]["by_caller"], true, "{card}");
    // Nobody confirms their own approval, and staff of another region cannot either.
    let res = decide(&staff, "Groen BV", "").await;
    assert_eq!(
        (res.status, res.json()["field"].clone()),
        (StatusCode::BAD_REQUEST, "id".into()),
        "{}",
        res.body
    );
    assert_eq!(
        decide(&delft, "Groen BV", "").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(app.user("sem@groen.nl").await.is_none());
    let second = staff_of(app, "Schiedam").await;
    let waiting = app.form(Some(&second), "employers/desk", &[]).await.json();
    assert!(
        waiting["registrations"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["organisation"] == "Groen BV" && r["first_approval"]["by_caller"] == false),
        "{waiting}"
    );
    let res = decide(&second, "Groen BV", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), "Approved");
    // Both decisions are in the audit log of every gemeente of the region.
    let gemeenten: Vec<i32> = entity::municipality::Entity::find()
        .filter(entity::municipality::Column::RegionId.eq(rijnmond.id))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert!(gemeenten.len() > 1);
    for action in ["approve_employer", "confirm_employer"] {
        let mut logged: Vec<i32> = entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Action.eq(action))
            .filter(
                entity::audit_log::Column::ObjectId.eq(id_of("Groen BV").parse::<i32>().unwrap()),
            )
            .all(&app.db)
            .await
            .unwrap()
            .iter()
            .filter_map(|e| e.municipality_id)
            .collect();
        logged.sort();
        let mut want = gemeenten.clone();
        want.sort();
        assert_eq!(logged, want, "{action}");
    }
    let user = app.user("sem@groen.nl").await.unwrap();
    assert_eq!(user.role, "employer");
    assert!(user.password_hash.is_none());
    let org = employer::Entity::find_by_id(user.employer_id.unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (org.name.as_str(), org.region_id),
        ("Groen BV", rijnmond.id)
    );
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq("sem@groen.nl"))
        .filter(outbox::Column::Kind.eq("employer_approved"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the approval mail");
    assert!(mail.body_text.contains("/activeren/"));
    // A name match alone never joins an existing organisation: staff must choose.
    let res = app
        .form(
            Some(&staff),
            "employers/decide",
            &[
                ("id", &id_of("Bakkerij van der Linden")),
                ("decision", "approve"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(
        (res.status, res.code(), res.json()["field"].clone()),
        (
            StatusCode::BAD_REQUEST,
            "invalid".into(),
            "organisation".into()
        ),
        "{}",
        res.body
    );
    assert!(
        app.user("extra@bakkerij.nl").await.is_none(),
        "nothing half-written"
    );
    // Nor can staff attach the contact to an organisation of another region.
    let other_region = employer::Entity::find()
        .filter(employer::Column::RegionId.ne(bakery.region_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an organisation in another region");
    let res = app
        .form(
            Some(&staff),
            "employers/decide",
            &[
                ("id", &id_of("Bakkerij van der Linden")),
                ("decision", "approve"),
                ("reason", ""),
                ("organisation", &other_region.id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.json()["field"], "organisation", "{}", res.body);
    assert!(app.user("extra@bakkerij.nl").await.is_none());
    // Chosen explicitly: a second contact person, and the existing contact is told once a
    // second staff member confirmed (who confirms what the first one chose).
    let res = decide(&staff, "Bakkerij van der Linden", &bakery.id.to_string()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(app.user("extra@bakkerij.nl").await.is_none());
    let res = decide(&second, "Bakkerij van der Linden", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let extra = app.user("extra@bakkerij.nl").await.unwrap();
    assert_eq!(extra.employer_id, Some(bakery.id));
    let told = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(format!(
            "j.vanderlinden@bakkerij.{}",
            server::demo::seed::DEMO_DOMAIN
        )))
        .filter(outbox::Column::Kind.eq("employer_contact_added"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the existing contact is told");
    assert!(
        told.body_text.contains("extra@bakkerij.nl"),
        "{}",
        told.body_text
    );
    // Reject: only with a reason, which the applicant receives.
    let res = app
        .form(
            Some(&staff),
            "employers/decide",
            &[
                ("id", &id_of("Slecht BV")),
                ("decision", "reject"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(res.json()["field"], "reason");
    let res = app
        .form(
            Some(&staff),
            "employers/decide",
            &[
                ("id", &id_of("Slecht BV")),
                ("decision", "reject"),
                ("reason", "Geen vestiging in de regio."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq("nee@slecht.nl"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(mail.body_text.contains("Geen vestiging in de regio."));
    assert!(app.user("nee@slecht.nl").await.is_none());
}

async fn the_administrator_gets_no_job_seeker_data_from_any_admin_function(app: &TestApp) {
    let admin = app.login(common::ADMIN_EMAIL).await;
    let m = app.municipality("Schiedam").await.id.to_string();
    let mut bodies = vec![];
    let mut call = |res: common::Response, what: &str| {
        assert!(
            res.status.is_success(),
            "{what}: {} {}",
            res.status,
            res.body
        );
        bodies.push(res.body);
    };
    call(
        app.form(Some(&admin), "admin/regions", &[]).await,
        "regions",
    );
    call(
        app.form(Some(&admin), "admin/accounts", &[]).await,
        "accounts",
    );
    call(
        app.form(
            Some(&admin),
            "admin/regions/create",
            &[("name", "Twente"), ("department_email", "")],
        )
        .await,
        "create region",
    );
    call(
        app.form(
            Some(&admin),
            "admin/municipalities/create",
            &[("region_id", "1"), ("name", "Maassluis")],
        )
        .await,
        "create gemeente",
    );
    let res = app
        .form(
            Some(&admin),
            "admin/accounts/create-staff",
            &[
                ("municipality_id", &m),
                ("first_name", "Nieuw"),
                ("last_name", "Lid"),
                ("email", "nieuw@schiedam.nl"),
            ],
        )
        .await;
    let new_id = res.body.clone();
    call(res, "create staff");
    call(
        app.form(
            Some(&admin),
            "admin/accounts/active",
            &[("user_id", &new_id), ("active", "false")],
        )
        .await,
        "deactivate",
    );
    call(
        app.form(
            Some(&admin),
            "admin/accounts/reset",
            &[("user_id", &new_id)],
        )
        .await,
        "reset",
    );
    let partner_id = partner::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    call(
        app.form(
            Some(&admin),
            "admin/accounts/create-partner",
            &[
                ("partner_id", &partner_id),
                ("first_name", "Piet"),
                ("last_name", "Partner"),
                ("email", "piet@maasstad.nl"),
            ],
        )
        .await,
        "create partner user",
    );
    call(
        app.form(
            Some(&admin),
            "admin/places/active",
            &[("kind", "region"), ("id", "1"), ("active", "true")],
        )
        .await,
        "region active",
    );
    let accounts = app.form(Some(&admin), "admin/accounts", &[]).await;
    assert!(accounts.body.contains("nieuw@schiedam.nl"));
    call(accounts, "accounts again");
    for person in app.all_job_seekers().await {
        let email = app.login_email_of(&person).await;
        for body in &bodies {
            assert!(
                !body.contains(&person.client_number) && !body.contains(&email),
                "job-seeker data in an admin response"
            );
        }
    }
    // Job-seeker accounts are not the administrator's to manage.
    let (js, _) = fatima(app).await;
    let res = app
        .form(
            Some(&admin),
            "admin/accounts/reset",
            &[("user_id", &js.user_id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    for endpoint in [
        "job-seekers/list",
        "privacy-desk/queue",
        "statistics",
        "audit/search",
        "partners/list",
        "employers/desk",
        "contact/inbox",
    ] {
        let res = app
            .form(
                Some(&admin),
                endpoint,
                &[
                    ("q", ""),
                    ("page", "0"),
                    ("client_number", ""),
                    ("action", ""),
                ],
            )
            .await;
        assert!(
            res.status == StatusCode::FORBIDDEN,
            "{endpoint}: {}",
            res.status
        );
    }
}

async fn deactivated_places_stop_their_staff_and_forms(app: &TestApp) {
    let admin = app.login(common::ADMIN_EMAIL).await;
    let schiedam = app.municipality("Schiedam").await;
    let staff = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    assert_eq!(
        app.form(
            Some(&staff),
            "job-seekers/list",
            &[("q", ""), ("page", "0")]
        )
        .await
        .status,
        StatusCode::OK
    );
    let res = app
        .form(
            Some(&admin),
            "admin/places/active",
            &[
                ("kind", "municipality"),
                ("id", &schiedam.id.to_string()),
                ("active", "false"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        app.form(
            Some(&staff),
            "job-seekers/list",
            &[("q", ""), ("page", "0")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Its job seekers keep their rights.
    let js = app
        .job_seekers_of("Schiedam")
        .await
        .into_iter()
        .find(|j| j.state == "active")
        .unwrap();
    let me = app.login(&app.login_email_of(&js).await).await;
    assert_eq!(
        app.form(Some(&me), "profile/mine", &[]).await.status,
        StatusCode::OK
    );
    app.form(
        Some(&admin),
        "admin/places/active",
        &[
            ("kind", "municipality"),
            ("id", &schiedam.id.to_string()),
            ("active", "true"),
        ],
    )
    .await;
    assert_eq!(
        app.form(
            Some(&staff),
            "job-seekers/list",
            &[("q", ""), ("page", "0")]
        )
        .await
        .status,
        StatusCode::OK
    );

    // An inactive region takes no contact messages or registrations.
    let delft_region = app.municipality("Delft").await.region_id.to_string();
    app.form(
        Some(&admin),
        "admin/places/active",
        &[
            ("kind", "region"),
            ("id", &delft_region),
            ("active", "false"),
        ],
    )
    .await;
    let regions = app.form(None, "contact/regions", &[]).await.json();
    assert!(
        regions
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["name"] != "Haaglanden")
    );
    let res = app
        .form(
            None,
            "employers/register",
            &[
                ("organisation", "X BV"),
                ("first_name", "Anna"),
                ("last_name", "Bos"),
                ("email", "x@xbv.nl"),
                ("phone", "0101234567"),
                ("region_id", &delft_region),
            ],
        )
        .await;
    assert_eq!(res.json()["field"], "region_id");
    // Its staff cannot sign in any more.
    let res = app
        .form(
            None,
            "login",
            &[
                ("email", "staff@delft.test.nl"),
                ("password", common::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.set_cookie.is_empty());
    // Staff cannot do this; only the administrator.
    let res = app
        .form(
            Some(&staff),
            "admin/places/active",
            &[
                ("kind", "region"),
                ("id", &delft_region),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

/// The privacy queue is read a page at a time, open requests first (the earliest deadline
/// first) across pages, and names only the people on the page in the audit log.
async fn the_privacy_queue_is_paged_with_open_requests_first(app: &TestApp) {
    let (_, js) = common::fatima_records(app).await;
    let now = Utc::now();
    let per_page = kernel::views::privacy_desk::QUEUE_PAGE_SIZE as i64;
    // Decided requests with early deadlines, and three open ones with late deadlines.
    for i in 0..per_page + 5 {
        let open = i >= per_page + 2;
        privacy_request::ActiveModel {
            job_seeker_id: Set(js.id),
            municipality_id: Set(js.municipality_id),
            kind: Set("access".into()),
            field: Set(None),
            details: Set(format!("Verzoek {i}")),
            status: Set(if open { "open" } else { "granted" }.into()),
            created_at: Set(now - Duration::days(40)),
            due_at: Set(now + Duration::days(i)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let staff = staff_of(app, "Rotterdam").await;
    let first = app
        .form(Some(&staff), "privacy-desk/queue", &[("page", "0")])
        .await
        .json();
    let rows = first["requests"].as_array().unwrap();
    assert_eq!(rows.len() as i64, per_page, "{first}");
    let total = first["total"].as_i64().unwrap();
    assert!(total >= per_page + 5);
    let open: Vec<&str> = rows
        .iter()
        .take_while(|r| r["status"] == "open")
        .map(|r| r["details"].as_str().unwrap())
        .collect();
    // Every open request of the gemeente comes before any decided one, earliest due first.
    let all_open = privacy_request::Entity::find()
        .filter(privacy_request::Column::MunicipalityId.eq(js.municipality_id))
        .filter(privacy_request::Column::Status.eq("open"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(open.len() as u64, all_open, "{first}");
    let mine: Vec<&str> = open
        .iter()
        .copied()
        .filter(|d| d.starts_with("Verzoek "))
        .collect();
    let expected: Vec<String> = (per_page + 2..per_page + 5)
        .map(|i| format!("Verzoek {i}"))
        .collect();
    assert_eq!(mine, expected);
    // Every request is on exactly one page; past the end is the last page.
    let mut ids = std::collections::HashSet::new();
    for n in 0..first["pages"].as_u64().unwrap() {
        let page = app
            .form(
                Some(&staff),
                "privacy-desk/queue",
                &[("page", &n.to_string())],
            )
            .await
            .json();
        for r in page["requests"].as_array().unwrap() {
            assert!(ids.insert(r["id"].as_i64().unwrap()), "twice: {r}");
        }
    }
    assert_eq!(ids.len() as i64, total);
    let past = app
        .form(Some(&staff), "privacy-desk/queue", &[("page", "123456")])
        .await
        .json();
    assert_eq!(
        past["page"].as_u64().unwrap() + 1,
        first["pages"].as_u64().unwrap()
    );
    let res = app
        .form(Some(&staff), "privacy-desk/queue", &[("page", "-3")])
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

/// The employer desk: pending registrations a page at a time, oldest first, each offering
/// only organisations whose name is like it; the region's organisations by name a page at a
/// time, each with its newest vacancies and their count.
async fn the_employer_desk_is_paged(app: &TestApp) {
    use entity::{employer_registration, municipality};
    let per_page = kernel::views::paging::PAGE_SIZE as i64;
    let rotterdam = municipality::Entity::find()
        .filter(municipality::Column::Name.eq("Rotterdam"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let region_id = rotterdam.region_id;
    let now = Utc::now();
    for i in 0..per_page + 4 {
        employer_registration::ActiveModel {
            region_id: Set(region_id),
            organisation: Set(format!("Kaasmakerij {i:02}")),
            first_name: Set("Kees".into()),
            last_name: Set("Kaas".into()),
            email: Set(format!("kees{i}@kaas.nl")),
            phone: Set("0101234567".into()),
            status: Set(if i == 0 { "rejected" } else { "pending" }.into()),
            created_at: Set(now - Duration::days(100 - i)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let template = vacancy::Entity::find()
        .filter(vacancy::Column::Title.eq("Orderpicker"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut orgs = Vec::new();
    for i in 0..per_page + 2 {
        let org = employer::ActiveModel {
            region_id: Set(region_id),
            name: Set(format!("Kaasmakerij {i:02}")),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        orgs.push(org);
    }
    for n in 0..12 {
        let mut v: vacancy::ActiveModel = template.clone().into();
        v.id = sea_orm::ActiveValue::NotSet;
        v.employer_id = Set(orgs[3].id);
        v.title = Set(format!("Kaasboer {n}"));
        v.created_at = Set(now - Duration::minutes(n));
        v.insert(&app.db).await.unwrap();
    }

    let staff = staff_of(app, "Rotterdam").await;
    let desk = |r: u64, o: u64| {
        let staff = staff.clone();
        async move {
            app.form(
                Some(&staff),
                "employers/desk",
                &[
                    ("registrations_page", &r.to_string()),
                    ("organisations_page", &o.to_string()),
                ],
            )
            .await
            .json()
        }
    };
    let first = desk(0, 0).await;
    let regs = &first["registrations"];
    let pending = employer_registration::Entity::find()
        .filter(employer_registration::Column::RegionId.eq(region_id))
        .filter(employer_registration::Column::Status.eq("pending"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(regs["total"].as_u64().unwrap(), pending, "{regs}");
    let items = regs["items"].as_array().unwrap();
    assert_eq!(items.len() as i64, per_page);
    assert!(items.iter().all(|r| r["status"] == "pending"));
    // Oldest first: ours are older than any demo registration, in the order made.
    assert_eq!(items[0]["organisation"], "Kaasmakerij 01");
    assert_eq!(items[1]["organisation"], "Kaasmakerij 02");
    // "Kaasmakerij 01" is also an organisation's name: that one first, then like names.
    let choices = items[0]["choices"].as_array().unwrap();
    assert_eq!(choices[0]["id"], orgs[1].id, "{choices:?}");
    assert_eq!(items[0]["same_name_organisation"], orgs[1].id);
    assert_eq!(choices.len(), 10);
    assert!(
        choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().starts_with("Kaasmakerij"))
    );
    let mut seen = std::collections::HashSet::new();
    for r in 0..regs["pages"].as_u64().unwrap() {
        for item in desk(r, 0).await["registrations"]["items"]
            .as_array()
            .unwrap()
        {
            assert!(seen.insert(item["id"].as_i64().unwrap()), "twice: {item}");
        }
    }
    assert_eq!(seen.len() as u64, pending);

    let listed = &first["organisations"];
    let in_region = employer::Entity::find()
        .filter(employer::Column::RegionId.eq(region_id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(listed["total"].as_u64().unwrap(), in_region);
    assert_eq!(listed["items"].as_array().unwrap().len() as i64, per_page);
    let mut names = Vec::new();
    for o in 0..listed["pages"].as_u64().unwrap() {
        for org in desk(0, o).await["organisations"]["items"]
            .as_array()
            .unwrap()
        {
            names.push(org["name"].as_str().unwrap().to_string());
            if org["id"] == orgs[3].id {
                assert_eq!(org["vacancy_count"], 12);
                let shown = org["vacancies"].as_array().unwrap();
                assert_eq!(shown.len(), 10);
                assert_eq!(shown[0]["title"], "Kaasboer 0", "newest first");
            }
        }
    }
    assert_eq!(names.len() as u64, in_region);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name");
    // Past the end: the last page; a negative page: refused.
    let past = desk(9999, 9999).await;
    assert_eq!(
        past["organisations"]["page"].as_u64().unwrap() + 1,
        listed["pages"].as_u64().unwrap()
    );
    let res = app
        .form(
            Some(&staff),
            "employers/desk",
            &[("organisations_page", "-1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

on_both_databases!(
    the_employer_desk_is_paged,
    the_privacy_queue_is_paged_with_open_requests_first,
    deactivated_places_stop_their_staff_and_forms,
    staff_of_one_gemeente_can_do_nothing_for_another,
    erasure_removes_every_row_and_file_of_the_person,
    erasure_after_retention_hides_first_and_erases_later,
    partners_see_agreed_fields_and_nothing_after_the_agreement_ends,
    every_profile_read_is_audited_and_the_log_is_append_only,
    statistics_are_aggregates_only,
    statistics_say_when_there_is_nothing_to_count,
    employers_register_and_staff_of_the_region_decide,
    the_administrator_gets_no_job_seeker_data_from_any_admin_function,
);
