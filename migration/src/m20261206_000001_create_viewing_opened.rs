//! Who opened whom today: one row per employer account, person and day. A person counts once a
//! day against an account's budget of opened profiles, by whichever channel the account saw
//! them (the profile page, its photo or video, an invitation), so a video player's many range
//! requests or a second look cost nothing more, and no channel goes uncounted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("viewing_opened")
                    .col(date("day"))
                    .col(integer("user_id"))
                    .col(integer("job_seeker_id"))
                    .primary_key(
                        Index::create()
                            .col("day")
                            .col("user_id")
                            .col("job_seeker_id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_viewing_opened_user_id")
                            .from("viewing_opened", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_viewing_opened_job_seeker_id")
                            .from("viewing_opened", "job_seeker_id")
                            .to("job_seeker", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("viewing_opened").to_owned())
            .await
    }
}
