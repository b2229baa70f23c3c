//! Rate limits live in the database, so every server instance counts the same hits: one row
//! per limit, key and fixed window. The key is stored only as a hash (it names an e-mail address
//! or a client address), and rows older than a day are purged by the session clean-up job.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("rate_limit")
                    .col(string_len("id", 64).primary_key())
                    .col(string_len("name", 40))
                    .col(timestamp_with_time_zone("window_start"))
                    .col(integer("hits"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_limit_window_start")
                    .table("rate_limit")
                    .col("window_start")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("rate_limit").to_owned())
            .await
    }
}
