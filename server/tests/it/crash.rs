//! Crash safety (issue 35, item 7): the server process is killed (SIGKILL) in the middle of a
//! stream of writes and started again on the same database. Every write it acknowledged is
//! there, and no write is there in part: a profile change, its audit entry and its processing
//! log row are stored together or not at all. On SQLite and PostgreSQL.

use crate::common::process::{Server, post};
use crate::common::{self, TestApp};
use entity::{audit_log, job_seeker, processing_log};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;

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
    let mut server = Server::start(app, Default::default());
    let port = server.port;
    let cookie = server.sign_in(app, &user.email).await;

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
    server.kill();
    let (acknowledged, in_flight) = writer.await.unwrap();
    assert!(
        acknowledged >= 20,
        "only {acknowledged} writes before the kill"
    );

    // Started again on the same database: it opens, and holds every acknowledged write.
    let mut again = Server::start(app, Default::default());
    let _ = again.sign_in(app, &user.email).await;
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
    again.kill();
}

on_both_databases!(a_killed_server_keeps_every_acknowledged_write);
