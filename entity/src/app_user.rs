use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    /// PHC string of an argon2id hash; `None` until the account is activated.
    pub password_hash: Option<String>,
    pub role: String,
    pub municipality_id: Option<i32>,
    pub employer_id: Option<i32>,
    pub partner_id: Option<i32>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    /// The TOTP secret of the second factor, sealed (`service::foundation::secret_box`); `None` until enrolment starts.
    pub totp_secret: Option<String>,
    /// When the first code confirmed the secret; until then the account is not enrolled.
    pub totp_confirmed_at: Option<DateTimeUtc>,
    /// The last TOTP time step a code was accepted for: a code works once.
    pub totp_last_step: Option<i64>,
    /// Who made the account (`None`: a job seeker's own registration path, the demo, the
    /// first administrator).
    pub created_by: Option<i32>,
    /// Made by a platform administrator with access to job-seeker data: waits for a second
    /// person's approval before it can sign in.
    pub awaiting_approval: bool,
    pub approved_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
