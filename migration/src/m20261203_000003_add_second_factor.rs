//! Two-factor authentication (TOTP, RFC 6238) for staff, partner users and administrators.
//! `app_user` keeps the TOTP secret (set at enrolment, confirmed by a first code), and the last
//! time step a code was accepted for, so a code works once. `session.login_complete` records
//! whether the log-in got past every step it needs (for staff, partner users and administrators
//! the code as well); existing sessions did not (deny by default: everyone logs in again).
//! Recovery codes are stored only as hashes, one row each, used once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const USER_COLUMNS: [&str; 3] = ["totp_secret", "totp_confirmed_at", "totp_last_step"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        let columns = [
            string_len_null("totp_secret", 64),
            timestamp_with_time_zone_null("totp_confirmed_at"),
            big_integer_null("totp_last_step"),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("session")
                    .add_column(boolean("login_complete").default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("recovery_code")
                    // SHA-256 of the user id and the code.
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recovery_code_user_id")
                            .from("recovery_code", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_code_user_id")
                    .table("recovery_code")
                    .col("user_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("recovery_code").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("session")
                    .drop_column("login_complete")
                    .to_owned(),
            )
            .await?;
        for column in USER_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
