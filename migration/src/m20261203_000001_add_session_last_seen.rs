//! Sessions end after a time without use (30 minutes for staff, partner and administrator, two
//! hours for others) as well as at their absolute end: each session records when it was last used.
//! Existing sessions count as used when they were created.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("session")
                    .add_column(timestamp_with_time_zone_null("last_seen_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("session")
                    .drop_column("last_seen_at")
                    .to_owned(),
            )
            .await
    }
}
