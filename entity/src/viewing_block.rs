use sea_orm::entity::prelude::*;

/// A ceiling passed: the account (`user_id`) or, with `user_id` 0, the whole organisation may
/// not open (`measure` "opened") or list ("listed") more that day until staff lift the block;
/// lifting grants one more day's allowance.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "viewing_block")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub day: Date,
    pub employer_id: i32,
    pub user_id: i32,
    pub measure: String,
    pub region_id: i32,
    pub created_at: DateTimeUtc,
    pub lifted_at: Option<DateTimeUtc>,
    pub lifted_by: Option<i32>,
    /// The staff member who asked for the lift; a second one of the region lifts it.
    pub lift_requested_by: Option<i32>,
    pub lift_requested_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
