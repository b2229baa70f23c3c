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

/// Locks the row `id` of `E` until the transaction `txn` ends: `SELECT … FOR UPDATE` on
/// PostgreSQL (on SQLite a `begin_write` transaction holds the whole database already, and
/// nothing is sent). A cap counted after it ("count, then insert": saved searches of an
/// account, open vacancies of an organisation) cannot be passed by requests sent at the same
/// moment: they take turns on the owning row. (Viewing allowances need no lock: their upsert
/// locks the organisation's count row itself, `model::viewing_limits`.)
pub async fn lock<E, C>(txn: &C, id: i32) -> Result<(), sea_orm::DbErr>
where
    E: sea_orm::EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i32>,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::QuerySelect;
    // (On SQLite the statement would be a plain read, which locks nothing: it is not sent.)
    if txn.get_database_backend() == sea_orm::DbBackend::Sqlite {
        return Ok(());
    }
    E::find_by_id(id).lock_exclusive().one(txn).await?;
    Ok(())
}

/// The join from `E`'s column `from` to the row of `R` whose column `to` it names, for entities
/// that declare no relations (a row and what it points to, read in one query).
pub fn join_on<E: sea_orm::EntityTrait, R: sea_orm::EntityTrait>(
    from: E::Column,
    to: R::Column,
) -> sea_orm::RelationDef {
    E::belongs_to(R::default()).from(from).to(to).into()
}
