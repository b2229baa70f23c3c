use sea_orm::entity::prelude::*;

/// One published version of a gemeente's privacy statement. `document` is the JSON of
/// `kernel::privacy_statement::Document` as published; `published_by` is `None` when the
/// version was recorded because the code or an agreement changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "privacy_statement_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    pub version: i32,
    pub published_at: DateTimeUtc,
    pub published_by: Option<i32>,
    pub change_note: String,
    #[sea_orm(column_type = "Text")]
    pub contact: String,
    #[sea_orm(column_type = "Text")]
    pub addition: String,
    #[sea_orm(column_type = "Text")]
    pub document: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
