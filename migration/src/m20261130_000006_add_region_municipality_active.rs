//! Regions and gemeenten can be deactivated by the platform administrator (no data is deleted):
//! an inactive region takes no contact messages or registrations; staff of an inactive gemeente
//! cannot sign in.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["region", "municipality"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(boolean("active").default(true))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["region", "municipality"] {
            manager
                .alter_table(Table::alter().table(table).drop_column("active").to_owned())
                .await?;
        }
        Ok(())
    }
}
