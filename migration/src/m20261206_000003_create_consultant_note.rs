//! Consultant notes (SPEC §3): dated notes on a profile, each with its author; read and written
//! by the gemeente, read by the job seeker (access overview and export), never by employers or
//! partners, erased with the profile.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("consultant_note")
                    .col(pk_auto("id"))
                    .col(integer("job_seeker_id"))
                    // The staff account that wrote it; its name is kept as written.
                    .col(integer_null("author_id"))
                    .col(string_len("author", 200))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_consultant_note_job_seeker_id")
                            .from("consultant_note", "job_seeker_id")
                            .to("job_seeker", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consultant_note_job_seeker")
                    .table("consultant_note")
                    .col("job_seeker_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("consultant_note").to_owned())
            .await
    }
}
