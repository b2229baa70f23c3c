//! The state of one server instance, carried in each request's `Context` (never a global, so
//! tests can run many databases side by side).

use sea_orm::DatabaseConnection;

/// The database handle, under a name the web layer can use without depending on sea-orm.
pub type Db = DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// Photo and video files (outside the web root).
    pub media: std::sync::Arc<dyn crate::media::MediaStore>,
    /// Public base URL (e.g. `https://hallowerk.example.nl`), for links in mail and for
    /// deciding whether cookies are `Secure`.
    pub public_url: String,
    /// The in-process candidate index of this instance (a cache of the database).
    pub candidate_index: std::sync::Arc<crate::candidate_index::CandidateIndex>,
}

impl AppState {
    pub fn cookies_secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

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
