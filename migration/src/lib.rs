//! Database migrations, run automatically at server start-up (SQLite and PostgreSQL).

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_schema;
mod m20261129_000002_seed_occupations;
mod m20261130_000001_create_contact_outbox_jobs;
mod m20261130_000002_create_self_service;
mod m20261130_000003_create_console_tables;
mod m20261130_000004_add_candidate_search;
mod m20261130_000005_add_candidate_filter_index;
mod m20261130_000006_add_region_municipality_active;
mod m20261130_000007_create_job_seeker_change;
mod m20261201_000001_allow_audit_origin_redaction;
mod m20261203_000001_add_session_last_seen;
mod m20261203_000002_create_rate_limit;
mod m20261203_000003_add_second_factor;
mod m20261203_000004_add_account_approval;
mod m20261203_000005_create_email_change;
mod m20261204_000001_widen_totp_secret;
mod m20261204_000002_create_privacy_statement_version;
mod m20261204_000003_create_viewing_limits;
mod m20261206_000001_create_viewing_opened;
mod m20261206_000002_add_held_back;
mod m20261206_000003_create_consultant_note;
mod m20261206_000004_add_card_name_order_index;
mod m20261206_000005_create_viewing_limit_proposal;
mod m20261206_000006_add_block_lift_request;
mod m20261206_000007_add_registration_first_approval;
mod m20261206_000008_add_agreement_confirmation;
mod m20261206_000009_unique_address_for_sign_in;
mod m20261206_000010_create_subject_request;
mod m20261206_000011_create_processing_log;
mod m20261206_000012_add_request_answer_link;
mod m20261207_000001_fold_candidate_search;
mod m20261207_000002_count_organisation_day;
mod m20261207_000003_write_audit_entries_once;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_schema::Migration),
            Box::new(m20261129_000002_seed_occupations::Migration),
            Box::new(m20261130_000001_create_contact_outbox_jobs::Migration),
            Box::new(m20261130_000002_create_self_service::Migration),
            Box::new(m20261130_000003_create_console_tables::Migration),
            Box::new(m20261130_000004_add_candidate_search::Migration),
            Box::new(m20261130_000005_add_candidate_filter_index::Migration),
            Box::new(m20261130_000006_add_region_municipality_active::Migration),
            Box::new(m20261130_000007_create_job_seeker_change::Migration),
            Box::new(m20261201_000001_allow_audit_origin_redaction::Migration),
            Box::new(m20261203_000001_add_session_last_seen::Migration),
            Box::new(m20261203_000002_create_rate_limit::Migration),
            Box::new(m20261203_000003_add_second_factor::Migration),
            Box::new(m20261203_000004_add_account_approval::Migration),
            Box::new(m20261203_000005_create_email_change::Migration),
            Box::new(m20261204_000001_widen_totp_secret::Migration),
            Box::new(m20261204_000002_create_privacy_statement_version::Migration),
            Box::new(m20261204_000003_create_viewing_limits::Migration),
            Box::new(m20261206_000001_create_viewing_opened::Migration),
            Box::new(m20261206_000002_add_held_back::Migration),
            Box::new(m20261206_000003_create_consultant_note::Migration),
            Box::new(m20261206_000004_add_card_name_order_index::Migration),
            Box::new(m20261206_000005_create_viewing_limit_proposal::Migration),
            Box::new(m20261206_000006_add_block_lift_request::Migration),
            Box::new(m20261206_000007_add_registration_first_approval::Migration),
            Box::new(m20261206_000008_add_agreement_confirmation::Migration),
            Box::new(m20261206_000009_unique_address_for_sign_in::Migration),
            Box::new(m20261206_000010_create_subject_request::Migration),
            Box::new(m20261206_000011_create_processing_log::Migration),
            Box::new(m20261206_000012_add_request_answer_link::Migration),
            Box::new(m20261207_000001_fold_candidate_search::Migration),
            Box::new(m20261207_000002_count_organisation_day::Migration),
            Box::new(m20261207_000003_write_audit_entries_once::Migration),
        ]
    }
}

/// The number of rows that point nowhere (SQLite's `PRAGMA foreign_key_check`): SQLite
/// migrations run with foreign-key enforcement off (so a table can be rebuilt), and this is how
/// they, and the start-up after them, check the keys instead.
pub async fn sqlite_rows_pointing_nowhere<C: sea_orm_migration::sea_orm::ConnectionTrait>(
    db: &C,
) -> Result<usize, DbErr> {
    Ok(db
        .query_all_raw(sea_orm_migration::sea_orm::Statement::from_string(
            sea_orm_migration::sea_orm::DbBackend::Sqlite,
            "PRAGMA foreign_key_check",
        ))
        .await?
        .len())
}
