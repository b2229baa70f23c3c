//! The state of one server instance, carried in each request's `Context` (never a global, so
//! tests can run many databases side by side).

use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// Photo and video files (outside the web root).
    pub media: std::sync::Arc<dyn crate::foundation::media_store::MediaStore>,
    /// Public base URL (e.g. `https://hallowerk.example.nl`), for links in mail and for
    /// deciding whether cookies are `Secure`.
    pub public_url: String,
    /// The in-process candidate index of this instance (a cache of the database).
    pub candidate_index: std::sync::Arc<crate::foundation::candidate_index::CandidateIndex>,
}

impl AppState {
    pub fn cookies_secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
