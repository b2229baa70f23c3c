//! The request's service `Context` as a server function or page resource sees it: the router's
//! middleware puts it in the request, Leptos hands the request to every server function.

use kernel::domain::Role;
use kernel::error::AppError;
use service::Context;
use service::access::caller::Caller;
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

/// The guard at the top of every server function of one role: the request's context and its
/// caller as that role's type (`Staff`, `Employer`, …); any other caller is refused (audited).
pub async fn caller<T: Caller>() -> Result<(Context, T), AppError> {
    let cx = context()?;
    let me = cx.require::<T>().await?;
    Ok((cx, me))
}

/// The guard of a server function that serves several roles: the request's context and its
/// principal, signed in with one of `roles` (a refusal is audited).
pub async fn caller_any(roles: &[Role]) -> Result<(Context, Principal), AppError> {
    let cx = context()?;
    let me = cx.require_any(roles).await?;
    Ok((cx, me))
}
