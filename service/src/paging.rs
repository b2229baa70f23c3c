//! Page-at-a-time queries (server side), shared by every paged list.

use crate::error::AppError;
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, Select};

/// One page of `query`, with the totals. A page past the end yields the last page.
pub struct Page<M> {
    pub total: u64,
    pub pages: u32,
    pub page: u32,
    pub rows: Vec<M>,
}

pub async fn fetch<C, E>(
    db: &C,
    query: Select<E>,
    page: u32,
    size: u64,
) -> Result<Page<E::Model>, AppError>
where
    C: ConnectionTrait,
    E: EntityTrait,
    E::Model: FromQueryResult + Sized + Send + Sync,
{
    let paginator = query.paginate(db, size);
    let counts = paginator.num_items_and_pages().await?;
    let last = u32::try_from(counts.number_of_pages.saturating_sub(1)).unwrap_or(u32::MAX);
    let page = std::cmp::min(page, last);
    let rows = paginator.fetch_page(u64::from(page)).await?;
    Ok(Page {
        total: counts.number_of_items,
        pages: u32::try_from(counts.number_of_pages).unwrap_or(u32::MAX),
        page,
        rows,
    })
}
