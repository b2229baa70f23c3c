//! An address is unique among accounts that can sign in (those with a password), no longer
//! among all accounts. An account someone makes for another person (a job seeker made by
//! staff, a partner's log-in, an administrator's account) may then carry an address another
//! account has, until its owner activates it: the maker is answered as for a free address and
//! so cannot learn who has an account elsewhere on the platform. Activation sets the password,
//! and this index refuses it while another account signs in with the address.
//!
//! SQLite cannot drop a column's UNIQUE: the table is rebuilt (SQLite's own procedure: new
//! table, copy, drop, rename), which needs foreign-key enforcement off on the migrating
//! connection (`server::db::connect` migrates so), or the drop would cascade into sessions,
//! tokens and every other table that points at an account.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SIGN_IN_INDEX: &str = "CREATE UNIQUE INDEX app_user_sign_in_email ON app_user (email) \
     WHERE password_hash IS NOT NULL";
const LOOKUP_INDEX: &str = "CREATE INDEX app_user_email ON app_user (email)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        // On SQLite too: the rebuild is all or nothing.
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("ALTER TABLE app_user DROP CONSTRAINT app_user_email_key")
                    .await?;
            }
            DbBackend::Sqlite => rebuild_without_unique_email(db).await?,
            other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
        }
        db.execute_unprepared(SIGN_IN_INDEX).await?;
        db.execute_unprepared(LOOKUP_INDEX).await?;
        Ok(())
    }
}

async fn rebuild_without_unique_email<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let one = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_string());
    let enforced = db
        .query_one_raw(one("PRAGMA foreign_keys"))
        .await?
        .map(|r| r.try_get_by_index::<i32>(0))
        .transpose()?
        .unwrap_or(0);
    if enforced != 0 {
        return Err(DbErr::Migration(
            "rebuilding app_user needs foreign keys off on the migrating connection".into(),
        ));
    }
    let create: String = db
        .query_one_raw(one(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'app_user'",
        ))
        .await?
        .ok_or_else(|| DbErr::Migration("no app_user table".into()))?
        .try_get_by_index(0)?;
    let (unique, plain) = (
        r#""email" varchar NOT NULL UNIQUE"#,
        r#""email" varchar NOT NULL"#,
    );
    let (table, new_table) = (
        r#"CREATE TABLE "app_user""#,
        r#"CREATE TABLE "app_user_new""#,
    );
    if create.matches(unique).count() != 1 || create.matches(table).count() != 1 {
        return Err(DbErr::Migration(format!(
            "app_user is not as this migration expects: {create}"
        )));
    }
    let indexes = db
        .query_all_raw(one(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'app_user' \
             AND sql IS NOT NULL",
        ))
        .await?
        .into_iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<Result<Vec<_>, _>>()?;
    // The id counter (AUTOINCREMENT) goes with the dropped table; it is put back below, so
    // the ids of erased accounts are never given out again (the audit log names them).
    let counter: Option<i64> = db
        .query_one_raw(one(
            "SELECT seq FROM sqlite_sequence WHERE name = 'app_user'",
        ))
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?;
    db.execute_unprepared(&create.replace(unique, plain).replace(table, new_table))
        .await?;
    db.execute_unprepared("INSERT INTO app_user_new SELECT * FROM app_user")
        .await?;
    db.execute_unprepared("DROP TABLE app_user").await?;
    db.execute_unprepared("ALTER TABLE app_user_new RENAME TO app_user")
        .await?;
    for index in indexes {
        db.execute_unprepared(&index).await?;
    }
    if let Some(counter) = counter {
        db.execute_unprepared(&format!(
            "DELETE FROM sqlite_sequence WHERE name = 'app_user'; \
             INSERT INTO sqlite_sequence (name, seq) VALUES ('app_user', {counter})"
        ))
        .await?;
    }
    let broken = crate::sqlite_rows_pointing_nowhere(db).await?;
    if broken > 0 {
        return Err(DbErr::Migration(format!(
            "{broken} rows point nowhere after rebuilding app_user"
        )));
    }
    Ok(())
}
