//! Row scope: *whose* data a signed-in user may touch. This module is the one place that decides
//! it (own profile, own gemeente, own region, own organisation, partner agreement); the
//! visibility policy then decides *which fields*. Ids always come from the session, never from
//! the client.

use chrono::{DateTime, Utc};
use entity::{job_seeker, municipality, partner_agreement};
use kernel::domain::ProfileState;
use kernel::error::AppError;
use kernel::policy::{Audience, FieldSet};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The reach of one signed-in user, derived from their account at log-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A job seeker: their own profile only.
    OwnProfile {
        job_seeker_id: i32,
        municipality_id: i32,
    },
    /// An employer contact: their organisation, candidates of its region.
    Organisation { employer_id: i32, region_id: i32 },
    /// Municipal staff: job seekers of their gemeente; employers etc. of their region.
    Municipality {
        municipality_id: i32,
        region_id: i32,
    },
    /// A partner organisation: agreed fields of its gemeente's active job seekers.
    Partner {
        partner_id: i32,
        municipality_id: i32,
    },
    /// The platform administrator: no job-seeker data.
    Platform,
}

impl Scope {
    /// Which column of the visibility policy applies.
    pub fn audience(&self) -> Audience {
        match self {
            Scope::OwnProfile { .. } => Audience::JobSeeker,
            Scope::Organisation { .. } => Audience::Employer,
            Scope::Municipality { .. } => Audience::Municipality,
            Scope::Partner { .. } => Audience::Partner,
            Scope::Platform => Audience::Admin,
        }
    }

    /// The job-seeker profiles this user may see, as a query condition. Used for lists *and*
    /// for reads by id, so both obey the same rule.
    pub async fn profiles<C: ConnectionTrait>(&self, db: &C) -> Result<Condition, AppError> {
        let active = job_seeker::Column::State.eq(ProfileState::Active.code());
        Ok(match *self {
            Scope::OwnProfile { job_seeker_id, .. } => {
                Condition::all().add(job_seeker::Column::Id.eq(job_seeker_id))
            }
            Scope::Municipality {
                municipality_id, ..
            } => Condition::all().add(job_seeker::Column::MunicipalityId.eq(municipality_id)),
            Scope::Organisation { region_id, .. } => {
                Condition::all().add(shown_to_employers()).add(
                    job_seeker::Column::MunicipalityId
                        .in_subquery(region_municipalities(region_id)),
                )
            }
            Scope::Partner {
                partner_id,
                municipality_id,
            } => {
                if current_agreement(db, partner_id).await?.is_some() {
                    Condition::all()
                        .add(active)
                        .add(job_seeker::Column::MunicipalityId.eq(municipality_id))
                } else {
                    nothing()
                }
            }
            Scope::Platform => nothing(),
        })
    }

    /// An employer's reach as data, for the in-process candidate index: the *active* job
    /// seekers of these gemeenten (the same rule as `profiles`, which stays the one checked
    /// on every row shown). `None` for every other scope.
    pub async fn employer_reach<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<Option<Vec<i32>>, AppError> {
        let Scope::Organisation { region_id, .. } = *self else {
            return Ok(None);
        };
        Ok(Some(
            db.query_all(&region_municipalities(region_id))
                .await?
                .iter()
                .map(|r| r.try_get_by_index::<i32>(0))
                .collect::<Result<_, _>>()?,
        ))
    }

    /// The job-seeker rows this user may see, as a query to narrow further: every feature's
    /// query of job seekers starts here (`scripts/check-layout` allows reading the table
    /// directly only in the scope, the profile records and the search).
    pub async fn people<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<sea_orm::Select<job_seeker::Entity>, AppError> {
        Ok(job_seeker::Entity::find().filter(self.profiles(db).await?))
    }

    /// The ids of [`Scope::people`], as a subquery for rows that point at a job seeker
    /// (requests, invitations): `column.in_subquery(scope.people_ids(db).await?)`.
    pub async fn people_ids<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<sea_orm::sea_query::SelectStatement, AppError> {
        use sea_orm::{QuerySelect, QueryTrait};
        Ok(self
            .people(db)
            .await?
            .select_only()
            .column(job_seeker::Column::Id)
            .into_query())
    }

