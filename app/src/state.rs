//! The request's service `Context` as a server function or page resource sees it: the router's
//! middleware puts it in the request, Leptos hands the request to every server function.

use kernel::domain::Role;
use kernel::error::AppError;
use service::Context;
use service::access::principal::Principal;

/// The context of the request being handled.
pub fn context() -> Result<Context, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Context>().cloned())
        .ok_or_else(|| {
            tracing::error!("request context missing");
            AppError::Internal
        })
}

/// The guard at the top of every server function that needs a signed-in user: the request's
/// context and its principal, signed in with one of `roles` (a refusal is audited).
pub async fn caller(roles: &[Role]) -> Result<(Context, Principal), AppError> {
    let cx = context()?;
    let me = cx.require(roles).await?;
    Ok((cx, me))
}
