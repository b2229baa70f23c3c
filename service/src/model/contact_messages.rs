//! The contact messages of a region as its staff see them: what the inbox lists
//! (`public::contact::inbox`) and the start page counts (`staff::today`), one query for both.

use entity::contact_message;
use kernel::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

/// The region's inbox.
pub fn of_region(region_id: i32) -> Select<contact_message::Entity> {
    contact_message::Entity::find().filter(contact_message::Column::RegionId.eq(region_id))
}

/// How many messages of the region's inbox are open.
pub async fn open_in_region<C: ConnectionTrait>(db: &C, region_id: i32) -> Result<u64, AppError> {
    Ok(of_region(region_id)
        .filter(contact_message::Column::Status.eq("open"))
        .count(db)
        .await?)
}