    /// Fetches one profile by id if, and only if, it is in scope.
    pub async fn profile<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<Option<job_seeker::Model>, AppError> {
        Ok(self
            .people(db)
            .await?
            .filter(job_seeker::Column::Id.eq(id))
            .one(db)
            .await?)
    }

    /// The municipalities whose staff-facing data (employers, vacancies, contact requests)
    /// this user may see: for staff the gemeenten of their region.
    pub fn region_id(&self) -> Option<i32> {
        match *self {
            Scope::Organisation { region_id, .. } | Scope::Municipality { region_id, .. } => {
                Some(region_id)
            }
            _ => None,
        }
    }
}

/// Dual consent (SPEC §10): employers see a job seeker only while the job seeker is active and
/// their consultant has not held the profile back. The candidate index keeps the same rule
/// (`foundation::candidate_index`, its `ACTIVE` bit); every employer read goes through this one.
pub fn shown_to_employers() -> Condition {
    Condition::all()
        .add(job_seeker::Column::State.eq(ProfileState::Active.code()))
        .add(job_seeker::Column::HeldBackAt.is_null())
}

/// A condition no row meets.
fn nothing() -> Condition {
    Condition::all().add(Expr::cust("1 = 0"))
}

/// The *active* gemeenten of a region: job seekers of a deactivated gemeente are invisible to
/// employers. (A deactivated region's employers and a deactivated gemeente's partners cannot
/// sign in at all: `access::principal::principal_of`.)
fn region_municipalities(region: impl Into<Expr>) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .column(municipality::Column::Id)
        .from(municipality::Entity)
        .and_where(Expr::col((municipality::Entity, municipality::Column::RegionId)).eq(region))
        .and_where(municipality::Column::Active.eq(true))
        .to_owned()
}

/// An employer's reach as one comma-separated text, for the region `region` (a column of the
/// query it is part of): `access::principal` reads it in the same statement as the session.
pub(crate) fn reach_list(
    backend: sea_orm::DbBackend,
    region: impl Into<Expr>,
) -> sea_orm::sea_query::SelectStatement {
    let mut list = region_municipalities(region);
    list.clear_selects()
        .expr(crate::foundation::dialect::id_list(
            backend,
            Expr::col((municipality::Entity, municipality::Column::Id)),
        ));
    list
}

/// The partner's data-sharing agreement in force today, if any: the fields it names.
pub async fn current_agreement<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
) -> Result<Option<FieldSet>, AppError> {
    Ok(agreement_in_force(db, partner_id).await?.map(|a| a.fields))
}

/// An agreement in force: the fields it shares and the moment it took effect.
#[derive(Clone, Copy, Debug)]
pub struct AgreementInForce {
    pub fields: FieldSet,
    /// The later of its first day (from midnight UTC, as `valid_from` is compared) and its
    /// confirmation by a second staff member: before this the partner could read nothing under it.
    pub since: DateTime<Utc>,
}

/// The partner's data-sharing agreement in force today, if any.
pub async fn agreement_in_force<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
) -> Result<Option<AgreementInForce>, AppError> {
    let today = Utc::now().date_naive();
    let agreement = partner_agreement::Entity::find()
        .filter(partner_agreement::Column::PartnerId.eq(partner_id))
        // Four eyes: an agreement is in force only once a second staff member confirmed it.
        .filter(partner_agreement::Column::ConfirmedAt.is_not_null())
        .filter(partner_agreement::Column::ValidFrom.lte(today))
        .filter(
            Condition::any()
                .add(partner_agreement::Column::ValidUntil.is_null())
                .add(partner_agreement::Column::ValidUntil.gte(today)),
        )
        .order_by_desc(partner_agreement::Column::ValidFrom)
        .one(db)
        .await?;
    let Some(a) = agreement else {
        return Ok(None);
    };
    let fields = FieldSet::parse_codes(&a.fields).map_err(|code| {
        tracing::error!(agreement = a.id, code, "unknown field code in agreement");
        AppError::Internal
    })?;
    let first_day = a.valid_from.and_time(chrono::NaiveTime::MIN).and_utc();
    let since = a.confirmed_at.map_or(first_day, |c| c.max(first_day));
    Ok(Some(AgreementInForce { fields, since }))
}
