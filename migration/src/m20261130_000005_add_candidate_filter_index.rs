//! A covering index for the employer's candidate filter on SQLite: every column a filter can
//! test, plus the ordering, so counts and pages are answered from the index without reading the
//! (wide) profile rows. PostgreSQL plans these filters well with its own indexes and bitmap
//! scans, and gets no copy of it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            let db = manager.get_connection();
            // In the list's order (most recently updated first), with every column a filter can
            // test: a page is found by walking this index without touching the rows.
            db.execute_unprepared(
                "CREATE INDEX idx_job_seeker_candidate_filter ON job_seeker (state, updated_at, \
                 municipality_id, target_banenafspraak, target_praktijkroute, target_bbl, \
                 target_ondernemer, work_capacity_consent, wc_sitting, wc_standing, wc_walking, \
                 wc_bending, wc_lifting, wc_hours_per_day, photo_key, video_key)",
            )
            .await?;
            // Sorting by name.
            db.execute_unprepared("CREATE INDEX idx_job_seeker_state_names ON job_seeker (state, last_name, first_name)")
                .await?;
            // Subsumed by the first.
            db.execute_unprepared("DROP INDEX IF EXISTS idx_job_seeker_state_updated_at")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            let db = manager.get_connection();
            db.execute_unprepared("DROP INDEX IF EXISTS idx_job_seeker_candidate_filter")
                .await?;
            db.execute_unprepared("DROP INDEX IF EXISTS idx_job_seeker_state_names")
                .await?;
            db.execute_unprepared(
                "CREATE INDEX idx_job_seeker_state_updated_at ON job_seeker (state, updated_at)",
            )
            .await?;
        }
        Ok(())
    }
}
