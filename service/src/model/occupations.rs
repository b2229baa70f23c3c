//! The occupation taxonomy (Dutch occupation names with ISCO-08 codes): search while typing,
//! and names by id for the chips of a filter or profile. Not personal data.

use kernel::domain::Occupation;
use kernel::error::AppError;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Occupations from the taxonomy whose name (or ISCO code) contains `q` (at most ten).
pub async fn search<C: ConnectionTrait>(db: &C, q: &str) -> Result<Vec<Occupation>, AppError> {
    use entity::occupation;
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{Condition, QueryOrder, QuerySelect};
    let q = q.trim().to_lowercase().replace(['%', '_'], "");
    if q.is_empty() {
        return Ok(vec![]);
    }
    Ok(occupation::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(occupation::Column::Name)))
                        .like(format!("%{q}%")),
                )
                .add(occupation::Column::IscoCode.starts_with(&q)),
        )
        .order_by_asc(occupation::Column::Name)
        .limit(10)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Occupation {
            id: o.id,
            isco: o.isco_code,
            name: o.name,
        })
        .collect())
}

/// Occupations by id (at most `limit`).
pub async fn by_id<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    limit: usize,
) -> Result<Vec<Occupation>, AppError> {
    use entity::occupation;
    Ok(occupation::Entity::find()
        .filter(occupation::Column::Id.is_in(ids.into_iter().take(limit)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| Occupation {
            id: o.id,
            isco: o.isco_code,
            name: o.name,
        })
        .collect())
}
