use sea_orm::entity::prelude::*;

/// Ceilings above the defaults proposed by one staff member of the region, waiting for a second
/// one to confirm them (four eyes).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "viewing_limit_proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub region_id: i32,
    pub account_opened: i32,
    pub organisation_opened: i32,
    pub account_listed: i32,
    pub organisation_listed: i32,
    pub proposed_by: i32,
    pub proposed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
