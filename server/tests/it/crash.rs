//! Crash safety (issue 35, item 7): the server process is killed (SIGKILL) in the middle of a
//! stream of writes and started again on the same database. Every write it acknowledged is
//! there, and no write is there in part: a profile change, its audit entry and its processing
//! log row are stored together or not at all. On SQLite and PostgreSQL.

use crate::common::{self, TestApp};
use entity::{audit_log, job_seeker, processing_log};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server process on `url`, listening on `port`, without demo data or scheduled jobs.
fn start_server(app: &TestApp, port: u16) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", app.url())
        .env("HW_DEMO_DATA", "off")
        .env("HW_JOBS", "0")
        .env(
            "HW_SECRET_KEY",
            common::TEST_SECRET_KEY
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
        )
        .env("HW_MEDIA_DIR", &app.media_dir)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_OUTPUT_NAME", "hallowerk")
        .env("LEPTOS_SITE_ROOT", std::env::temp_dir())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 POST over a connection of its own: the status and the whole response.
async fn post(
    port: u16,
    path: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut conn = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    conn.write_all(
        format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n\
             Accept: application/json\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .await?;
    let mut response = String::new();
    conn.read_to_string(&mut response).await?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {response:?}")))?;
    Ok((status, response))
}

/// Signs in (waiting until the server answers) and returns the session cookie.
async fn sign_in(port: u16, email: &str) -> String {
    let body = serde_urlencoded::to_string([("email", email), ("password", common::DEMO_PASSWORD)])
        .unwrap();
    for _ in 0..600 {
        if let Ok((200, response)) = post(
            port,
            "/api/login",
            None,
            "application/x-www-form-urlencoded",
            &body,
        )
        .await
        {
            let line = response
                .lines()
                .find(|l| {
                    l.to_ascii_lowercase()
                        .starts_with("set-cookie: hw_session=")
                })
                .expect("a session cookie");
            return line["set-cookie: ".len()..]
                .split(';')
                .next()
                .unwrap()
                .to_string();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not answer within a minute");
}

/// The number of the last write stored ("Schrijfronde n"), 0 before the first.
async fn stored_round(app: &TestApp, id: i32) -> u32 {
    job_seeker::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .motivation
        .as_deref()
        .and_then(|m| m.strip_prefix("Schrijfronde "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn a_killed_server_keeps_every_acknowledged_write(app: &TestApp) {
    let (user, js) = common::fatima_records(app).await;
    let port = free_port();
    let mut server = start_server(app, port);
    let cookie = sign_in(port, &user.email).await;

    // Writes one after another until the server dies; the last acknowledged one and the one
    // that was on its way when it died.
    let writer = {
        let cookie = cookie.clone();
        tokio::spawn(async move {
            let mut acknowledged = 0u32;
            for i in 1.. {
                let body = serde_json::json!({
                    "id": js.id,
                    "changes": [{ "field": "motivation", "value": format!("Schrijfronde {i}") }],
                })
                .to_string();
                match post(
                    port,
                    "/api/profile/update",
                    Some(&cookie),
                    "application/json",
                    &body,
                )
                .await
                {
                    Ok((200, _)) => acknowledged = i,
                    Ok((status, response)) => panic!("write {i}: {status} {response}"),
                    Err(_) => return (acknowledged, i),
                }
            }
            unreachable!()
        })
    };
    // Let some writes land, then kill it without warning, in the middle of one.
    let started = tokio::time::Instant::now();
    while stored_round(app, js.id).await < 25 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // (SIGKILL: no shutdown of any kind.)
    server.kill().unwrap();
    server.wait().unwrap();
    let (acknowledged, in_flight) = writer.await.unwrap();
    assert!(
        acknowledged >= 20,
        "only {acknowledged} writes before the kill"
    );

    // Started again on the same database: it opens, and holds every acknowledged write.
    let port = free_port();
    let mut again = start_server(app, port);
    let _ = sign_in(port, &user.email).await;
    let applied = stored_round(app, js.id).await;
    eprintln!("acknowledged {acknowledged}, in flight {in_flight}, stored {applied}");
    assert!(
        applied == acknowledged || applied == in_flight,
        "stored {applied}, acknowledged {acknowledged}, in flight {in_flight}"
    );
    // Nothing in part: one audit entry and one processing-log row per stored change.
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::JobSeekerId.eq(js.id))
        .filter(audit_log::Column::Action.eq("update"))
        .filter(audit_log::Column::Result.eq("ok"))
        .count(&app.db)
        .await
        .unwrap();
    let logged = processing_log::Entity::find()
        .filter(processing_log::Column::SubjectType.eq("job_seeker"))
        .filter(processing_log::Column::SubjectId.eq(js.id))
        .filter(processing_log::Column::Name.eq("update"))
        .filter(processing_log::Column::StatusCode.eq(1))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, u64::from(applied), "audit entries");
    assert_eq!(logged, u64::from(applied), "processing-log rows");
    again.kill().unwrap();
    again.wait().unwrap();
}

on_both_databases!(a_killed_server_keeps_every_acknowledged_write);
