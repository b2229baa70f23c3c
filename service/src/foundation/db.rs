//! Database handles and the one way to start a writing transaction.

use sea_orm::DatabaseConnection;

/// The database handle, under a name the web layer can use without depending on sea-orm.
pub type Db = DatabaseConnection;

/// Starts a transaction that will write. On SQLite it takes the write lock at `BEGIN`
/// (`BEGIN IMMEDIATE`), so it waits its turn instead of failing with "database is locked" when
/// another connection wrote after it first read; PostgreSQL ignores the option.
pub async fn begin_write<C: sea_orm::TransactionTrait>(
    db: &C,
) -> Result<C::Transaction, sea_orm::DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
