//! The request's service `Context` as a server function or page resource sees it: the router's
//! middleware puts it in the request, Leptos hands the request to every server function.

use crate::error::AppError;
use service::Context;
pub use service::state::{AppState, Db};

/// The context of the request being handled.
pub fn context() -> Result<Context, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Context>().cloned())
        .ok_or_else(|| {
            tracing::error!("request context missing");
            AppError::Internal
        })
}

pub fn state() -> Result<AppState, AppError> {
    context().map(|c| c.state)
}

pub fn db() -> Result<Db, AppError> {
    state().map(|s| s.db)
}
