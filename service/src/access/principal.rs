//! Who the caller is: the principal (role, row scope, name and organisation) an account acts
//! as, built from the account's rows.

use crate::access::scope::Scope;
use crate::foundation::db::join_on;
use entity::{app_user, employer, job_seeker, municipality, partner, region};
use kernel::domain::Role;
use kernel::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect};

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

/// A gemeente and whether both it and its region are active, in one query.
async fn municipality_in_region<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<(municipality::Model, bool)>, AppError> {
    Ok(municipality::Entity::find_by_id(id)
        .select_also(region::Entity)
        .join(
            JoinType::LeftJoin,
            join_on::<municipality::Entity, region::Entity>(
                municipality::Column::RegionId,
                region::Column::Id,
            ),
        )
        .one(db)
        .await?
        .map(|(m, r)| {
            let active = m.active && r.is_some_and(|r| r.active);
            (m, active)
        }))
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
            // The profile and its gemeente in one query.
            let (p, m) = job_seeker::Entity::find()
                .filter(job_seeker::Column::UserId.eq(user.id))
                .select_also(municipality::Entity)
                .join(
                    JoinType::LeftJoin,
                    join_on::<job_seeker::Entity, municipality::Entity>(
                        job_seeker::Column::MunicipalityId,
                        municipality::Column::Id,
                    ),
                )
                .one(db)
                .await?
                .ok_or_else(missing)?;
            let m = m.ok_or_else(missing)?;
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
            let (m, active) = municipality_in_region(db, user.municipality_id.ok_or_else(missing)?)
                .await?
                .ok_or_else(missing)?;
            // Staff of a deactivated gemeente (or region) no longer work in HalloWerk.
            if !active {
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
            // The organisation and its region in one query: both must be active.
            let e = employer::Entity::find_by_id(user.employer_id.ok_or_else(missing)?)
                .select_also(region::Entity)
                .join(
                    JoinType::LeftJoin,
                    join_on::<employer::Entity, region::Entity>(
                        employer::Column::RegionId,
                        region::Column::Id,
                    ),
                )
                .one(db)
                .await?
                .filter(|(e, r)| e.active && r.as_ref().is_some_and(|r| r.active))
                .ok_or(AppError::Forbidden)?
                .0;
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
            let (_, active) = municipality_in_region(db, p.municipality_id)
                .await?
                .ok_or_else(missing)?;
            // A deactivated gemeente or region shares nothing any more.
            if !active {
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
