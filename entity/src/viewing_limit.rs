use sea_orm::entity::prelude::*;

/// A region's daily ceilings on mass viewing by employers (absent: the defaults).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "viewing_limit")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub region_id: i32,
    pub account_opened: i32,
    pub organisation_opened: i32,
    pub account_listed: i32,
    pub organisation_listed: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
