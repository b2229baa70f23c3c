//! Invitations (an employer invites a candidate for a vacancy) and interest (a job seeker shows
//! interest in a vacancy): both are one row, seen by the job seeker, the employer and the
//! job seeker's gemeente; the job seeker accepts or declines, the gemeente records the outcome.

use chrono::Utc;
use kernel::domain::{InvitationStatus, Outcome};
use kernel::views::invitations::*;

use crate::access::audit::{self, Entry};
use crate::access::principal::Principal;
use entity::{employer, invitation, job_seeker, municipality, occupation, vacancy};
use kernel::domain::{TargetGroups, VacancyStatus};
use kernel::error::AppError;
use kernel::matching::VacancyFacts;
use kernel::policy::FieldSet;
use kernel::views::paging::Paged;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;

/// Moves an unanswered invitation to `to` (withdrawn, accepted, declined) and records it on
/// the job seeker's audit trail, in one transaction. The change is conditional on the
/// invitation still being unanswered, so a withdrawal and an answer at the same moment
/// cannot both happen; `Ok(false)` when it no longer was (nothing changed, no entry).
pub async fn transition<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &Principal,
    row: &invitation::Model,
    to: InvitationStatus,
    action: &'static str,
) -> Result<bool, AppError> {
    let profile = crate::model::profile::audit_subject(db, row.job_seeker_id).await?;
    let txn = crate::foundation::db::begin_write(db).await?;
    let changed = invitation::Entity::update_many()
        .col_expr(invitation::Column::Status, Expr::value(to.code()))
        .col_expr(invitation::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::Status.eq(InvitationStatus::Sent.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Ok(false);
    }
    let entry = Entry::profile(action, &profile, FieldSet::EMPTY).on("invitation", row.id);
    audit::record(&txn, Some(p), entry).await?;
    txn.commit().await?;
    Ok(true)
}

pub async fn vacancy_facts<C: ConnectionTrait>(
    db: &C,
    vacancies: &[vacancy::Model],
) -> Result<Vec<VacancyFacts>, AppError> {
    let occupations: HashMap<i32, String> = occupation::Entity::find()
        .filter(occupation::Column::Id.is_in(vacancies.iter().map(|v| v.occupation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let municipalities: HashMap<i32, String> = municipality::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let level = |v: i16| u8::try_from(v).unwrap_or(0);
    Ok(vacancies
        .iter()
        .map(|v| VacancyFacts {
            occupation_id: v.occupation_id,
            occupation: occupations
                .get(&v.occupation_id)
                .cloned()
                .unwrap_or_default(),
            municipality_id: v.municipality_id,
            municipality: municipalities
                .get(&v.municipality_id)
                .cloned()
                .unwrap_or_default(),
            hours_per_week: u8::try_from(v.hours_per_week).unwrap_or(u8::MAX),
            demands: [
                level(v.pd_sitting),
                level(v.pd_standing),
                level(v.pd_walking),
                level(v.pd_bending),
                level(v.pd_lifting),
            ],
            suits: TargetGroups {
                banenafspraak: v.suits_banenafspraak,
                praktijkroute: v.suits_praktijkroute,
                bbl: v.suits_bbl,
                ondernemer: v.suits_ondernemer,
            },
            text: format!("{} {}", v.title, v.description),
        })
        .collect())
}

/// Views of `rows`. `candidates` (read through the caller's scope) name the candidate of
/// each row; without them, and for anyone not among them, no name is shown.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<invitation::Model>,
    candidates: Option<&[job_seeker::Model]>,
) -> Result<Vec<InvitationView>, AppError> {
    let vacancies: HashMap<i32, vacancy::Model> = vacancy::Entity::find()
        .filter(vacancy::Column::Id.is_in(rows.iter().map(|r| r.vacancy_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let employers: HashMap<i32, String> = employer::Entity::find()
        .filter(employer::Column::Id.is_in(rows.iter().map(|r| r.employer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let names: HashMap<i32, String> = if let Some(people) = candidates {
        people
            .iter()
            .map(|j| (j.id, format!("{} {}", j.first_name, j.last_name)))
            .collect()
    } else {
        HashMap::new()
    };
    Ok(rows
        .into_iter()
        .map(|r| InvitationView {
            id: r.id,
            vacancy_id: r.vacancy_id,
            vacancy_title: vacancies
                .get(&r.vacancy_id)
                .map(|v| v.title.clone())
                .unwrap_or_default(),
            employer: employers.get(&r.employer_id).cloned().unwrap_or_default(),
            candidate: names.get(&r.job_seeker_id).cloned(),
            by_employer: r.initiated_by == BY_EMPLOYER,
            message: r.message,
            status: InvitationStatus::from_code(&r.status).unwrap_or(InvitationStatus::Sent),
            outcome: r.outcome.as_deref().and_then(Outcome::from_code),
            created_at: r.created_at,
        })
        .collect())
}

/// Page `page` of the invitations of one job seeker, newest first.
pub async fn of_job_seeker<C: ConnectionTrait>(
    db: &C,
    job_seeker_id: i32,
    page: u32,
) -> Result<Paged<InvitationView>, AppError> {
    let query = invitation::Entity::find()
        .filter(invitation::Column::JobSeekerId.eq(job_seeker_id))
        .order_by_desc(invitation::Column::CreatedAt)
        .order_by_desc(invitation::Column::Id);
    let mut page =
        crate::foundation::paging::fetch(db, query, page, kernel::views::paging::PAGE_SIZE).await?;
    let rows = std::mem::take(&mut page.items);
    Ok(page.with_items(views(db, rows, None).await?))
}

/// Open vacancies in the gemeenten of a region.
pub async fn open_in_region<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
) -> Result<Vec<vacancy::Model>, AppError> {
    Ok(open_in_region_query(region_id)
        .order_by_desc(vacancy::Column::CreatedAt)
        .all(db)
        .await?)
}

/// One open vacancy of the region, if `id` is one.
pub async fn open_in_region_by_id<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
    id: i32,
) -> Result<Option<vacancy::Model>, AppError> {
    Ok(open_in_region_query(region_id)
        .filter(vacancy::Column::Id.eq(id))
        .one(db)
        .await?)
}

/// The open vacancies in the gemeenten of a region.
fn open_in_region_query(region_id: i32) -> sea_orm::Select<vacancy::Entity> {
    use sea_orm::{QuerySelect, QueryTrait};
    vacancy::Entity::find()
        .filter(vacancy::Column::Status.eq(VacancyStatus::Open.code()))
        .filter(
            vacancy::Column::MunicipalityId.in_subquery(
                municipality::Entity::find()
                    .select_only()
                    .column(municipality::Column::Id)
                    .filter(municipality::Column::RegionId.eq(region_id))
                    .into_query(),
            ),
        )
}
