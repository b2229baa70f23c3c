//! Log-in, sessions and request protections over HTTP against a real database.

use crate::common;
use crate::common::{ADMIN_EMAIL, DEMO_PASSWORD, TestApp, session_cookie};
use axum::body::Body;
use entity::{audit_log, session};
use http::{Request, StatusCode, header};
use kernel::views::auth::SECOND_STEP_PATH;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

async fn login_sets_a_safe_session_cookie(app: &TestApp) {
    let res = app
        .form(
            None,
            "login",
            &[
                ("email", " Beheer@HalloWerk-demo.nl "),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    // An administrator goes on to the second step.
    assert_eq!(res.json(), SECOND_STEP_PATH);
    let raw = res
        .set_cookie
        .iter()
        .find(|c| c.starts_with("hw_session="))
        .unwrap();
    // An administrator's session is never sent along from another site's link.
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(raw.contains(attr), "{raw} lacks {attr}");
    }
    assert!(
        !raw.contains("Secure"),
        "plain http in tests: no Secure flag"
    );
    // Only a hash of the token is stored.
    let token = session_cookie(&res)
        .trim_start_matches("hw_session=")
        .to_string();
    assert_eq!(token.len(), 64);
    assert!(
        session::Entity::find_by_id(token.clone())
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);

    // Not signed in until the code is given; then under a new session id.
    let awaiting = session_cookie(&res);
    let me = app.form(Some(&awaiting), "me", &[]).await;
    assert_eq!(me.json(), serde_json::Value::Null);
    let complete = app.second_step(&awaiting, ADMIN_EMAIL).await;
    assert_ne!(complete, awaiting);
    let me = app.form(Some(&complete), "me", &[]).await;
    assert_eq!(me.json()["role"], "admin");
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);
}

async fn wrong_credentials_are_refused_alike(app: &TestApp) {
    for (email, password) in [
        (ADMIN_EMAIL, "wrong-password-123"),
        ("niemand@hallowerk-demo.nl", DEMO_PASSWORD),
    ] {
        let res = app
            .form(None, "login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(res.code(), "invalid_credentials");
        assert!(res.set_cookie.is_empty());
    }
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    let denied = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("login"))
        .filter(audit_log::Column::Result.eq("denied"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(denied, 2);
}

async fn session_is_renewed_at_login_and_ended_at_logout(app: &TestApp) {
    let first = app.login(ADMIN_EMAIL).await;
    // Logging in again while presenting the old cookie replaces that session.
    let mut req = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &first);
    req = req.header(header::ACCEPT, "application/json");
    let body =
        serde_urlencoded::to_string([("email", ADMIN_EMAIL), ("password", DEMO_PASSWORD)]).unwrap();
    let res = app.request(req.body(Body::from(body)).unwrap()).await;
    let second = app.second_step(&session_cookie(&res), ADMIN_EMAIL).await;
    assert_ne!(first, second);
    assert_eq!(
        app.form(Some(&first), "me", &[]).await.json(),
        serde_json::Value::Null
    );
    assert_eq!(
        app.form(Some(&second), "me", &[]).await.json()["role"],
        "admin"
    );

    let res = app.form(Some(&second), "logout", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.set_cookie.iter().any(|c| c.contains("Max-Age=0")));
    assert_eq!(
        app.form(Some(&second), "me", &[]).await.json(),
        serde_json::Value::Null
    );
    let res = app.form(Some(&second), "admin/regions", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.code(), "unauthenticated");
}

/// A bookmark of a page for signed-in people, opened signed out, leads to the log-in that returns
/// to it; a session halfway (password given, code not yet) is left to the page, and a signed-in
/// person gets the page. (The matrix checks every page of the app for a signed-out visitor.)
async fn a_signed_out_visitor_is_sent_to_log_in_and_back(app: &TestApp) {
    let res = app.get(None, "/kandidaten?q=lassen&pagina=2").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.headers[header::LOCATION],
        "/inloggen?terug=/kandidaten%3Fq%3Dlassen%26pagina%3D2"
    );
    let res = app.get(None, "/werkzoekenden/12").await;
    assert_eq!(
        res.headers[header::LOCATION],
        "/inloggen?terug=/werkzoekenden/12"
    );
    // Public pages, and a page whose name only starts like one for signed-in people, render.
    for public in ["/", "/privacy", "/contact", "/inloggen", "/vandaagx"] {
        let res = app.get(None, public).await;
        assert_ne!(res.status, StatusCode::SEE_OTHER, "{public}");
    }
    let employer = app.email_of_role("employer", None).await;
    let half = app.login_password(&employer).await;
    let res = app.get(Some(&half), "/vandaag").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("data-error=\"second_factor_required\""),
        "{}",
        res.body
    );
    let full = app.second_step(&half, &employer).await;
    let res = app.get(Some(&full), "/kandidaten").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(!res.body.contains("data-error="), "{}", res.body);
}

