//! The TOTP secret is now stored sealed (nonce, ciphertext and tag, as hex: about 150
//! characters), which no longer fits the 64 characters of the plain secret. SQLite does not
//! enforce a `varchar` length (and cannot alter a column's type), so only PostgreSQL changes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn set_type(manager: &SchemaManager<'_>, mut column: ColumnDef) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    manager
        .alter_table(
            Table::alter()
                .table("app_user")
                .modify_column(&mut column)
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_type(manager, text_null("totp_secret")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_type(manager, string_len_null("totp_secret", 64)).await
    }
}
