//! Covering indexes for the employer's candidate filter on SQLite: every column a filter can
//! test, in the list's order, so counts and pages are answered from an index without reading
//! the (wide) profile rows; the same limited to one target group or to consent, so a filter on
//! a group (or on physical fit) walks only that part of the list; and one for sorting by name.
//! PostgreSQL plans these filters well with its own indexes and bitmap scans.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: &str = "state, updated_at, municipality_id, target_banenafspraak, \
    target_praktijkroute, target_bbl, target_ondernemer, work_capacity_consent, wc_sitting, \
    wc_standing, wc_walking, wc_bending, wc_lifting, wc_hours_per_day, photo_key, video_key";

const PARTS: [&str; 5] = [
    "target_banenafspraak",
    "target_praktijkroute",
    "target_bbl",
    "target_ondernemer",
    "work_capacity_consent",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "CREATE INDEX idx_job_seeker_candidate_filter ON job_seeker ({COLUMNS})"
        ))
        .await?;
        for part in PARTS {
            db.execute_unprepared(&format!(
                "CREATE INDEX idx_job_seeker_candidate_{part} ON job_seeker ({COLUMNS}) WHERE {part} = 1"
            ))
            .await?;
        }
        db.execute_unprepared(
            "CREATE INDEX idx_job_seeker_state_names ON job_seeker (state, last_name, first_name)",
        )
        .await?;
        // Subsumed by the filter index.
        db.execute_unprepared("DROP INDEX IF EXISTS idx_job_seeker_state_updated_at")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS idx_job_seeker_candidate_filter")
            .await?;
        for part in PARTS {
            db.execute_unprepared(&format!(
                "DROP INDEX IF EXISTS idx_job_seeker_candidate_{part}"
            ))
            .await?;
        }
        db.execute_unprepared("DROP INDEX IF EXISTS idx_job_seeker_state_names")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_job_seeker_state_updated_at ON job_seeker (state, updated_at)",
        )
        .await?;
        Ok(())
    }
}
