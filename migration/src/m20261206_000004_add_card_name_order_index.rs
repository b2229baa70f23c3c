//! Lists sorted by name sort on what a card shows (the initial of the last name, the first
//! name), so an employer learns nothing from the order that the card hides. These indexes let
//! the database walk that order, as `idx_job_seeker_state_names` did for the full names.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 2] = [
    (
        "idx_job_seeker_state_initial_first",
        "state, upper(substr(last_name, 1, 1)), first_name, id",
    ),
    (
        "idx_job_seeker_state_first_initial",
        "state, first_name, upper(substr(last_name, 1, 1)), id",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (name, columns) in INDEXES {
            db.execute_unprepared(&format!("CREATE INDEX {name} ON job_seeker ({columns})"))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (name, _) in INDEXES {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await?;
        }
        Ok(())
    }
}
