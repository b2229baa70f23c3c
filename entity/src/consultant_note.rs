use sea_orm::entity::prelude::*;

/// One dated note of a consultant on a profile, with its author (SPEC §3).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultant_note")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_seeker_id: i32,
    pub author_id: Option<i32>,
    pub author: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
