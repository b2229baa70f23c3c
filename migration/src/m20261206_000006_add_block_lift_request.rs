//! Four eyes on lifting a block (SPEC §11): lifting gives an employer another day's allowance
//! of profiles, so one staff member asks for it and a second one of the region lifts it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in [
            integer_null("lift_requested_by"),
            timestamp_with_time_zone_null("lift_requested_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("viewing_block")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["lift_requested_at", "lift_requested_by"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("viewing_block")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
