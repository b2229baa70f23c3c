use sea_orm::entity::prelude::*;

/// A job seeker's preferred occupations (voorkeursberoepen).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_seeker_occupation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub job_seeker_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub occupation_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