async fn every_role_logs_in_to_its_own_start_page(app: &TestApp) {
    for (role, start) in [
        ("job_seeker", "/vandaag"),
        ("employer", "/vandaag"),
        ("staff", "/vandaag"),
        ("partner", "/vandaag"),
        ("admin", "/vandaag"),
    ] {
        let email = app.email_of_role(role, None).await;
        let res = app
            .form(
                None,
                "login",
                &[("email", &email), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{role}: {}", res.body);
        let mut cookie = session_cookie(&res);
        // Everyone but job seekers gives the code of their second factor first.
        if role != "job_seeker" {
            assert_eq!(res.json(), SECOND_STEP_PATH, "{role}");
            let res = app
                .form(
                    Some(&cookie),
                    "second-factor/verify",
                    &[("code", &app.demo_code())],
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{role}: {}", res.body);
            assert_eq!(res.json(), start);
            cookie = session_cookie(&res);
        } else {
            assert_eq!(res.json(), start);
        }
        let me = app.form(Some(&cookie), "me", &[]).await.json();
        assert_eq!(me["role"], role);
        // The start page as the server renders it for the signed-in user carries its title in
        // the <head> (each page is a lazily loaded part of the bundle, app::pages, and a title
        // set inside that part once came too late for the head).
        let page = app.get(Some(&cookie), start).await;
        assert_eq!(page.status, StatusCode::OK, "{role}");
        let title = "Vandaag";
        assert!(
            page.body
                .contains(&format!("<title>{title} · HalloWerk</title>")),
            "{role}: no title {title:?} in {}",
            &page.body[..page.body.len().min(2000)]
        );
    }
}

async fn passwords_are_argon2id_with_owasp_parameters(app: &TestApp) {
    let admin = app.user(ADMIN_EMAIL).await.unwrap();
    let hash = admin.password_hash.unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

async fn cross_origin_mutations_are_refused(app: &TestApp) {
    let body =
        serde_urlencoded::to_string([("email", ADMIN_EMAIL), ("password", DEMO_PASSWORD)]).unwrap();
    let req = |origin: &str| {
        Request::post("/api/login")
            .header(header::HOST, "localhost:3000")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let res = app.request(req("https://evil.example")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.set_cookie.is_empty());
    let res = app.request(req("http://localhost:3000")).await;
    assert_eq!(res.status, StatusCode::OK);
}

async fn repeated_failures_are_rate_limited(app: &TestApp) {
    common::away_from_window_edges().await;
    let email = format!(
        "raden-{}@hallowerk-demo.nl",
        std::process::id() as u128 * 1000 + rand::random::<u16>() as u128
    );
    for _ in 0..10 {
        let res = app
            .form(
                None,
                "login",
                &[("email", &email), ("password", "fout-wachtwoord!")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let res = app
        .form(
            None,
            "login",
            &[("email", &email), ("password", "fout-wachtwoord!")],
        )
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.code(), "rate_limited");
}

/// Passwords are counted before they are checked: of 100 wrong passwords for one account sent
/// at the same moment from one client, at most the limit (10) are checked.
async fn wrong_passwords_sent_at_once_are_checked_at_most_the_limit(app: &TestApp) {
    common::away_from_window_edges().await;
    let email = app.email_of_role("job_seeker", None).await;
    let guesser: std::net::SocketAddr = ([10, 98, 0, 1], 50000).into();
    let requests = (0..100)
        .map(|_| {
            let args = [("email", email.as_str()), ("password", "fout-wachtwoord!")];
            (guesser, common::form_request(None, "login", &args))
        })
        .collect();
    let answers = app.all_at_once(requests).await;
    let checked = answers
        .iter()
        .filter(|r| r.status == StatusCode::UNAUTHORIZED)
        .count();
    let refused = answers
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked + refused, 100, "every answer is one of the two");
    assert_eq!(
        checked, 10,
        "exactly the limit is checked, the rest refused unchecked"
    );
    let denied = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("login"))
        .filter(audit_log::Column::Result.eq("denied"))
        .filter(audit_log::Column::ActorUserId.eq(app.user(&email).await.unwrap().id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(denied, checked as u64);
}

/// Changing one's password takes the current one (a wrong one is counted like a failed log-in
/// and changes nothing); the new one must follow the rules; the session that changed it stays,
/// every other session of the account ends; the owner is mailed; the old password no longer
/// opens the account.
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(app: &TestApp) {
    let email = app.email_of_role("job_seeker", None).await;
    let here = app.login(&email).await;
    let elsewhere = app.login(&email).await;
    let change = |current: &str, new: &str, repeat: &str| {
        let (current, new, repeat) = (current.to_string(), new.to_string(), repeat.to_string());
        let here = here.clone();
        async move {
            app.form(
                Some(&here),
                "password/change",
                &[
                    ("current_password", current.as_str()),
                    ("password", new.as_str()),
                    ("password_repeat", repeat.as_str()),
                ],
            )
            .await
        }
    };
    let new = "een heel nieuw wachtwoord";
    let res = change("fout-wachtwoord!", new, new).await;
    assert_eq!(res.json()["field"], "current_password", "{}", res.body);
    let res = change(DEMO_PASSWORD, "kort", "kort").await;
    assert_eq!(res.json()["field"], "password", "{}", res.body);
    let res = change(DEMO_PASSWORD, new, "iets anders dan dat").await;
    assert_eq!(res.json()["field"], "password_repeat", "{}", res.body);
    // Nothing changed so far: the other session still works.
    assert_ne!(
        app.form(Some(&elsewhere), "me", &[]).await.json(),
        serde_json::Value::Null
    );
    let res = change(DEMO_PASSWORD, new, new).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_ne!(
        app.form(Some(&here), "me", &[]).await.json(),
        serde_json::Value::Null,
        "this session stays"
    );
    assert_eq!(
        app.form(Some(&elsewhere), "me", &[]).await.json(),
        serde_json::Value::Null,
        "every other session ended"
    );
    let old = app
        .form(
            None,
            "login",
            &[("email", email.as_str()), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let res = app
        .form(
            None,
            "login",
            &[("email", email.as_str()), ("password", new)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        entity::outbox::Entity::find()
            .filter(entity::outbox::Column::ToAddress.eq(&email))
            .filter(entity::outbox::Column::Kind.eq("password_changed"))
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );
    // Not signed in: nothing to change.
    let res = app
        .form(
            None,
            "password/change",
            &[
                ("current_password", new),
                ("password", "nog een ander wachtwoord"),
                ("password_repeat", "nog een ander wachtwoord"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

/// "Wachtwoord vergeten": known and unknown addresses get the same answer; only an activated
/// account is mailed a link, which sets a new password once, within the hour, and ends every
/// session of the account. Asking is limited per address.
async fn a_forgotten_password_is_reset_by_a_mailed_link_that_tells_nobody(app: &TestApp) {
    common::away_from_window_edges().await;
    let email = app.email_of_role("job_seeker", None).await;
    let session = app.login(&email).await;
    let ask = |address: &str| {
        let address = address.to_string();
        async move {
            app.form(None, "password/forgot", &[("email", address.as_str())])
                .await
        }
    };
    let known = ask(&email).await;
    let unknown = ask("niemand.hier@voorbeeld.nl").await;
    assert_eq!(known.status, StatusCode::OK, "{}", known.body);
    assert_eq!((known.status, known.body), (unknown.status, unknown.body));
    let mails = |to: &str| {
        let to = to.to_string();
        async move {
            entity::outbox::Entity::find()
                .filter(entity::outbox::Column::ToAddress.eq(to))
                .filter(entity::outbox::Column::Kind.eq("password_reset"))
                .all(&app.db)
                .await
                .unwrap()
        }
    };
    assert!(mails("niemand.hier@voorbeeld.nl").await.is_empty());
    // The unknown address hears why no link came (the same write as for a known one, so the
    // answer's timing does not tell either).
    let note = entity::outbox::Entity::find()
        .filter(entity::outbox::Column::ToAddress.eq("niemand.hier@voorbeeld.nl"))
        .filter(entity::outbox::Column::Kind.eq("password_reset_unknown_address"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a note to the unknown address");
    assert!(!note.body_text.contains("/wachtwoord-herstellen/"));
    // Someone else asking again (from another network) does not cancel the link she has.
    let elsewhere: std::net::SocketAddr = ([10, 96, 0, 9], 40000).into();
    let again = app
        .request_from(
            elsewhere,
            common::form_request(None, "password/forgot", &[("email", email.as_str())]),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let sent = mails(&email).await;
    assert_eq!(sent.len(), 2);
    let token = common::token_in(&sent[0].body_text, "/wachtwoord-herstellen/");
    let other = common::token_in(&sent[1].body_text, "/wachtwoord-herstellen/");
    let new = "mijn vergeten wachtwoord is terug";
    let res = app
        .form(
            None,
            "activation/redeem",
            &[
                ("token", &token),
                ("password", new),
                ("password_repeat", new),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        app.form(Some(&session), "me", &[]).await.json(),
        serde_json::Value::Null,
        "every session ended"
    );
    let res = app
        .form(
            None,
            "login",
            &[("email", email.as_str()), ("password", new)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let again = app
        .form(
            None,
            "activation/redeem",
            &[
                ("token", &token),
                ("password", new),
                ("password_repeat", new),
            ],
        )
        .await;
    assert_eq!(again.code(), "invalid", "once");
    let sibling = app
        .form(
            None,
            "activation/redeem",
            &[
                ("token", &other),
                ("password", new),
                ("password_repeat", new),
            ],
        )
        .await;
    assert_eq!(sibling.code(), "invalid", "using one link ends the others");
    // The link works an hour.
    assert_eq!(ask(&email).await.status, StatusCode::OK);
    let user = app.user(&email).await.unwrap();
    let row = entity::activation_token::Entity::find()
        .filter(entity::activation_token::Column::UserId.eq(user.id))
        .filter(entity::activation_token::Column::UsedAt.is_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let valid = row.expires_at - row.created_at - chrono::Duration::hours(1);
    assert!(valid.num_seconds().abs() < 2, "{valid}");
    // Three requests an hour per address: the fourth is refused, known address or not.
    assert_eq!(ask(&email).await.status, StatusCode::OK);
    assert_eq!(ask(&email).await.status, StatusCode::TOO_MANY_REQUESTS);
    for _ in 0..3 {
        assert_eq!(ask("nog.iemand@voorbeeld.nl").await.status, StatusCode::OK);
    }
    assert_eq!(
        ask("nog.iemand@voorbeeld.nl").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// The demo accounts' password is published: a database holding them does not start for a
/// site reached from other machines (and `config` never seeds them there), even on the default
/// SQLite file; on localhost it does, and a public site without demo accounts starts.
async fn demo_accounts_never_open_on_a_public_address(app: &TestApp) {
    use server::demo::seed::{DEMO_DOMAIN, refuse_on_public_address};
    let public = "https://werk.gemeente.nl";
    let refused = refuse_on_public_address(&app.db, public).await;
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("demo")),
        "{refused:?}"
    );
    assert_eq!(
        refuse_on_public_address(&app.db, "http://127.0.0.1:3000").await,
        Ok(())
    );
    // The same database without the demo accounts: a public site may start.
    for u in entity::app_user::Entity::find()
        .filter(entity::app_user::Column::Email.ends_with(DEMO_DOMAIN))
        .all(&app.db)
        .await
        .unwrap()
    {
        let id = u.id;
        let mut row: entity::app_user::ActiveModel = u.into();
        row.email = sea_orm::Set(format!("account{id}@gemeente.nl"));
        sea_orm::ActiveModelTrait::update(row, &app.db)
            .await
            .unwrap();
    }
    assert_eq!(refuse_on_public_address(&app.db, public).await, Ok(()));
}

/// The primitive under every limit: of many attempts at once, exactly `max` pass, on both
/// databases (each counted by one atomic statement before it is compared).
async fn a_limit_lets_exactly_its_maximum_through_at_once(app: &TestApp) {
    common::away_from_window_edges().await;
    use service::foundation::ratelimit::{Limit, take};
    const AT_ONCE: Limit = Limit {
        name: "test_at_once",
        max: 7,
        window_minutes: 24 * 60,
    };
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..60 {
        let db = app.db.clone();
        tasks.spawn(async move { take(&db, &[(AT_ONCE, "one key")]).await.is_ok() });
    }
    let passed = tasks.join_all().await.into_iter().filter(|ok| *ok).count();
    assert_eq!(passed, 7);
}

/// IPv6 clients are limited by their /64 (what one subscriber gets): another address of the
/// same network is the same guesser; another network is someone else.
async fn ipv6_guessers_are_limited_by_their_network(app: &TestApp) {
    common::away_from_window_edges().await;
    let email = app.email_of_role("job_seeker", None).await;
    let login = |from: &str| {
        let from: std::net::SocketAddr = format!("[{from}]:40000").parse().unwrap();
        let args = [("email", email.as_str()), ("password", "fout-wachtwoord!")];
        app.request_from(from, common::form_request(None, "login", &args))
    };
    for i in 0..10 {
        let res = login(&format!("2001:db8:7:7::{:x}", i + 1)).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login("2001:db8:7:7:ffff::1").await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "another address of the same /64"
    );
    assert_eq!(
        login("2001:db8:7:8::1").await.status,
        StatusCode::UNAUTHORIZED,
        "another network"
    );
}

/// A client refused by its own limit does not go on counting against the platform-wide
/// ceiling: one network sending more failed log-ins than the whole platform may have (over
/// 600 a minute, each for another address) cannot lock everyone else out.
async fn one_client_cannot_fill_the_ceiling_everyone_shares(app: &TestApp) {
    let flooder: std::net::SocketAddr = ([10, 97, 0, 1], 50000).into();
    let owner: std::net::SocketAddr = ([10, 97, 0, 2], 50000).into();
    let login = |email: String, password: &'static str| {
        common::form_request(
            None,
            "login",
            &[("email", email.as_str()), ("password", password)],
        )
    };
    let ceiling = service::foundation::ratelimit::LOGIN_FAILURES_GLOBAL.max;
    let mut refused = 0;
    for i in 0..ceiling + 50 {
        let res = app
            .request_from(
                flooder,
                login(format!("iemand{i}@voorbeeld.nl"), "fout-wachtwoord!"),
            )
            .await;
        refused += usize::from(res.status == StatusCode::TOO_MANY_REQUESTS);
    }
    assert!(refused > 0, "the flooder is stopped by its own limit");
    let email = app.email_of_role("job_seeker", None).await;
    let res = app.request_from(owner, login(email, DEMO_PASSWORD)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// Successful log-ins give their counts back: an owner who logs in many times is never
/// limited by it, and nobody can use the platform-wide ceiling, which counts only failures,
/// by logging in.
async fn successful_log_ins_do_not_count(app: &TestApp) {
    let email = app.email_of_role("job_seeker", None).await;
    let from: std::net::SocketAddr = ([10, 98, 0, 2], 50000).into();
    let login = |password: &'static str| {
        common::form_request(
            None,
            "login",
            &[("email", email.as_str()), ("password", password)],
        )
    };
    for _ in 0..9 {
        let res = app.request_from(from, login("fout-wachtwoord!")).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    // Many right passwords after nine wrong ones: none counts.
    for _ in 0..15 {
        let res = app.request_from(from, login(DEMO_PASSWORD)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    // The tenth wrong one is still checked; the eleventh is refused.
    let res = app.request_from(from, login("fout-wachtwoord!")).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = app.request_from(from, login("fout-wachtwoord!")).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn pages_carry_security_headers(app: &TestApp) {
    let res = app
        .request(Request::get("/inloggen").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<html lang=\"nl\""));
    let res = app.router.clone();
    let response =
        tower::ServiceExt::oneshot(res, Request::get("/inloggen").body(Body::empty()).unwrap())
            .await
            .unwrap();
    let h = response.headers();
    let csp = h
        .get(header::CONTENT_SECURITY_POLICY)
        .expect("CSP")
        .to_str()
        .unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("object-src 'none'")
            && csp.contains("base-uri 'none'"),
        "{csp}"
    );
    // No development source outside `cargo leptos watch`.
    assert!(!csp.contains("ws:"), "{csp}");
    assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(h.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert_eq!(h.get(header::REFERRER_POLICY).unwrap(), "no-referrer");
    // Served over plain http (the test's public URL): no HSTS.
    assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    // The nonce of the policy is the one on every script of the page (so hydration runs),
    // and a new one each response.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce")
        .to_string();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let html = String::from_utf8_lossy(&body);
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "{html}");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script carries the nonce: {html}"
    );
    let again = tower::ServiceExt::oneshot(
        app.router.clone(),
        Request::get("/inloggen").body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let second = again.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(!second.contains(&format!("'nonce-{nonce}'")));
}

/// Behind https the cookie is `__Host-` prefixed and `Secure`, and an unprefixed cookie (which
/// another host could have set) is not a session. Job seekers get `SameSite=Lax`, so a link in
/// an e-mail opens their page signed in.
async fn behind_https_the_cookie_is_host_prefixed_and_secure(backend: common::Backend) {
    let app = TestApp::start_at(backend, "https://hallowerk.example.nl").await;
    let email = app.email_of_role("job_seeker", None).await;
    let res = app
        .form(
            None,
            "login",
            &[("email", &email), ("password", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let raw = res
        .set_cookie
        .iter()
        .find(|c| c.starts_with("__Host-hw_session="))
        .expect("a __Host- cookie");
    for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(raw.contains(attr), "{raw} lacks {attr}");
    }
    assert!(!raw.contains("Domain"), "{raw}");
    let cookie = session_cookie(&res);
    assert_eq!(
        app.form(Some(&cookie), "me", &[]).await.json()["role"],
        "job_seeker"
    );
    let unprefixed = cookie.trim_start_matches("__Host-").to_string();
    assert_eq!(
        app.form(Some(&unprefixed), "me", &[]).await.json(),
        serde_json::Value::Null
    );
}

/// The stored id of a session cookie's token.
fn stored_id(cookie: &str) -> String {
    service::access::session::session_id(cookie.split_once('=').unwrap().1)
}

/// Moves a session's last use and absolute end into the past.
async fn age_session(
    app: &TestApp,
    cookie: &str,
    unused: chrono::Duration,
    ends_in: chrono::Duration,
) {
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    let mut s: session::ActiveModel = session::Entity::find_by_id(stored_id(cookie))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the session")
        .into();
    s.last_seen_at = Set(Some(now - unused));
    s.expires_at = Set(now + ends_in);
    s.update(&app.db).await.unwrap();
}

async fn sessions_end_when_unused_and_at_their_absolute_end(app: &TestApp) {
    let me = |cookie: String| async move { app.form(Some(&cookie), "me", &[]).await.json() };
    let minutes = chrono::Duration::minutes;
    // Staff: 30 minutes without use ends the session (and deletes it); 29 do not.
    let staff = app.login(&app.email_of_role("staff", None).await).await;
    age_session(app, &staff, minutes(29), chrono::Duration::hours(1)).await;
    assert_eq!(me(staff.clone()).await["role"], "staff");
    age_session(app, &staff, minutes(31), chrono::Duration::hours(1)).await;
    assert_eq!(me(staff.clone()).await, serde_json::Value::Null);
    assert!(
        session::Entity::find_by_id(stored_id(&staff))
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    // A job seeker: 31 minutes are fine, over two hours are not.
    let seeker = app
        .login(&app.email_of_role("job_seeker", None).await)
        .await;
    age_session(app, &seeker, minutes(31), chrono::Duration::hours(1)).await;
    assert_eq!(me(seeker.clone()).await["role"], "job_seeker");
    // Used just now: recorded, so the idle time starts again.
    let seen = session::Entity::find_by_id(stored_id(&seeker))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .last_seen_at
        .unwrap();
    assert!(chrono::Utc::now() - seen < minutes(1), "{seen}");
    age_session(app, &seeker, minutes(121), chrono::Duration::hours(1)).await;
    assert_eq!(me(seeker.clone()).await, serde_json::Value::Null);
    // However active, a session ends at its absolute end (12 hours after log-in).
    let seeker = app
        .login(&app.email_of_role("job_seeker", None).await)
        .await;
    age_session(app, &seeker, minutes(0), -minutes(1)).await;
    assert_eq!(me(seeker).await, serde_json::Value::Null);
    let fresh = app.login(ADMIN_EMAIL).await;
    let s = session::Entity::find_by_id(stored_id(&fresh))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.expires_at - s.created_at).num_hours(), 12);
}

async fn logging_out_everywhere_ends_every_session_of_the_account(app: &TestApp) {
    let email = app.email_of_role("employer", None).await;
    let (laptop, phone) = (app.login(&email).await, app.login(&email).await);
    let other = app.login(ADMIN_EMAIL).await;
    let res = app.form(Some(&phone), "logout-everywhere", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.set_cookie.iter().any(|c| c.contains("Max-Age=0")));
    for cookie in [&laptop, &phone] {
        assert_eq!(
            app.form(Some(cookie), "me", &[]).await.json(),
            serde_json::Value::Null
        );
    }
    // Someone else's session is untouched.
    assert_eq!(
        app.form(Some(&other), "me", &[]).await.json()["role"],
        "admin"
    );
    let user = app.user(&email).await.unwrap();
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("logout_everywhere"))
        .filter(audit_log::Column::ActorUserId.eq(user.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
    // Anonymous: nothing to end.
    let res = app.form(None, "logout-everywhere", &[]).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookie_on_sqlite() {
    behind_https_the_cookie_is_host_prefixed_and_secure(common::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookie_on_postgres() {
    behind_https_the_cookie_is_host_prefixed_and_secure(common::Backend::Postgres).await;
}

/// Guessing a password from one address limits that address, not the account: the owner
/// still logs in from elsewhere. The count is in the database, so another server instance on
/// the same database refuses the guesser too.
async fn guessing_limits_the_guesser_not_the_owner_on_every_instance(app: &TestApp) {
    common::away_from_window_edges().await;
    let email = app.email_of_role("job_seeker", None).await;
    let guesser: std::net::SocketAddr = ([10, 99, 0, 1], 50000).into();
    let owner: std::net::SocketAddr = ([10, 99, 0, 2], 50000).into();
    let attempt = |from: std::net::SocketAddr, password: &'static str, router: axum::Router| {
        let email = email.clone();
        async move {
            let body =
                serde_urlencoded::to_string([("email", email.as_str()), ("password", password)])
                    .unwrap();
            let mut req = Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(Body::from(body))
                .unwrap();
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(from));
            tower::ServiceExt::oneshot(router, req)
                .await
                .unwrap()
                .status()
        }
    };
    for _ in 0..10 {
        let status = attempt(guesser, "fout-wachtwoord!", app.router.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        attempt(guesser, DEMO_PASSWORD, app.router.clone()).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the guesser is stopped, even with the right password"
    );
    assert_eq!(
        attempt(owner, DEMO_PASSWORD, app.router.clone()).await,
        StatusCode::OK,
        "the owner is not locked out"
    );
    // A second instance (its own router and state, the same database) knows the count.
    let second = app.another_instance(Vec::new());
    assert_eq!(
        attempt(guesser, DEMO_PASSWORD, second).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The keys are stored as hashes: no e-mail or client address in the table.
    let rows = entity::rate_limit::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| !r.id.contains(&email) && !r.id.contains("10.99.0.1"))
    );
}

/// Behind a configured reverse proxy the client address (for limits and the audit log) is the
/// one the proxy forwarded; from anyone else `X-Forwarded-For` is ignored.
async fn the_client_address_comes_from_a_trusted_proxy_only(app: &TestApp) {
    common::away_from_window_edges().await;
    let proxy: std::net::SocketAddr = ([10, 77, 0, 1], 443).into();
    let router = app.another_instance(vec![proxy.ip()]);
    let failed_login_from = |peer: std::net::SocketAddr, email: &'static str| {
        let router = router.clone();
        async move {
            let body =
                serde_urlencoded::to_string([("email", email), ("password", "fout!")]).unwrap();
            let mut req = Request::post("/api/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header("x-forwarded-for", "1.2.3.4, 203.0.113.9")
                .body(Body::from(body))
                .unwrap();
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            let status = tower::ServiceExt::oneshot(router, req)
                .await
                .unwrap()
                .status();
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
    };
    let origins = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("login"))
            .order_by_asc(audit_log::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|e| e.origin)
            .collect::<Vec<_>>()
    };
    failed_login_from(proxy, "via-proxy@example.nl").await;
    assert_eq!(origins().await, ["203.0.113.9"]);
    let stranger: std::net::SocketAddr = ([198, 51, 100, 7], 5555).into();
    failed_login_from(stranger, "direct@example.nl").await;
    assert_eq!(origins().await, ["203.0.113.9", "198.51.100.7"]);
}

on_both_databases!(
    login_sets_a_safe_session_cookie,
    wrong_passwords_sent_at_once_are_checked_at_most_the_limit,
    successful_log_ins_do_not_count,
    a_limit_lets_exactly_its_maximum_through_at_once,
    one_client_cannot_fill_the_ceiling_everyone_shares,
    demo_accounts_never_open_on_a_public_address,
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    a_forgotten_password_is_reset_by_a_mailed_link_that_tells_nobody,
    ipv6_guessers_are_limited_by_their_network,
    wrong_credentials_are_refused_alike,
    session_is_renewed_at_login_and_ended_at_logout,
    every_role_logs_in_to_its_own_start_page,
    a_signed_out_visitor_is_sent_to_log_in_and_back,
    passwords_are_argon2id_with_owasp_parameters,
    cross_origin_mutations_are_refused,
    repeated_failures_are_rate_limited,
    pages_carry_security_headers,
    sessions_end_when_unused_and_at_their_absolute_end,
    logging_out_everywhere_ends_every_session_of_the_account,
    guessing_limits_the_guesser_not_the_owner_on_every_instance,
    the_client_address_comes_from_a_trusted_proxy_only,
);
