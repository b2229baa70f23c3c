use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vacancy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub employer_id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub occupation_id: i32,
    pub municipality_id: i32,
    pub hours_per_week: i16,
    pub pd_sitting: i16,
    pub pd_standing: i16,
    pub pd_walking: i16,
    pub pd_bending: i16,
    pub pd_lifting: i16,
    pub suits_banenafspraak: bool,
    pub suits_praktijkroute: bool,
    pub suits_bbl: bool,
    pub suits_ondernemer: bool,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
