//! Pages and server functions of `saved_searches`; the rules and queries are in `service::employer::saved_searches`.

use kernel::candidates::CandidateFilter;
use kernel::error::AppError;
use kernel::views::saved_searches::*;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use service::access::caller::Employer;

#[server(prefix = "/api", endpoint = "saved-searches/list")]
pub async fn saved_searches() -> Result<Vec<SavedSearchView>, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::saved_searches::list(cx.db(), &me).await
}

#[server(prefix = "/api", endpoint = "saved-searches/save", input = leptos::server_fn::codec::Json)]
pub async fn save_search(
    name: String,
    filter: CandidateFilter,
    daily_digest: bool,
) -> Result<i32, AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::saved_searches::save(cx.db(), &me, &name, filter, daily_digest).await
}

#[server(prefix = "/api", endpoint = "saved-searches/delete")]
pub async fn delete_saved_search(id: i32) -> Result<(), AppError> {
    let (cx, me) = crate::state::caller::<Employer>().await?;
    service::employer::saved_searches::delete(cx.db(), &me, id).await
}
