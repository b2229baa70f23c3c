//! The second factor (TOTP) of staff, partner users and administrators, over HTTP against a real
//! database: nothing before the code, a code works once, enrolment with QR code and recovery
//! codes, limits on guessing, and the reset by a second person.

use crate::common;
use crate::common::{ADMIN_EMAIL, TestApp, form_request, session_cookie};
use chrono::Utc;
use entity::{app_user, audit_log, recovery_code};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use service::identity::second_factor::code_at;

const STAFF: &str = "a.jansen@rotterdam.hallowerk-demo.nl";
const PARTNER: &str = "opleidingen@maasstad.hallowerk-demo.nl";
const EMPLOYER: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";

fn code_now(secret: &str) -> String {
    code_at(secret, Utc::now().timestamp() as u64).unwrap()
}

async fn denied_codes(app: &TestApp, user_id: i32) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("login_code"))
        .filter(audit_log::Column::Result.eq("denied"))
        .filter(audit_log::Column::ActorUserId.eq(user_id))
        .count(&app.db)
        .await
        .unwrap()
}

async fn the_password_alone_reaches_nothing(app: &TestApp) {
    let awaiting = app.login_password(STAFF).await;
    let res = app.form(Some(&awaiting), "partners/list", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.code(), "second_factor_required");
    let page = app.get(Some(&awaiting), "/werkzoekenden").await;
    assert!(
        page.body.contains("data-error=\"second_factor_required\""),
        "the page shows the notice with a link to the second step"
    );
    assert!(page.body.contains("/inloggen/tweede-stap"));
    // The second step itself is open to this session only.
    let step = app.form(Some(&awaiting), "second-factor/step", &[]).await;
    assert_eq!(step.status, StatusCode::OK, "{}", step.body);
    assert_eq!(step.json(), "Verify");
    let complete = app.second_step(&awaiting, STAFF).await;
    let step = app.form(Some(&complete), "second-factor/step", &[]).await;
    assert_eq!(step.status, StatusCode::BAD_REQUEST);
    // The session id was renewed at the second step: the awaiting one is gone.
    let old = app.form(Some(&awaiting), "second-factor/step", &[]).await;
    assert_eq!(old.code(), "unauthenticated");
    let res = app.form(Some(&complete), "partners/list", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

async fn a_code_works_once(app: &TestApp) {
    let user = app.user(STAFF).await.unwrap();
    let code = app.demo_code();
    let first = app.login_password(STAFF).await;
    let res = app
        .form(Some(&first), "second-factor/verify", &[("code", &code)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // The same code again, on a new log-in (as an onlooker who saw it would try): refused.
    let second = app.login_password(STAFF).await;
    let res = app
        .form(Some(&second), "second-factor/verify", &[("code", &code)])
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.code(), "invalid");
    assert!(res.set_cookie.is_empty());
    assert_eq!(denied_codes(app, user.id).await, 1);
    let me = app.form(Some(&second), "me", &[]).await;
    assert_eq!(me.json(), serde_json::Value::Null);
}

async fn guessing_codes_is_limited_per_account_and_client(app: &TestApp) {
    common::away_from_window_edges().await;
    let user = app.user(STAFF).await.unwrap();
    let guesser = std::net::SocketAddr::from(([10, 9, 8, 7], 5000));
    let awaiting = app.login_password(STAFF).await;
    let right = app.demo_code();
    let wrong = format!(
        "{:06}",
        (right.parse::<u32>().unwrap() + 500_000) % 1_000_000
    );
    let guess = |code: String| {
        let cookie = awaiting.clone();
        async move {
            let req = form_request(Some(&cookie), "second-factor/verify", &[("code", &code)]);
            app.request_from(guesser, req).await
        }
    };
    for _ in 0..5 {
        assert_eq!(guess(wrong.clone()).await.code(), "invalid");
    }
    // Now even the right code is refused from this address...
    let res = guess(right.clone()).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert_eq!(denied_codes(app, user.id).await, 5);
    // ...but the owner, elsewhere, still gets in.
    let res = app
        .form(Some(&awaiting), "second-factor/verify", &[("code", &right)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// Codes are counted before they are checked: of 100 wrong codes sent at the same moment, at
/// most the limit (5 per account and client network) are ever checked; the rest are refused
/// unchecked. Counting after the check let 67 of 100 through (issue 33).
async fn wrong_codes_sent_at_once_are_checked_at_most_the_limit(app: &TestApp) {
    common::away_from_window_edges().await;
    let user = app.user(STAFF).await.unwrap();
    let awaiting = app.login_password(STAFF).await;
    let right = app.demo_code();
    let wrong = format!(
        "{:06}",
        (right.parse::<u32>().unwrap() + 500_000) % 1_000_000
    );
    let guesser = std::net::SocketAddr::from(([10, 9, 8, 6], 5000));
    let requests = (0..100)
        .map(|_| {
            let req = form_request(Some(&awaiting), "second-factor/verify", &[("code", &wrong)]);
            (guesser, req)
        })
        .collect();
    let answers = app.all_at_once(requests).await;
    let checked = answers.iter().filter(|r| r.code() == "invalid").count();
    let refused = answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked + refused, 100, "every answer is one of the two");
    assert_eq!(
        checked, 5,
        "exactly the limit is checked, the rest refused unchecked"
    );
    assert_eq!(denied_codes(app, user.id).await, checked as u64);
}

async fn enrolment_shows_a_qr_code_and_gives_recovery_codes(app: &TestApp) {
    let admin = app.login(ADMIN_EMAIL).await;
    let staff_before = app.login(STAFF).await;
    let staff = app.user(STAFF).await.unwrap();
    let res = app
        .form(
            Some(&admin),
            "second-factor/reset",
            &[("user_id", &staff.id.to_string())],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // The reset ends the account's sessions and clears its factor.
    let me = app.form(Some(&staff_before), "me", &[]).await;
    assert_eq!(me.json(), serde_json::Value::Null);
    let reset = app.user(STAFF).await.unwrap();
    assert!(reset.totp_secret.is_none() && reset.totp_confirmed_at.is_none());

    let awaiting = app.login_password(STAFF).await;
    let step = app.form(Some(&awaiting), "second-factor/step", &[]).await;
    assert_eq!(step.status, StatusCode::OK, "{}", step.body);
    let enrol = &step.json()["Enrol"];
    let secret = enrol["secret"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 32, "160 bits in base32");
    let svg = enrol["qr_svg"].as_str().unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("<path"),
        "a QR code drawn as SVG"
    );
    // The database holds the secret sealed under the installation key, not as shown.
    let stored = app.user(STAFF).await.unwrap().totp_secret.unwrap();
    assert!(
        stored.starts_with("v1.") && !stored.contains(&secret),
        "{stored}"
    );
    assert_eq!(
        service::foundation::secret_box::open(&stored).unwrap(),
        secret
    );
    // Reloading the page shows the same secret until it is confirmed.
    let again = app.form(Some(&awaiting), "second-factor/step", &[]).await;
    assert_eq!(again.json()["Enrol"]["secret"], secret.as_str());
    // Not yet enrolled: nothing but the second step.
    let res = app.form(Some(&awaiting), "partners/list", &[]).await;
    assert_eq!(res.code(), "second_factor_required");

    let res = app
        .form(
            Some(&awaiting),
            "second-factor/enrol",
            &[("code", "123456")],
        )
        .await;
    assert_eq!(res.code(), "invalid", "a wrong first code confirms nothing");
    let res = app
        .form(
            Some(&awaiting),
            "second-factor/enrol",
            &[("code", &code_now(&secret))],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let done = res.json();
    assert_eq!(done["home"], "/vandaag");
    let codes: Vec<String> = done["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    assert_eq!(
        codes
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        10
    );
    // Only hashes are stored.
    let stored = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(staff.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    for row in &stored {
        assert!(codes.iter().all(|c| !row.id.contains(&c.replace('-', ""))));
    }
    let complete = session_cookie(&res);
    let res = app.form(Some(&complete), "partners/list", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    // Without the phone: a recovery code (typed in capitals, with spaces), once.
    let awaiting = app.login_password(STAFF).await;
    let step = app.form(Some(&awaiting), "second-factor/step", &[]).await;
    assert_eq!(step.json(), "Verify");
    let typed = codes[3].to_uppercase().replace('-', " ");
    let res = app
        .form(Some(&awaiting), "second-factor/verify", &[("code", &typed)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let awaiting = app.login_password(STAFF).await;
    let res = app
        .form(
            Some(&awaiting),
            "second-factor/verify",
            &[("code", &codes[3])],
        )
        .await;
    assert_eq!(res.code(), "invalid", "a recovery code works once");
    assert_eq!(
        service::identity::second_factor::recovery_codes_left(&app.db, staff.id)
            .await
            .unwrap(),
        9
    );
}

async fn a_reset_takes_a_second_person_in_scope(app: &TestApp) {
    let staff = app.login(STAFF).await;
    let me = app.user(STAFF).await.unwrap();
    let partner = app.user(PARTNER).await.unwrap();
    let delft = app.user("staff@delft.test.nl").await.unwrap();
    let admin = app.user(ADMIN_EMAIL).await.unwrap();
    let reset = |cookie: String, id: i32| async move {
        app.form(
            Some(&cookie),
            "second-factor/reset",
            &[("user_id", &id.to_string())],
        )
        .await
    };
    assert_eq!(reset(staff.clone(), me.id).await.code(), "invalid");
    assert_eq!(reset(staff.clone(), delft.id).await.code(), "not_found");
    assert_eq!(reset(staff.clone(), admin.id).await.code(), "not_found");
    let res = reset(staff.clone(), partner.id).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("reset_second_factor"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("audited");
    assert_eq!(entry.object_id, Some(partner.id));
    assert_eq!(entry.actor_user_id, Some(me.id));
    let after = app_user::Entity::find_by_id(partner.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(after.totp_secret.is_none());
    // The owner is told who did it: a reset is how an account could be taken over.
    let told = entity::outbox::Entity::find()
        .filter(entity::outbox::Column::ToAddress.eq(PARTNER))
        .filter(entity::outbox::Column::Kind.eq("second_factor_reset"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a mail to the owner");
    assert!(
        told.body_text.contains(&me.last_name.clone().unwrap()),
        "{}",
        told.body_text
    );
    // An administrator cannot reset their own either.
    let admin_cookie = app.login(ADMIN_EMAIL).await;
    assert_eq!(reset(admin_cookie, admin.id).await.code(), "invalid");
}

/// Employers open profiles with the contact data of many people: they sign in with a second
/// factor too. Their password alone reaches nothing; staff of their region (not of another)
/// reset it when the phone is lost, and the employer is mailed.
async fn employers_sign_in_with_a_second_factor(app: &TestApp) {
    let awaiting = app.login_password(EMPLOYER).await;
    let res = app.form(Some(&awaiting), "vacancies/mine", &[]).await;
    assert_eq!(res.code(), "second_factor_required", "{}", res.body);
    let done = app.second_step(&awaiting, EMPLOYER).await;
    let res = app.form(Some(&done), "vacancies/mine", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);

    let employer = app.user(EMPLOYER).await.unwrap();
    let reset = |cookie: String| {
        let id = employer.id.to_string();
        async move {
            app.form(Some(&cookie), "second-factor/reset", &[("user_id", &id)])
                .await
        }
    };
    let delft = app.login("staff@delft.test.nl").await;
    assert_eq!(reset(delft).await.code(), "not_found", "another region");
    let schiedam = app
        .login(&app.email_of_role("staff", Some("Schiedam")).await)
        .await;
    let res = reset(schiedam).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let after = app.user(EMPLOYER).await.unwrap();
    assert!(after.totp_secret.is_none() && after.totp_confirmed_at.is_none());
    let me = app.form(Some(&done), "me", &[]).await;
    assert_eq!(me.json(), serde_json::Value::Null, "signed out everywhere");
    assert!(
        entity::outbox::Entity::find()
            .filter(entity::outbox::Column::ToAddress.eq(EMPLOYER))
            .filter(entity::outbox::Column::Kind.eq("second_factor_reset"))
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );
    // The next log-in enrols a new app.
    let again = app.login_password(EMPLOYER).await;
    let step = app.form(Some(&again), "second-factor/step", &[]).await;
    assert!(step.json().get("Enrol").is_some(), "{}", step.body);
}

/// A seed stored in plain text before secrets were sealed is sealed at the next start
/// (`seal_stored`), and the authenticator app the person has keeps working.
async fn plain_secrets_from_before_are_sealed(app: &TestApp) {
    use sea_orm::{ActiveModelTrait, Set};
    let user = app.user(STAFF).await.unwrap();
    let mut row: app_user::ActiveModel = user.clone().into();
    row.totp_secret = Set(Some(service::identity::second_factor::DEMO_SECRET.into()));
    row.update(&app.db).await.unwrap();
    assert_eq!(
        service::identity::second_factor::seal_stored(&app.db)
            .await
            .unwrap(),
        1
    );
    let stored = app.user(STAFF).await.unwrap().totp_secret.unwrap();
    assert!(
        service::foundation::secret_box::is_sealed(&stored),
        "{stored}"
    );
    assert!(!stored.contains(service::identity::second_factor::DEMO_SECRET));
    assert_eq!(
        service::foundation::secret_box::open(&stored).unwrap(),
        service::identity::second_factor::DEMO_SECRET
    );
    assert_eq!(
        service::identity::second_factor::seal_stored(&app.db)
            .await
            .unwrap(),
        0
    );
    // The same codes still sign in.
    let awaiting = app.login_password(STAFF).await;
    let complete = app.second_step(&awaiting, STAFF).await;
    let res = app.form(Some(&complete), "partners/list", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

on_both_databases!(
    plain_secrets_from_before_are_sealed,
    the_password_alone_reaches_nothing,
    a_code_works_once,
    guessing_codes_is_limited_per_account_and_client,
    wrong_codes_sent_at_once_are_checked_at_most_the_limit,
    employers_sign_in_with_a_second_factor,
    enrolment_shows_a_qr_code_and_gives_recovery_codes,
    a_reset_takes_a_second_person_in_scope,
);
