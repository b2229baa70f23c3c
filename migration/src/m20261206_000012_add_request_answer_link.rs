//! The answer to a granted access or portability request of someone who is not a job seeker
//! (`subject_request`) is a download behind a link mailed to the confirmed address: only the
//! SHA-256 of the link's token is kept, with the moment the link stops working.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table("subject_request")
                    .add_column(string_null("answer_token"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("subject_request")
                    .add_column(timestamp_with_time_zone_null("answer_until"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("subject_request_answer_token")
                    .table("subject_request")
                    .col("answer_token")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("subject_request_answer_token")
                    .table("subject_request")
                    .to_owned(),
            )
            .await?;
        for column in ["answer_until", "answer_token"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("subject_request")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
