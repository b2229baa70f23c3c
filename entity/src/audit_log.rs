use sea_orm::entity::prelude::*;

/// Append-only: the application inserts and selects, never updates or deletes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i32>,
    pub actor_role: String,
    pub actor_org: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<i32>,
    pub job_seeker_id: Option<i32>,
    pub municipality_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub fields: String,
    pub result: String,
    pub origin: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
