use sea_orm::entity::prelude::*;

/// How many profiles one employer account opened and how many candidate rows it was listed on
/// one day.
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
