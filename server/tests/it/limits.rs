//! Input size limits: a huge argument gets a clear 400 with a stable code, never a database
//! error, and leaves nothing written.

use crate::common::TestApp;
use chrono::Utc;
use entity::contact_message;
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

async fn a_huge_search_string_is_a_clear_400(app: &TestApp) {
    let cookie = app.login(&app.email_of_role("employer", None).await).await;
    let q = "werk ".repeat(40_000); // 200 KB
    let res = app
        .json(
            Some(&cookie),
            "candidates/search",
            json!({ "filter": { "q": q } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    assert!(res.json()["message"].as_str().unwrap().contains("te groot"));
}

async fn a_long_keyword_text_gets_its_own_message(app: &TestApp) {
    let cookie = app.login(&app.email_of_role("employer", None).await).await;
    let res = app
        .json(
            Some(&cookie),
            "candidates/search",
            json!({ "filter": { "q": "bakken ".repeat(100) } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.json()["field"], "q");
    assert!(
        res.json()["message"]
            .as_str()
            .unwrap()
            .contains("200 tekens")
    );
}

async fn a_huge_contact_message_is_refused_and_not_stored(app: &TestApp) {
    let before = contact_message::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let region = app.municipality("Rotterdam").await.region_id.to_string();
    let started = (Utc::now().timestamp_millis() - 10_000).to_string();
    let message = "Hallo. ".repeat(30_000);
    let res = app
        .form(
            None,
            "contact/submit",
            &[
                ("first_name", "Kees"),
                ("last_name", "Groot"),
                ("email", "kees@example.nl"),
                ("phone", ""),
                ("qualification", "overig"),
                ("region_id", &region),
                ("message", &message),
                ("website", ""),
                ("started", &started),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    let after = contact_message::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(before, after, "nothing stored");
}

on_both_databases!(
    a_huge_search_string_is_a_clear_400,
    a_long_keyword_text_gets_its_own_message,
    a_huge_contact_message_is_refused_and_not_stored,
);
