use sea_orm::entity::prelude::*;

/// An employer's saved candidate filter, optionally with a daily e-mail of new matches.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_search")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub employer_id: i32,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub filter: String,
    pub daily_digest: bool,
    pub last_digest_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
