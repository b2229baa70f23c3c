//! The audit log stays append-only, with one exception for erasure (AVG art. 17): the client
//! address (`origin`) of the erased person's own entries may be cleared. The database accepts
//! an update that sets `origin` to NULL and changes nothing else; every other update and every
//! delete is still refused.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every column of `audit_log` but `origin`. A later migration that adds a column to the audit
/// log must recreate the SQLite trigger with it (PostgreSQL compares whole rows).
const KEPT: [&str; 12] = [
    "id",
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
];

const REFUSE: &str = "SELECT RAISE(ABORT, 'audit_log is append-only')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// On SQLite too: the old trigger is never gone without the new one in place.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                // `IS` compares NULLs as equal.
                let unchanged = KEPT
                    .iter()
                    .map(|c| format!("new.\"{c}\" IS old.\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_no_update")
                    .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     WHEN NOT (new.origin IS NULL AND {unchanged}) \
                     BEGIN {REFUSE}; END;"
                ))
                .await?;
            }
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN \
                       IF TG_OP = 'UPDATE' AND NEW.origin IS NULL \
                          AND to_jsonb(NEW) - 'origin' = to_jsonb(OLD) - 'origin' THEN \
                         RETURN NEW; \
                       END IF; \
                       RAISE EXCEPTION 'audit_log is append-only'; \
                     END $$;",
                )
                .await?;
            }
            other => return Err(DbErr::Migration(format!("unsupported database {other:?}"))),
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_no_update")
                    .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN {REFUSE}; END;"
                ))
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;",
                )
                .await?;
            }
        }
        Ok(())
    }
}
