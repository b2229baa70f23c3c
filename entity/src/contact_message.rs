use sea_orm::entity::prelude::*;

/// A message from the public contact form. Its personal data is purged after one month.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    pub qualification: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply_note: Option<String>,
    pub handled_by: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
