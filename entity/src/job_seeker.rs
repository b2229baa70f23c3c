use sea_orm::entity::prelude::*;

/// The full profile row. Only the visibility policy in `app` turns it into a response.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_seeker")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub municipality_id: i32,
    pub client_number: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
    pub target_banenafspraak: bool,
    pub target_praktijkroute: bool,
    pub target_bbl: bool,
    pub target_ondernemer: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub interests: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub talents: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub motivation: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub desired_work: Option<String>,
    pub photo_key: Option<String>,
    pub video_key: Option<String>,
    pub wc_sitting: Option<i16>,
    pub wc_standing: Option<i16>,
    pub wc_walking: Option<i16>,
    pub wc_bending: Option<i16>,
    pub wc_lifting: Option<i16>,
    pub wc_hours_per_day: Option<i16>,
    pub work_capacity_consent: bool,
    pub state: String,
    pub created_at: DateTimeUtc,
    /// Scheduled erasure (end of the legal retention period), if any.
    pub erase_after: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// Held back from employers by the consultant (dual consent, SPEC §10): when, by whom (the
    /// staff account) and why; all `None` while not held back.
    pub held_back_at: Option<DateTimeUtc>,
    pub held_back_by: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub held_back_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
