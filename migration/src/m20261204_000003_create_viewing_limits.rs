//! Limits on mass viewing (SPEC §10, after the 2024 werk.nl incident in which one account viewed
//! about 150,000 CVs): per region, a daily ceiling on the profiles an employer's account and
//! organisation open and on the candidate rows they are listed; the day's counts per account;
//! and the blocks that passing a ceiling sets, which the region's staff can lift.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("viewing_limit")
                    .col(integer("region_id").primary_key())
                    .col(integer("account_opened"))
                    .col(integer("organisation_opened"))
                    .col(integer("account_listed"))
                    .col(integer("organisation_listed"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_viewing_limit_region_id")
                            .from("viewing_limit", "region_id")
                            .to("region", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("viewing_count")
                    .col(pk_auto("id"))
                    .col(date("day"))
                    .col(integer("user_id"))
                    .col(integer("employer_id"))
                    .col(integer("opened").default(0))
                    .col(integer("listed").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_viewing_count_user_id")
                            .from("viewing_count", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_viewing_count_day_user")
                    .table("viewing_count")
                    .col("day")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_viewing_count_day_employer")
                    .table("viewing_count")
                    .col("day")
                    .col("employer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("viewing_block")
                    .col(pk_auto("id"))
                    .col(date("day"))
                    .col(integer("employer_id"))
                    // The account that passed an account ceiling; 0: the organisation's ceiling.
                    .col(integer("user_id"))
                    // "opened" or "listed".
                    .col(string_len("measure", 16))
                    .col(integer("region_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("lifted_at"))
                    .col(integer_null("lifted_by"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_viewing_block_day_employer")
                    .table("viewing_block")
                    .col("day")
                    .col("employer_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["viewing_block", "viewing_count", "viewing_limit"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
