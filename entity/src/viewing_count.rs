use sea_orm::entity::prelude::*;

/// How many profiles one employer account opened and how many candidate rows it was listed on
/// one day; with `user_id` 0, the organisation's total over its accounts (one charge adds to
/// both in one statement: `service::model::viewing_limits`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "viewing_count")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub day: Date,
    pub user_id: i32,
    pub employer_id: i32,
    pub opened: i32,
    pub listed: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
