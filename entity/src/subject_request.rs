use sea_orm::entity::prelude::*;

/// An AVG request of someone who is not a gemeente's job seeker (an employer's contact
/// person, or someone who used the contact form), handled by staff of a region within one
/// month. A contact-form request counts only once the link mailed to its address was opened. Name, address and organisation are
/// as they were when the request was made: the account itself may be erased by it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    /// `kernel::domain::Subject`'s code.
    pub subject: String,
    pub user_id: Option<i32>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organisation: String,
    /// What a contact-form sender said they are (`kernel::domain::Qualification`'s code).
    pub qualification: Option<String>,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// The legal deadline; while unconfirmed, when the confirmation link stops working.
    pub due_at: DateTimeUtc,
    /// SHA-256 of the token in the confirmation link, until it is used.
    pub confirm_token: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    /// SHA-256 of the token in the link to the answer of a granted access or portability
    /// request, and when that link stops working.
    pub answer_token: Option<String>,
    pub answer_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
