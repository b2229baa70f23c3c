use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    /// Hex SHA-256 of the cookie token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    pub created_at: DateTimeUtc,
    /// The absolute end of the session.
    pub expires_at: DateTimeUtc,
    /// When the session was last used (`None`: not since it was created).
    pub last_seen_at: Option<DateTimeUtc>,
    /// Whether the log-in got past every step its role needs: the password, and for staff,
    /// partner users and administrators the code of the second factor as well.
    pub login_complete: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
