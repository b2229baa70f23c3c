//! Pages and server functions of `occupations`; the rules and queries are in `service::model::occupations`.

use kernel::domain::Occupation;
use kernel::error::AppError;
use leptos::prelude::*;

/// Occupations from the taxonomy whose name (or ISCO code) contains `q`: for search-as-you-type.
#[server(prefix = "/api", endpoint = "occupations/search")]
pub async fn search_occupations(q: String) -> Result<Vec<Occupation>, AppError> {
    use kernel::domain::Role;
    let (cx, _) = crate::state::caller_any(&[Role::JobSeeker, Role::Staff, Role::Employer]).await?;
    service::model::occupations::search(cx.db(), &q).await
}

/// Occupations by id (names for the chips of a filter from a link).
#[server(prefix = "/api", endpoint = "occupations/by-id", input = leptos::server_fn::codec::Json)]
pub async fn occupations_by_id(ids: Vec<i32>) -> Result<Vec<Occupation>, AppError> {
    use kernel::domain::Role;
    let (cx, _) = crate::state::caller_any(&[Role::Employer, Role::Staff, Role::JobSeeker]).await?;
    service::model::occupations::by_id(cx.db(), ids, kernel::candidates::MAX_OCCUPATIONS).await
}
