//! A job seeker's change of e-mail address waits for a click on a link sent to the new address,
//! so that changing one's address never tells whether another account already uses it. One row
//! per pending change; only a SHA-256 of the link's token is stored.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("email_change")
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(string_len("new_email", 254))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_change_user_id")
                            .from("email_change", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_change_user_id")
                    .table("email_change")
                    .col("user_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("email_change").to_owned())
            .await
    }
}
