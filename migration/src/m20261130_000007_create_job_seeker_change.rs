//! A change feed of job-seeker rows for the in-process candidate index: database triggers add
//! the id of every inserted, updated or deleted profile with a rising sequence number, so each
//! server instance catches up with every write (from any instance, any code path, or by hand)
//! by reading the rows after the last number it saw. Ids only: no personal data. The jobs runner
//! prunes entries older than a day.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TABLE job_seeker_change ( \
                     seq INTEGER PRIMARY KEY AUTOINCREMENT, \
                     job_seeker_id INTEGER NOT NULL, \
                     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))",
                )
                .await?;
                for (event, row) in [("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER job_seeker_change_{} AFTER {event} ON job_seeker BEGIN \
                         INSERT INTO job_seeker_change(job_seeker_id) VALUES ({row}.id); END",
                        event.to_lowercase()
                    ))
                    .await?;
                }
            }
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE job_seeker_change ( \
                     seq BIGSERIAL PRIMARY KEY, \
                     job_seeker_id INTEGER NOT NULL, \
                     at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE FUNCTION job_seeker_changed() RETURNS trigger AS $$ BEGIN \
                     IF TG_OP = 'DELETE' THEN \
                       INSERT INTO job_seeker_change(job_seeker_id) VALUES (OLD.id); \
                     ELSE \
                       INSERT INTO job_seeker_change(job_seeker_id) VALUES (NEW.id); \
                     END IF; \
                     RETURN NULL; END $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER job_seeker_change AFTER INSERT OR UPDATE OR DELETE ON job_seeker \
                     FOR EACH ROW EXECUTE FUNCTION job_seeker_changed()",
                )
                .await?;
            }
            other => return Err(DbErr::Migration(format!("unsupported database {other:?}"))),
        }
        db.execute_unprepared("CREATE INDEX idx_job_seeker_change_at ON job_seeker_change (at)")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS job_seeker_change ON job_seeker")
                    .await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS job_seeker_changed()")
                    .await?;
            }
            _ => {
                for event in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS job_seeker_change_{event}"
                    ))
                    .await?;
                }
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS job_seeker_change")
            .await?;
        Ok(())
    }
}
