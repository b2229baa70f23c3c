//! The processing log after the Logboek Dataverwerkingen standard (SPEC §10): one row per data
//! subject per operation on their personal data, with the processing activity
//! (`kernel::processing`), the W3C trace and span ids of the request, status and time. Beside
//! the audit log, not in it: the audit log answers the gemeente ("who did what to which
//! profile"), this log answers the person ("what happened to my data, for which purpose") for
//! every kind of data subject, including people without a profile.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("processing_log")
                    .col(big_pk_auto("id"))
                    .col(string_len("trace_id", 32))
                    .col(string_len("span_id", 16))
                    .col(string_len_null("parent_span_id", 16))
                    .col(string("name"))
                    .col(small_integer("status_code"))
                    .col(timestamp_with_time_zone("start_time"))
                    .col(timestamp_with_time_zone("end_time"))
                    .col(string_len("activity_id", 16))
                    .col(string_len("subject_type", 32))
                    .col(integer("subject_id"))
                    .col(integer_null("actor_user_id"))
                    .col(string("actor_role"))
                    .col(string("actor_org"))
                    .to_owned(),
            )
            .await?;
        // A person's own overview reads by subject, newest first.
        manager
            .create_index(
                Index::create()
                    .name("processing_log_subject")
                    .table("processing_log")
                    .col("subject_type")
                    .col("subject_id")
                    .col("end_time")
                    .to_owned(),
            )
            .await?;
        // The retention job deletes by age; a failed request's entries are found by trace.
        manager
            .create_index(
                Index::create()
                    .name("processing_log_end_time")
                    .table("processing_log")
                    .col("end_time")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("processing_log_trace")
                    .table("processing_log")
                    .col("trace_id")
                    .to_owned(),
            )
            .await?;
        // No entry is ever changed: the database refuses updates. Deletes stay possible, for
        // the retention job (`kernel::retention::PROCESSING_LOG`).
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DbBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON processing_log \
                     BEGIN SELECT RAISE(ABORT, 'processing_log is append-only'); END;",
                )
                .await?;
            }
            sea_orm_migration::sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION processing_log_append_only() RETURNS trigger \
                     LANGUAGE plpgsql AS \
                     $$ BEGIN RAISE EXCEPTION 'processing_log is append-only'; END $$;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER processing_log_append_only BEFORE UPDATE ON processing_log \
                     FOR EACH ROW EXECUTE FUNCTION processing_log_append_only();",
                )
                .await?;
            }
            other => return Err(DbErr::Migration(format!("unsupported database {other:?}"))),
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("processing_log").to_owned())
            .await?;
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS processing_log_append_only();")
                .await?;
        }
        Ok(())
    }
}
