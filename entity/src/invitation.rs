use sea_orm::entity::prelude::*;

/// An employer's invitation for a vacancy, or a job seeker's interest in one.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub vacancy_id: i32,
    pub job_seeker_id: i32,
    pub employer_id: i32,
    pub initiated_by: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub status: String,
    pub outcome: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
