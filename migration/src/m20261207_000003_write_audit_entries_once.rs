//! On SQLite, one statement writes a batch of audit entries and their processing-log rows
//! (`service::access::audit::Batch`): an insert into the view `audit_entry`, whose INSTEAD OF
//! trigger writes each row's audit entry and, where the row carries one, its log row. A
//! candidate list then costs four statements there too (issue 35, item 2): session, rows,
//! charge, entries. SQLite has no data-modifying WITH queries, and one plain statement writes
//! one table; PostgreSQL writes both tables in the list charge's own statement and needs no
//! view, so none is made there.
//!
//! The view's columns are the audit entry's, then the log row's prefixed `log_` (every column
//! but the ids). A change to either table's columns must change this view and trigger in the
//! same migration (and a migration that rebuilds either table, or drops or renames one of
//! its columns, must drop the view and trigger first and make them again after: SQLite checks
//! the whole schema on a rename). The test `processing_log::a_batch_through_the_view_equals_
//! plain_inserts` (server/tests/it) compares the view's columns with the entities' and what
//! the view writes with what the two plain inserts write.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const AUDIT: [&str; 12] = [
    "at",
    "actor_user_id",
    "actor_role",
    "actor_org",
    "action",
    "object_type",
    "object_id",
    "job_seeker_id",
    "municipality_id",
    "fields",
    "result",
    "origin",
];

const LOG: [&str; 13] = [
    "trace_id",
    "span_id",
    "parent_span_id",
    "name",
    "status_code",
    "start_time",
    "end_time",
    "activity_id",
    "subject_type",
    "subject_id",
    "actor_user_id",
    "actor_role",
    "actor_org",
];

fn list(prefix: &str, columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        // On SQLite too: the view without its trigger would be a view nothing can write.
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm_migration::sea_orm::DbBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        let view_columns = AUDIT
            .iter()
            .map(|c| format!("a.{c} AS {c}"))
            .chain(LOG.iter().map(|c| format!("l.{c} AS log_{c}")))
            .collect::<Vec<_>>()
            .join(", ");
        // No rows: the view is only ever written to.
        db.execute_unprepared(&format!(
            "CREATE VIEW audit_entry AS SELECT {view_columns} \
             FROM audit_log a, processing_log l WHERE 0"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "CREATE TRIGGER audit_entry_insert INSTEAD OF INSERT ON audit_entry BEGIN \
             INSERT INTO audit_log ({audit}) VALUES ({new_audit}); \
             INSERT INTO processing_log ({log}) SELECT {new_log} \
             WHERE NEW.log_trace_id IS NOT NULL; \
             END",
            audit = list("", &AUDIT),
            new_audit = list("NEW.", &AUDIT),
            log = list("", &LOG),
            new_log = list("NEW.log_", &LOG),
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm_migration::sea_orm::DbBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP TRIGGER IF EXISTS audit_entry_insert")
            .await?;
        db.execute_unprepared("DROP VIEW IF EXISTS audit_entry")
            .await?;
        Ok(())
    }
}
