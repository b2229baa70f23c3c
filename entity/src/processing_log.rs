use sea_orm::entity::prelude::*;

/// Append-only, like the audit log; only the retention job deletes (by age).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "processing_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: Option<String>,
    pub name: String,
    pub status_code: i16,
    pub start_time: DateTimeUtc,
    pub end_time: DateTimeUtc,
    pub activity_id: String,
    pub subject_type: String,
    pub subject_id: i32,
    pub actor_user_id: Option<i32>,
    pub actor_role: String,
    pub actor_org: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
