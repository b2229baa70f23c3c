//! The day's viewing counts hold the organisation's total as a row of its own (`user_id` 0)
//! beside each account's, so one statement can add a charge to both and return both new
//! totals (`service::model::viewing_limits`). Before, the organisation's total was summed
//! over its accounts after the organisation's row had been locked: three statements on
//! PostgreSQL where one upsert now takes the same row lock on the total row itself.
//!
//! `user_id` 0 is no account, so its foreign key goes, and the unique key becomes (day,
//! organisation, account). Nothing points at this table (a day's scratch counts, purged the
//! next day), so it is rebuilt the same way on both databases: new table, copy with the totals
//! added, drop, rename. An erased account's counts now stay until the daily purge instead of
//! going with the account; they are numbers against an id, and the organisation's total must
//! keep them anyway.
//!
//! A server of an older version upserts on the dropped key: stop every old instance before
//! this runs (no rolling upgrade across it).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        // On SQLite too: the rebuild is all or nothing.
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .create_table(
                Table::create()
                    .table("viewing_count_new")
                    .col(pk_auto("id"))
                    .col(date("day"))
                    // The account, or 0: the organisation's total over its accounts.
                    .col(integer("user_id"))
                    .col(integer("employer_id"))
                    .col(integer("opened").default(0))
                    .col(integer("listed").default(0))
                    .to_owned(),
            )
            .await?;
        // The accounts' rows keep their ids; the totals come after them.
        db.execute_unprepared(
            "INSERT INTO viewing_count_new (id, day, user_id, employer_id, opened, listed) \
             SELECT id, day, user_id, employer_id, opened, listed FROM viewing_count",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO viewing_count_new (id, day, user_id, employer_id, opened, listed) \
             SELECT (SELECT COALESCE(MAX(id), 0) FROM viewing_count) \
                    + ROW_NUMBER() OVER (ORDER BY day, employer_id), \
                    day, 0, employer_id, SUM(opened), SUM(listed) \
             FROM viewing_count GROUP BY day, employer_id",
        )
        .await?;
        manager
            .drop_table(Table::drop().table("viewing_count").to_owned())
            .await?;
        manager
            .rename_table(
                Table::rename()
                    .table("viewing_count_new", "viewing_count")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_viewing_count_day_employer_user")
                    .table("viewing_count")
                    .col("day")
                    .col("employer_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres {
            // The key and the id sequence keep the table's name.
            db.execute_unprepared(
                "ALTER INDEX viewing_count_new_pkey RENAME TO viewing_count_pkey; \
                 ALTER SEQUENCE viewing_count_new_id_seq RENAME TO viewing_count_id_seq",
            )
            .await?;
            // Ids were given above, not drawn: the sequence goes on after them (SQLite's
            // AUTOINCREMENT counter follows given ids by itself).
            db.execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('viewing_count', 'id'), \
                 COALESCE(MAX(id), 0) + 1, false) FROM viewing_count",
            )
            .await?;
        }
        Ok(())
    }
}
