//! Who the caller is: the principal (role, row scope, name and organisation) an account acts
//! as, built from the account's rows.

use crate::access::scope::{self, Scope};
use crate::foundation::db::join_on;
use entity::{app_user, employer, job_seeker, municipality, partner, region};
use kernel::domain::Role;
use kernel::error::AppError;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryResult, QuerySelect,
    QueryTrait,
};
use std::sync::Arc;

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
    /// An employer's reach ([`Scope::employer_reach`]) as read with the account; `None` when
    /// it was not (then [`Principal::employer_reach`] asks the database).
    pub reach: Option<Arc<[i32]>>,
    /// An employer's view of the candidate index's change feed: its head as read with the
    /// account, so that a search of this request whose index is there already need not ask
    /// again (`CandidateIndex::matches`). `None` for every other role. It is as old as the
    /// request: a principal kept for longer (a job searching many times) must not pass it on,
    /// or its searches would miss what others changed since.
    pub feed_head: Option<i64>,
}

impl Principal {
    pub fn audience(&self) -> kernel::policy::Audience {
        self.scope.audience()
    }

    /// The gemeenten whose job seekers an employer may see ([`Scope::employer_reach`]): as
    /// read in the same statement as the session, or asked now. `None` for every other scope.
    pub async fn employer_reach<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<Option<Vec<i32>>, AppError> {
        match (&self.reach, self.scope) {
            (Some(reach), Scope::Organisation { .. }) => Ok(Some(reach.to_vec())),
            _ => self.scope.employer_reach(db).await,
        }
    }
}

/// An employer account's organisation as its principal needs it, read in the same statement
/// as the account ([`with_organisation`]): an employer's request then finds its session,
/// account, organisation, region and reach in one read.
#[derive(Clone, Debug)]
pub(crate) struct Organisation {
    employer_id: i32,
    region_id: i32,
    name: String,
    /// Both the organisation and its region are active.
    active: bool,
    /// The region's active gemeenten ([`Scope::employer_reach`]).
    reach: Arc<[i32]>,
    /// The candidate change feed's head when this was read ([`Principal::feed_head`]).
    feed_head: i64,
}

/// Adds to `query`, which selects from `app_user`, the columns of the account's employer
/// organisation ([`organisation_in`] reads them; NULL for accounts of other roles).
pub(crate) fn with_organisation(query: &mut SelectStatement, backend: sea_orm::DbBackend) {
    let col = |c: employer::Column| Expr::col((employer::Entity, c));
    query
        .join(
            JoinType::LeftJoin,
            employer::Entity,
            col(employer::Column::Id).equals((app_user::Entity, app_user::Column::EmployerId)),
        )
        .join(
            JoinType::LeftJoin,
            region::Entity,
            Expr::col((region::Entity, region::Column::Id))
                .equals((employer::Entity, employer::Column::RegionId)),
        )
        .expr_as(col(employer::Column::Id), Alias::new("O_id"))
        .expr_as(col(employer::Column::RegionId), Alias::new("O_region_id"))
        .expr_as(col(employer::Column::Name), Alias::new("O_name"))
        .expr_as(col(employer::Column::Active), Alias::new("O_active"))
        .expr_as(
            Expr::col((region::Entity, region::Column::Active)),
            Alias::new("O_region_active"),
        )
        .expr_as(
            Expr::SubQuery(
                None,
                Box::new(scope::reach_list(backend, col(employer::Column::RegionId)).into()),
            ),
            Alias::new("O_reach"),
        )
        .expr_as(
            Expr::SubQuery(
                None,
                Box::new(crate::foundation::candidate_index::feed_head().into()),
            ),
            Alias::new("O_feed_head"),
        );
}

/// The organisation [`with_organisation`] read, if the account has one.
pub(crate) fn organisation_in(row: &QueryResult) -> Result<Option<Organisation>, AppError> {
    let Some(employer_id) = row.try_get::<Option<i32>>("", "O_id")? else {
        return Ok(None);
    };
    let active = row.try_get::<bool>("", "O_active")?
        && row
            .try_get::<Option<bool>>("", "O_region_active")?
            .unwrap_or(false);
    let reach = crate::foundation::dialect::ids_in_list(
        row.try_get::<Option<String>>("", "O_reach")?.as_deref(),
    )
    .collect();
    Ok(Some(Organisation {
        employer_id,
        region_id: row.try_get("", "O_region_id")?,
        name: row.try_get("", "O_name")?,
        active,
        reach,
        feed_head: row.try_get("", "O_feed_head")?,
    }))
}

/// An employer account's organisation, read on its own (when the session read did not).
async fn organisation_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Option<Organisation>, AppError> {
    let mut query = app_user::Entity::find_by_id(user_id)
        .select_only()
        .column(app_user::Column::Id)
        .into_query();
    with_organisation(&mut query, db.get_database_backend());
    match db.query_one(&query).await? {
        Some(row) => organisation_in(&row),
        None => Ok(None),
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
    principal_with(db, user, None).await
}

/// [`principal_of`], with the employer organisation already read with the account, if it was.
pub(crate) async fn principal_with<C: ConnectionTrait>(
    db: &C,
    user: &app_user::Model,
    organisation: Option<Organisation>,
) -> Result<Principal, AppError> {
    let (mut reach, mut feed_head) = (None, None);
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
            let employer_id = user.employer_id.ok_or_else(missing)?;
            let organisation = match organisation {
                Some(o) => Some(o),
                None => organisation_of(db, user.id).await?,
            };
            // The organisation and its region must both be active.
            let o = organisation
                .filter(|o| o.employer_id == employer_id && o.active)
                .ok_or(AppError::Forbidden)?;
            reach = Some(o.reach);
            feed_head = Some(o.feed_head);
            (
                Scope::Organisation {
                    employer_id: o.employer_id,
                    region_id: o.region_id,
                },
                own_name(),
                o.name,
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
        reach,
        feed_head,
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
