//! Who the caller is: the principal (role, row scope, name and organisation) an account acts
//! as, built from the account's rows.

use crate::access::scope::Scope;
use entity::{app_user, employer, job_seeker, municipality, partner};
use kernel::domain::Role;
use kernel::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A signed-in user: identity, role and row scope, all from the server-side session.
#[derive(Clone, Debug)]
pub struct Principal {
    pub user_id: i32,
    pub role: Role,
    pub scope: Scope,
    pub name: String,
    pub organisation: String,
    /// The client address of the request this principal was made for (for the audit log;
    /// page resources rendered on the server run outside the request's task).
    pub origin: Option<String>,
    /// The trace of that request (for the processing log; same reason).
    pub trace: Option<crate::foundation::trace::Trace>,
}

impl Principal {
    pub fn audience(&self) -> kernel::policy::Audience {
        self.scope.audience()
    }
}

async fn region_active<C: ConnectionTrait>(db: &C, region_id: i32) -> Result<bool, AppError> {
    Ok(entity::region::Entity::find_by_id(region_id)
        .one(db)
        .await?
        .is_some_and(|r| r.active))
}

/// Builds the principal (role and scope) of an account.
pub async fn principal_of<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
) -> Result<Principal, AppError> {
    let role = Role::from_code(&user.role).ok_or(AppError::Internal)?;
    let own_name = || display_name(user);
    let missing = || {
        tracing::error!(user = user.id, "account without its organisation");
        AppError::Internal
    };
    let (scope, name, organisation) = match role {
        Role::JobSeeker => {
            let p = job_seeker::Entity::find()
                .filter(job_seeker::Column::UserId.eq(user.id))
                .one(db)
                .await?
                .ok_or_else(missing)?;
            let m = municipality::Entity::find_by_id(p.municipality_id)
                .one(db)
                .await?
                .ok_or_else(missing)?;
            (
                Scope::OwnProfile {
                    job_seeker_id: p.id,
                    municipality_id: p.municipality_id,
                },
                format!("{} {}", p.first_name, p.last_name),
                format!("Gemeente {}", m.name),
            )
        }
        Role::Staff => {
            let m = municipality::Entity::find_by_id(user.municipality_id.ok_or_else(missing)?)
                .one(db)
                .await?
                .ok_or_else(missing)?;
            // Staff of a deactivated gemeente (or region) no longer work in HalloWerk.
            if !m.active || !region_active(db, m.region_id).await? {
                return Err(AppError::Forbidden);
            }
            (
                Scope::Municipality {
                    municipality_id: m.id,
                    region_id: m.region_id,
                },
                own_name(),
                format!("Gemeente {}", m.name),
            )
        }
        Role::Employer => {
            let e = employer::Entity::find_by_id(user.employer_id.ok_or_else(missing)?)
                .one(db)
                .await?
                .filter(|e| e.active)
                .ok_or(AppError::Forbidden)?;
            if !region_active(db, e.region_id).await? {
                return Err(AppError::Forbidden);
            }
            (
                Scope::Organisation {
                    employer_id: e.id,
                    region_id: e.region_id,
                },
                own_name(),
                e.name,
            )
        }
        Role::Partner => {
            let p = partner::Entity::find_by_id(user.partner_id.ok_or_else(missing)?)
                .one(db)
                .await?
                .filter(|p| p.active)
                .ok_or(AppError::Forbidden)?;
            let m = municipality::Entity::find_by_id(p.municipality_id)
                .one(db)
                .await?
                .ok_or_else(missing)?;
            // A deactivated gemeente or region shares nothing any more.
            if !m.active || !region_active(db, m.region_id).await? {
                return Err(AppError::Forbidden);
            }
            (
                Scope::Partner {
                    partner_id: p.id,
                    municipality_id: p.municipality_id,
                },
                own_name(),
                p.name,
            )
        }
        Role::Admin => (
            Scope::Platform,
            own_name(),
            "HalloWerk platformbeheer".into(),
        ),
    };
    Ok(Principal {
        user_id: user.id,
        role,
        scope,
        name,
        organisation,
        origin: None,
        trace: None,
    })
}

/// A person's name as it shows: "first last", either part possibly missing.
pub fn display_name(u: &app_user::Model) -> String {
    format!(
        "{} {}",
        u.first_name.as_deref().unwrap_or_default(),
        u.last_name.as_deref().unwrap_or_default()
    )
    .trim()
    .to_string()
}

/// A contact person in a list: "first last (e-mail address)".
pub fn name_and_email(u: &app_user::Model) -> String {
    format!("{} ({})", display_name(u), u.email)
}
