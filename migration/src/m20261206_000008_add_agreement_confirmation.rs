//! Four eyes on partner agreements (SPEC §11): an agreement one staff member made is in force
//! only once a second staff member of the gemeente confirmed it. Agreements made before this
//! rule count as confirmed when they were made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for column in [
            integer_null("proposed_by"),
            integer_null("confirmed_by"),
            timestamp_with_time_zone_null("confirmed_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("partner_agreement")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .exec_stmt(
                Query::update()
                    .table("partner_agreement")
                    .value("confirmed_at", Expr::col("created_at"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["confirmed_at", "confirmed_by", "proposed_by"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("partner_agreement")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
