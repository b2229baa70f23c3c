//! The public contact form (messages and their anonymous archive), the mail outbox, and the
//! claim table that lets exactly one server instance run each background job.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Personal data: deleted one calendar month after `received_at` (SPEC §5).
        manager
            .create_table(
                Table::create()
                    .table("contact_message")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string("qualification"))
                    .col(string("first_name"))
                    .col(string("last_name"))
                    .col(string("email"))
                    .col(string_null("phone"))
                    .col(text("message"))
                    .col(string("status"))
                    .col(text_null("reply_note"))
                    .col(integer_null("handled_by"))
                    .col(timestamp_with_time_zone_null("handled_at"))
                    .col(timestamp_with_time_zone("received_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contact_message_region_id")
                            .from("contact_message", "region_id")
                            .to("region", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contact_message_region_id_status")
                    .table("contact_message")
                    .col("region_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contact_message_received_at")
                    .table("contact_message")
                    .col("received_at")
                    .to_owned(),
            )
            .await?;

        // What remains of a contact message after the purge: no personal data.
        manager
            .create_table(
                Table::create()
                    .table("contact_archive")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string("qualification"))
                    // First day of the month the message was received.
                    .col(date("received_month"))
                    .col(integer_uniq("message_id"))
                    .col(timestamp_with_time_zone("archived_at"))
                    .to_owned(),
            )
            .await?;

        // The single way mail leaves the system.
        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .col(pk_auto("id"))
                    .col(string("kind"))
                    .col(string("to_address"))
                    .col(string("subject"))
                    .col(text("body_text"))
                    .col(text("body_html"))
                    .col(string("status"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_status_next_attempt_at")
                    .table("outbox")
                    .col("status")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;

        // One row per background job: an instance runs a job only after claiming its row.
        manager
            .create_table(
                Table::create()
                    .table("job_lock")
                    .col(string_len("name", 64).primary_key())
                    .col(string_null("locked_by"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone_null("last_run_at"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["job_lock", "outbox", "contact_archive", "contact_message"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
