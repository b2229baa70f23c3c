//! Four eyes on raising a region's ceilings (SPEC §11): ceilings above the defaults open more
//! data to employers, so one staff member's setting waits here until a second staff member of
//! the region confirms it, naming the proposal it saw. One proposal per region; a new one
//! replaces it (with a new id, so a confirmation never applies what its confirmer did not see).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("viewing_limit_proposal")
                    .col(pk_auto("id"))
                    .col(integer("region_id").unique_key())
                    .col(integer("account_opened"))
                    .col(integer("organisation_opened"))
                    .col(integer("account_listed"))
                    .col(integer("organisation_listed"))
                    .col(integer("proposed_by"))
                    .col(timestamp_with_time_zone("proposed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_viewing_limit_proposal_region_id")
                            .from("viewing_limit_proposal", "region_id")
                            .to("region", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("viewing_limit_proposal").to_owned())
            .await
    }
}
