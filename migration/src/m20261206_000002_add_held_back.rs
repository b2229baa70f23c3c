//! Dual consent (SPEC §10): a job seeker is shown to employers only while active *and* not held
//! back by their consultant. Holding back records when, by whom and why (the job seeker sees the
//! reason in their overview); releasing clears all three.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in [
            timestamp_with_time_zone_null("held_back_at"),
            integer_null("held_back_by"),
            text_null("held_back_reason"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("job_seeker")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["held_back_reason", "held_back_by", "held_back_at"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("job_seeker")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
