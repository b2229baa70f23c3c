//! Several server instances on one database (issue 35, item 3; SPEC §8, §9: "any number of
//! stateless server instances; background jobs safe when several instances run"). Two real
//! server processes share the test's database: a session made on one works on the other, each
//! scheduled job runs once, a write on one shows in the other's candidate filter at once, and
//! the rate limits count the attempts made at both.

use crate::common::process::{Options, Server, body};
use crate::common::{self, TestApp};
use entity::job_seeker;
use sea_orm::{ActiveModelTrait, Set};
use std::time::Duration;

const BAKERY: &str = "j.vanderlinden@bakkerij.hallowerk-demo.nl";

/// The log levels the test reads: each job run, and the candidate index's builds and refusals.
const LOG: &str = "warn,server::jobs=debug,service::foundation::candidate_index=debug";

/// The ids on one page of the employer's candidate list and the total.
async fn candidates(server: &Server, cookie: &str) -> (Vec<i64>, u64) {
    let (status, response) = server
        .json(
            Some(cookie),
            "candidates/search",
            serde_json::json!({ "filter": {} }),
        )
        .await
        .expect("a search");
    assert_eq!(status, 200, "search: {response}");
    let page: serde_json::Value = serde_json::from_str(body(&response)).expect("JSON");
    let ids = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["id"].as_i64().expect("an id"))
        .collect();
    (ids, page["total"].as_u64().expect("a total"))
}

async fn two_instances_share_one_database(app: &TestApp) {
    let (user, js) = common::fatima_records(app).await;
    // Paused before either starts, so both indexes hold her as not shown.
    let mut paused: job_seeker::ActiveModel = js.clone().into();
    paused.state = Set("paused".into());
    paused.update(&app.db).await.unwrap();

    let jobs = || Options {
        jobs_every: Some(1),
        rust_log: LOG,
    };
    let mut a = Server::start(app, jobs());
    let mut b = Server::start(app, jobs());

    // A session made on A works on B (sessions live in the database).
    let employer = a.sign_in(app, BAKERY).await;
    b.wait_for_log("candidate index built").await;
    let (before, total_before) = candidates(&b, &employer).await;
    assert!(!before.contains(&i64::from(js.id)), "paused: not shown");

    // A write on A shows in B's filter in the very next request.
    let seeker = a.sign_in(app, &user.email).await;
    let (status, response) = a
        .form(Some(&seeker), "privacy/pause", &[("paused", "false")])
        .await
        .unwrap();
    assert_eq!(status, 200, "resume: {response}");
    let (after, total_after) = candidates(&b, &employer).await;
    assert_eq!(after.first(), Some(&i64::from(js.id)), "newest first");
    assert_eq!(total_after, total_before + 1);
    assert!(
        !b.log_text().contains("candidate index cannot answer"),
        "B answered from its own index, not by falling back to SQL:\n{}",
        b.log_text()
    );

    // Rate limits are counted in the database: ten failed log-ins for one address, five at
    // each instance, and the eleventh is refused at either.
    let wrong = [("email", BAKERY), ("password", "niet-het-wachtwoord")];
    for (i, server) in [&a, &b].into_iter().cycle().take(10).enumerate() {
        let (status, response) = server.form(None, "login", &wrong).await.unwrap();
        assert!(
            status != 200 && status != 429,
            "attempt {}: {status} {response}",
            i + 1
        );
    }
    for server in [&a, &b] {
        let (status, response) = server.form(None, "login", &wrong).await.unwrap();
        assert_eq!(status, 429, "past the limit: {response}");
    }

    // Each scheduled job ran once, though both instances looked for work every second.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (log_a, log_b) = (a.log_text(), b.log_text());
    a.kill();
    b.kill();
    for job in [
        server::jobs::PURGE_CONTACT,
        server::jobs::PURGE_ACCESS,
        server::jobs::ERASE_DUE,
        server::jobs::DIGESTS,
        server::jobs::REFRESH_PRIVACY,
    ] {
        let runs = |log: &str| {
            log.lines()
                .filter(|l| l.contains("background job ran") && l.contains(job.name))
                .count()
        };
        assert_eq!(
            runs(&log_a) + runs(&log_b),
            1,
            "{}: A ran it {} times, B {} times",
            job.name,
            runs(&log_a),
            runs(&log_b)
        );
    }
    // Mail delivery runs at every look, at one instance at a time.
    let deliveries = |log: &str| log.matches("deliver_outbox").count();
    assert!(deliveries(&log_a) + deliveries(&log_b) >= 3);
}

/// An instance tells a load balancer it is ready only once its candidate index is built, so a
/// new instance takes no searches it would have to send to the database.
async fn an_instance_is_ready_once_its_index_is_built(app: &TestApp) {
    let fresh = app.counted_instance();
    let ready = || {
        axum::http::Request::get(server::media::READY_PATH)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let (res, _) = fresh.statements_of(ready()).await;
    assert_eq!(res.status, 503, "not built yet: {}", res.body);
    fresh.index.rebuild(&app.db).await.expect("built");
    let (res, statements) = fresh.statements_of(ready()).await;
    assert_eq!(res.status, 200, "built: {}", res.body);
    assert!(
        statements.is_empty(),
        "asks the database nothing: {statements:?}"
    );
}

on_both_databases!(
    two_instances_share_one_database,
    an_instance_is_ready_once_its_index_is_built
);
