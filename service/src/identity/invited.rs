//! The one way an account is made for someone else: staff invite a job seeker, approve an
//! employer's contact person or register a partner's user, an administrator creates staff,
//! partner or administrator accounts. The account starts without a password; its owner sets one
//! through the activation link the caller then sends (`activation::issue`), with the mail of
//! the occasion.

use crate::access::principal::Principal;
use crate::access::scope::Scope;
use chrono::Utc;
use entity::{app_user, employer, job_seeker, partner};
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

/// Whether an account the maker already sees uses this (checked, lower-case) address, other
/// than `except` (the account whose address is being changed). Only then may the maker be told
/// "in use": an account they do not see is answered as a free address, so that nobody can ask
/// the platform who has an account elsewhere (a job seeker in another gemeente, an employer).
/// Such an address may be given to a new account all the same: addresses are unique only among
/// accounts that can sign in (migration m20261206_000009), and the invitation to an address
/// that already signs in is a note to its owner, not a link (`activation`).
///
/// What each maker sees: staff the job seekers of their gemeente, its staff and its partners'
/// users, and the employers' contact persons of their region; an administrator the staff,
/// partner and administrator accounts; the operator at the server's console (`None`) all.
pub async fn in_use_where_seen<C: ConnectionTrait>(
    db: &C,
    email: &str,
    maker: Option<&Principal>,
    except: Option<i32>,
) -> Result<bool, AppError> {
    let mut owners = app_user::Entity::find().filter(app_user::Column::Email.eq(email));
    if let Some(id) = except {
        owners = owners.filter(app_user::Column::Id.ne(id));
    }
    for owner in owners.all(db).await? {
        if sees(db, maker, &owner).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn sees<C: ConnectionTrait>(
    db: &C,
    maker: Option<&Principal>,
    owner: &app_user::Model,
) -> Result<bool, AppError> {
    let Some(maker) = maker else {
        return Ok(true);
    };
    let role = Role::from_code(&owner.role);
    Ok(match maker.scope {
        Scope::Platform => matches!(role, Some(Role::Staff | Role::Partner | Role::Admin)),
        Scope::Municipality {
            municipality_id,
            region_id,
        } => match role {
            Some(Role::JobSeeker) => maker
                .scope
                .people(db)
                .await?
                .filter(job_seeker::Column::UserId.eq(owner.id))
                .one(db)
                .await?
                .is_some(),
            Some(Role::Staff) => owner.municipality_id == Some(municipality_id),
            Some(Role::Partner) => match owner.partner_id {
                Some(id) => partner::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .is_some_and(|p| p.municipality_id == municipality_id),
                None => false,
            },
            Some(Role::Employer) => match owner.employer_id {
                Some(id) => employer::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .is_some_and(|e| e.region_id == region_id),
                None => false,
            },
            Some(Role::Admin) | None => false,
        },
        Scope::OwnProfile { .. } | Scope::Organisation { .. } | Scope::Partner { .. } => false,
    })
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
