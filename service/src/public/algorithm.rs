//! The Algoritmeregister export (`/algoritme.json`): HalloWerk's registration for each gemeente
//! that uses it, in the fields of the publication standard. Not personal data.

use kernel::algorithm::*;
use kernel::error::AppError;

use entity::{municipality, region};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// One registration per active gemeente, by name; its contact is its region's work desk.
pub async fn register<C: ConnectionTrait>(
    db: &C,
    public_url: &str,
) -> Result<Vec<RegisterEntry>, AppError> {
    let desks: HashMap<i32, String> = region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.department_email.map(|e| (r.id, e)))
        .collect();
    Ok(municipality::Entity::find()
        .filter(municipality::Column::Active.eq(true))
        .order_by_asc(municipality::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let contact = desks
                .get(&m.region_id)
                .cloned()
                .unwrap_or_else(|| format!("{public_url}/contact"));
            register_entry(&m.name, &contact, public_url)
        })
        .collect())
}
