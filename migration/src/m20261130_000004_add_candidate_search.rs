//! Fast candidate filtering: full-text search over the employer-visible free-text fields
//! (SQLite FTS5 kept in sync by triggers; PostgreSQL a generated tsvector with the Dutch
//! configuration), and indexes for the live filter's ordering.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns searched by keyword: exactly the employer-readable free text.
const TEXT: &str = "coalesce(interests, '') || ' ' || coalesce(talents, '') || ' ' || coalesce(motivation, '') || ' ' || coalesce(desired_work, '')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE job_seeker_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
                )
                .await?;
                db.execute_unprepared(&format!(
                    "INSERT INTO job_seeker_fts(rowid, body) SELECT id, {TEXT} FROM job_seeker"
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER job_seeker_fts_insert AFTER INSERT ON job_seeker BEGIN \
                     INSERT INTO job_seeker_fts(rowid, body) VALUES (new.id, {}); END",
                    TEXT.replace("coalesce(", "coalesce(new.")
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER job_seeker_fts_update AFTER UPDATE OF interests, talents, motivation, desired_work ON job_seeker BEGIN \
                     UPDATE job_seeker_fts SET body = {} WHERE rowid = new.id; END",
                    TEXT.replace("coalesce(", "coalesce(new.")
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER job_seeker_fts_delete AFTER DELETE ON job_seeker BEGIN \
                     DELETE FROM job_seeker_fts WHERE rowid = old.id; END",
                )
                .await?;
            }
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "ALTER TABLE job_seeker ADD COLUMN search_nl tsvector \
                     GENERATED ALWAYS AS (to_tsvector('dutch', {TEXT})) STORED"
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_job_seeker_search_nl ON job_seeker USING GIN (search_nl)",
                )
                .await?;
            }
            other => return Err(DbErr::Migration(format!("unsupported database {other:?}"))),
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_job_seeker_state_updated_at")
                    .table("job_seeker")
                    .col("state")
                    .col("updated_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .drop_index(
                Index::drop()
                    .name("idx_job_seeker_state_updated_at")
                    .table("job_seeker")
                    .to_owned(),
            )
            .await?;
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for stmt in [
                    "DROP TRIGGER IF EXISTS job_seeker_fts_insert",
                    "DROP TRIGGER IF EXISTS job_seeker_fts_update",
                    "DROP TRIGGER IF EXISTS job_seeker_fts_delete",
                    "DROP TABLE IF EXISTS job_seeker_fts",
                ] {
                    db.execute_unprepared(stmt).await?;
                }
            }
            _ => {
                db.execute_unprepared("ALTER TABLE job_seeker DROP COLUMN IF EXISTS search_nl")
                    .await?;
            }
        }
        Ok(())
    }
}
