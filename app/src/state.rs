//! Server-side state handed to every server function and page through the Leptos context
//! (never a global, so tests can run many databases side by side).

use crate::error::AppError;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// Public base URL (e.g. `https://hallowerk.example.nl`), for links in mail and for
    /// deciding whether cookies are `Secure`.
    pub public_url: String,
}

impl AppState {
    pub fn cookies_secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db)
}
