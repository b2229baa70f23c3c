//! Municipal console and employer onboarding: employer registrations awaiting approval, saved
//! searches, scheduled erasure with an anonymous tombstone, and an append-only audit log
//! enforced by the database itself.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("employer_registration")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string("organisation"))
                    .col(string("first_name"))
                    .col(string("last_name"))
                    .col(string("email"))
                    .col(string("phone"))
                    // pending / approved / rejected
                    .col(string("status"))
                    .col(text_null("reason"))
                    .col(integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(integer_null("employer_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_employer_registration_region_id")
                            .from("employer_registration", "region_id")
                            .to("region", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_employer_registration_region_id_status")
                    .table("employer_registration")
                    .col("region_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("saved_search")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(integer("employer_id"))
                    .col(string("name"))
                    // The employer's candidate filter (JSON of the filter type).
                    .col(text("filter"))
                    .col(boolean("daily_digest").default(false))
                    .col(timestamp_with_time_zone_null("last_digest_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_saved_search_user_id")
                            .from("saved_search", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Erasure at the end of a legal retention period: the profile is hidden until then.
        manager
            .alter_table(
                Table::alter()
                    .table("job_seeker")
                    .add_column(timestamp_with_time_zone_null("erase_after"))
                    .to_owned(),
            )
            .await?;

        // What remains of an erased profile: no personal data, only what statistics count.
        manager
            .create_table(
                Table::create()
                    .table("erased_profile")
                    .col(pk_auto("id"))
                    .col(integer("municipality_id"))
                    .col(string("reason"))
                    .col(timestamp_with_time_zone("erased_at"))
                    .to_owned(),
            )
            .await?;

        // The audit log is append-only in the database too: updates and deletes are refused.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DbBackend::Sqlite => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{op} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
                        op = op.to_lowercase()
                    ))
                    .await?;
                }
            }
            sea_orm_migration::sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                     $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
                )
                .await?;
            }
            other => return Err(DbErr::Migration(format!("unsupported database {other:?}"))),
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DbBackend::Sqlite => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;")
                    .await?;
            }
            _ => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log; DROP FUNCTION IF EXISTS audit_log_append_only();")
                    .await?;
            }
        }
        manager
            .drop_table(Table::drop().table("erased_profile").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("job_seeker")
                    .drop_column("erase_after")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("saved_search").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("employer_registration").to_owned())
            .await?;
        Ok(())
    }
}
