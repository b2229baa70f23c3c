//! Four eyes for access to personal data: an account that can read job-seeker data (staff,
//! partner user) made by a platform administrator waits for approval by a staff member of its
//! gemeente (a new gemeente's first staff account: by a second administrator). `created_by` and
//! `approved_by` name the two people; existing accounts count as approved.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["created_by", "awaiting_approval", "approved_by"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        let columns = [
            integer_null("created_by"),
            boolean("awaiting_approval").default(false).to_owned(),
            integer_null("approved_by"),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
