//! The AVG rights of the data subjects the privacy statement names besides job seekers, over
//! HTTP against a real database: an employer's contact person sees, corrects and downloads
//! their own account data.

use crate::common;
use crate::common::TestApp;
use entity::{audit_log, outbox};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";

async fn mail_to(app: &TestApp, email: &str, kind: &str) -> Option<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(email))
        .filter(outbox::Column::Kind.eq(kind))
        .order_by_desc(outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
}

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

on_both_databases!(an_employer_contact_sees_corrects_and_downloads_their_account,);
