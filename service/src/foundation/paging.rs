//! Page-at-a-time queries (server side), shared by every paged list.

use kernel::error::AppError;
use kernel::views::paging::Paged;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, Select,
};

/// The longest search text a list accepts (a name or an e-mail address fits well within it).
pub const MAX_SEARCH: usize = 100;

/// The condition of a list's search box: every word (at most four) occurs in one of `columns`,
/// case-insensitively. LIKE's wildcards are dropped from the words, so a search is plain text.
pub fn words<Col: ColumnTrait>(q: &str, columns: &[Col]) -> Result<Condition, AppError> {
    if q.chars().count() > MAX_SEARCH {
        return Err(AppError::invalid(
            "q",
            format!("Zoek op hoogstens {MAX_SEARCH} tekens."),
        ));
    }
    let mut all = Condition::all();
    for word in q.split_whitespace().take(4) {
        let word = word.to_lowercase().replace(['%', '_', '\\'], "");
        if word.is_empty() {
            continue;
        }
        let pattern = format!("%{word}%");
        let mut any = Condition::any();
        for col in columns {
            any = any.add(Expr::expr(Func::lower(Expr::col(*col))).like(pattern.clone()));
        }
        all = all.add(any);
    }
    Ok(all)
}

/// One page of `query`, with the totals. A page past the end yields the last page.
pub async fn fetch<C, E>(
    db: &C,
    query: Select<E>,
    page: u32,
    size: u64,
) -> Result<Paged<E::Model>, AppError>
where
    C: ConnectionTrait,
    E: EntityTrait,
    E::Model: FromQueryResult + Sized + Send + Sync,
{
    let paginator = query.paginate(db, size);
    let counts = paginator.num_items_and_pages().await?;
    let last = u32::try_from(counts.number_of_pages.saturating_sub(1)).unwrap_or(u32::MAX);
    let page = std::cmp::min(page, last);
    let items = paginator.fetch_page(u64::from(page)).await?;
    Ok(Paged {
        total: counts.number_of_items,
        pages: u32::try_from(counts.number_of_pages).unwrap_or(u32::MAX),
        page,
        items,
    })
}
