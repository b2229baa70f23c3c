//! Connecting to the database (SQLite or PostgreSQL) and bringing its schema up to date.

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

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
            // power cut can lose the last commits, never corrupt). A 16 MB page cache per
            // connection holds the filter index; sorts stay in memory.
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .pragma("cache_size", "-16384")
                .pragma("temp_store", "memory")
                .busy_timeout(Duration::from_secs(10))
        });
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Keeps the planner's statistics current (cheap when nothing changed).
        db.execute_unprepared("PRAGMA optimize;").await?;
    }
    Ok(db)
}
