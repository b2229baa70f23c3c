//! AVG requests of people who are not a gemeente's job seeker (SPEC §10: employers' contact
//! persons, and senders of the contact form), handled by staff of a region within one month.
//! A contact-form request waits for the link mailed to its address (`confirm_token`). Job
//! seekers' requests stay in `privacy_request`, in their gemeente's queue.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("subject_request")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string("subject"))
                    .col(integer_null("user_id"))
                    .col(string("first_name"))
                    .col(string("last_name"))
                    .col(string("email"))
                    .col(string("organisation"))
                    .col(string_null("qualification"))
                    .col(string("kind"))
                    .col(text("details"))
                    .col(string("status"))
                    .col(text_null("decision_reason"))
                    .col(integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("due_at"))
                    .col(string_null("confirm_token"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("subject_request", "region_id")
                            .to("region", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("subject_request_region_status")
                    .table("subject_request")
                    .col("region_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("subject_request_confirm_token")
                    .table("subject_request")
                    .col("confirm_token")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("subject_request").to_owned())
            .await
    }
}
