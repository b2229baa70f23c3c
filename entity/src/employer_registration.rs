use sea_orm::entity::prelude::*;

/// An employer's request for an account, decided by staff of its region.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employer_registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    pub organisation: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub employer_id: Option<i32>,
    /// The first of the two staff members who approve (four eyes), and when.
    pub approved_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
    /// Where the first approval puts the contact person: this organisation, or a new one.
    pub joins_employer_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
