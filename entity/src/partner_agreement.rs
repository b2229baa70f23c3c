use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner_agreement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub partner_id: i32,
    /// Comma-separated visibility-policy field codes.
    #[sea_orm(column_type = "Text")]
    pub fields: String,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
    /// The staff member who made it; a second one of the gemeente confirms it (four eyes).
    pub proposed_by: Option<i32>,
    pub confirmed_by: Option<i32>,
    /// Set once confirmed: only a confirmed agreement is ever in force.
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
