//! The published privacy statement (`/privacy`) over HTTP against a real database: per gemeente
//! with its partners from the agreements, the field tables from the policy, and a version
//! history that staff add to and that follows every change of code or agreements.

use crate::common;
use crate::common::TestApp;
use chrono::Utc;
use entity::{audit_log, municipality, privacy_statement_version as version};
use http::StatusCode;
use kernel::privacy_statement::Document;
use kernel::views::privacy_statement::StatementPage;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use service::model::privacy_statement::{AUTOMATIC_NOTE, refresh_all};

async fn gemeente(app: &TestApp, name: &str) -> i32 {
    municipality::Entity::find()
        .filter(municipality::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no gemeente {name}"))
        .id
}

async fn show(app: &TestApp, gemeente: Option<i32>, version: Option<i32>) -> StatementPage {
    let mut args = vec![];
    let (g, v) = (
        gemeente.map(|g| g.to_string()),
        version.map(|v| v.to_string()),
    );
    if let Some(g) = &g {
        args.push(("gemeente", g.as_str()));
    }
    if let Some(v) = &v {
        args.push(("version", v.as_str()));
    }
    let res = app.form(None, "privacy-statement/show", &args).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_value(res.json()).unwrap()
}

async fn versions_of(app: &TestApp, gemeente: i32) -> Vec<version::Model> {
    version::Entity::find()
        .filter(version::Column::MunicipalityId.eq(gemeente))
        .order_by_asc(version::Column::Version)
        .all(&app.db)
        .await
        .unwrap()
}

async fn staff_of(app: &TestApp, gemeente: &str) -> String {
    app.login(&app.email_of_role("staff", Some(gemeente)).await)
        .await
}

async fn publish(
    app: &TestApp,
    cookie: Option<&str>,
    contact: &str,
    note: &str,
) -> common::Response {
    app.form(
        cookie,
        "privacy-statement/publish",
        &[
            ("contact", contact),
            ("addition", ""),
            ("change_note", note),
        ],
    )
    .await
}

async fn the_statement_is_published_per_gemeente_with_its_partners(app: &TestApp) {
    let all = municipality::Entity::find().count(&app.db).await.unwrap() as usize;
    // At start-up every gemeente gets its first version; a second start adds none.
    assert_eq!(refresh_all(&app.db, Utc::now()).await.unwrap(), all);
    assert_eq!(refresh_all(&app.db, Utc::now()).await.unwrap(), 0);

    let page = app.get(None, "/privacy").await;
    assert_eq!(page.status, StatusCode::OK);
    for part in [
        "Privacyverklaring HalloWerk",
        "Werkzoekenden",
        "Werkgevers",
        "Contactformulier",
        "Zichtbaar voor werkgevers",
        "Geboortedatum",
        "Autoriteit Persoonsgegevens",
        "Rotterdam",
    ] {
        assert!(page.body.contains(part), "/privacy lacks {part}");
    }
    // The register of processing activities, with the ids the processing log uses.
    for a in kernel::processing::REGISTER {
        assert!(page.body.contains(a.id), "/privacy lacks {}", a.id);
        assert!(page.body.contains(a.name), "/privacy lacks {}", a.name);
    }
    // Every retention period the clean-up keeps, as the page serves it.
    assert!(page.body.contains("Bewaartermijnen in HalloWerk"));
    for r in kernel::retention::ALL {
        let period = format!("{} {}", r.period.words(), r.from);
        assert!(page.body.contains(r.what), "/privacy lacks {}", r.what);
        assert!(page.body.contains(&period), "/privacy lacks {period}");
    }
    // Every page links to it from its footer, and every form that asks for personal data.
    for path in ["/contact", "/werkgever-aanmelden"] {
        let body = app.get(None, path).await.body;
        assert!(
            body.matches("href=\"/privacy\"").count() >= 2,
            "{path}: footer and form"
        );
    }

    let rotterdam = gemeente(app, "Rotterdam").await;
    let p = show(app, Some(rotterdam), None).await;
    let text = p.document.text();
    assert!(text.contains("gemeente Rotterdam"));
    assert!(
        text.contains("Opleidingsinstituut Maasstad | Voornaam, Achternaam, E-mailadres"),
        "{text}"
    );
    // The tables say what the policy says (birth date: gemeente yes, employers no).
    assert!(text.contains("Geboortedatum | Ja | Nee |"));
    assert!(text.contains("Belastbaarheid | Ja | Alleen met jouw toestemming | Nee"));
    assert_eq!(p.shown.as_ref().map(|v| v.version), Some(1));
    assert!(!p.is_old);
    let page = app
        .get(None, &format!("/privacy?gemeente={rotterdam}"))
        .await;
    assert!(page.body.contains("Opleidingsinstituut Maasstad"));
    assert!(page.body.contains("Versie 1, gepubliceerd op"));

    let schiedam = show(app, Some(gemeente(app, "Schiedam").await), None).await;
    assert!(
        schiedam
            .document
            .text()
            .contains("Gemeente Schiedam deelt via HalloWerk geen gegevens")
    );
    // No gemeente that does not exist, and no version that was never published.
    let res = app
        .form(None, "privacy-statement/show", &[("gemeente", "999999")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .form(
            None,
            "privacy-statement/show",
            &[("gemeente", &rotterdam.to_string()), ("version", "7")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn staff_publish_versions_and_old_ones_stay_readable(app: &TestApp) {
    refresh_all(&app.db, Utc::now()).await.unwrap();
    let rotterdam = gemeente(app, "Rotterdam").await;
    let schiedam = gemeente(app, "Schiedam").await;
    let staff = staff_of(app, "Rotterdam").await;

    let res = publish(
        app,
        Some(&staff),
        "privacy@rotterdam.example",
        "Contact toegevoegd.",
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.json(), json!(2));
    let now = show(app, Some(rotterdam), None).await;
    assert_eq!(now.shown.as_ref().map(|v| v.version), Some(2));
    assert!(now.document.text().contains("privacy@rotterdam.example"));
    let numbers: Vec<_> = now
        .versions
        .iter()
        .map(|v| (v.version, v.by_staff))
        .collect();
    assert_eq!(numbers, vec![(2, true), (1, false)]);
    // Asked for by its number, the newest version is not "older".
    assert!(!show(app, Some(rotterdam), Some(2)).await.is_old);
    assert_eq!(now.versions[0].change_note, "Contact toegevoegd.");

    // Version 1 reads as it was published.
    let old = show(app, Some(rotterdam), Some(1)).await;
    assert!(old.is_old);
    assert!(!old.document.text().contains("privacy@rotterdam.example"));
    let page = app
        .get(None, &format!("/privacy?gemeente={rotterdam}&versie=1"))
        .await;
    assert!(page.body.contains("Dit is een oudere versie"));

    // Bad input: a Dutch message, and nothing written.
    let res = publish(app, Some(&staff), "x", "  ").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json()["field"], "change_note");
    let long = "a".repeat(kernel::privacy_statement::MAX_CONTACT + 1);
    let res = publish(app, Some(&staff), &long, "Te lang").await;
    assert_eq!(res.json()["field"], "contact");
    assert_eq!(versions_of(app, rotterdam).await.len(), 2);

    // Only staff, and only for their own gemeente (taken from the session).
    let res = publish(app, None, "x", "Zonder log-in").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let employer = app.login(&app.email_of_role("employer", None).await).await;
    let res = publish(app, Some(&employer), "x", "Als werkgever").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let other = staff_of(app, "Schiedam").await;
    assert_eq!(
        publish(app, Some(&other), "", "Schiedam").await.json(),
        json!(2)
    );
    assert_eq!(versions_of(app, rotterdam).await.len(), 2);
    assert_eq!(versions_of(app, schiedam).await.len(), 2);
    let draft = app
        .form(Some(&staff), "privacy-statement/draft", &[])
        .await
        .json();
    assert_eq!(draft["gemeente"]["id"], rotterdam);
    assert_eq!(draft["text"]["contact"], "privacy@rotterdam.example");

    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("publish_privacy_statement"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 2);
}

async fn agreements_and_releases_leave_a_version(app: &TestApp) {
    refresh_all(&app.db, Utc::now()).await.unwrap();
    let schiedam = gemeente(app, "Schiedam").await;
    let staff = staff_of(app, "Schiedam").await;
    let res = app
        .json(
            Some(&staff),
            "partners/create",
            json!({ "partner": { "name": "Leerwerkloket Schiedam", "fields": ["first_name", "target_bbl"],
                "valid_until": null, "user_first_name": "Ria", "user_last_name": "Leeuw",
                "user_email": "ria@loket.nl" } }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let partner_id = res.json().as_i64().unwrap().to_string();
    // Not in force until a second staff member confirms it: the statement stays as it was.
    assert_eq!(
        show(app, Some(schiedam), None)
            .await
            .shown
            .map(|v| v.version),
        Some(1)
    );
    let second = app.login(&app.second_staff_of("Schiedam").await).await;
    let res = app
        .form(
            Some(&second),
            "partners/confirm",
            &[("partner_id", &partner_id)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let with = show(app, Some(schiedam), None).await;
    assert_eq!(with.shown.as_ref().map(|v| v.version), Some(2));
    assert_eq!(with.versions[0].change_note, AUTOMATIC_NOTE);
    assert!(
        with.document
            .text()
            .contains("Leerwerkloket Schiedam | Voornaam en BBL")
    );

    let res = app
        .form(
            Some(&staff),
            "partners/end-agreement",
            &[("partner_id", &partner_id)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let without = show(app, Some(schiedam), None).await;
    assert_eq!(without.shown.as_ref().map(|v| v.version), Some(3));
    assert!(!without.document.text().contains("Leerwerkloket"));
    // Version 2 still says the partner saw those fields while the agreement ran.
    let v2 = show(app, Some(schiedam), Some(2)).await;
    assert!(v2.document.text().contains("Leerwerkloket Schiedam"));

    // A release that says something else (here: the stored version is made to differ, as an
    // older release's text would): the current page carries no stale version number, and the
    // hourly job (as the start-up) records the statement as a new version.
    let latest = versions_of(app, schiedam).await.pop().unwrap();
    let mut doc: Document = serde_json::from_str(&latest.document).unwrap();
    doc.sections[0].heading = "Een oudere kop".into();
    let mut row: version::ActiveModel = latest.into();
    row.document = Set(serde_json::to_string(&doc).unwrap());
    row.update(&app.db).await.unwrap();
    assert_eq!(show(app, Some(schiedam), None).await.shown, None);
    let clock = server::clock::ManualClock::new(Utc::now());
    let runner = server::jobs::Runner::new(
        app.db.clone(),
        app.media(),
        std::sync::Arc::new(clock),
        None,
    );
    let report = runner.run_due().await.unwrap();
    assert!(report.ran.contains(&server::jobs::REFRESH_PRIVACY.name));
    assert_eq!(report.statements, 1);
    let after = show(app, Some(schiedam), None).await;
    assert_eq!(after.shown.as_ref().map(|v| v.version), Some(4));
    assert_eq!(show(app, Some(schiedam), Some(3)).await.document, doc);
}

on_both_databases!(
    the_statement_is_published_per_gemeente_with_its_partners,
    staff_publish_versions_and_old_ones_stay_readable,
    agreements_and_releases_leave_a_version,
);
