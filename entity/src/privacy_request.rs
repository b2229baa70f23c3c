use sea_orm::entity::prelude::*;

/// A job seeker's AVG request, handled by their gemeente within one month.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "privacy_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_seeker_id: i32,
    pub municipality_id: i32,
    pub kind: String,
    pub field: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub due_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
