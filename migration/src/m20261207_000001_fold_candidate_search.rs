//! Keywords on PostgreSQL fold their words as the candidate index does
//! (`service::foundation::words`), and as SQLite's FTS5 table does for Latin letters: lower
//! case, the accented Latin letters of one table made plain, accents written as characters of
//! their own (U+0300–U+036F) dropped, split at anything but letters and digits, no stemming. The Dutch configuration stemmed ("werken" matched "werkt"), which
//! SQLite never did, so one search could answer differently on the two databases and on the
//! two paths of one server (the in-process index, and SQL for saved searches and fallback).
//! SQLite is unchanged: its `unicode61 remove_diacritics 2` tokenizer folds this way already.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The searched text: exactly the employer-readable free text (as in m20261130_000004).
const TEXT: &str = "coalesce(interests, '') || ' ' || coalesce(talents, '') || ' ' || coalesce(motivation, '') || ' ' || coalesce(desired_work, '')";

/// `service::foundation::words::{ACCENTED, PLAIN}` as of this migration (a test there checks
/// that they are the index's fold; a migration never changes once run).
const ACCENTED: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
const PLAIN: &str = "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy";

fn column(expr: &str) -> String {
    format!(
        "ALTER TABLE job_seeker ADD COLUMN search_nl tsvector GENERATED ALWAYS AS ({expr}) STORED"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        let folded = format!(
            "to_tsvector('simple', regexp_replace(regexp_replace(translate(lower({TEXT}), '{ACCENTED}', '{PLAIN}'), '[\\u0300-\\u036f]+', '', 'g'), '[^[:alnum:]]+', ' ', 'g'))"
        );
        for sql in [
            "DROP INDEX IF EXISTS idx_job_seeker_search_nl".to_string(),
            "ALTER TABLE job_seeker DROP COLUMN search_nl".to_string(),
            column(&folded),
            "CREATE INDEX idx_job_seeker_search_nl ON job_seeker USING GIN (search_nl)".to_string(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for sql in [
            "DROP INDEX IF EXISTS idx_job_seeker_search_nl".to_string(),
            "ALTER TABLE job_seeker DROP COLUMN search_nl".to_string(),
            column(&format!("to_tsvector('dutch', {TEXT})")),
            "CREATE INDEX idx_job_seeker_search_nl ON job_seeker USING GIN (search_nl)".to_string(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
