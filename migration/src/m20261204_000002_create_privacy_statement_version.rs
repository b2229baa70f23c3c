//! Published versions of each gemeente's privacy statement (SPEC §10: "with its version
//! history"). A version stores the whole document as it was published (JSON), so an old
//! version reads as it was, and the gemeente's own texts, so the next version starts from them.
//! `published_by` is empty for a version recorded because the code or an agreement changed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("privacy_statement_version")
                    .col(pk_auto("id"))
                    .col(integer("municipality_id"))
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("published_at"))
                    .col(integer_null("published_by"))
                    .col(string_len("change_note", 300))
                    .col(text("contact"))
                    .col(text("addition"))
                    .col(text("document"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_privacy_statement_version_municipality_id")
                            .from("privacy_statement_version", "municipality_id")
                            .to("municipality", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_privacy_statement_version_published_by")
                            .from("privacy_statement_version", "published_by")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One number per version of a gemeente: two publications at once cannot both be "3".
        manager
            .create_index(
                Index::create()
                    .name("idx_privacy_statement_version_number")
                    .table("privacy_statement_version")
                    .col("municipality_id")
                    .col("version")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("privacy_statement_version").to_owned())
            .await
    }
}
