//! Connecting to the database (SQLite or PostgreSQL) and bringing its schema up to date.

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Runs SQLite's pending migrations on one connection of their own with foreign-key enforcement
/// off, as SQLite asks for rebuilding a table (its only way to change a column's constraints):
/// with enforcement on, dropping the old table would cascade into every table pointing at it.
/// Each such migration checks the keys itself before it commits (`PRAGMA foreign_key_check`).
async fn migrate_sqlite(url: &str) -> Result<(), DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.max_connections(1)
        .min_connections(1)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(false)
                .busy_timeout(Duration::from_secs(10))
        });
    let db = Database::connect(opts).await?;
    let migrated = migrate_and_check_keys(&db).await;
    db.close().await?;
    migrated
}

/// Runs the pending migrations and then, if there were any, checks every foreign key: with
/// enforcement off, a migration that left a row pointing nowhere is stopped here, before the
/// server starts on it (a check of the whole database, so only after a change of schema).
async fn migrate_and_check_keys(db: &DatabaseConnection) -> Result<(), DbErr> {
    if Migrator::get_pending_migrations(db).await?.is_empty() {
        return Ok(());
    }
    Migrator::up(db, None).await?;
    let broken = migration::sqlite_rows_pointing_nowhere(db).await?;
    if broken > 0 {
        return Err(DbErr::Migration(format!(
            "{broken} rows point nowhere after migrating; the database was left as the migrations made it"
        )));
    }
    Ok(())
}

/// Connects and runs every pending migration.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite");
    let mut opts = ConnectOptions::new(url.to_string());
    // SQLite serialises writers anyway; four connections keep readers parallel on two cores
    // while bounding the memory of the page caches below.
    opts.max_connections(if sqlite { 4 } else { 20 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            // WAL: readers run while one connection writes. NORMAL sync is safe with WAL (a
            // power cut can lose the last commits, never corrupt). A 4 MB page cache per
            // connection: the candidate index filters in process, so SQLite reads a page's rows
            // by id and small tables, and a page it lacks comes from the system's file cache
            // (outside the server's memory) at the cost of one read call. (16 MB each, when SQL
            // filtered, filled as the index's base read walked the table.) Sorts stay in memory.
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .pragma("cache_size", "-4096")
                .pragma("temp_store", "memory")
                .busy_timeout(Duration::from_secs(10))
        });
    if sqlite {
        migrate_sqlite(url).await?;
    }
    let db = Database::connect(opts).await?;
    // On SQLite this finds nothing left to do; on PostgreSQL it is where migrations run.
    Migrator::up(&db, None).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Keeps the planner's statistics current (cheap when nothing changed).
        db.execute_unprepared("PRAGMA optimize;").await?;
    }
    Ok(db)
}
