//! Log-in, sessions and request protections over HTTP against a real database.

mod common;

use axum::body::Body;
use common::{ADMIN_EMAIL, DEMO_PASSWORD, TestApp, session_cookie};
use entity::{audit_log, session};
use http::{Request, StatusCode, header};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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
    assert_eq!(res.json(), "/beheer");
    let raw = res
        .set_cookie
        .iter()
        .find(|c| c.starts_with("hw_session="))
        .unwrap();
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
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

    let me = app.form(Some(&session_cookie(&res)), "me", &[]).await;
    assert_eq!(me.json()["role"], "admin");
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
    let second = session_cookie(&res);
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

async fn every_role_logs_in_to_its_own_start_page(app: &TestApp) {
    for (role, start) in [
        ("job_seeker", "/mijn-profiel"),
        ("employer", "/kandidaten"),
        ("staff", "/werkzoekenden"),
        ("partner", "/partner"),
        ("admin", "/beheer"),
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
        assert_eq!(res.json(), start);
        let me = app
            .form(Some(&session_cookie(&res)), "me", &[])
            .await
            .json();
        assert_eq!(me["role"], role);
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
        csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"),
        "{csp}"
    );
    assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(h.get(header::CACHE_CONTROL).unwrap(), "no-store");
}

on_both_databases!(
    login_sets_a_safe_session_cookie,
    wrong_credentials_are_refused_alike,
    session_is_renewed_at_login_and_ended_at_logout,
    every_role_logs_in_to_its_own_start_page,
    passwords_are_argon2id_with_owasp_parameters,
    cross_origin_mutations_are_refused,
    repeated_failures_are_rate_limited,
    pages_carry_security_headers,
);
