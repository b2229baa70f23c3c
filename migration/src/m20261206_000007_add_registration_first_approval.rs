//! Four eyes on employer access (SPEC §11): a registration one staff member approved waits for
//! a second one of the region before its organisation and account exist. The first approval
//! records who gave it, when, and where the contact person goes (an existing organisation, or a
//! new one when `joins_employer_id` is empty), so the second person confirms exactly that.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in [
            integer_null("approved_by"),
            timestamp_with_time_zone_null("approved_at"),
            integer_null("joins_employer_id"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("employer_registration")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["joins_employer_id", "approved_at", "approved_by"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("employer_registration")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
