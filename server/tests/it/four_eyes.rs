//! Four eyes for access to personal data, over HTTP against a real database: an account the
//! platform administrator makes with access to job-seeker data cannot sign in until a second
//! person approves it (staff of its gemeente; for a gemeente's first staff account another
//! administrator), and the gemeente's staff are told of it.

use crate::common;
use crate::common::{ADMIN_EMAIL, DEMO_SECRET, TestApp};
use chrono::Utc;
use entity::{app_user, audit_log, outbox};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const ROTTERDAM_STAFF: &str = "a.jansen@rotterdam.hallowerk-demo.nl";
const PASSWORD: &str = "een lang genoeg wachtwoord";

/// Activates an account through the link in its mail.
async fn activate(app: &TestApp, email: &str) {
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(email))
        .filter(outbox::Column::Kind.eq("activation"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("activation mail");
    let token = common::token_in(&mail.body_text, "/activeren/");
    let res = app
        .form(
            None,
            "activation/redeem",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("password_repeat", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "activation: {}", res.body);
}

async fn log_in(app: &TestApp, email: &str) -> common::Response {
    app.form(None, "login", &[("email", email), ("password", PASSWORD)])
        .await
}

async fn an_account_made_by_the_administrator_waits_for_the_gemeente(app: &TestApp) {
    let admin = app.login(ADMIN_EMAIL).await;
    let rotterdam = app.municipality("Rotterdam").await;
    let res = app
        .form(
            Some(&admin),
            "admin/accounts/create-staff",
            &[
                ("municipality_id", &rotterdam.id.to_string()),
                ("first_name", "Nieuw"),
                ("last_name", "Lid"),
                ("email", "nieuw@rotterdam.nl"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let id = res.json().as_i64().unwrap() as i32;
    let account = app.user("nieuw@rotterdam.nl").await.unwrap();
    assert!(account.awaiting_approval);
    assert_eq!(
        account.created_by,
        Some(app.user(ADMIN_EMAIL).await.unwrap().id)
    );
    // Every Rotterdam staff member is told.
    let told: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("account_awaits_approval"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.to_address)
        .collect();
    assert!(told.contains(&ROTTERDAM_STAFF.to_string()), "{told:?}");
    assert!(
        told.iter()
            .all(|t| t.ends_with("@rotterdam.hallowerk-demo.nl"))
    );

    // Whoever holds the activation link sets a password, but cannot sign in yet.
    activate(app, "nieuw@rotterdam.nl").await;
    let res = log_in(app, "nieuw@rotterdam.nl").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(
        res.body.contains("wacht nog op goedkeuring"),
        "{}",
        res.body
    );
    assert!(res.set_cookie.is_empty());

    // The administrator cannot approve it (Rotterdam has staff to do so); staff of another
    // gemeente cannot either.
    let approve = |cookie: String| async move {
        app.form(
            Some(&cookie),
            "accounts/approve",
            &[("user_id", &id.to_string())],
        )
        .await
    };
    assert_eq!(approve(admin.clone()).await.code(), "not_found");
    let schiedam = app.login("s.visser@schiedam.hallowerk-demo.nl").await;
    assert_eq!(approve(schiedam).await.code(), "not_found");
    // Rotterdam staff see it waiting, and approve it.
    let staff = app.login(ROTTERDAM_STAFF).await;
    let list = app.form(Some(&staff), "accounts/list", &[]).await.json();
    let row = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "nieuw@rotterdam.nl")
        .expect("listed")
        .clone();
    assert_eq!(row["awaiting_approval"], true);
    assert_eq!(row["may_approve"], true);
    let res = approve(staff.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("approve_account"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("audited");
    assert_eq!(entry.object_id, Some(id));
    assert_eq!(entry.municipality_id, Some(rotterdam.id));
    // Now the account signs in (and enrols its second factor).
    let res = log_in(app, "nieuw@rotterdam.nl").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let cookie = app.enrol(&common::session_cookie(&res)).await;
    let me = app.form(Some(&cookie), "me", &[]).await.json();
    assert_eq!(me["role"], "staff");
}

async fn a_gemeentes_first_staff_account_takes_a_second_administrator(app: &TestApp) {
    let admin = app.login(ADMIN_EMAIL).await;
    let res = app
        .form(
            Some(&admin),
            "admin/municipalities/create",
            &[("region_id", "1"), ("name", "Maassluis")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let gemeente = res.json().as_i64().unwrap();
    let res = app
        .form(
            Some(&admin),
            "admin/accounts/create-staff",
            &[
                ("municipality_id", &gemeente.to_string()),
                ("first_name", "Eerste"),
                ("last_name", "Medewerker"),
                ("email", "eerste@maassluis.nl"),
            ],
        )
        .await;
    let id = res.json().as_i64().unwrap().to_string();
    let rows = app.form(Some(&admin), "admin/accounts", &[]).await.json();
    let row = rows["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "eerste@maassluis.nl")
        .unwrap()
        .clone();
    assert_eq!(row["awaiting_approval"], true);
    assert_eq!(row["may_approve"], false, "not by the one who made it");
    let res = app
        .form(Some(&admin), "accounts/approve", &[("user_id", &id)])
        .await;
    assert_eq!(res.code(), "not_found");

    // A second administrator (made by the server's operator) approves it.
    let hash = app.user(ADMIN_EMAIL).await.unwrap().password_hash;
    app_user::ActiveModel {
        email: Set("tweede.beheerder@hallowerk-demo.nl".into()),
        password_hash: Set(hash),
        role: Set("admin".into()),
        first_name: Set(Some("Tweede".into())),
        last_name: Set(Some("Beheerder".into())),
        active: Set(true),
        awaiting_approval: Set(false),
        created_at: Set(Utc::now()),
        totp_secret: Set(Some(
            service::foundation::secret_box::seal(DEMO_SECRET).unwrap(),
        )),
        totp_confirmed_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let second = app.login("tweede.beheerder@hallowerk-demo.nl").await;
    let res = app
        .form(Some(&second), "accounts/approve", &[("user_id", &id)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        !app.user("eerste@maassluis.nl")
            .await
            .unwrap()
            .awaiting_approval
    );
    // Approving twice changes nothing and is refused.
    let res = app
        .form(Some(&second), "accounts/approve", &[("user_id", &id)])
        .await;
    assert_eq!(res.code(), "not_found");
}

async fn partner_users_made_by_the_administrator_wait_too(app: &TestApp) {
    let admin = app.login(ADMIN_EMAIL).await;
    let maasstad = app
        .user("opleidingen@maasstad.hallowerk-demo.nl")
        .await
        .unwrap();
    let res = app
        .form(
            Some(&admin),
            "admin/accounts/create-partner",
            &[
                ("partner_id", &maasstad.partner_id.unwrap().to_string()),
                ("first_name", "Piet"),
                ("last_name", "Partner"),
                ("email", "piet@maasstad.nl"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let piet = app.user("piet@maasstad.nl").await.unwrap();
    assert!(piet.awaiting_approval);
    // Even a session made for it some other way reaches nothing while it waits.
    let token = service::access::session::create_session(
        &app.db,
        piet.id,
        service::access::session::Stage::Complete,
    )
    .await
    .unwrap();
    let res = app
        .form(
            Some(&format!("hw_session={token}")),
            "partner/profiles",
            &[("page", "0")],
        )
        .await;
    assert_eq!(res.code(), "unauthenticated");
    let staff = app.login(ROTTERDAM_STAFF).await;
    let res = app
        .form(
            Some(&staff),
            "accounts/approve",
            &[("user_id", &piet.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// The account lists are bounded: 25 a page, those waiting for approval first, searchable by
/// e-mail address and name (plain text: LIKE's wildcards match nothing special), each gemeente's
/// staff seeing only their own.
async fn account_lists_are_paged_and_searched(app: &TestApp) {
    let admin = app.login(ADMIN_EMAIL).await;
    let schiedam = app.municipality("Schiedam").await.id.to_string();
    for i in 0..26 {
        let res = app
            .form(
                Some(&admin),
                "admin/accounts/create-staff",
                &[
                    ("municipality_id", &schiedam),
                    ("first_name", "Test"),
                    ("last_name", &format!("Pagina{}", char::from(b'a' + i))),
                    ("email", &format!("pagina{i:02}@schiedam.example.nl")),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let list = |who: String, q: &'static str, page: &'static str| async move {
        let res = app
            .form(Some(&who), "admin/accounts", &[("q", q), ("page", page)])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.json()
    };
    let emails = |v: &serde_json::Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["email"].as_str().unwrap().to_string())
            .collect()
    };
    let first = list(admin.clone(), "", "0").await;
    let total = first["total"].as_u64().unwrap();
    assert!(
        total > 26,
        "the demo's accounts and the 26 new ones: {total}"
    );
    assert_eq!(emails(&first).len(), 25);
    assert!(
        first["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["awaiting_approval"] == true),
        "the 26 waiting accounts come first"
    );
    let second = list(admin.clone(), "", "1").await;
    assert_eq!(second["total"].as_u64(), Some(total));
    assert!(emails(&second).iter().all(|e| !emails(&first).contains(e)));
    assert_eq!(second["items"][0]["email"], "pagina25@schiedam.example.nl");
    // Search: every word somewhere in the e-mail address or name, any case.
    assert_eq!(list(admin.clone(), "PAGINA", "0").await["total"], 26);
    assert_eq!(
        emails(&list(admin.clone(), "test pagina07", "0").await),
        ["pagina07@schiedam.example.nl"]
    );
    assert_eq!(list(admin.clone(), "pa%ina", "0").await["total"], 0);
    assert_eq!(list(admin.clone(), "pag_na", "0").await["total"], 0);
    assert_eq!(
        list(admin.clone(), "%", "0").await["total"].as_u64(),
        Some(total)
    );
    let long = "a".repeat(101);
    let res = app
        .form(
            Some(&admin),
            "admin/accounts",
            &[("q", &long), ("page", "0")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.code(), "invalid");
    // Schiedam's staff page through their gemeente's accounts; Rotterdam's see none of them.
    let staff = app.login("s.visser@schiedam.hallowerk-demo.nl").await;
    let res = app
        .form(
            Some(&staff),
            "accounts/list",
            &[("q", "pagina"), ("page", "1")],
        )
        .await
        .json();
    assert_eq!(res["total"], 26);
    assert_eq!(res["page"], 1);
    assert_eq!(emails(&res), ["pagina25@schiedam.example.nl"]);
    let rotterdam = app.login(ROTTERDAM_STAFF).await;
    let res = app
        .form(Some(&rotterdam), "accounts/list", &[("q", "pagina")])
        .await
        .json();
    assert_eq!(res["total"], 0);
}

on_both_databases!(
    an_account_made_by_the_administrator_waits_for_the_gemeente,
    a_gemeentes_first_staff_account_takes_a_second_administrator,
    partner_users_made_by_the_administrator_wait_too,
    account_lists_are_paged_and_searched,
);
