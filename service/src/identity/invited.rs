//! The one way an account is made for someone else: staff invite a job seeker, approve an
//! employer's contact person or register a partner's user, an administrator creates staff,
//! partner or administrator accounts. The account starts without a password; its owner sets one
//! through the activation link the caller then sends (`activation::issue`), with the mail of
//! the occasion.

use chrono::Utc;
use entity::app_user;
use kernel::domain::Role;
use kernel::error::AppError;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Whose account it is: the role with the one tie that role needs, so that a staff account
/// without a gemeente or a partner user without a partner cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountOf {
    /// A job seeker; the profile row (made beside the account) holds the gemeente.
    JobSeeker,
    Employer {
        employer_id: i32,
    },
    Staff {
        municipality_id: i32,
    },
    Partner {
        partner_id: i32,
    },
    Admin,
}

impl AccountOf {
    pub fn role(self) -> Role {
        match self {
            AccountOf::JobSeeker => Role::JobSeeker,
            AccountOf::Employer { .. } => Role::Employer,
            AccountOf::Staff { .. } => Role::Staff,
            AccountOf::Partner { .. } => Role::Partner,
            AccountOf::Admin => Role::Admin,
        }
    }
}

/// The person the account is for, as the inviting form checked it.
pub struct Invitee {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
}

/// Whether an account already uses this (checked, lower-case) address. Callers answer with
/// their own form field; the database's unique index stays the last word.
pub async fn email_taken<C: ConnectionTrait>(db: &C, email: &str) -> Result<bool, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(db)
        .await?
        .is_some())
}

/// Inserts the account, active and without a password. `created_by` is the inviting account
/// where the four-eyes rule needs it (`account_approval`); `awaiting_approval` holds the
/// account back until a second person approves it.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    of: AccountOf,
    who: Invitee,
    created_by: Option<i32>,
    awaiting_approval: bool,
) -> Result<app_user::Model, AppError> {
    let (employer_id, municipality_id, partner_id) = match of {
        AccountOf::Employer { employer_id } => (Some(employer_id), None, None),
        AccountOf::Staff { municipality_id } => (None, Some(municipality_id), None),
        AccountOf::Partner { partner_id } => (None, None, Some(partner_id)),
        AccountOf::JobSeeker | AccountOf::Admin => (None, None, None),
    };
    Ok(app_user::ActiveModel {
        email: Set(who.email),
        password_hash: Set(None),
        role: Set(of.role().code().into()),
        employer_id: Set(employer_id),
        municipality_id: Set(municipality_id),
        partner_id: Set(partner_id),
        first_name: Set(who.first_name),
        last_name: Set(who.last_name),
        phone: Set(who.phone),
        active: Set(true),
        created_at: Set(Utc::now()),
        created_by: Set(created_by),
        awaiting_approval: Set(awaiting_approval),
        ..Default::default()
    }
    .insert(db)
    .await?)
}
